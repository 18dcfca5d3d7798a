/**
 * DRQN's config (agents/deep/recurrent/drqn.ts is the agent): fields, defaults and docs, no
 * tensors. Clocks (learningStarts, trainFrequency, targetSyncEvery, epsilonDecaySteps) count
 * env steps, as DQN's do; batchSize and bufferEpisodes count whole episodes.
 */
import { describeFields, type FieldDoc, type FieldSpecs } from '../../../tabular/config';
import type { DqnLoss } from '../../config/dqn';
import { RECURRENT_NETWORK_FIELDS, type RecurrentNetworkConfig } from './network';

export interface DrqnConfig extends RecurrentNetworkConfig {
  /** Adam's step size. */
  readonly learningRate: number;
  /** Discount factor gamma. */
  readonly gamma: number;
  /** Whole episodes per gradient step (replayed from the start with a zero memory). */
  readonly batchSize: number;
  /** Replay capacity in complete episodes; the oldest is dropped when full. */
  readonly bufferEpisodes: number;
  /** Env steps observed before the first gradient step. */
  readonly learningStarts: number;
  /** Env steps between training rounds. */
  readonly trainFrequency: number;
  /** Gradient steps per training round. */
  readonly gradientSteps: number;
  /** Env steps between hard copies of the online network into the target network. */
  readonly targetSyncEvery: number;
  /** 'huber' (delta 1) or 'squared' TD error. */
  readonly loss: DqnLoss;
  /** Double DQN: the online network picks the next action, the target network evaluates it. */
  readonly double: boolean;
  /** Epsilon at step 0 (probability of a uniformly random action). */
  readonly epsilonStart: number;
  /** Epsilon after the linear decay. */
  readonly epsilonEnd: number;
  /** Env steps over which epsilon falls linearly from epsilonStart to epsilonEnd. */
  readonly epsilonDecaySteps: number;
  /** Clip the global gradient norm to this (0: no clipping). */
  readonly maxGradNorm: number;
}

export const DRQN_DEFAULTS: DrqnConfig = {
  encoderUnits: 32,
  activation: 'relu',
  hiddenSize: 32,
  seed: 0,
  learningRate: 1e-3,
  gamma: 0.99,
  batchSize: 16,
  bufferEpisodes: 1000,
  learningStarts: 1000,
  trainFrequency: 4,
  gradientSteps: 1,
  targetSyncEvery: 500,
  loss: 'huber',
  double: false,
  epsilonStart: 1,
  epsilonEnd: 0.05,
  epsilonDecaySteps: 10_000,
  maxGradNorm: 10,
};

export const DRQN_FIELDS: FieldSpecs<DrqnConfig> = {
  ...RECURRENT_NETWORK_FIELDS,
  learningRate: { type: 'number', min: 0, max: 1, minExclusive: true, doc: "Adam's step size." },
  gamma: { type: 'number', min: 0, max: 1, doc: 'Discount factor gamma.' },
  batchSize: { type: 'integer', min: 1, max: 4096, doc: 'Whole episodes per gradient step, replayed from the start with a zero memory.' },
  bufferEpisodes: { type: 'integer', min: 1, max: 1_000_000, doc: 'Replay capacity in complete episodes; the oldest is dropped when full.' },
  learningStarts: { type: 'integer', min: 0, doc: 'Env steps observed before the first gradient step.' },
  trainFrequency: { type: 'integer', min: 1, doc: 'Env steps between training rounds.' },
  gradientSteps: { type: 'integer', min: 1, max: 1000, doc: 'Gradient steps per training round.' },
  targetSyncEvery: { type: 'integer', min: 1, doc: 'Env steps between hard copies of the online network into the target network.' },
  loss: { type: 'enum', options: ['huber', 'squared'], doc: "'huber' (delta 1) or 'squared' TD error." },
  double: { type: 'boolean', doc: 'Double DQN: the online network picks the next action, the target network evaluates it.' },
  epsilonStart: { type: 'number', min: 0, max: 1, doc: 'Epsilon at step 0: probability of a uniformly random action.' },
  epsilonEnd: { type: 'number', min: 0, max: 1, doc: 'Epsilon after the linear decay.' },
  epsilonDecaySteps: { type: 'integer', min: 1, doc: 'Env steps over which epsilon falls linearly to epsilonEnd.' },
  maxGradNorm: { type: 'number', min: 0, doc: 'Clip the global gradient norm to this (0: no clipping).' },
};

export function describeDrqnConfig(): FieldDoc[] {
  return describeFields(DRQN_FIELDS, DRQN_DEFAULTS);
}
