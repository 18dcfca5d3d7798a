/**
 * Iterative policy evaluation (eq 19.11): the value of a fixed policy pi.
 *
 *   v(s) <- sum_a pi(a|s) [ r(s,a) + gamma * sum_s' P(s'|s,a) v(s') ]
 *
 * The policy defaults to the uniform random one; on Sutton and Barto's 4x4 world (gamma 1, -1 per
 * step) it gives their famous 0 -14 -20 -22 / -14 -18 -20 -20 / ... table.
 */
import type { TabularModel } from '../../environments/core/types';
import { checkPolicy, uniformPolicy } from './bellman';
import { resolveConfig, type FieldSpecs } from './config';
import { SWEEP_DEFAULTS, SweepingSolver, sweepFields, type SweepConfig } from './dp-solver';

/** The sweep settings (dp-solver.ts); `maxSweeps`: an improper policy with gamma = 1 never converges. */
export type PolicyEvaluationConfig = SweepConfig;

export const POLICY_EVALUATION_DEFAULTS: PolicyEvaluationConfig = { ...SWEEP_DEFAULTS };

export const POLICY_EVALUATION_FIELDS: FieldSpecs<PolicyEvaluationConfig> = sweepFields({
  tolerance: 'Converged when the largest value change in a sweep falls below this.',
  maxSweeps: 'solve() gives up after this many sweeps (an improper policy with gamma 1 never converges).',
});

export class PolicyEvaluation extends SweepingSolver<PolicyEvaluationConfig> {
  readonly method = 'policy-evaluation';
  protected readonly rule = 'evaluation';
  /** pi(a|s), flat nS*nA; fixed for the solver's life. */
  private readonly evaluated: Float64Array;

  constructor(model: TabularModel, config: Partial<PolicyEvaluationConfig> = {}, policy?: ArrayLike<number>) {
    super(model, resolveConfig('policy-evaluation', POLICY_EVALUATION_FIELDS, POLICY_EVALUATION_DEFAULTS, config));
    if (policy !== undefined) checkPolicy(policy, model.nS, model.nA);
    this.evaluated = policy === undefined ? uniformPolicy(model.nS, model.nA) : Float64Array.from(policy);
  }

  protected evaluatedPolicy(): Float64Array {
    return this.evaluated;
  }
}
