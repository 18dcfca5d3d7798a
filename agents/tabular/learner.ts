/**
 * What the tabular learners share: the TabularLearner interface the runner drives, the
 * exploration and step-size config fields with their schedules, and save/restore helpers.
 *
 * Every learner keeps q as a flat Float64Array(nS * nA): q[s * nA + a]. Its clock `steps` counts
 * the transitions observed; the epsilon, temperature and alpha schedules run on it.
 */
import type { Rng } from '../../environments/core/rng';
import type { ActMode, Agent } from '../core/agent';
import {
  argmaxRandomTie,
  boltzmannAction,
  boltzmannProbs,
  epsilonGreedyAction,
  epsilonGreedyProbs,
  EXPLORATION_KINDS,
  type ExplorationKind,
} from '../core/exploration';
import { DECAY_KINDS, scheduleValue, type DecayKind, type Schedule } from '../core/schedules';
import { greedyPolicy } from './bellman';
import type { FieldSpecs } from './config';

export type TabularLearnerName = 'monte-carlo' | 'sarsa' | 'expected-sarsa' | 'q-learning' | 'double-q-learning';

/** A tabular agent over integer states and actions, as the learner session drives it. */
export interface TabularLearner extends Agent<number, number> {
  readonly name: TabularLearnerName;
  readonly nS: number;
  readonly nA: number;
  readonly config: object;
  /** The action values the agent acts on, live (double Q-learning: (A + B) / 2). Do not write. */
  readonly q: Float64Array;
  /** Transitions observed: the clock of the schedules. */
  readonly steps: number;
  /** epsilon now, or null when the agent does not act epsilon-greedily. */
  currentEpsilon(): number | null;
  /** The Boltzmann temperature now, or null when the agent does not use Boltzmann exploration. */
  currentTemperature(): number | null;
  /** pi(a|s) for every state (nS*nA): the exploring policy, or the greedy one with ties shared. */
  policyTable(mode: ActMode, out?: Float64Array): Float64Array;
  /**
   * Monte Carlo with exploring starts: the session should start each episode in a random state
   * with a random first action (section 19.3.2). Absent or false: start as the env does.
   */
  wantsExploringStart?(): boolean;
  /** Puts back the `state` of a file `save()` wrote; throws, changing nothing, on bad input. */
  restore(state: Readonly<Record<string, unknown>>): void;
}

export interface TabularDims {
  readonly nS: number;
  readonly nA: number;
}

export function checkDims(agent: string, dims: TabularDims): void {
  if (!(Number.isInteger(dims.nS) && dims.nS >= 1)) throw new Error(`${agent}: nS must be a positive integer, got ${dims.nS}`);
  if (!(Number.isInteger(dims.nA) && dims.nA >= 1)) throw new Error(`${agent}: nA must be a positive integer, got ${dims.nA}`);
}

// ---------------------------------------------------------------------------------------------
// Shared config fields

export interface ExplorationConfig {
  /** `epsilon-greedy` (section 19.3.2) or `boltzmann`: pi(a|s) proportional to exp(q(s,a)/tau) (problem 19.4). */
  readonly exploration: ExplorationKind;
  /** Probability of a uniformly random action, at the start of training. */
  readonly epsilon: number;
  /** The epsilon the decay approaches. */
  readonly epsilonEnd: number;
  /** How epsilon decays with the steps observed: constant, linear or exponential. */
  readonly epsilonDecay: DecayKind;
  /** Linear: steps to reach epsilonEnd. Exponential: half-life in steps. */
  readonly epsilonDecaySteps: number;
  /** Boltzmann temperature tau at the start: large is uniform, small is greedy. */
  readonly temperature: number;
  /** The temperature the decay approaches. */
  readonly temperatureEnd: number;
  /** How the temperature decays: constant, linear or exponential. */
  readonly temperatureDecay: DecayKind;
  /** Linear: steps to reach temperatureEnd. Exponential: half-life in steps. */
  readonly temperatureDecaySteps: number;
}

export interface StepSizeConfig {
  /** Step size alpha at the start of training. */
  readonly alpha: number;
  /** The alpha the decay approaches. */
  readonly alphaEnd: number;
  /** How alpha decays with the steps observed: constant, linear or exponential. */
  readonly alphaDecay: DecayKind;
  /** Linear: steps to reach alphaEnd. Exponential: half-life in steps. */
  readonly alphaDecaySteps: number;
}

export const EXPLORATION_DEFAULTS: ExplorationConfig = {
  exploration: 'epsilon-greedy',
  epsilon: 0.1,
  epsilonEnd: 0.01,
  epsilonDecay: 'constant',
  epsilonDecaySteps: 10_000,
  temperature: 1,
  temperatureEnd: 0.05,
  temperatureDecay: 'constant',
  temperatureDecaySteps: 10_000,
};

export const STEP_SIZE_DEFAULTS: StepSizeConfig = { alpha: 0.1, alphaEnd: 0.01, alphaDecay: 'constant', alphaDecaySteps: 10_000 };

const decayDoc = 'Linear: steps to reach the end value. Exponential: half-life in steps.';

