/**
 * Recurrent REINFORCE's config (agents/deep/recurrent/recurrent-reinforce.ts is the agent):
 * fields, defaults and docs, no tensors.
 */
import { describeFields, type FieldDoc, type FieldSpecs } from '../../../tabular/config';
import { RECURRENT_NETWORK_FIELDS, type RecurrentNetworkConfig } from './network';

export interface RecurrentReinforceConfig extends RecurrentNetworkConfig {
  /** Discount factor gamma of the returns. */
  readonly gamma: number;
  /** Adam step size alpha (policy, value head and the shared GRU together). */
  readonly learningRate: number;
  /** Complete episodes per update (I in eq 19.33), trained on together as one padded batch. */
  readonly episodesPerUpdate: number;
  /** Keep eq 19.33's gamma^t factor on step t's term. */
  readonly discountWeight: boolean;
  /** Weight of the value head's squared error (the learned baseline, eqs 19.38-19.39) in the summed loss. */
  readonly valueCoef: number;
  /** Weight of the policy-entropy bonus (0: none). */
  readonly entropyCoef: number;
  /** Clip the global gradient norm to this (0: no clipping); recurrent gradients can spike. */
  readonly maxGradNorm: number;
}

export const RECURRENT_REINFORCE_DEFAULTS: RecurrentReinforceConfig = {
  encoderUnits: 0,
  activation: 'tanh',
  hiddenSize: 32,
  seed: 0,
  gamma: 0.99,
  learningRate: 0.005,
  episodesPerUpdate: 8,
  discountWeight: true,
  valueCoef: 0.5,
  entropyCoef: 0.01,
  maxGradNorm: 1,
};

export const RECURRENT_REINFORCE_FIELDS: FieldSpecs<RecurrentReinforceConfig> = {
  ...RECURRENT_NETWORK_FIELDS,
  gamma: { type: 'number', min: 0, max: 1, doc: 'Discount factor gamma of the returns.' },
  learningRate: { type: 'number', min: 0, max: 1, minExclusive: true, doc: 'Adam step size alpha (policy, value head and GRU together).' },
  episodesPerUpdate: { type: 'integer', min: 1, max: 1000, doc: 'Complete episodes per update (I in eq 19.33), one padded batch.' },
  discountWeight: { type: 'boolean', doc: "Keep eq 19.33's gamma^t factor on step t's term." },
  valueCoef: { type: 'number', min: 0, doc: "Weight of the value head's squared error (the learned baseline, 19.38-19.39)." },
  entropyCoef: { type: 'number', min: 0, doc: 'Weight of the policy-entropy bonus (0: none).' },
  maxGradNorm: { type: 'number', min: 0, doc: 'Clip the global gradient norm to this (0: no clipping).' },
};

export function describeRecurrentReinforceConfig(): FieldDoc[] {
  return describeFields(RECURRENT_REINFORCE_FIELDS, RECURRENT_REINFORCE_DEFAULTS);
}
