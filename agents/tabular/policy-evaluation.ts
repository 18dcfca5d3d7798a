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
import { SWEEP_UPDATES, SweepingSolver, type SweepUpdate } from './dp-solver';

export interface PolicyEvaluationConfig {
  /** Discount factor gamma (the chapter uses 0.9). */
  readonly gamma: number;
  /** Converged when the largest value change in a sweep falls below this. */
  readonly tolerance: number;
  /** `solve()` gives up after this many sweeps (an improper policy with gamma = 1 never converges). */
  readonly maxSweeps: number;
  /** `synchronous`: every backup in a sweep reads the old values. `in-place`: reads the newest. */
  readonly update: SweepUpdate;
}

export const POLICY_EVALUATION_DEFAULTS: PolicyEvaluationConfig = { gamma: 0.9, tolerance: 1e-10, maxSweeps: 100_000, update: 'synchronous' };

export const POLICY_EVALUATION_FIELDS: FieldSpecs<PolicyEvaluationConfig> = {
  gamma: { type: 'number', min: 0, max: 1, doc: 'Discount factor gamma (the chapter uses 0.9).' },
  tolerance: { type: 'number', min: 0, minExclusive: true, doc: 'Converged when the largest value change in a sweep falls below this.' },
  maxSweeps: { type: 'integer', min: 1, doc: 'solve() gives up after this many sweeps (an improper policy with gamma 1 never converges).' },
  update: { type: 'enum', options: SWEEP_UPDATES, doc: 'synchronous: a sweep reads the old values; in-place: it reads the newest.' },
};

export class PolicyEvaluation extends SweepingSolver {
  readonly method = 'policy-evaluation';
  protected readonly rule = 'evaluation';
  readonly config: PolicyEvaluationConfig;
  /** pi(a|s), flat nS*nA; fixed for the solver's life. */
  private readonly evaluated: Float64Array;

  constructor(model: TabularModel, config: Partial<PolicyEvaluationConfig> = {}, policy?: ArrayLike<number>) {
    const resolved = resolveConfig('policy-evaluation', POLICY_EVALUATION_FIELDS, POLICY_EVALUATION_DEFAULTS, config);
    super(model, resolved.gamma, resolved.update, resolved.tolerance, resolved.maxSweeps);
    this.config = resolved;
    if (policy !== undefined) checkPolicy(policy, model.nS, model.nA);
    this.evaluated = policy === undefined ? uniformPolicy(model.nS, model.nA) : Float64Array.from(policy);
  }

  protected evaluatedPolicy(): Float64Array {
    return this.evaluated;
  }
}