export const EXPLORATION_FIELDS: FieldSpecs<ExplorationConfig> = {
  exploration: { type: 'enum', options: EXPLORATION_KINDS, doc: 'epsilon-greedy, or boltzmann: pi(a|s) proportional to exp(q(s,a)/tau) (problem 19.4).' },
  epsilon: { type: 'number', min: 0, max: 1, doc: 'Probability of a uniformly random action, at the start of training.' },
  epsilonEnd: { type: 'number', min: 0, max: 1, doc: 'The epsilon the decay approaches.' },
  epsilonDecay: { type: 'enum', options: DECAY_KINDS, doc: 'How epsilon decays with the steps observed.' },
  epsilonDecaySteps: { type: 'integer', min: 1, doc: decayDoc },
  temperature: { type: 'number', min: 0, minExclusive: true, doc: 'Boltzmann temperature tau at the start: large is uniform, small is greedy.' },
  temperatureEnd: { type: 'number', min: 0, minExclusive: true, doc: 'The temperature the decay approaches.' },
  temperatureDecay: { type: 'enum', options: DECAY_KINDS, doc: 'How the temperature decays with the steps observed.' },
  temperatureDecaySteps: { type: 'integer', min: 1, doc: decayDoc },
};

export const STEP_SIZE_FIELDS: FieldSpecs<StepSizeConfig> = {
  alpha: { type: 'number', min: 0, max: 1, minExclusive: true, doc: 'Step size alpha at the start of training.' },
  alphaEnd: { type: 'number', min: 0, max: 1, minExclusive: true, doc: 'The alpha the decay approaches.' },
  alphaDecay: { type: 'enum', options: DECAY_KINDS, doc: 'How alpha decays with the steps observed.' },
  alphaDecaySteps: { type: 'integer', min: 1, doc: decayDoc },
};

export function epsilonSchedule(c: ExplorationConfig): Schedule {
  return { kind: c.epsilonDecay, start: c.epsilon, end: c.epsilonEnd, steps: c.epsilonDecaySteps };
}

export function temperatureSchedule(c: ExplorationConfig): Schedule {
  return { kind: c.temperatureDecay, start: c.temperature, end: c.temperatureEnd, steps: c.temperatureDecaySteps };
}

export function alphaSchedule(c: StepSizeConfig): Schedule {
  return { kind: c.alphaDecay, start: c.alpha, end: c.alphaEnd, steps: c.alphaDecaySteps };
}

/**
 * The exploring policy of a q-table under an ExplorationConfig, at clock `t`. Allocation-free:
 * `act` runs every step.
 */
export class ExplorationPolicy {
  private readonly epsilon: Schedule;
  private readonly temperature: Schedule;

  constructor(
    readonly config: ExplorationConfig,
    private readonly nA: number,
  ) {
    this.epsilon = epsilonSchedule(config);
    this.temperature = temperatureSchedule(config);
  }

  epsilonAt(t: number): number | null {
    return this.config.exploration === 'epsilon-greedy' ? scheduleValue(this.epsilon, t) : null;
  }

  temperatureAt(t: number): number | null {
    return this.config.exploration === 'boltzmann' ? scheduleValue(this.temperature, t) : null;
  }

  act(q: Float64Array, s: number, t: number, rng: Rng): number {
    const offset = s * this.nA;
    if (this.config.exploration === 'boltzmann') return boltzmannAction(q, offset, this.nA, scheduleValue(this.temperature, t), rng);
    return epsilonGreedyAction(q, offset, this.nA, scheduleValue(this.epsilon, t), rng);
  }

  /** pi(.|s) into out[outOffset .. outOffset + nA). */
  probs(q: Float64Array, s: number, t: number, out: Float64Array, outOffset = 0): void {
    const offset = s * this.nA;
    if (this.config.exploration === 'boltzmann') boltzmannProbs(q, offset, this.nA, scheduleValue(this.temperature, t), out, outOffset);
    else epsilonGreedyProbs(q, offset, this.nA, scheduleValue(this.epsilon, t), out, outOffset);
  }

  /** pi(.|s) for every state. */
  table(q: Float64Array, t: number, out: Float64Array): Float64Array {
    for (let s = 0; s < q.length / this.nA; s++) this.probs(q, s, t, out, s * this.nA);
    return out;
  }
}

/** Greedy action with ties broken uniformly: what every learner does in 'greedy' mode. */
export function greedyAction(q: Float64Array, s: number, nA: number, rng: Rng): number {
  return argmaxRandomTie(q, s * nA, nA, rng);
}

export function greedyTable(q: Float64Array, nA: number, out?: Float64Array): Float64Array {
  return greedyPolicy(q, nA, out ?? new Float64Array(q.length));
}

// ---------------------------------------------------------------------------------------------
// Saving and restoring

/** A typed array as a plain JSON array (exact: JSON round-trips doubles). */
export function toPlain(values: ArrayLike<number>): number[] {
  return Array.from(values);
}

/** Reads state[key] as exactly `length` finite numbers; precise errors otherwise. */
export function readTable(agent: string, state: Readonly<Record<string, unknown>>, key: string, length: number): Float64Array {
  const value = state[key];
  if (!Array.isArray(value)) throw new Error(`${agent} file: state.${key} must be an array of numbers`);
  if (value.length !== length) throw new Error(`${agent} file: state.${key} has ${value.length} entries, expected ${length}`);
  const table = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const x: unknown = value[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new Error(`${agent} file: state.${key}[${i}] must be a finite number, got ${JSON.stringify(x)}`);
    table[i] = x;
  }
  return table;
}

/** Reads state[key] as an integer in [min, max]. */
export function readInteger(agent: string, state: Readonly<Record<string, unknown>>, key: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = state[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${agent} file: state.${key} must be an integer in [${min}, ${max}], got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Checks that a saved state was made for the same table size. */
export function checkSavedDims(agent: string, state: Readonly<Record<string, unknown>>, dims: TabularDims): void {
  const nS = readInteger(agent, state, 'nS', 1);
  const nA = readInteger(agent, state, 'nA', 1);
  if (nS !== dims.nS || nA !== dims.nA) throw new Error(`${agent} file: saved for nS ${nS} x nA ${nA}, but the agent has nS ${dims.nS} x nA ${dims.nA}`);
}
