/**
 * Behaviour cloning's config (agents/offline/behaviour-cloning.ts is the learner): fields,
 * defaults and docs, with no tensors, so forms, links and the CLI read it without loading tfjs.
 * The network fields are the policy-gradient agents' (hidden layers, units, activation, seed and
 * the optional conv layer for the arcade games' planes).
 */
import { describeFields, resolveConfig, type FieldDoc, type FieldSpecs } from '../tabular/config';
import { NETWORK_DEFAULTS, NETWORK_FIELDS, type NetworkConfig } from '../deep/config/network';

export interface BehaviourCloningConfig extends NetworkConfig {
  /** Adam step size. */
  readonly learningRate: number;
  /** (observation, action) pairs per gradient step, drawn uniformly with replacement from every step of the dataset. */
  readonly batchSize: number;
  /** Clip the global gradient norm to this (0: no clipping). */
  readonly maxGradNorm: number;
}

export const BEHAVIOUR_CLONING_DEFAULTS: BehaviourCloningConfig = {
  ...NETWORK_DEFAULTS,
  activation: 'relu',
  learningRate: 1e-3,
  batchSize: 64,
  maxGradNorm: 0,
};

export const BEHAVIOUR_CLONING_FIELDS: FieldSpecs<BehaviourCloningConfig> = {
  ...NETWORK_FIELDS,
  hiddenLayers: { type: 'integer', doc: 'Hidden layers of the policy MLP (0: a linear softmax policy).', min: 0, max: 8 },
  seed: { type: 'integer', doc: 'Seed of the initial weights and of the minibatch draws (same seed, same training).', min: 0, max: 2 ** 31 - 1 },
  learningRate: { type: 'number', doc: 'Adam step size.', min: 0, max: 1, minExclusive: true },
  batchSize: { type: 'integer', doc: '(observation, action) pairs per gradient step, drawn uniformly with replacement.', min: 1, max: 65_536 },
  maxGradNorm: { type: 'number', doc: 'Clip the global gradient norm to this (0: no clipping).', min: 0 },
};

export const BEHAVIOUR_CLONING_NAME = 'behaviour-cloning';

export function describeBehaviourCloningConfig(): FieldDoc[] {
  return describeFields(BEHAVIOUR_CLONING_FIELDS, BEHAVIOUR_CLONING_DEFAULTS);
}

/** Defaults plus overrides, every field checked: `behaviour-cloning config: batchSize must be an integer in [1, 65536], got 0`. */
export function resolveBehaviourCloningConfig(overrides: Partial<BehaviourCloningConfig> = {}): BehaviourCloningConfig {
  return resolveConfig(BEHAVIOUR_CLONING_NAME, BEHAVIOUR_CLONING_FIELDS, BEHAVIOUR_CLONING_DEFAULTS, overrides);
}
