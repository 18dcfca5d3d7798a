/**
 * REINFORCE's config (agents/deep/reinforce.ts is the agent): fields, defaults and docs, with
 * no tensors, so the page's forms and links read it without loading tfjs.
 */
import { describeFields, type FieldDoc, type FieldSpecs } from '../../tabular/config';
import { NETWORK_DEFAULTS, NETWORK_FIELDS, type NetworkConfig } from './network';

export type ReinforceBaseline = 'none' | 'mean-return' | 'learned-value' | 'optimal';
export const REINFORCE_BASELINES: readonly ReinforceBaseline[] = ['none', 'mean-return', 'learned-value', 'optimal'];

export interface ReinforceConfig extends NetworkConfig {
  /** Discount factor gamma of the returns. */
  readonly gamma: number;
  /** Adam step size alpha of the policy. */
  readonly learningRate: number;
  /** Complete episodes per update (I in eq 19.33): more is a less noisy gradient. */
  readonly episodesPerUpdate: number;
  /** Credit each action with the rewards after it only (G_t), rather than the whole episode's return. */
  readonly rewardToGo: boolean;
  /** Keep eq 19.33's gamma^t factor on step t's term. */
  readonly discountWeight: boolean;
  /** What is subtracted from the return: none, running mean (19.37), learned v(s) (19.38), or the variance-optimal constant (19.36). */
  readonly baseline: ReinforceBaseline;
  /** mean-return: step size of the running mean of the returns, per update. */
  readonly meanReturnRate: number;
  /** learned-value: Adam step size of the value network. */
  readonly valueLearningRate: number;
  /** learned-value: regression steps of the value network on each batch. */
  readonly valueStepsPerUpdate: number;
  /** Weight of the policy-entropy bonus (0: plain REINFORCE). */
  readonly entropyCoef: number;
  /** Clip the global gradient norm to this (0: no clipping). */
  readonly maxGradNorm: number;
}

export const REINFORCE_DEFAULTS: ReinforceConfig = {
  ...NETWORK_DEFAULTS,
  gamma: 0.99,
  learningRate: 0.005,
  episodesPerUpdate: 4,
  rewardToGo: true,
  discountWeight: true,
  baseline: 'learned-value',
  meanReturnRate: 0.1,
  valueLearningRate: 0.01,
  valueStepsPerUpdate: 4,
  entropyCoef: 0,
  maxGradNorm: 0,
};

export const REINFORCE_FIELDS: FieldSpecs<ReinforceConfig> = {
  ...NETWORK_FIELDS,
  gamma: { type: 'number', doc: 'Discount factor gamma of the returns.', min: 0, max: 1 },
  learningRate: { type: 'number', doc: 'Adam step size alpha of the policy.', min: 0, max: 1, minExclusive: true },
  episodesPerUpdate: { type: 'integer', doc: 'Complete episodes per update (I in eq 19.33).', min: 1, max: 1000 },
  rewardToGo: { type: 'boolean', doc: 'Credit each action with the rewards after it only (G_t), not the whole return.' },
  discountWeight: { type: 'boolean', doc: "Keep eq 19.33's gamma^t factor on step t's term." },
  baseline: { type: 'enum', doc: 'Subtracted from the return: none, mean-return (19.37), learned-value (19.38), optimal (19.36).', options: REINFORCE_BASELINES },
  meanReturnRate: { type: 'number', doc: 'mean-return: step size of the running mean of the returns, per update.', min: 0, max: 1, minExclusive: true },
  valueLearningRate: { type: 'number', doc: 'learned-value: Adam step size of the value network.', min: 0, max: 1, minExclusive: true },
  valueStepsPerUpdate: { type: 'integer', doc: 'learned-value: regression steps of the value network per batch.', min: 1, max: 1000 },
  entropyCoef: { type: 'number', doc: 'Weight of the policy-entropy bonus (0: none).', min: 0 },
  maxGradNorm: { type: 'number', doc: 'Clip the global gradient norm to this (0: no clipping).', min: 0 },
};

export function describeReinforceConfig(): FieldDoc[] {
  return describeFields(REINFORCE_FIELDS, REINFORCE_DEFAULTS);
}
