/**
 * A dynamic-programming session: one solver on an exact model, as a Trainable stepped in
 * 'backup' units (one state, in the solver's order: states 0..nS-1 wrapping, or async-dp's own
 * order) or 'sweep' units. Each completed sweep adds a 'charts/max_value_change' row; `done()`
 * says the solver has converged to its tolerance.
 */
import type { Metrics, TabularModel } from '../../environments/core/types';
import type { BellmanBackupExplanation } from '../core/agent';
import type { DpMethodName, DpSolver } from '../tabular/dp-solver';
import { PolicyIteration } from '../tabular/policy-iteration';
import { createDpSolver } from '../tabular/registry';
import type { StepUnit, Trainable } from './trainable';

export interface DpSessionOptions {
  readonly model: TabularModel & { readonly spec?: { readonly gamma: number } };
  readonly method: DpMethodName;
  /** The solver's config; gamma defaults to the model's spec gamma when it has one. */
  readonly config?: object;
  /** The policy to evaluate (policy-evaluation) or to start from (policy-iteration); default uniform random. */
  readonly policy?: ArrayLike<number>;
}

export interface DpSnapshot {
  readonly kind: 'dp';
  readonly method: DpMethodName;
  readonly nS: number;
  readonly nA: number;
  readonly values: number[];
  /** q[s * nA + a] for the current values. */
  readonly q: number[];
  /** pi(a|s) [s * nA + a]: the evaluated policy (policy evaluation, policy iteration) or the greedy one. */
  readonly policy: number[];
  /** Completed sweeps. */
  readonly sweeps: number;
  /** One-state backups done. */
  readonly backups: number;
  /** Largest |value change| in the last completed sweep (null before the first). */
  readonly lastSweepChange: number | null;
  readonly converged: boolean;
  readonly lastExplanation: BellmanBackupExplanation | null;
  /** States whose value changed during the last `step` or `backupState` call. */
  readonly changedStates: number[];
  /** Policy iteration: policy improvements so far. */
  readonly improvements?: number;
}

export interface DpSession extends Trainable<DpSnapshot> {
  readonly units: readonly StepUnit[];
  readonly solver: DpSolver;
  /** Backups (default) or sweeps. */
  step(n: number, unit?: StepUnit): Metrics[];
  /** The Bellman stepper: back up one chosen state now, outside the sweep order. */
  backupState(s: number): Metrics[];
  done(): boolean;
  snapshot(): DpSnapshot;
  dispose(): void;
}

export function createDpSession(options: DpSessionOptions): DpSession {
  const { model, method } = options;
  const config: Record<string, unknown> = { ...options.config };
  if (config.gamma === undefined && model.spec !== undefined) config.gamma = model.spec.gamma;
  const solver = createDpSolver(method, model, config, options.policy);
  let lastExplanation: BellmanBackupExplanation | null = null;

  /** A row for every sweep completed since `sweepsBefore`. */
  const sweepRows = (sweepsBefore: number, rows: Metrics[]): void => {
    if (solver.sweeps > sweepsBefore) rows.push({ global_step: solver.sweeps, 'charts/max_value_change': solver.lastSweepChange });
  };

  return {
    units: ['backup', 'sweep'],
    solver,
    step(n: number, unit: StepUnit = 'backup'): Metrics[] {
      if (!(Number.isInteger(n) && n >= 0)) throw new Error(`step needs a non-negative integer count, got ${n}`);
      if (unit !== 'backup' && unit !== 'sweep') throw new Error(`a DP session steps in 'backup' or 'sweep' units, got '${unit}'`);
      solver.clearChanged();
      const rows: Metrics[] = [];
      for (let i = 0; i < n; i++) {
        const sweepsBefore = solver.sweeps;
        if (unit === 'backup') lastExplanation = solver.backupNext();
        else {
          solver.sweep();
          lastExplanation = solver.explain();
        }
        sweepRows(sweepsBefore, rows);
      }
      return rows;
    },
    backupState(s: number): Metrics[] {
      solver.clearChanged();
      lastExplanation = solver.backup(s);
      return [];
    },
    done: () => solver.converged,
    snapshot(): DpSnapshot {
      const changedStates: number[] = [];
      for (let s = 0; s < model.nS; s++) if (solver.changed[s] === 1) changedStates.push(s);
      return {
        kind: 'dp',
        method,
        nS: model.nS,
        nA: model.nA,
        values: Array.from(solver.values),
        q: Array.from(solver.q),
        policy: Array.from(solver.policy),
        sweeps: solver.sweeps,
        backups: solver.backups,
        lastSweepChange: Number.isFinite(solver.lastSweepChange) ? solver.lastSweepChange : null,
        converged: solver.converged,
        lastExplanation,
        changedStates,
        ...(solver instanceof PolicyIteration ? { improvements: solver.improvements } : {}),
      };
    },
    dispose(): void {},
  };
}
