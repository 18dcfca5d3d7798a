/**
 * Expected SARSA: SARSA with the next action averaged out under the exploring policy.
 *
 *   q(s,a) <- q(s,a) + alpha [ r + gamma * sum_a' pi(a'|s') q(s',a') - q(s,a) ]
 *
 * Same fixed point as SARSA (the exploring policy's values) with less variance: the target no
 * longer depends on which a' happened to be drawn. With epsilon = 0 it is Q-learning.
 */
import type { Rng } from '../../environments/core/rng';
import type { Transition } from '../../environments/core/types';
import { scheduleValue } from '../core/schedules';
import { readTable, type TabularDims } from './learner';
import { TD_DEFAULTS, TD_FIELDS, TdLearner, type TdConfig } from './td-learner';

export type ExpectedSarsaConfig = TdConfig;
export const EXPECTED_SARSA_DEFAULTS: ExpectedSarsaConfig = TD_DEFAULTS;
export const EXPECTED_SARSA_FIELDS = TD_FIELDS;

export class ExpectedSarsa extends TdLearner {
  readonly name = 'expected-sarsa';
  /** pi(.|s'), reused every step. */
  private readonly nextProbs: Float64Array;

  constructor(dims: TabularDims, config: Partial<ExpectedSarsaConfig> = {}) {
    super('expected-sarsa', dims, config);
    this.nextProbs = new Float64Array(dims.nA);
  }

  observe(t: Transition<number, number>, _rng: Rng): void {
    const { nA, q } = this;
    const alpha = scheduleValue(this.alphaSchedule, this.steps);
    const index = t.obs * nA + t.action;
    const oldValue = q[index];
    this.steps++;
    // NOTE: bootstrap through truncation, never through termination.
    let bootstrap = 0;
    if (!t.terminated) {
      // The policy the agent will follow in s' (this step's schedule values, before this update).
      this.explorer.probs(q, t.nextObs, this.steps, this.nextProbs);
      for (let a = 0; a < nA; a++) bootstrap += this.nextProbs[a] * q[t.nextObs * nA + a];
    }
    const target = t.reward + this.config.gamma * bootstrap;
    const newValue = oldValue + alpha * (target - oldValue);
    q[index] = newValue;
    this.record(t.obs, t.action, t.reward, t.nextObs, t.terminated, alpha, bootstrap, oldValue, target, newValue);
  }

  protected saveState(): Record<string, unknown> {
    return { q: Array.from(this.q) };
  }

  protected restoreState(state: Readonly<Record<string, unknown>>): void {
    this.q.set(readTable(this.name, state, 'q', this.q.length));
  }
}
