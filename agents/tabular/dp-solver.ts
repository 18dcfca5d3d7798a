/**
 * What every dynamic-programming solver shares: the value table, one-state backups in a given
 * order, sweeps, convergence and the explanation of the last backup.
 *
 * Synchronous sweeps read every state's old value (a copy taken when the sweep starts), so the
 * result does not depend on the state order: that is what problem 19.3 tabulates. In-place
 * sweeps read the values already updated earlier in the same sweep (Gauss-Seidel), which
 * usually converges faster.
 *
 * The solvers (policy-evaluation.ts, policy-iteration.ts, value-iteration.ts, async-dp.ts)
 * say which rule and policy a backup uses and what happens after each sweep.
 */
import type { TabularModel } from '../../environments/core/types';
import type { BellmanBackupExplanation } from '../core/agent';
import { backupState, greedyPolicy, qFromV, type BellmanRule } from './bellman';
import { compileModel, compiledBackupValue, type CompiledModel } from './compiled-model';
import type { FieldSpecs } from './config';

export type DpMethodName = 'policy-evaluation' | 'policy-iteration' | 'value-iteration' | 'async-dp';
export type SweepUpdate = 'synchronous' | 'in-place';
export const SWEEP_UPDATES: readonly SweepUpdate[] = ['synchronous', 'in-place'];

/** The sweep settings every DP solver's config shares (each solver's field table says exactly what they mean for it). */
export interface SweepConfig {
  /** Discount factor gamma (the chapter uses 0.9). */
  readonly gamma: number;
  /** Convergence threshold: a sweep whose largest change (value change or Bellman error) is below this counts as converged. */
  readonly tolerance: number;
  /** `solve()` gives up after this many sweeps. */
  readonly maxSweeps: number;
  /** `synchronous`: every backup in a sweep reads the old values. `in-place`: reads the newest. */
  readonly update: SweepUpdate;
}

/** What SweepingSolver reads from a config; a config without `update` (async DP) backs up in place. */
export type SweepSettings = Omit<SweepConfig, 'update'> & { readonly update?: SweepUpdate };

export const SWEEP_DEFAULTS: SweepConfig = { gamma: 0.9, tolerance: 1e-10, maxSweeps: 100_000, update: 'synchronous' };

/** Each solver's doc lines for the shared fields whose meaning differs between solvers (gamma's doc is the same for all). */
export interface SweepFieldDocs {
  readonly tolerance: string;
  readonly maxSweeps: string;
  /** Default: 'synchronous: a sweep reads the old values; in-place: it reads the newest.' */
  readonly update?: string;
}

/** The field-table entries for the sweep settings, in the order forms and `--help` list them: gamma, tolerance, maxSweeps, update. */
export function sweepFields(docs: SweepFieldDocs): FieldSpecs<SweepConfig> {
  return {
    gamma: { type: 'number', min: 0, max: 1, doc: 'Discount factor gamma (the chapter uses 0.9).' },
    tolerance: { type: 'number', min: 0, minExclusive: true, doc: docs.tolerance },
    maxSweeps: { type: 'integer', min: 1, doc: docs.maxSweeps },
    update: { type: 'enum', options: SWEEP_UPDATES, doc: docs.update ?? 'synchronous: a sweep reads the old values; in-place: it reads the newest.' },
  };
}

export interface DpSolution {
  readonly values: Float64Array;
  readonly q: Float64Array;
  readonly policy: Float64Array;
  /** Policy iteration: policy improvements made. Everything else: sweeps. */
  readonly iterations: number;
  /** Sweeps (nS backups each) done in total. */
  readonly sweeps: number;
  readonly converged: boolean;
}

export interface DpSolver {
  readonly method: DpMethodName;
  readonly model: TabularModel;
  readonly gamma: number;
  /** v(s), live: backups write here. */
  readonly values: Float64Array;
  /** q(s,a) = r + gamma * sum P v for the current values (a fresh nS*nA table). */
  readonly q: Float64Array;
  /** pi(a|s) as an nS*nA table: the evaluated policy, or the greedy policy of the current values. */
  readonly policy: Float64Array;
  /** Completed sweeps. */
  readonly sweeps: number;
  /** One-state backups done. */
  readonly backups: number;
  /** Largest |change| of a value during the last completed sweep (Infinity before the first). */
  readonly lastSweepChange: number;
  /** Converged to the configured tolerance. */
  readonly converged: boolean;
  /** changed[s] = 1 when v(s) changed since `clearChanged()`. */
  readonly changed: Uint8Array;
  clearChanged(): void;
  /** Back up state `s` now (outside the sweep order) and return the terms. */
  backup(s: number): BellmanBackupExplanation;
  /** Back up the next state in the solver's order (states 0..nS-1 for sweeping solvers, wrapping). */
  backupNext(): BellmanBackupExplanation;
  /** Finish the current sweep (a whole one when none is under way); returns its largest |change|. */
  sweep(): number;
  /** Sweep until converged to `tolerance` or `maxSweeps` sweeps have been done in all. */
  solve(tolerance?: number, maxSweeps?: number): DpSolution;
  explain(): BellmanBackupExplanation | null;
}

