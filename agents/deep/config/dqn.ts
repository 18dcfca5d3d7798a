/**
 * DQN's config (agents/deep/dqn.ts is the agent): the fields, their defaults, docs and checks.
 * No tensors here, so the page's forms and links read it without loading tfjs.
 */
import { describeFields, resolveConfig, type FieldDoc, type FieldSpecs } from '../../tabular/config';
import { ACTIVATIONS, type Activation } from '../types';
import { CONV_DEFAULTS, CONV_FIELDS, type ConvConfig } from './conv';

export type DqnLoss = 'huber' | 'squared';

export interface DqnConfig extends ConvConfig {
  /** Units of each hidden layer of the Q-network, input to output. */
  readonly hidden: readonly number[];
  /** Activation after every hidden layer. */
  readonly activation: Activation;
  /** Seed of the weight initialisation (the same seed gives the same initial weights). */
  readonly initSeed: number;
  /** Adam's step size. */
  readonly learningRate: number;
  /** Discount factor gamma. */
  readonly gamma: number;
  /** Transitions per gradient step. */
  readonly batchSize: number;
  /** Replay buffer capacity in transitions; the oldest is overwritten when full. */
  readonly bufferSize: number;
  /** Env steps observed before the first gradient step (the buffer fills with early experience). */
  readonly learningStarts: number;
  /** Env steps between training rounds. */
  readonly trainFrequency: number;
  /** Gradient steps per training round. */
  readonly gradientSteps: number;
  /** Env steps between target-network updates (ignored with twoNetwork). */
  readonly targetSyncEvery: number;
  /** Target update phi^- <- tau phi + (1 - tau) phi^-: 1 is a hard copy, below 1 Polyak averaging. */
  readonly tau: number;
  /** 'huber' (delta 1) or 'squared' TD error. */
  readonly loss: DqnLoss;
  /** Clip every reward to [-1, 1] before learning from it (the DQN paper's Atari setting). */
  readonly clipRewards: boolean;
  /** Epsilon at step 0 (probability of a uniformly random action). */
  readonly epsilonStart: number;
  /** Epsilon after the linear decay. */
  readonly epsilonEnd: number;
  /** Env steps over which epsilon falls linearly from epsilonStart to epsilonEnd. */
  readonly epsilonDecaySteps: number;
  /** Double DQN: the online network picks the next action, the target network evaluates it. */
  readonly double: boolean;
  /** The book's double DQN (eq 19.21): two online networks, each evaluating the other's choice. */
  readonly twoNetwork: boolean;
  /** Dueling head: q = v + A - mean(A). */
  readonly dueling: boolean;
  /** Steps per return: targets sum n rewards and bootstrap gamma^n q(s_{t+n}). */
  readonly nStep: number;
  /** Proportional prioritised replay (sum-tree) with importance weights. */
  readonly prioritised: boolean;
  /** Prioritised replay: priority = (|TD error| + priorityEpsilon)^priorityAlpha. */
  readonly priorityAlpha: number;
  /** Prioritised replay: importance-weight exponent beta at step 0. */
  readonly priorityBeta0: number;
  /** Prioritised replay: env steps over which beta rises linearly to 1. */
  readonly priorityBetaSteps: number;
  /** Prioritised replay: added to |TD error| so every transition can be drawn. */
  readonly priorityEpsilon: number;
}

/** The fields the field table covers: every field but the `hidden` list. */
export type DqnScalarConfig = Omit<DqnConfig, 'hidden'>;

export const DQN_DEFAULTS: DqnConfig = {
  hidden: [64, 64],
  ...CONV_DEFAULTS,
  activation: 'relu',
  initSeed: 0,
  learningRate: 1e-3,
  gamma: 0.99,
  batchSize: 32,
  bufferSize: 10_000,
  learningStarts: 1_000,
  trainFrequency: 1,
  gradientSteps: 1,
  targetSyncEvery: 500,
  tau: 1,
  loss: 'huber',
  clipRewards: false,
  epsilonStart: 1,
  epsilonEnd: 0.05,
  epsilonDecaySteps: 10_000,
  double: false,
  twoNetwork: false,
  dueling: false,
  nStep: 1,
  prioritised: false,
  priorityAlpha: 0.6,
  priorityBeta0: 0.4,
  priorityBetaSteps: 100_000,
  priorityEpsilon: 1e-6,
};

