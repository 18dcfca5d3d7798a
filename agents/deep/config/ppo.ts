/**
 * PPO's config (agents/deep/ppo.ts is the agent): fields, defaults, docs and checks, with no
 * tensors, so the page's forms and links read it without loading tfjs.
 */
import { describeFields, resolveConfig, type FieldDoc, type FieldSpecs } from '../../tabular/config';
import { ARCHITECTURES, NETWORK_DEFAULTS, NETWORK_FIELDS, type Architecture, type NetworkConfig } from './network';

export interface PpoConfig extends NetworkConfig {
  /** 'shared': one trunk with policy and value heads; 'separate': two networks (CleanRL). */
  readonly architecture: Architecture;
  /** Copies of the world stepped together. */
  readonly nEnvs: number;
  /** Steps of every copy per rollout (the batch is nEnvs * rolloutLength). */
  readonly rolloutLength: number;
  /** Discount factor gamma. */
  readonly gamma: number;
  /** GAE lambda. */
  readonly gaeLambda: number;
  /** Adam step size. */
  readonly learningRate: number;
  /** Passes over each rollout. */
  readonly epochs: number;
  /** Minibatches per pass (the rollout is split evenly; the size must divide). */
  readonly minibatches: number;
  /** The clip range epsilon of the probability ratio. */
  readonly clipCoef: number;
  /** Clip the value update to within clipCoef of the old value, too. */
  readonly clipValue: boolean;
  /** Weight of the value loss. */
  readonly valueCoef: number;
  /** Weight of the policy-entropy bonus. */
  readonly entropyCoef: number;
  /** Standardise the advantages per minibatch. */
  readonly normalizeAdvantages: boolean;
  /** Clip the global gradient norm to this (0: no clipping). */
  readonly maxGradNorm: number;
}

export const PPO_DEFAULTS: PpoConfig = {
  ...NETWORK_DEFAULTS,
  architecture: 'separate',
  nEnvs: 4,
  rolloutLength: 128,
  gamma: 0.99,
  gaeLambda: 0.95,
  learningRate: 0.001,
  epochs: 10,
  minibatches: 4,
  clipCoef: 0.2,
  clipValue: true,
  valueCoef: 0.5,
  entropyCoef: 0.01,
  normalizeAdvantages: true,
  maxGradNorm: 0.5,
};

export const PPO_FIELDS: FieldSpecs<PpoConfig> = {
  ...NETWORK_FIELDS,
  architecture: { type: 'enum', doc: "'shared': one trunk with policy and value heads; 'separate': two networks.", options: ARCHITECTURES },
  nEnvs: { type: 'integer', doc: 'Copies of the world stepped together.', min: 1, max: 1024 },
  rolloutLength: { type: 'integer', doc: 'Steps of every copy per rollout (batch = nEnvs * rolloutLength).', min: 1, max: 100_000 },
  gamma: { type: 'number', doc: 'Discount factor gamma.', min: 0, max: 1 },
  gaeLambda: { type: 'number', doc: 'GAE lambda.', min: 0, max: 1 },
  learningRate: { type: 'number', doc: 'Adam step size.', min: 0, max: 1, minExclusive: true },
  epochs: { type: 'integer', doc: 'Passes over each rollout.', min: 1, max: 1000 },
  minibatches: { type: 'integer', doc: 'Minibatches per pass (must divide nEnvs * rolloutLength).', min: 1, max: 100_000 },
  clipCoef: { type: 'number', doc: 'Clip range epsilon of the probability ratio.', min: 0, max: 1, minExclusive: true },
  clipValue: { type: 'boolean', doc: 'Clip the value update to within clipCoef of the old value too.' },
  valueCoef: { type: 'number', doc: 'Weight of the value loss.', min: 0 },
  entropyCoef: { type: 'number', doc: 'Weight of the policy-entropy bonus.', min: 0 },
  normalizeAdvantages: { type: 'boolean', doc: 'Standardise the advantages per minibatch.' },
  maxGradNorm: { type: 'number', doc: 'Clip the global gradient norm to this (0: no clipping).', min: 0 },
};

export function describePpoConfig(): FieldDoc[] {
  return describeFields(PPO_FIELDS, PPO_DEFAULTS);
}

/**
 * Defaults plus overrides, every field checked, and the minibatches dividing the rollout batch:
 * `ppo config: minibatches 3 must divide the batch nEnvs * rolloutLength = 512`.
 */
export function resolvePpoConfig(overrides: Partial<PpoConfig> = {}): PpoConfig {
  const c = resolveConfig('ppo', PPO_FIELDS, PPO_DEFAULTS, overrides);
  const batch = c.nEnvs * c.rolloutLength;
  if (batch % c.minibatches !== 0) throw new Error(`ppo config: minibatches ${c.minibatches} must divide the batch nEnvs * rolloutLength = ${batch}`);
  return c;
}