/** The sweeping machinery; a solver supplies the rule, the policy and the after-sweep step. */
export abstract class SweepingSolver<C extends SweepSettings = SweepSettings> implements DpSolver {
  abstract readonly method: DpMethodName;
  readonly values: Float64Array;
  readonly changed: Uint8Array;
  sweeps = 0;
  backups = 0;
  lastSweepChange = Infinity;
  protected cursor = 0;
  protected sweepChange = 0;
  /** Synchronous sweeps read the values as they were when the sweep began. */
  private readonly sweepStartValues: Float64Array;
  private lastExplanation: BellmanBackupExplanation | null = null;
  /** The model as flat arrays, for the sweep's fast path. */
  private readonly compiled: CompiledModel;

  readonly gamma: number;
  protected readonly update: SweepUpdate;
  protected readonly tolerance: number;
  protected readonly maxSweeps: number;

  /** `config`: the solver's resolved (validated) config. */
  protected constructor(
    readonly model: TabularModel,
    readonly config: C,
  ) {
    this.gamma = config.gamma;
    this.update = config.update ?? 'in-place';
    this.tolerance = config.tolerance;
    this.maxSweeps = config.maxSweeps;
    this.values = new Float64Array(model.nS);
    this.sweepStartValues = new Float64Array(model.nS);
    this.changed = new Uint8Array(model.nS);
    this.compiled = compileModel(model);
  }

  protected abstract readonly rule: BellmanRule;
  /** The policy the evaluation rule averages over (unused by the optimality rule). */
  protected abstract evaluatedPolicy(): Float64Array | undefined;
  /** Called when a sweep completes, with its largest |change|. */
  protected afterSweep(_change: number): void {}
  /** Called after each backup (prioritised sweeping refreshes priorities here). */
  protected afterBackup(_s: number): void {}
  /** The state the next backup in order will visit. */
  protected nextState(): number {
    return this.cursor;
  }
  /** Whether the solver has converged to `tolerance`. */
  protected hasConverged(tolerance: number): boolean {
    return this.lastSweepChange < tolerance;
  }

  get converged(): boolean {
    return this.hasConverged(this.tolerance);
  }

  get q(): Float64Array {
    return qFromV(this.model, this.values, this.gamma);
  }

  get policy(): Float64Array {
    return this.evaluatedPolicy()?.slice() ?? greedyPolicy(this.q, this.model.nA);
  }

  clearChanged(): void {
    this.changed.fill(0);
  }

  /** Which values a backup reads: the sweep-start copy (synchronous) or the live table. */
  private readValues(): Float64Array {
    if (this.update === 'in-place') return this.values;
    if (this.cursor === 0) this.sweepStartValues.set(this.values); // no sweep under way: start one
    return this.sweepStartValues;
  }

  private store(s: number, newValue: number): void {
    const change = Math.abs(newValue - this.values[s]);
    if (change > 0) this.changed[s] = 1;
    if (change > this.sweepChange) this.sweepChange = change;
    this.values[s] = newValue;
    this.backups++;
    this.afterBackup(s);
  }

  backup(s: number): BellmanBackupExplanation {
    if (!(Number.isInteger(s) && s >= 0 && s < this.model.nS)) throw new Error(`state must be an integer in [0, ${this.model.nS - 1}], got ${s}`);
    const explanation = backupState(this.model, this.readValues(), s, this.gamma, this.rule, this.evaluatedPolicy());
    this.store(s, explanation.newValue);
    this.lastExplanation = explanation;
    return explanation;
  }

  /** Advances the sweep position; a full turn completes a sweep. */
  private advance(): void {
    this.cursor++;
    if (this.cursor < this.model.nS) return;
    this.cursor = 0;
    this.sweeps++;
    this.lastSweepChange = this.sweepChange;
    this.sweepChange = 0;
    this.afterSweep(this.lastSweepChange);
  }

  backupNext(): BellmanBackupExplanation {
    const explanation = this.backup(this.nextState());
    this.advance();
    return explanation;
  }

  sweep(): number {
    const nS = this.model.nS;
    // The fast path builds no explanation objects; the sweep's last backup is explained.
    while (this.cursor < nS - 1) {
      const s = this.nextState();
      this.store(s, compiledBackupValue(this.compiled, this.readValues(), s, this.gamma, this.rule, this.evaluatedPolicy()));
      this.advance();
    }
    this.backupNext();
    return this.lastSweepChange;
  }

  /** Policy iteration counts improvements; the rest count sweeps. */
  protected iterations(): number {
    return this.sweeps;
  }

  solve(tolerance = this.tolerance, maxSweeps = this.maxSweeps): DpSolution {
    while (!this.hasConverged(tolerance) && this.sweeps < maxSweeps) this.sweep();
    return {
      values: this.values.slice(),
      q: this.q,
      policy: this.policy,
      iterations: this.iterations(),
      sweeps: this.sweeps,
      converged: this.hasConverged(tolerance),
    };
  }

  explain(): BellmanBackupExplanation | null {
    return this.lastExplanation;
  }
}
