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
import { SWEEP_DEFAULTS, SweepingSolver, sweepFields, type SweepConfig } from './dp-solver';

/** The sweep settings (dp-solver.ts); synchronous sweeps reproduce problem 19.3. */
export type ValueIterationConfig = SweepConfig;

export const VALUE_ITERATION_DEFAULTS: ValueIterationConfig = { ...SWEEP_DEFAULTS };

export const VALUE_ITERATION_FIELDS: FieldSpecs<ValueIterationConfig> = sweepFields({
  tolerance: 'Converged when the largest value change in a sweep falls below this.',
  maxSweeps: 'solve() gives up after this many sweeps.',
  update: 'synchronous: a sweep reads the old values (problem 19.3); in-place: it reads the newest.',
});

export class ValueIteration extends SweepingSolver<ValueIterationConfig> {
  readonly method = 'value-iteration';
  protected readonly rule = 'optimality';

  constructor(model: TabularModel, config: Partial<ValueIterationConfig> = {}) {
    super(model, resolveConfig('value-iteration', VALUE_ITERATION_FIELDS, VALUE_ITERATION_DEFAULTS, config));
  }

  /** The optimality backup takes the max: no policy to average over. */
  protected evaluatedPolicy(): undefined {
    return undefined;
  }
}
