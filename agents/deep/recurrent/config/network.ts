/**
 * The network fields the recurrent agents share (recurrent REINFORCE and DRQN): an optional dense
 * encoder, then a GRU whose hidden state is the agent's memory. Plain config data with no
 * tensors, so forms, links and the CLI read it without loading tfjs.
 */
import type { FieldSpecs } from '../../../tabular/config';
import { ACTIVATIONS, type Activation } from '../../types';

export interface RecurrentNetworkConfig {
  /** Units of the dense layer between the observation and the GRU (0: the GRU reads the observation itself). */
  readonly encoderUnits: number;
  /** Activation after the encoder layer. */
  readonly activation: Activation;
  /** Units of the GRU: the size of the memory carried from step to step. */
  readonly hiddenSize: number;
  /** Seed of the initial weights: the same seed gives the same networks bit for bit. */
  readonly seed: number;
}

export const RECURRENT_NETWORK_FIELDS: FieldSpecs<RecurrentNetworkConfig> = {
  encoderUnits: { type: 'integer', min: 0, max: 4096, doc: 'Units of a dense layer between the observation and the GRU (0: none, the GRU reads the observation).' },
  activation: { type: 'enum', options: ACTIVATIONS, doc: 'Activation after the encoder layer.' },
  hiddenSize: { type: 'integer', min: 1, max: 1024, doc: 'Units of the GRU: the size of the memory carried from step to step.' },
  seed: { type: 'integer', min: 0, max: 2 ** 31 - 1, doc: 'Seed of the initial weights (same seed, same networks).' },
};
