/**
 * The recurrent agents' network: observation -> (optional dense encoder) -> GRU -> linear heads.
 * The GRU's hidden state is the agent's memory of the episode so far; each head reads it (policy
 * logits and a state value for recurrent REINFORCE, action values for DRQN).
 *
 *   e_t = activation(x_t We + be)          (skipped with encoderUnits 0: e_t = x_t)
 *   h_t = GRU(e_t, h_{t-1}),  h_{-1} = 0   (gru.ts)
 *   head_k(t) = h_t Wk + bk
 *
 * Building blocks: the encoder and the heads are `Network`s (agents/deep/network.ts), the memory
 * a `GruCell`. Seeds: the encoder uses `seed`, the GRU `seed` in its own streams (`gru/<seed>/..`),
 * head k `seed + 1 + k`; so changing one head leaves the others' initial weights unchanged.
 *
 * Variable order (`variables`, weight files): encoder weights and biases (if any), GRU input
 * weights, recurrent weights and biases, then each head's weights and biases.
 *
 * Observations are encoded like every deep agent's (encodeBatch): one-hot for integer states,
 * the vector as it is otherwise ('planes' are read flattened: no conv layer here).
 */
import * as tf from '@tensorflow/tfjs';
import { encodeBatch, inputSize, Network, validateNetworkSpec } from '../network';
import type { InputSpec, Observation } from '../types';
import type { WeightsFile } from '../weights-file';
import type { RecurrentNetworkConfig } from './config/network';
import { GruCell } from './gru';
import { deserializeVariables, serializeVariables } from './variables-file';

export interface HeadSpec {
  /** 'policy', 'value', 'q': used in messages. */
  readonly name: string;
  readonly outputs: number;
  /** Multiplies the initial weights (0.01 gives a near-uniform first policy). Default 1. */
  readonly gain?: number;
}

export class RecurrentModel {
  readonly input: InputSpec;
  readonly hiddenSize: number;
  readonly encoder: Network | null;
  readonly gru: GruCell;
  readonly heads: readonly Network[];
  readonly variables: tf.Variable[];
  /** What each variable is, for messages: 'encoder weights', 'gru recurrent weights', 'policy head biases'. */
  readonly variableNames: readonly string[];

  constructor(input: InputSpec, config: RecurrentNetworkConfig, heads: readonly HeadSpec[], options: { trainable?: boolean } = {}) {
    // Validates the input spec with the network's own messages.
    validateNetworkSpec({ input, conv: [], hidden: [], activation: config.activation, outputs: 1 });
    const trainable = options.trainable ?? true;
    this.input = input;
    this.hiddenSize = config.hiddenSize;
    const built: { dispose(): void }[] = [];
    try {
      this.encoder =
        config.encoderUnits > 0
          ? new Network({ input, conv: [], hidden: [], activation: config.activation, outputs: config.encoderUnits }, config.seed, { outputActivation: config.activation, trainable })
          : null;
      if (this.encoder !== null) built.push(this.encoder);
      this.gru = new GruCell(config.encoderUnits > 0 ? config.encoderUnits : inputSize(input), config.hiddenSize, config.seed, { trainable });
      built.push(this.gru);
      const headInput: InputSpec = { kind: 'vector', size: config.hiddenSize };
      this.heads = heads.map((head, k) => {
        const network = new Network({ input: headInput, conv: [], hidden: [], activation: 'linear', outputs: head.outputs }, config.seed + 1 + k, { outputGain: head.gain ?? 1, trainable });
        built.push(network);
        return network;
      });
    } catch (error) {
      for (const part of built) part.dispose();
      throw error;
    }
    this.variables = [...(this.encoder?.variables ?? []), ...this.gru.variables, ...this.heads.flatMap((head) => head.variables)];
    this.variableNames = [
      ...(this.encoder !== null ? ['encoder weights', 'encoder biases'] : []),
      ...[0, 1, 2].map((i) => `gru ${this.gru.describeVariable(i)}`),
      ...heads.flatMap((head) => [`${head.name} head weights`, `${head.name} head biases`]),
    ];
  }

