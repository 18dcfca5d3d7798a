/**
 * Value iteration: sweep the Bellman optimality backup until the values stop changing.
 *
 *   v(s) <- max_a [ r(s,a) + gamma * sum_s' P(s'|s,a) v(s') ]      (eqs 19.11 + 19.12 in one step)
 *
 * One synchronous sweep of evaluation followed by greedy improvement is exactly this backup, so
 * `sweeps: n` synchronous sweeps from v = 0 reproduce problem 19.3 for any initial policy.
 * The policy is always the greedy policy of the current values (ties share probability).
 */
import type { TabularModel } from '../../environments/core/types';
import { resolveConfig, type FieldSpecs } from './config';
import { SWEEP_UPDATES, SweepingSolver, type SweepUpdate } from './dp-solver';

export interface ValueIterationConfig {
  /** Discount factor gamma (the chapter uses 0.9). */
  readonly gamma: number;
  /** Converged when the largest value change in a sweep falls below this. */
  readonly tolerance: number;
  /** `solve()` gives up after this many sweeps. */
  readonly maxSweeps: number;
  /** `synchronous`: every backup in a sweep reads the old values (problem 19.3). `in-place`: reads the newest. */
  readonly update: SweepUpdate;
}

export const VALUE_ITERATION_DEFAULTS: ValueIterationConfig = { gamma: 0.9, tolerance: 1e-10, maxSweeps: 100_000, update: 'synchronous' };

export const VALUE_ITERATION_FIELDS: FieldSpecs<ValueIterationConfig> = {
  gamma: { type: 'number', min: 0, max: 1, doc: 'Discount factor gamma (the chapter uses 0.9).' },
  tolerance: { type: 'number', min: 0, minExclusive: true, doc: 'Converged when the largest value change in a sweep falls below this.' },
  maxSweeps: { type: 'integer', min: 1, doc: 'solve() gives up after this many sweeps.' },
  update: { type: 'enum', options: SWEEP_UPDATES, doc: 'synchronous: a sweep reads the old values (problem 19.3); in-place: it reads the newest.' },
};

export class ValueIteration extends SweepingSolver {
  readonly method = 'value-iteration';
  protected readonly rule = 'optimality';
  readonly config: ValueIterationConfig;

  constructor(model: TabularModel, config: Partial<ValueIterationConfig> = {}) {
    const resolved = resolveConfig('value-iteration', VALUE_ITERATION_FIELDS, VALUE_ITERATION_DEFAULTS, config);
    super(model, resolved.gamma, resolved.update, resolved.tolerance, resolved.maxSweeps);
    this.config = resolved;
  }

  /** The optimality backup takes the max: no policy to average over. */
  protected evaluatedPolicy(): undefined {
    return undefined;
  }
}
