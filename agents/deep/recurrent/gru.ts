/**
 * A gated recurrent unit (Cho et al. 2014), the memory of the recurrent agents: it reads one
 * input x_t per step and carries a hidden state h_t from step to step,
 *
 *   z_t = sigmoid(x_t Wz + h_{t-1} Uz + bz)             update gate: how much of h to keep
 *   r_t = sigmoid(x_t Wr + h_{t-1} Ur + br)             reset gate: how much of h the candidate reads
 *   n_t = tanh(x_t Wn + bn + r_t * (h_{t-1} Un))        candidate state
 *   h_t = (1 - z_t) * n_t + z_t * h_{t-1}
 *
 * The reset gate multiplies h U after the matrix product (the "reset after" form of cuDNN and
 * Keras's default), so one matmul of h with all three gates' U serves the step.
 *
 * Raw `tf.variable`s like agents/deep/network.ts, three of them: input weights W [in, 3H],
 * recurrent weights U [H, 3H] and biases b [3H], each with the gates in the order z, r, n.
 * Initialisation: glorot-uniform per gate block (limit sqrt(6 / (fanIn + H)), fanIn = in for W
 * and H for U) from Floe's Rng, one stream per variable derived from the seed only
 * (`gru/<seed>/input`, `gru/<seed>/recurrent`), and zero biases: the same seed gives the same
 * weights bit for bit on every backend.
 *
 * Two ways to run it, with the same numbers:
 * - `step(x, h)`: one step for a batch, as an agent acting in the world uses it;
 * - `sequence(x, h0)`: a whole time-major sequence [T, B, in] for training with backpropagation
 *   through time (the tape records every step, so gradients flow back to the first). The input
 *   projection x W + b of all T steps is one matmul before the loop.
 */
import * as tf from '@tensorflow/tfjs';
import { linear } from '../linear';
import { createRng } from '../../../environments/core/rng';

/** Cells above this many parameters are refused (a typo in a config must not freeze a tab). */
export const MAX_GRU_PARAMETERS = 20_000_000;

