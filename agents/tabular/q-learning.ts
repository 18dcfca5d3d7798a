/**
 * Q-learning (eq 19.15, fig 19.12): off-policy TD control.
 *
 *   q(s,a) <- q(s,a) + alpha [ r + gamma * max_a' q(s',a') - q(s,a) ]
 *
 * It acts with the exploring policy (epsilon-greedy or Boltzmann) but bootstraps with the max,
 * so it learns the values of the greedy policy: on the cliff it learns the short path along the
 * edge even though its exploring self falls off now and then.
 */
import type { Rng } from '../../environments/core/rng';
import type { Transition } from '../../environments/core/types';
import { maxValue } from '../core/exploration';
import { scheduleValue } from '../core/schedules';
import type { TabularDims } from './learner';
import { readTable } from './learner';
import { TD_DEFAULTS, TD_FIELDS, TdLearner, type TdConfig } from './td-learner';

export type QLearningConfig = TdConfig;
export const Q_LEARNING_DEFAULTS: QLearningConfig = TD_DEFAULTS;
export const Q_LEARNING_FIELDS = TD_FIELDS;

export class QLearning extends TdLearner {
  readonly name = 'q-learning';

  constructor(dims: TabularDims, config: Partial<QLearningConfig> = {}) {
    super('q-learning', dims, config);
  }

  observe(t: Transition<number, number>, _rng: Rng): void {
    const { nA, q } = this;
    const alpha = scheduleValue(this.alphaSchedule, this.steps);
    const index = t.obs * nA + t.action;
    const oldValue = q[index];
    // NOTE: bootstrap through truncation (the time limit is not part of the world), never
    // through termination (nothing follows the end of the episode).
    const bootstrap = t.terminated ? 0 : maxValue(q, t.nextObs * nA, nA);
    const target = t.reward + this.config.gamma * bootstrap;
    const newValue = oldValue + alpha * (target - oldValue);
    q[index] = newValue;
    this.steps++;
    this.record(t.obs, t.action, t.reward, t.nextObs, t.terminated, alpha, bootstrap, oldValue, target, newValue);
  }

  protected saveState(): Record<string, unknown> {
    return { q: Array.from(this.q) };
  }

  protected restoreState(state: Readonly<Record<string, unknown>>): void {
    this.q.set(readTable(this.name, state, 'q', this.q.length));
  }
}