export const DQN_FIELDS: FieldSpecs<DqnScalarConfig> = {
  ...CONV_FIELDS,
  activation: { type: 'enum', options: ACTIVATIONS, doc: 'Activation after every hidden layer.' },
  initSeed: { type: 'integer', min: 0, doc: 'Seed of the weight initialisation (the same seed gives the same initial weights).' },
  learningRate: { type: 'number', min: 0, max: 1, minExclusive: true, doc: "Adam's step size." },
  gamma: { type: 'number', min: 0, max: 1, doc: 'Discount factor gamma.' },
  batchSize: { type: 'integer', min: 1, max: 65_536, doc: 'Transitions per gradient step.' },
  bufferSize: { type: 'integer', min: 1, max: 10_000_000, doc: 'Replay buffer capacity in transitions; the oldest is overwritten when full.' },
  learningStarts: { type: 'integer', min: 0, doc: 'Env steps observed before the first gradient step.' },
  trainFrequency: { type: 'integer', min: 1, doc: 'Env steps between training rounds.' },
  gradientSteps: { type: 'integer', min: 1, max: 1_000, doc: 'Gradient steps per training round.' },
  targetSyncEvery: { type: 'integer', min: 1, doc: 'Env steps between target-network updates (ignored with twoNetwork).' },
  tau: { type: 'number', min: 0, max: 1, minExclusive: true, doc: 'Target update phi- <- tau phi + (1 - tau) phi-: 1 is a hard copy, below 1 Polyak averaging.' },
  loss: { type: 'enum', options: ['huber', 'squared'], doc: "'huber' (delta 1, the DQN paper's error clipping) or 'squared' TD error." },
  clipRewards: { type: 'boolean', doc: 'Clip every reward to [-1, 1] before learning from it (the DQN paper on Atari).' },
  epsilonStart: { type: 'number', min: 0, max: 1, doc: 'Epsilon at step 0: probability of a uniformly random action.' },
  epsilonEnd: { type: 'number', min: 0, max: 1, doc: 'Epsilon after the linear decay.' },
  epsilonDecaySteps: { type: 'integer', min: 1, doc: 'Env steps over which epsilon falls linearly to epsilonEnd.' },
  double: { type: 'boolean', doc: 'Double DQN: the online network picks the next action, the target network evaluates it.' },
  twoNetwork: { type: 'boolean', doc: "The book's double DQN (eq 19.21): two online networks, each evaluating the other's choice." },
  dueling: { type: 'boolean', doc: 'Dueling head: q = v + A - mean(A).' },
  nStep: { type: 'integer', min: 1, max: 100, doc: 'Steps per return: targets sum n rewards and bootstrap gamma^n q(s_t+n).' },
  prioritised: { type: 'boolean', doc: 'Proportional prioritised replay (sum-tree) with importance weights.' },
  priorityAlpha: { type: 'number', min: 0, max: 1, doc: 'Prioritised replay: priority = (|TD error| + epsilon)^alpha.' },
  priorityBeta0: { type: 'number', min: 0, max: 1, doc: 'Prioritised replay: importance-weight exponent beta at step 0 (rises to 1).' },
  priorityBetaSteps: { type: 'integer', min: 1, doc: 'Prioritised replay: env steps over which beta rises linearly to 1.' },
  priorityEpsilon: { type: 'number', min: 0, minExclusive: true, doc: 'Prioritised replay: added to |TD error| so every transition can be drawn.' },
};

/** Form rows for the scalar fields (the hidden sizes are a list, shown separately). */
export function describeDqnFields(): FieldDoc[] {
  const { hidden: _hidden, ...scalars } = DQN_DEFAULTS;
  return describeFields(DQN_FIELDS, scalars);
}

/** Defaults plus overrides, every field checked: `dqn config: hidden[1] must be a positive integer, got 0`. */
export function resolveDqnConfig(overrides: Partial<DqnConfig> = {}): DqnConfig {
  if (typeof overrides !== 'object' || overrides === null) throw new Error(`dqn config: must be an object, got ${JSON.stringify(overrides)}`);
  const { hidden = DQN_DEFAULTS.hidden, ...scalarOverrides } = overrides;
  const { hidden: _hidden, ...scalarDefaults } = DQN_DEFAULTS;
  const scalars = resolveConfig('dqn', DQN_FIELDS, scalarDefaults, scalarOverrides);
  if (!Array.isArray(hidden)) throw new Error(`dqn config: hidden must be an array of layer sizes, got ${JSON.stringify(hidden)}`);
  hidden.forEach((units: unknown, index) => {
    if (typeof units !== 'number' || !Number.isInteger(units) || units < 1 || units > 65_536) {
      throw new Error(`dqn config: hidden[${index}] must be an integer in [1, 65536], got ${JSON.stringify(units)}`);
    }
  });
  if (scalars.double && scalars.twoNetwork) {
    throw new Error('dqn config: double and twoNetwork are two forms of double DQN; choose one');
  }
  return Object.freeze({ ...scalars, hidden: Object.freeze([...hidden]) });
}
