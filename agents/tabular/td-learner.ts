/**
 * The parts the one-step temporal-difference learners share (sarsa.ts, expected-sarsa.ts,
 * q-learning.ts, double-q-learning.ts): config, q-table, acting, the explanation record and
 * saving. Each learner's own file holds its update rule, read top to bottom in `observe`.
 *
 * TD learners learn in `observe` (one update per transition); `update()` has nothing to do.
 * Nothing here allocates per step: the last update is kept as scalars and turned into a
 * TdExplanation only when `explain()` is called.
 */
import type { Rng } from '../../environments/core/rng';
import type { Transition } from '../../environments/core/types';
import type { ActMode, AgentFile, TdExplanation } from '../core/agent';
import type { Schedule } from '../core/schedules';
import { resolveConfig, type FieldSpecs } from './config';
import {
  alphaSchedule,
  checkDims,
  checkSavedDims,
  EXPLORATION_DEFAULTS,
  EXPLORATION_FIELDS,
  ExplorationPolicy,
  greedyAction,
  greedyTable,
  readInteger,
  STEP_SIZE_DEFAULTS,
  STEP_SIZE_FIELDS,
  type ExplorationConfig,
  type StepSizeConfig,
  type TabularDims,
  type TabularLearner,
} from './learner';

export const AGENT_FILE_VERSION = 1;

export interface TdConfig extends StepSizeConfig, ExplorationConfig {
  /** Discount factor gamma (the chapter uses 0.9). */
  readonly gamma: number;
  /** Every q(s,a) starts here; optimistic (high) values make a greedy agent explore. */
  readonly initialQ: number;
}

export const TD_DEFAULTS: TdConfig = { gamma: 0.9, ...STEP_SIZE_DEFAULTS, ...EXPLORATION_DEFAULTS, initialQ: 0 };

export const TD_FIELDS: FieldSpecs<TdConfig> = {
  gamma: { type: 'number', min: 0, max: 1, doc: 'Discount factor gamma (the chapter uses 0.9).' },
  ...STEP_SIZE_FIELDS,
  ...EXPLORATION_FIELDS,
  initialQ: { type: 'number', doc: 'Every q(s,a) starts here; optimistic (high) values make a greedy agent explore.' },
};

type TdAlgorithm = TdExplanation['algorithm'];

/** The scalars of the last update; a TdExplanation is built from them on demand. */
interface LastUpdate {
  done: boolean;
  state: number;
  action: number;
  reward: number;
  nextState: number;
  nextAction: number;
  terminated: boolean;
  alpha: number;
  bootstrap: number;
  table: 'A' | 'B' | null;
  oldValue: number;
  target: number;
  newValue: number;
}

export abstract class TdLearner implements TabularLearner {
  abstract readonly name: TdAlgorithm;
  readonly nS: number;
  readonly nA: number;
  readonly config: TdConfig;
  readonly q: Float64Array;
  steps = 0;
  protected readonly explorer: ExplorationPolicy;
  protected readonly alphaSchedule: Schedule;
  protected readonly last: LastUpdate = {
    done: false,
    state: 0,
    action: 0,
    reward: 0,
    nextState: 0,
    nextAction: -1,
    terminated: false,
    alpha: 0,
    bootstrap: 0,
    table: null,
    oldValue: 0,
    target: 0,
    newValue: 0,
  };

  protected constructor(agent: TdAlgorithm, dims: TabularDims, config: Partial<TdConfig>) {
    checkDims(agent, dims);
    this.nS = dims.nS;
    this.nA = dims.nA;
    this.config = resolveConfig(agent, TD_FIELDS, TD_DEFAULTS, config);
    this.q = new Float64Array(dims.nS * dims.nA).fill(this.config.initialQ);
    this.explorer = new ExplorationPolicy(this.config, dims.nA);
    this.alphaSchedule = alphaSchedule(this.config);
  }

  abstract observe(t: Transition<number, number>, rng: Rng): void;

  act(obs: number, rng: Rng, mode: ActMode): number {
    return mode === 'greedy' ? greedyAction(this.q, obs, this.nA, rng) : this.explorer.act(this.q, obs, this.steps, rng);
  }

  /** TD learners learn in `observe`. */
  update(): null {
    return null;
  }

  reset(): void {}

  dispose(): void {}

  currentEpsilon(): number | null {
    return this.explorer.epsilonAt(this.steps);
  }

  currentTemperature(): number | null {
    return this.explorer.temperatureAt(this.steps);
  }

  policyTable(mode: ActMode, out: Float64Array = new Float64Array(this.nS * this.nA)): Float64Array {
    return mode === 'greedy' ? greedyTable(this.q, this.nA, out) : this.explorer.table(this.q, this.steps, out);
  }

  protected record(
    state: number,
    action: number,
    reward: number,
    nextState: number,
    terminated: boolean,
    alpha: number,
    bootstrap: number,
    oldValue: number,
    target: number,
    newValue: number,
  ): void {
    const last = this.last;
    last.done = true;
    last.state = state;
    last.action = action;
    last.reward = reward;
    last.nextState = nextState;
    last.terminated = terminated;
    last.alpha = alpha;
    last.bootstrap = bootstrap;
    last.oldValue = oldValue;
    last.target = target;
    last.newValue = newValue;
  }

  explain(): TdExplanation | null {
    const last = this.last;
    if (!last.done) return null;
    return {
      kind: 'td',
      algorithm: this.name,
      state: last.state,
      action: last.action,
      reward: last.reward,
      nextState: last.nextState,
      ...(last.nextAction >= 0 ? { nextAction: last.nextAction } : {}),
      terminated: last.terminated,
      gamma: this.config.gamma,
      alpha: last.alpha,
      bootstrap: last.bootstrap,
      ...(last.table !== null ? { table: last.table } : {}),
      oldValue: last.oldValue,
      target: last.target,
      tdError: last.target - last.oldValue,
      newValue: last.newValue,
    };
  }

  /** The learner's tables and extra state, as plain JSON. */
  protected abstract saveState(): Record<string, unknown>;
  /** Restores what `saveState` wrote (after the shared checks). */
  protected abstract restoreState(state: Readonly<Record<string, unknown>>): void;

  save(): AgentFile {
    return {
      format: 'floe-agent',
      version: AGENT_FILE_VERSION,
      agent: this.name,
      config: { ...this.config },
      state: { nS: this.nS, nA: this.nA, steps: this.steps, ...this.saveState() },
    };
  }

  /** Puts a saved state back (used by loadTabularAgent). Throws, changing nothing, on bad input. */
  restore(state: Readonly<Record<string, unknown>>): void {
    checkSavedDims(this.name, state, this);
    const steps = readInteger(this.name, state, 'steps', 0);
    this.restoreState(state);
    this.steps = steps;
    this.last.done = false;
  }
}