  /** Encoded observations [N, inputSize] -> the GRU's inputs [N, in]. Call inside tf.tidy. */
  private encode(x: tf.Tensor2D): tf.Tensor2D {
    return this.encoder !== null ? this.encoder.apply(x) : x;
  }

  /** One step for a batch: encoded observations [B, inputSize], memory [B, H] -> next memory and head outputs. Call inside tf.tidy. */
  step(x: tf.Tensor2D, h: tf.Tensor2D): { hidden: tf.Tensor2D; outputs: tf.Tensor2D[] } {
    const hidden = this.gru.step(this.encode(x), h);
    return { hidden, outputs: this.heads.map((head) => head.apply(hidden)) };
  }

  /**
   * A time-major batch from a zero memory (row t * batch + b is step t of sequence b, as
   * `timeMajorInput` lays it out) -> each head's outputs, rows in the same order. Gradients flow
   * back through every step (BPTT). Call inside tf.tidy or tf.variableGrads.
   */
  sequence(x: tf.Tensor2D, steps: number, batch: number): tf.Tensor2D[] {
    const encoded = this.encode(x);
    const sequence = tf.reshape(encoded, [steps, batch, encoded.shape[1]]) as tf.Tensor3D;
    const { outputs } = this.gru.sequence(sequence, this.gru.zeroState(batch));
    const states = tf.reshape(outputs, [steps * batch, this.hiddenSize]) as tf.Tensor2D;
    return this.heads.map((head) => head.apply(states));
  }

  /**
   * The acting step for one observation: the first head's outputs (as probabilities with
   * `softmax`) and the next memory, read back with one dataSync. `hidden` is the memory before
   * the step (zeros at an episode's start).
   */
  actStep(obs: Observation, hidden: Float32Array, softmax: boolean): { outputs: Float32Array; hidden: Float32Array } {
    const width = this.heads[0].spec.outputs;
    const packed = tf.tidy(() => {
      const { hidden: next, outputs } = this.step(encodeBatch(this.input, [obs]), tf.tensor2d(hidden, [1, this.hiddenSize]));
      return tf.concat([softmax ? tf.softmax(outputs[0]) : outputs[0], next], 1).dataSync();
    });
    // Copies: dataSync may hand out the backend's own buffer.
    return { outputs: Float32Array.from(packed.subarray(0, width)), hidden: Float32Array.from(packed.subarray(width, width + this.hiddenSize)) };
  }

  /** A memory of zeros: the state at an episode's start. */
  zeroMemory(): Float32Array {
    return new Float32Array(this.hiddenSize);
  }

  /** The encoded input batch of `observations` (encodeBatch with this model's input). Call inside tf.tidy. */
  encodeObservations(observations: readonly Observation[]): tf.Tensor2D {
    return encodeBatch(this.input, observations);
  }

  save(): WeightsFile {
    return serializeVariables(this.variables);
  }

  /** Checks and decodes saved weights for `setWeights`, changing nothing; throws naming `where`. */
  read(where: string, file: unknown): Float32Array[] {
    return deserializeVariables(where, file, this.variables, this.variableNames);
  }

  /** Puts back weights decoded by `read`. */
  setWeights(weights: readonly Float32Array[]): void {
    tf.tidy(() => this.variables.forEach((variable, i) => variable.assign(tf.tensor(weights[i], variable.shape))));
  }

  /** Hard copy (target sync): this model's variables become equal to `other`'s (same architecture). */
  copyFrom(other: RecurrentModel): void {
    // Shares the other variable's buffer; the optimizer's next step gives the online variable a
    // new buffer (assign never writes in place), so the copy stays frozen until the next sync.
    this.variables.forEach((variable, i) => variable.assign(other.variables[i]));
  }

  dispose(): void {
    this.encoder?.dispose();
    this.gru.dispose();
    for (const head of this.heads) head.dispose();
  }
}
