/**
 * One MNIST-1D training step, timed by the benchmarks (bench/mnist1d.ts in Node, the /backends
 * page in the browser): Floe's trainer step, and a bare tf.layers loop of the same shapes with
 * tf.train.sgd and the same minibatches, so both places measure the same work.
 */
import * as tf from '@tensorflow/tfjs';
import type { UpdateStep } from '../../agents/deep/update-bench';
import { createRng } from '../../environments/core/rng';
import { MinibatchSampler } from './minibatches';
import { Mnist1dNetwork } from './network';
import type { Mnist1dNetworkSpec } from './network-spec';
import type { SplitTensors } from './data-tensors';
import { Mnist1dTrainer } from './trainer';

/** Sequences a step: the book's batch of 100. */
export const MNIST1D_BENCH_BATCH = 100;

/** Floe: the trainer's step, its measurements pushed out of reach. */
export function mnist1dFloeStep(spec: Mnist1dNetworkSpec, train: SplitTensors, test: SplitTensors): UpdateStep {
  const trainer = new Mnist1dTrainer(new Mnist1dNetwork(spec, 1), train, test, { batchSize: MNIST1D_BENCH_BATCH, steps: 10_000_000, evalEvery: 10_000_000 }, 1);
  trainer.step(1); // the step-0 measurement happens here, before any timing
  return { step: () => trainer.step(1), dispose: () => trainer.dispose() };
}

/** The same architecture as tf.layers, seeded glorot-uniform kernels (tf.layers' default law). */
export function bareModel(spec: Mnist1dNetworkSpec): tf.Sequential {
  const kernelInitializer = tf.initializers.glorotUniform({ seed: 1 });
  const layers: tf.layers.Layer[] = [];
  if (spec.conv.length > 0) {
    layers.push(tf.layers.reshape({ inputShape: [spec.inputLength], targetShape: [spec.inputLength, 1] }));
    for (const conv of spec.conv) layers.push(tf.layers.conv1d({ filters: conv.channels, kernelSize: conv.kernel, strides: conv.stride, padding: 'valid', activation: 'relu', kernelInitializer }));
    layers.push(tf.layers.flatten());
  }
  spec.hidden.forEach((units, i) => {
    const first = layers.length === 0 && i === 0;
    layers.push(tf.layers.dense({ units, activation: 'relu', kernelInitializer, ...(first ? { inputShape: [spec.inputLength] } : {}) }));
  });
  layers.push(tf.layers.dense({ units: spec.classes, kernelInitializer }));
  return tf.sequential({ layers });
}

/** Bare tfjs: tf.layers, tf.train.sgd, minibatches gathered the same way. Its first step throws where the backend lacks a gradient kernel. */
export function mnist1dBareStep(spec: Mnist1dNetworkSpec, train: SplitTensors): UpdateStep {
  const model = bareModel(spec);
  const optimizer = tf.train.sgd(0.1);
  const batches = new MinibatchSampler(createRng('bench/mnist1d/bare'), train.count, MNIST1D_BENCH_BATCH);
  return {
    step() {
      const rows = batches.next() as Int32Array;
      const cost = tf.tidy(() => {
        const indices = tf.tensor1d(rows, 'int32');
        const x = tf.gather(train.inputs, indices);
        const y = tf.gather(train.oneHot, indices);
        return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor2D) as tf.Scalar, true) as tf.Scalar;
      });
      cost.dataSync();
      cost.dispose();
    },
    dispose: () => {
      model.dispose();
      optimizer.dispose();
    },
  };
}
