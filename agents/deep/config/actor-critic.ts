/**
 * Actor-critic's config (agents/deep/actor-critic.ts is the agent): fields, defaults and docs,
 * with no tensors, so the page's forms and links read it without loading tfjs.
 */
import { describeFields, type FieldDoc, type FieldSpecs } from '../../tabular/config';
import { ARCHITECTURES, NETWORK_DEFAULTS, NETWORK_FIELDS, type Architecture, type NetworkConfig } from './network';

export type AdvantageKind = 'td' | 'n-step' | 'gae';
export const ADVANTAGE_KINDS: readonly AdvantageKind[] = ['td', 'n-step', 'gae'];

export interface ActorCriticConfig extends NetworkConfig {
  /** 'shared': one trunk with policy and value heads; 'separate': two networks. */
  readonly architecture: Architecture;
  /** Copies of the world stepped together (A2C); 1 is plain actor-critic. */
  readonly nEnvs: number;
  /** Steps of every copy per update (1 with 'td': the book's per-step update). */
  readonly rolloutLength: number;
  /** How advantages are estimated: one-step TD error, n-step return to the rollout's end, or GAE(lambda). */
  readonly advantage: AdvantageKind;
  /** gae: lambda, between the one-step (0) and the n-step (1) advantage. */
  readonly gaeLambda: number;
  /** Discount factor gamma. */
  readonly gamma: number;
  /** Adam step size. */
  readonly learningRate: number;
  /** Weight of the critic's squared-error loss in the summed loss. */
  readonly valueCoef: number;
  /** Weight of the policy-entropy bonus. */
  readonly entropyCoef: number;
  /** Clip the global gradient norm to this (0: no clipping). */
  readonly maxGradNorm: number;
}

export const ACTOR_CRITIC_DEFAULTS: ActorCriticConfig = {
  ...NETWORK_DEFAULTS,
  architecture: 'separate',
  nEnvs: 1,
  rolloutLength: 5,
  advantage: 'n-step',
  gaeLambda: 0.95,
  gamma: 0.99,
  learningRate: 0.001,
  valueCoef: 0.5,
  entropyCoef: 0.01,
  maxGradNorm: 0.5,
};

export const ACTOR_CRITIC_FIELDS: FieldSpecs<ActorCriticConfig> = {
  ...NETWORK_FIELDS,
  architecture: { type: 'enum', doc: "'shared': one trunk with policy and value heads; 'separate': two networks.", options: ARCHITECTURES },
  nEnvs: { type: 'integer', doc: 'Copies of the world stepped together (A2C); 1 is plain actor-critic.', min: 1, max: 1024 },
  rolloutLength: { type: 'integer', doc: "Steps of every copy per update (1 with 'td': one update per step, as the book).", min: 1, max: 100_000 },
  advantage: { type: 'enum', doc: 'Advantage: one-step TD error (19.41), n-step return to the rollout end, or GAE(lambda).', options: ADVANTAGE_KINDS },
  gaeLambda: { type: 'number', doc: 'gae: lambda, between one-step (0) and n-step (1).', min: 0, max: 1 },
  gamma: { type: 'number', doc: 'Discount factor gamma.', min: 0, max: 1 },
  learningRate: { type: 'number', doc: 'Adam step size.', min: 0, max: 1, minExclusive: true },
  valueCoef: { type: 'number', doc: "Weight of the critic's squared-error loss.", min: 0 },
  entropyCoef: { type: 'number', doc: 'Weight of the policy-entropy bonus.', min: 0 },
  maxGradNorm: { type: 'number', doc: 'Clip the global gradient norm to this (0: no clipping).', min: 0 },
};

export function describeActorCriticConfig(): FieldDoc[] {
  return describeFields(ACTOR_CRITIC_FIELDS, ACTOR_CRITIC_DEFAULTS);
}
