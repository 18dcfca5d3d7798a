/**
 * Double Q-learning (eq 19.20): two tables, each transition updates one of them at random.
 *
 *   coin heads: qA(s,a) <- qA(s,a) + alpha [ r + gamma * qB(s', argmax_a' qA(s',a')) - qA(s,a) ]
 *   coin tails: the same with A and B swapped
 *
 * One table picks the next action, the other values it, so the max no longer picks up the
 * upward noise of one table's own estimates (the maximisation bias of Q-learning).
 * It acts on q = (qA + qB) / 2 (same greedy action as qA + qB).
 *
 * NOTE: the coin is drawn from the rng `observe` is given (the session's replay stream), so the
 * exploring stream is the same as for Q-learning with the same seed.
 */
import type { Rng } from '../../environments/core/rng';
import type { Transition } from '../../environments/core/types';
import { argmaxFirst } from '../core/exploration';
import { scheduleValue } from '../core/schedules';
import { readTable, type TabularDims } from './learner';
import { TD_DEFAULTS, TD_FIELDS, TdLearner, type TdConfig } from './td-learner';

export type DoubleQLearningConfig = TdConfig;
export const DOUBLE_Q_LEARNING_DEFAULTS: DoubleQLearningConfig = TD_DEFAULTS;
export const DOUBLE_Q_LEARNING_FIELDS = TD_FIELDS;

export class DoubleQLearning extends TdLearner {
  readonly name = 'double-q-learning';
  readonly qA: Float64Array;
  readonly qB: Float64Array;

  constructor(dims: TabularDims, config: Partial<DoubleQLearningConfig> = {}) {
    super('double-q-learning', dims, config);
    this.qA = this.q.slice();
    this.qB = this.q.slice();
  }

  observe(t: Transition<number, number>, rng: Rng): void {
    const { nA, qA, qB } = this;
    const alpha = scheduleValue(this.alphaSchedule, this.steps);
    const index = t.obs * nA + t.action;
    const updateA = rng.next() < 0.5;
    const own = updateA ? qA : qB; // the table being updated picks the action...
    const other = updateA ? qB : qA; // ...and the other one values it
    const oldValue = own[index];
    // NOTE: bootstrap through truncation, never through termination. Any maximiser will do for
    // the argmax (ties are broken towards the first action).
    const bootstrap = t.terminated ? 0 : other[t.nextObs * nA + argmaxFirst(own, t.nextObs * nA, nA)];
    const target = t.reward + this.config.gamma * bootstrap;
    const newValue = oldValue + alpha * (target - oldValue);
    own[index] = newValue;
    this.q[index] = (qA[index] + qB[index]) / 2;
    this.steps++;
    this.record(t.obs, t.action, t.reward, t.nextObs, t.terminated, alpha, bootstrap, oldValue, target, newValue);
    this.last.table = updateA ? 'A' : 'B';
  }

  protected saveState(): Record<string, unknown> {
    return { qA: Array.from(this.qA), qB: Array.from(this.qB) };
  }

  protected restoreState(state: Readonly<Record<string, unknown>>): void {
    const qA = readTable(this.name, state, 'qA', this.qA.length);
    const qB = readTable(this.name, state, 'qB', this.qB.length);
    this.qA.set(qA);
    this.qB.set(qB);
    for (let i = 0; i < this.q.length; i++) this.q[i] = (qA[i] + qB[i]) / 2;
  }
}
