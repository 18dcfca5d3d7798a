/**
 * Policy iteration: evaluate the current policy (eq 19.11), then make it greedy (eq 19.12),
 * until the policy no longer changes.
 *
 * Evaluation sweeps run until the values change by less than `tolerance` in a sweep (or for
 * `evaluationSweeps` sweeps: a small number gives "modified policy iteration"). Then every state
 * whose policy some action beats by more than the improvement threshold switches to the greedy
 * policy (ties share probability). States that are already greedy keep their policy: without that
 * rule, ties and rounding could make the policy flip back and forth forever.
 * Converged: the policy is stable and its evaluation has converged.
 */
import type { TabularModel } from '../../environments/core/types';
import { checkPolicy, greedyPolicy, qFromV, uniformPolicy } from './bellman';
import { resolveConfig, type FieldSpecs } from './config';
import { SWEEP_UPDATES, SweepingSolver, type SweepUpdate } from './dp-solver';

export interface PolicyIterationConfig {
  /** Discount factor gamma (the chapter uses 0.9). */
  readonly gamma: number;
  /** Evaluation is done when the largest value change in a sweep falls below this. */
  readonly tolerance: number;
  /** At most this many evaluation sweeps before each improvement (small values: modified policy iteration). */
  readonly evaluationSweeps: number;
  /** `solve()` gives up after this many evaluation sweeps in all. */
  readonly maxSweeps: number;
  /** How evaluation sweeps read values: `synchronous` (old values) or `in-place` (newest). */
  readonly update: SweepUpdate;
}

export const POLICY_ITERATION_DEFAULTS: PolicyIterationConfig = {
  gamma: 0.9,
  tolerance: 1e-10,
  evaluationSweeps: 10_000,
  maxSweeps: 100_000,
  update: 'synchronous',
};

export const POLICY_ITERATION_FIELDS: FieldSpecs<PolicyIterationConfig> = {
  gamma: { type: 'number', min: 0, max: 1, doc: 'Discount factor gamma (the chapter uses 0.9).' },
  tolerance: { type: 'number', min: 0, minExclusive: true, doc: 'Evaluation is done when the largest value change in a sweep falls below this.' },
  evaluationSweeps: { type: 'integer', min: 1, doc: 'At most this many evaluation sweeps before each improvement (small: modified policy iteration).' },
  maxSweeps: { type: 'integer', min: 1, doc: 'solve() gives up after this many evaluation sweeps in all.' },
  update: { type: 'enum', options: SWEEP_UPDATES, doc: 'How evaluation sweeps read values: synchronous (old values) or in-place (newest).' },
};

export class PolicyIteration extends SweepingSolver {
  readonly method = 'policy-iteration';
  protected readonly rule = 'evaluation';
  readonly config: PolicyIterationConfig;
  /** Policy improvements that changed the policy. */
  improvements = 0;
  /** True once an improvement step found nothing to improve (reset when values move again). */
  policyStable = false;
  private current: Float64Array;
  private sweepsThisEvaluation = 0;
  /** An action must beat the policy by more than this to replace it (evaluation is only ~tolerance exact). */
  private readonly improvementThreshold: number;

  constructor(model: TabularModel, config: Partial<PolicyIterationConfig> = {}, initialPolicy?: ArrayLike<number>) {
    const resolved = resolveConfig('policy-iteration', POLICY_ITERATION_FIELDS, POLICY_ITERATION_DEFAULTS, config);
    super(model, resolved.gamma, resolved.update, resolved.tolerance, resolved.maxSweeps);
    this.config = resolved;
    if (initialPolicy !== undefined) checkPolicy(initialPolicy, model.nS, model.nA);
    this.current = initialPolicy === undefined ? uniformPolicy(model.nS, model.nA) : Float64Array.from(initialPolicy);
    this.improvementThreshold = Math.max(1e-9, 1e3 * resolved.tolerance);
  }

  protected evaluatedPolicy(): Float64Array {
    return this.current;
  }

  /** 'evaluation' while the current policy's values are still moving, 'stable' when done. */
  get phase(): 'evaluation' | 'stable' {
    return this.converged ? 'stable' : 'evaluation';
  }

  protected override afterSweep(change: number): void {
    this.sweepsThisEvaluation++;
    const evaluated = change < this.tolerance;
    if (!evaluated && this.sweepsThisEvaluation < this.config.evaluationSweeps) {
      this.policyStable = false;
      return;
    }
    this.sweepsThisEvaluation = 0;
    this.policyStable = !this.improve();
  }

  /** Greedy improvement (eq 19.12); returns whether the policy changed. */
  private improve(): boolean {
    const { nS, nA } = this.model;
    const q = qFromV(this.model, this.values, this.gamma);
    const greedy = greedyPolicy(q, nA);
    let changed = false;
    for (let s = 0; s < nS; s++) {
      let best = -Infinity;
      let policyValue = 0;
      for (let a = 0; a < nA; a++) {
        best = Math.max(best, q[s * nA + a]);
        policyValue += this.current[s * nA + a] * q[s * nA + a];
      }
      if (best - policyValue > this.improvementThreshold) {
        this.current.set(greedy.subarray(s * nA, (s + 1) * nA), s * nA);
        changed = true;
      }
    }
    if (changed) this.improvements++;
    return changed;
  }

  protected override hasConverged(tolerance: number): boolean {
    return this.policyStable && this.lastSweepChange < tolerance;
  }

  protected override iterations(): number {
    return this.improvements;
  }
}
