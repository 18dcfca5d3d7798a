/**
 * Asynchronous dynamic programming: value-iteration backups, in place, one state at a time, in
 * an order other than a fixed sweep.
 *
 * - `random`: each sweep visits every state once, in a fresh random order (seeded).
 * - `prioritised`: always back up the state with the largest Bellman error |(T v)(s) - v(s)|
 *   (prioritised sweeping). A backup changes v(s), which changes the error of s and of every
 *   state that can move into s, so exactly those priorities are recomputed.
 *
 * A "sweep" here is nS backups, to compare with the sweeping solvers. Converged when the largest
 * Bellman error is below `tolerance` (measured after each sweep for `random`; the priorities
 * are exact errors for `prioritised`).
 */
import { deriveRng, type Rng } from '../../environments/core/rng';
import type { TabularModel } from '../../environments/core/types';
import { backupValue, bellmanResidual } from './bellman';
import { resolveConfig, type FieldSpecs } from './config';
import { SWEEP_DEFAULTS, SweepingSolver, sweepFields, type SweepConfig } from './dp-solver';

export type AsyncOrder = 'random' | 'prioritised';

/** The sweep settings (dp-solver.ts) but `update` (always in-place), plus the order. */
export interface AsyncDpConfig extends Omit<SweepConfig, 'update'> {
  /** Which state to back up next: `random` (a fresh permutation per sweep) or `prioritised` (largest Bellman error). */
  readonly order: AsyncOrder;
  /** Seed of the random order. */
  readonly seed: number;
}

const SWEEP = sweepFields({
  tolerance: 'Converged when the largest Bellman error falls below this.',
  maxSweeps: 'solve() gives up after this many sweeps (nS backups each).',
});

export const ASYNC_DP_DEFAULTS: AsyncDpConfig = { gamma: SWEEP_DEFAULTS.gamma, tolerance: SWEEP_DEFAULTS.tolerance, maxSweeps: SWEEP_DEFAULTS.maxSweeps, order: 'prioritised', seed: 0 };

export const ASYNC_DP_FIELDS: FieldSpecs<AsyncDpConfig> = {
  gamma: SWEEP.gamma,
  tolerance: SWEEP.tolerance,
  maxSweeps: SWEEP.maxSweeps,
  order: { type: 'enum', options: ['random', 'prioritised'], doc: 'random: a fresh permutation each sweep; prioritised: largest Bellman error first.' },
  seed: { type: 'integer', min: 0, doc: 'Seed of the random order.' },
};

export class AsyncDp extends SweepingSolver<AsyncDpConfig> {
  readonly method = 'async-dp';
  protected readonly rule = 'optimality';
  private readonly rng: Rng;
  /** random: this sweep's visiting order. */
  private readonly order: Int32Array;
  /** prioritised: |(T v)(s) - v(s)| for every state, kept exact. */
  readonly priorities: Float64Array;
  /** prioritised: the states whose successors include s (s itself too when it can stay put). */
  private readonly predecessors: readonly (readonly number[])[];
  private residualAfterSweep = Infinity;

  constructor(model: TabularModel, config: Partial<AsyncDpConfig> = {}) {
    super(model, resolveConfig('async-dp', ASYNC_DP_FIELDS, ASYNC_DP_DEFAULTS, config));
    this.rng = deriveRng(this.config.seed, 'async-dp');
    this.order = new Int32Array(model.nS);
    this.priorities = new Float64Array(model.nS);
    const sets = Array.from({ length: model.nS }, () => new Set<number>());
    for (let s = 0; s < model.nS; s++) {
      if (model.terminal(s)) continue; // a terminal state's value reads no successor
      for (let a = 0; a < model.nA; a++) for (const { next, prob } of model.P(s, a)) if (prob > 0) sets[next].add(s);
    }
    this.predecessors = sets.map((set) => [...set].sort((x, y) => x - y));
    for (let s = 0; s < model.nS; s++) this.refreshPriority(s);
    this.shuffleOrder();
  }

  protected evaluatedPolicy(): undefined {
    return undefined;
  }

  private refreshPriority(s: number): void {
    this.priorities[s] = Math.abs(backupValue(this.model, this.values, s, this.gamma, 'optimality') - this.values[s]);
  }

  /** Fisher-Yates with the seeded rng. */
  private shuffleOrder(): void {
    const n = this.order.length;
    for (let i = 0; i < n; i++) this.order[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.rng.int(i + 1);
      const swap = this.order[i];
      this.order[i] = this.order[j];
      this.order[j] = swap;
    }
  }

  protected override nextState(): number {
    if (this.config.order === 'random') return this.order[this.cursor];
    let best = 0; // ties: the lowest state
    for (let s = 1; s < this.priorities.length; s++) if (this.priorities[s] > this.priorities[best]) best = s;
    return best;
  }

  protected override afterBackup(s: number): void {
    if (this.config.order !== 'prioritised') return;
    this.refreshPriority(s);
    for (const p of this.predecessors[s]) this.refreshPriority(p);
  }

  protected override afterSweep(): void {
    if (this.config.order === 'random') {
      this.residualAfterSweep = bellmanResidual(this.model, this.values, this.gamma, 'optimality');
      this.shuffleOrder();
    }
  }

  /** The largest Bellman error now (random order: as measured after the last sweep). */
  get bellmanError(): number {
    if (this.config.order === 'random') return this.residualAfterSweep;
    let worst = 0;
    for (let s = 0; s < this.priorities.length; s++) if (this.priorities[s] > worst) worst = this.priorities[s];
    return worst;
  }

  protected override hasConverged(tolerance: number): boolean {
    return this.bellmanError < tolerance;
  }
}
