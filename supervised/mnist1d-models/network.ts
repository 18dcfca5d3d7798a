/**
 * An MNIST-1D network (network-spec.ts) on raw tf.variables, as agents/deep/network.ts builds
 * its networks (not tf.layers): the conv layers are conv1d.ts's im2col convolution, so every
 * layer trains on every backend.
 *
 * Input [batch, inputLength] (one sequence per row: the book's D x N data matrices transposed to
 * tfjs's batch-first layout), output logits [batch, classes]. Conv layers see the sequence as
 * [batch, length, 1]; their last output [batch, length, channels] is flattened length-major
 * (position by position, the channels of each position together) before the dense layers. Each
 * hidden layer (conv or dense) is followed by a ReLU; the output layer is linear (the softmax
 * lives in the loss).
 *
 * Dropout (section 9.3.3) in the book's form: during training each hidden unit is multiplied by a
 * 0/1 mask drawn with Floe's Rng (kept with probability 1 - p, no rescaling); at evaluation every
 * hidden unit is multiplied by 1 - p, the weight-scaling rule (it equals multiplying the next
 * layer's weights by 1 - p). Masks are drawn once per step, outside the loss function, so an
 * optimiser that evaluates the loss more than once (line search, Nesterov) sees one network.
 *
 * Variable order (`variables`): layer 1 weights, layer 1 biases, layer 2 weights, ...; conv
 * weights are [kernel, inChannels, outChannels], dense weights [in, out]. Initial weights:
 * init.ts, one seeded stream per layer.
 */
import * as tf from '@tensorflow/tfjs';
import { linear } from '../../agents/deep/linear';
import type { Rng } from '../../environments/core/rng';
import { conv1dIm2col } from './conv1d';
import { initialWeights } from './init';
import { checkNetworkSpec, layerSummaries, parameterCount, type LayerSummary, type Mnist1dNetworkSpec } from './network-spec';

/** A weight matrix laid out for a heatmap: `values` row-major, rows x columns. */
export interface WeightGrid {
  /** The layer's name ('hidden 1', 'conv 1'). */
  readonly layer: string;
  readonly rows: number;
  readonly columns: number;
  /** What a row is ('hidden unit', 'output channel') and what a column is ('input sample', 'kernel tap'). */
  readonly rowLabel: string;
  readonly columnLabel: string;
  readonly values: number[];
}

interface Layer {
  readonly summary: LayerSummary;
  readonly weights: tf.Variable;
  readonly biases: tf.Variable;
  readonly stride: number;
}

export class Mnist1dNetwork {
  readonly spec: Mnist1dNetworkSpec;
  readonly layers: readonly LayerSummary[];
  /** Trainable variables in the order described at the top of the file. */
  readonly variables: tf.Variable[];
  private readonly layerList: Layer[];
  private disposed = false;

