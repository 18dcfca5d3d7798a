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
import { SWEEP_DEFAULTS, SweepingSolver, sweepFields, type SweepConfig } from './dp-solver';

/** The sweep settings (dp-solver.ts; here they govern the evaluation sweeps) plus `evaluationSweeps`. */
export interface PolicyIterationConfig extends SweepConfig {
  /** At most this many evaluation sweeps before each improvement (small values: modified policy iteration). */
  readonly evaluationSweeps: number;
}

const SWEEP = sweepFields({
  tolerance: 'Evaluation is done when the largest value change in a sweep falls below this.',
  maxSweeps: 'solve() gives up after this many evaluation sweeps in all.',
  update: 'How evaluation sweeps read values: synchronous (old values) or in-place (newest).',
});

/** Listed (forms, `--help`) with evaluationSweeps between tolerance and maxSweeps. */
export const POLICY_ITERATION_DEFAULTS: PolicyIterationConfig = {
  gamma: SWEEP_DEFAULTS.gamma,
  tolerance: SWEEP_DEFAULTS.tolerance,
  evaluationSweeps: 10_000,
  maxSweeps: SWEEP_DEFAULTS.maxSweeps,
  update: SWEEP_DEFAULTS.update,
};

export const POLICY_ITERATION_FIELDS: FieldSpecs<PolicyIterationConfig> = {
  gamma: SWEEP.gamma,
  tolerance: SWEEP.tolerance,
  evaluationSweeps: { type: 'integer', min: 1, doc: 'At most this many evaluation sweeps before each improvement (small: modified policy iteration).' },
  maxSweeps: SWEEP.maxSweeps,
  update: SWEEP.update,
};

export class PolicyIteration extends SweepingSolver<PolicyIterationConfig> {
  readonly method = 'policy-iteration';
  protected readonly rule = 'evaluation';
  /** Policy improvements that changed the policy. */
  improvements = 0;
  /** True once an improvement step found nothing to improve (reset when values move again). */
  policyStable = false;
  private current: Float64Array;
  private sweepsThisEvaluation = 0;
  /** An action must beat the policy by more than this to replace it (evaluation is only ~tolerance exact). */
  private readonly improvementThreshold: number;

  constructor(model: TabularModel, config: Partial<PolicyIterationConfig> = {}, initialPolicy?: ArrayLike<number>) {
    super(model, resolveConfig('policy-iteration', POLICY_ITERATION_FIELDS, POLICY_ITERATION_DEFAULTS, config));
    if (initialPolicy !== undefined) checkPolicy(initialPolicy, model.nS, model.nA);
    this.current = initialPolicy === undefined ? uniformPolicy(model.nS, model.nA) : Float64Array.from(initialPolicy);
    this.improvementThreshold = Math.max(1e-9, 1e3 * this.config.tolerance);
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
