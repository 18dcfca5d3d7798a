/**
 * Gradient updates per second of Floe's networks against a bare tfjs step of the same network,
 * per backend that runs here (in Node: wasm and cpu).
 *
 * One update: forward a batch of 32, squared error against fixed targets, backward, Adam, read
 * the loss back (as DQN does every update). Floe: agents/deep/network.ts (raw variables; its
 * conv is the im2col one). Bare: a tf.sequential of tf.layers with the same shapes, stepped by
 * optimizer.minimize on model.apply. tfjs-backend-wasm 4.22 cannot compute conv kernel
 * gradients, so the bare conv step has no wasm number; that gap is why Floe has its own conv.
 */
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendName } from '../agents/core/tf-backend';
import { Network } from '../agents/deep/network';
import type { NetworkSpec } from '../agents/deep/types';
import { createRng } from '../environments/core/rng';
import { interleavedRates, type RateRun } from './timing';

const BATCH = 32;

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

function batchData(inputs: number, outputs: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const rng = createRng('bench/deep');
  const x = tf.tensor2d(Float32Array.from({ length: BATCH * inputs }, () => (rng.next() < 0.2 ? 1 : 0)), [BATCH, inputs]);
  const y = tf.tensor2d(Float32Array.from({ length: BATCH * outputs }, () => rng.next()), [BATCH, outputs]);
  return { x, y };
}

/** Runs `update` until `ms` have passed; returns updates per second. */
function rateOf(update: () => void): RateRun {
  return (ms: number) => {
    const start = performance.now();
    let n = 0;
    while (performance.now() - start < ms) {
      update();
      n++;
    }
    return (n * 1000) / (performance.now() - start);
  };
}

function floeRunner(net: DeepNet): { run: RateRun; dispose(): void } {
  const network = new Network(net.spec, 1);
  const optimizer = tf.train.adam(1e-3);
  const inputs = net.spec.input.kind === 'planes' ? 400 : net.spec.input.size;
  const { x, y } = batchData(inputs, net.spec.outputs);
  const run = rateOf(() => {
    const cost = tf.tidy(() => optimizer.minimize(() => tf.losses.meanSquaredError(y, network.apply(x)) as tf.Scalar, true, network.variables) as tf.Scalar);
    cost.dataSync();
    cost.dispose();
  });
  return { run, dispose: () => [network, optimizer, x, y].forEach((t) => t.dispose()) };
}

function bareRunner(net: DeepNet): { run: RateRun; dispose(): void } {
  const model = net.bare();
  const optimizer = tf.train.adam(1e-3);
  const inputs = net.spec.input.kind === 'planes' ? 400 : net.spec.input.size;
  const { x, y } = batchData(inputs, net.spec.outputs);
  const run = rateOf(() => {
    const cost = tf.tidy(() => optimizer.minimize(() => tf.losses.meanSquaredError(y, model.apply(x, { training: true }) as tf.Tensor2D) as tf.Scalar, true) as tf.Scalar);
    cost.dataSync();
    cost.dispose();
  });
  return { run, dispose: () => [model, optimizer, x, y].forEach((t) => t.dispose()) };
}

export interface DeepUpdateRow {
  readonly backend: BackendName;
  readonly net: string;
  readonly floe: number;
  /** null when the bare step cannot run on this backend. */
  readonly bare: number | null;
  readonly bareError?: string;
}

export async function deepUpdateRates(backends: readonly BackendName[], runs: number, runMs: number): Promise<DeepUpdateRow[]> {
  const rows: DeepUpdateRow[] = [];
  for (const wanted of backends) {
    const backend = await initBackend(wanted);
    if (backend !== wanted) continue;
    for (const net of [MLP, SMALL_CONV]) {
      const floe = floeRunner(net);
      let bare: { run: RateRun; dispose(): void } | null = null;
      let bareError: string | undefined;
      try {
        bare = bareRunner(net);
        bare.run(1); // fails at once where the backend lacks a gradient kernel
      } catch (error) {
        bare?.dispose();
        bare = null;
        bareError = (error as Error).message.split('\n')[0];
      }
      const rates = interleavedRates(bare ? [floe.run, bare.run] : [floe.run], runs, runMs, 300);
      rows.push({ backend, net: net.name, floe: rates[0].median, bare: bare ? rates[1].median : null, bareError });
      floe.dispose();
      bare?.dispose();
    }
  }
  return rows;
}