  constructor(spec: Mnist1dNetworkSpec, seed: number) {
    this.spec = checkNetworkSpec(spec);
    if (typeof seed !== 'number' || !Number.isInteger(seed)) throw new Error(`mnist1d network: seed must be an integer, got ${JSON.stringify(seed)}`);
    this.layers = Object.freeze(layerSummaries(this.spec));
    const strides = this.spec.conv.map((conv) => conv.stride);
    this.layerList = this.layers.map((summary, i) => {
      const shape = [...summary.weightShape];
      const fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1);
      const units = shape[shape.length - 1];
      // A conv layer's fanOut counts the kernel too, as PyTorch and tf.layers count it.
      const fanOut = summary.kind === 'conv' ? shape[0] * units : units;
      const count = fanIn * units;
      const values = initialWeights(count, fanIn, fanOut, this.spec.init, seed, summary.name.replace(' ', ''));
      return {
        summary,
        weights: tf.tidy(() => tf.variable(tf.tensor(values, shape))),
        biases: tf.tidy(() => tf.variable(tf.zeros([units]))),
        stride: summary.kind === 'conv' ? strides[i] : 1,
      };
    });
    this.variables = this.layerList.flatMap((layer) => [layer.weights, layer.biases]);
  }

  parameterCount(): number {
    return parameterCount(this.spec);
  }

  /**
   * Logits [batch, classes]. With `masks` (from `dropoutMasks`) the training forward pass; with
   * null the evaluation pass (hidden units scaled by 1 - p when dropout is on). Call inside tf.tidy.
   */
  logits(x: tf.Tensor2D, masks: readonly tf.Tensor[] | null = null): tf.Tensor2D {
    const outputs = this.forward(x, masks, false);
    return outputs[outputs.length - 1];
  }

  /**
   * Every layer's output in evaluation mode, [batch, units] each (conv outputs flattened
   * length-major), the last being the logits: feature maps and hidden units for the pages. Call
   * inside tf.tidy.
   */
  activations(x: tf.Tensor2D): tf.Tensor2D[] {
    return this.forward(x, null, true);
  }

  /** One 0/1 mask per hidden layer for a batch of `batch`, drawn from `rng`; null without dropout. */
  dropoutMasks(batch: number, rng: Rng): tf.Tensor[] | null {
    this.checkAlive();
    const p = this.spec.dropout;
    if (p === 0) return null;
    return this.layerList
      .filter((layer) => layer.summary.kind !== 'output')
      .map((layer) => {
        const shape = [batch, ...layer.summary.outputShape];
        const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
        for (let i = 0; i < values.length; i++) values[i] = rng.next() < p ? 0 : 1;
        return tf.tensor(values, shape);
      });
  }

  /** sum of the squared weights, biases left out (the book's L2 term, section 9.1.1). Call inside tf.tidy. */
  l2Penalty(): tf.Scalar {
    this.checkAlive();
    return tf.addN(this.layerList.map((layer) => tf.sum(tf.square(layer.weights)))) as tf.Scalar;
  }

  /** The first layer's weights for a heatmap: one row per hidden unit (or output channel). */
  firstLayerWeights(): WeightGrid {
    this.checkAlive();
    const layer = this.layerList[0];
    const values = layer.weights.dataSync();
    const shape = layer.summary.weightShape;
    const units = shape[shape.length - 1];
    const columns = values.length / units;
    // Weights are stored [..., units]: a row of the grid is one unit's column of the matrix.
    const grid: number[] = new Array(values.length);
    for (let r = 0; r < units; r++) for (let c = 0; c < columns; c++) grid[r * columns + c] = values[c * units + r];
    const conv = layer.summary.kind === 'conv';
    return {
      layer: layer.summary.name,
      rows: units,
      columns,
      rowLabel: conv ? 'output channel' : 'hidden unit',
      columnLabel: conv ? 'kernel tap' : 'input sample',
      values: grid,
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const variable of this.variables) variable.dispose();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  private forward(x: tf.Tensor2D, masks: readonly tf.Tensor[] | null, keepAll: boolean): tf.Tensor2D[] {
    this.checkAlive();
    if (x.rank !== 2 || x.shape[1] !== this.spec.inputLength) {
      throw new Error(`mnist1d network: input has shape [${x.shape.join(', ')}], expected [batch, ${this.spec.inputLength}]`);
    }
    const batch = x.shape[0];
    const keep = 1 - this.spec.dropout;
    const results: tf.Tensor2D[] = [];
    let hiddenIndex = 0;
    // NOTE: the book's dropout: masked units in training, every unit scaled by 1 - p at evaluation.
    const dropout = (h: tf.Tensor): tf.Tensor => {
      if (this.spec.dropout === 0) return h;
      const mask = masks?.[hiddenIndex++];
      return mask === undefined ? tf.mul(h, keep) : tf.mul(h, mask);
    };
    let h: tf.Tensor = x;
    const convLayers = this.layerList.filter((layer) => layer.summary.kind === 'conv');
    if (convLayers.length > 0) {
      h = tf.reshape(x, [batch, this.spec.inputLength, 1]);
      for (const layer of convLayers) {
        h = dropout(tf.relu(tf.add(conv1dIm2col(h as tf.Tensor3D, layer.weights as tf.Tensor3D, layer.stride), layer.biases)));
        if (keepAll) results.push(tf.reshape(h, [batch, -1]));
      }
      h = tf.reshape(h, [batch, -1]);
    }
    for (const layer of this.layerList) {
      if (layer.summary.kind === 'conv') continue;
      const z = tf.add(linear(h as tf.Tensor2D, layer.weights as tf.Tensor2D), layer.biases);
      h = layer.summary.kind === 'output' ? z : dropout(tf.relu(z));
      if (keepAll || layer.summary.kind === 'output') results.push(h as tf.Tensor2D);
    }
    return results;
  }

  private checkAlive(): void {
    if (this.disposed) throw new Error('mnist1d network: used after dispose()');
  }
}
