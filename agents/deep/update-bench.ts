/**
 * The networks and the single gradient update that Floe's update-rate benchmarks time: the Node
 * benchmark (bench/deep-updates.ts, `npm run bench`) and the browser's /backends page run the
 * same code, so their numbers compare.
 *
 * One update: forward a batch of 32, squared error against fixed targets, backward, Adam, read
 * the loss back (as DQN does every update). Floe: agents/deep/network.ts (raw variables; its
 * conv is the im2col one). Bare: a tf.sequential of tf.layers with the same shapes, stepped by
 * optimizer.minimize on model.apply. tfjs-backend-wasm 4.22 cannot compute conv kernel
 * gradients, so the bare conv step throws on wasm; that gap is why Floe has its own conv.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../environments/core/rng';
import { inputSize, Network } from './network';
import type { NetworkSpec } from './types';

export const BENCH_BATCH = 32;

export interface DeepNet {
  readonly name: string;
  readonly spec: NetworkSpec;
  /** The same architecture as tf.layers, for the bare step. */
  bare(): tf.Sequential;
}

export const MLP: DeepNet = {
  name: 'MLP 64-128-128-4',
  spec: { input: { kind: 'vector', size: 64 }, conv: [], hidden: [128, 128], activation: 'relu', outputs: 4 },
  bare: () =>
    tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [64], units: 128, activation: 'relu' }),
        tf.layers.dense({ units: 128, activation: 'relu' }),
        tf.layers.dense({ units: 4 }),
      ],
    }),
};

export const SMALL_CONV: DeepNet = {
  name: 'conv 10x10x4, 16 3x3, dense 128, 6 outputs',
  spec: { input: { kind: 'planes', height: 10, width: 10, channels: 4 }, conv: [{ filters: 16, kernel: 3, stride: 1 }], hidden: [128], activation: 'relu', outputs: 6 },
  bare: () =>
    tf.sequential({
      layers: [
        tf.layers.reshape({ inputShape: [400], targetShape: [10, 10, 4] }),
        tf.layers.conv2d({ filters: 16, kernelSize: 3, strides: 1, padding: 'valid', activation: 'relu' }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 128, activation: 'relu' }),
        tf.layers.dense({ units: 6 }),
      ],
    }),
};

/** One timed unit of work: `step()` runs one update and waits for its loss; `dispose()` frees its tensors. */
export interface UpdateStep {
  step(): void;
  dispose(): void;
}

/** A fixed, seeded batch: sparse 0/1 inputs (like one-hot and plane observations) and uniform targets. */
function batchData(net: DeepNet): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const inputs = inputSize(net.spec.input);
  const outputs = net.spec.outputs;
  const rng = createRng('bench/deep');
  const x = tf.tensor2d(Float32Array.from({ length: BENCH_BATCH * inputs }, () => (rng.next() < 0.2 ? 1 : 0)), [BENCH_BATCH, inputs]);
  const y = tf.tensor2d(Float32Array.from({ length: BENCH_BATCH * outputs }, () => rng.next()), [BENCH_BATCH, outputs]);
  return { x, y };
}

/** The update on Floe's Network (current backend). */
export function floeUpdateStep(net: DeepNet): UpdateStep {
  const network = new Network(net.spec, 1);
  const optimizer = tf.train.adam(1e-3);
  const { x, y } = batchData(net);
  return {
    step() {
      const cost = tf.tidy(() => optimizer.minimize(() => tf.losses.meanSquaredError(y, network.apply(x)) as tf.Scalar, true, network.variables) as tf.Scalar);
      cost.dataSync();
      cost.dispose();
    },
    dispose: () => [network, optimizer, x, y].forEach((t) => t.dispose()),
  };
}

/** The same update on the bare tf.layers model (current backend). Its first `step()` throws where the backend lacks a gradient kernel. */
export function bareUpdateStep(net: DeepNet): UpdateStep {
  const model = net.bare();
  const optimizer = tf.train.adam(1e-3);
  const { x, y } = batchData(net);
  return {
    step() {
      const cost = tf.tidy(() => optimizer.minimize(() => tf.losses.meanSquaredError(y, model.apply(x, { training: true }) as tf.Tensor2D) as tf.Scalar, true) as tf.Scalar);
      cost.dataSync();
      cost.dispose();
    },
    dispose: () => [model, optimizer, x, y].forEach((t) => t.dispose()),
  };
}