function glorotUniform(count: number, fanIn: number, fanOut: number, stream: string): Float32Array {
  const rng = createRng(stream);
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = (2 * rng.next() - 1) * limit;
  return values;
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

export class GruCell {
  readonly inputSize: number;
  readonly hiddenSize: number;
  /** W [in, 3H], U [H, 3H], b [3H]: the order of `variables`, weight files and `describeVariable`. */
  readonly variables: tf.Variable[];
  private readonly inputWeights: tf.Variable;
  private readonly recurrentWeights: tf.Variable;
  private readonly biases: tf.Variable;
  private disposed = false;

  constructor(inputSize: number, hiddenSize: number, seed: number, options: { trainable?: boolean } = {}) {
    if (!isPositiveInteger(inputSize)) throw new Error(`gru: inputSize must be a positive integer, got ${JSON.stringify(inputSize)}`);
    if (!isPositiveInteger(hiddenSize)) throw new Error(`gru: hiddenSize must be a positive integer, got ${JSON.stringify(hiddenSize)}`);
    if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new Error(`gru: seed must be a finite number, got ${JSON.stringify(seed)}`);
    const parameters = 3 * hiddenSize * (inputSize + hiddenSize + 1);
    if (parameters > MAX_GRU_PARAMETERS) throw new Error(`gru: ${parameters} parameters is more than the limit of ${MAX_GRU_PARAMETERS}`);
    const trainable = options.trainable ?? true;
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    const h3 = 3 * hiddenSize;
    this.inputWeights = tf.tidy(() => tf.variable(tf.tensor2d(glorotUniform(inputSize * h3, inputSize, hiddenSize, `gru/${seed}/input`), [inputSize, h3]), trainable));
    this.recurrentWeights = tf.tidy(() => tf.variable(tf.tensor2d(glorotUniform(hiddenSize * h3, hiddenSize, hiddenSize, `gru/${seed}/recurrent`), [hiddenSize, h3]), trainable));
    this.biases = tf.tidy(() => tf.variable(tf.zeros([h3]), trainable));
    this.variables = [this.inputWeights, this.recurrentWeights, this.biases];
  }

  /** 'input weights', 'recurrent weights', 'biases'. */
  describeVariable(index: number): string {
    return ['input weights', 'recurrent weights', 'biases'][index] ?? `variable ${index}`;
  }

  /** x W + b for a batch of inputs [N, in] -> [N, 3H]. Call inside tf.tidy. */
  project(x: tf.Tensor2D): tf.Tensor2D {
    this.checkAlive();
    if (x.rank !== 2 || x.shape[1] !== this.inputSize) throw new Error(`gru: input has shape [${x.shape.join(', ')}], expected [batch, ${this.inputSize}]`);
    return tf.add(linear(x, this.inputWeights as tf.Tensor2D), this.biases);
  }

  /** One step from an already projected input [B, 3H] and the hidden state [B, H]. Call inside tf.tidy. */
  stepProjected(projected: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D {
    const [xz, xr, xn] = tf.split(projected, 3, 1);
    const [hz, hr, hn] = tf.split(linear(h, this.recurrentWeights as tf.Tensor2D), 3, 1);
    const z = tf.sigmoid(tf.add(xz, hz));
    const r = tf.sigmoid(tf.add(xr, hr));
    const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
    // (1 - z) n + z h, written as n + z (h - n): one op fewer.
    return tf.add(n, tf.mul(z, tf.sub(h, n))) as tf.Tensor2D;
  }

  /** One step: inputs [B, in] and hidden state [B, H] -> the next hidden state [B, H]. Call inside tf.tidy. */
  step(x: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D {
    this.checkHidden(h, x.shape[0]);
    return this.stepProjected(this.project(x), h);
  }

  /**
   * A whole sequence, time-major: inputs [T, B, in] and the initial state [B, H] -> every step's
   * hidden state [T, B, H] (outputs[t] = h_{t+1}, the state after reading x_t) and the last one.
   * Call inside tf.tidy (or tf.variableGrads: the gradients flow through every step).
   */
  sequence(x: tf.Tensor3D, h0: tf.Tensor2D): { outputs: tf.Tensor3D; final: tf.Tensor2D } {
    this.checkAlive();
    if (x.rank !== 3 || x.shape[2] !== this.inputSize) throw new Error(`gru: sequence has shape [${x.shape.join(', ')}], expected [time, batch, ${this.inputSize}]`);
    const [steps, batch] = x.shape;
    if (steps < 1) throw new Error('gru: a sequence needs at least one step');
    this.checkHidden(h0, batch);
    const projected = tf.reshape(this.project(tf.reshape(x, [steps * batch, this.inputSize])), [steps, batch, 3 * this.hiddenSize]);
    const inputs = tf.unstack(projected) as tf.Tensor2D[];
    const states: tf.Tensor2D[] = [];
    let h = h0;
    for (const input of inputs) {
      h = this.stepProjected(input, h);
      states.push(h);
    }
    return { outputs: tf.stack(states) as tf.Tensor3D, final: h };
  }

  /** Hidden states of zeros, [batch, H]: the memory at an episode's start. Call inside tf.tidy. */
  zeroState(batch: number): tf.Tensor2D {
    return tf.zeros([batch, this.hiddenSize]);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const variable of this.variables) variable.dispose();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  private checkHidden(h: tf.Tensor2D, batch: number): void {
    if (h.rank !== 2 || h.shape[0] !== batch || h.shape[1] !== this.hiddenSize) {
      throw new Error(`gru: hidden state has shape [${h.shape.join(', ')}], expected [${batch}, ${this.hiddenSize}]`);
    }
  }

  private checkAlive(): void {
    if (this.disposed) throw new Error('gru: used after dispose()');
  }
}
