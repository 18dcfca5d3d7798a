/**
 * SARSA (eq 19.14): on-policy TD control on the tuple (s, a, r, s', a').
 *
 *   q(s,a) <- q(s,a) + alpha [ r(s,a) + gamma * q(s',a') - q(s,a) ]
 *
 * a' is the action the agent will really take next, so SARSA learns the value of its exploring
 * policy: on the cliff, where an exploratory step off the edge row is costly, it learns a route
 * that keeps away from the edge.
 *
 * NOTE: a' is drawn here, in `observe`, with the rng `observe` is given (from the exploring policy
 * before this update), and the next `act(s', rng, 'explore')` returns it: the action that was
 * bootstrapped on is the action taken. `reset()` (a new episode) drops it.
 */
import type { Rng } from '../../environments/core/rng';
import type { ActMode } from '../core/agent';
import type { Transition } from '../../environments/core/types';
import { scheduleValue } from '../core/schedules';
import { readInteger, readTable, type TabularDims } from './learner';
import { TD_DEFAULTS, TD_FIELDS, TdLearner, type TdConfig } from './td-learner';

export type SarsaConfig = TdConfig;
export const SARSA_DEFAULTS: SarsaConfig = TD_DEFAULTS;
export const SARSA_FIELDS = TD_FIELDS;

export class Sarsa extends TdLearner {
  readonly name = 'sarsa';
  /** The next action already chosen for `committedState` (-1: none). */
  private committedAction = -1;
  private committedState = -1;

  constructor(dims: TabularDims, config: Partial<SarsaConfig> = {}) {
    super('sarsa', dims, config);
  }

  override act(obs: number, rng: Rng, mode: ActMode): number {
    if (mode === 'explore' && this.committedAction >= 0 && obs === this.committedState) {
      const action = this.committedAction;
      this.committedAction = -1;
      return action;
    }
    return super.act(obs, rng, mode);
  }

  observe(t: Transition<number, number>, rng: Rng): void {
    const { nA, q } = this;
    const alpha = scheduleValue(this.alphaSchedule, this.steps);
    const index = t.obs * nA + t.action;
    const oldValue = q[index];
    this.steps++;
    this.committedAction = -1;
    // NOTE: bootstrap through truncation (draw a' as if the episode went on), never through termination.
    let nextAction = -1;
    let bootstrap = 0;
    if (!t.terminated) {
      nextAction = this.explorer.act(q, t.nextObs, this.steps, rng);
      bootstrap = q[t.nextObs * nA + nextAction];
      if (!t.truncated) {
        this.committedAction = nextAction;
        this.committedState = t.nextObs;
      }
    }
    const target = t.reward + this.config.gamma * bootstrap;
    const newValue = oldValue + alpha * (target - oldValue);
    q[index] = newValue;
    this.record(t.obs, t.action, t.reward, t.nextObs, t.terminated, alpha, bootstrap, oldValue, target, newValue);
    this.last.nextAction = nextAction;
  }

  override reset(): void {
    this.committedAction = -1;
  }

  protected saveState(): Record<string, unknown> {
    return { q: Array.from(this.q), committedAction: this.committedAction, committedState: this.committedState };
  }

  protected restoreState(state: Readonly<Record<string, unknown>>): void {
    const q = readTable(this.name, state, 'q', this.q.length);
    const committedAction = readInteger(this.name, state, 'committedAction', -1, this.nA - 1);
    const committedState = readInteger(this.name, state, 'committedState', -1, this.nS - 1);
    this.q.set(q);
    this.committedAction = committedAction;
    this.committedState = committedState;
  }
}
