/**
 * The network fields the policy-gradient agents share (REINFORCE, actor-critic, PPO): plain
 * config data with no tensors, so forms, links and the CLI read it without loading tfjs.
 */
import type { FieldSpecs } from '../../tabular/config';
import { ACTIVATIONS, type Activation } from '../types';
import { CONV_DEFAULTS, CONV_FIELDS, type ConvConfig } from './conv';

export interface NetworkConfig extends ConvConfig {
  /** Hidden layers of each MLP (0: a linear policy and critic; 'shared' needs at least 1). */
  readonly hiddenLayers: number;
  /** Units in every hidden layer. */
  readonly hiddenUnits: number;
  /** Activation after every hidden layer. */
  readonly activation: Activation;
  /** Seed of the initial weights: the same seed gives the same networks bit for bit. */
  readonly seed: number;
}

export const NETWORK_DEFAULTS: NetworkConfig = { hiddenLayers: 2, hiddenUnits: 64, activation: 'tanh', seed: 0, ...CONV_DEFAULTS };

export const NETWORK_FIELDS: FieldSpecs<NetworkConfig> = {
  hiddenLayers: { type: 'integer', doc: "Hidden layers of each MLP (0: linear; 'shared' needs at least 1).", min: 0, max: 8 },
  hiddenUnits: { type: 'integer', doc: 'Units in every hidden layer.', min: 1, max: 4096 },
  activation: { type: 'enum', doc: 'Activation after every hidden layer.', options: ACTIVATIONS },
  seed: { type: 'integer', doc: 'Seed of the initial weights (same seed, same networks).', min: 0, max: 2 ** 31 - 1 },
  ...CONV_FIELDS,
};

export type Architecture = 'shared' | 'separate';
export const ARCHITECTURES: readonly Architecture[] = ['shared', 'separate'];
