import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend, isBrowser } from '../../agents/core/tf-backend';
import { encodeBatch, inputSize, Network, validateNetworkSpec } from '../../agents/deep/network';
import type { NetworkSpec } from '../../agents/deep/types';
import { createRng } from '../../environments/core/rng';

const mlp: NetworkSpec = { input: { kind: 'vector', size: 4 }, conv: [], hidden: [8, 6], activation: 'relu', outputs: 2 };
const planes: NetworkSpec = {
  input: { kind: 'planes', height: 5, width: 5, channels: 2 },
  conv: [{ filters: 3, kernel: 3, stride: 1 }],
  hidden: [8],
  activation: 'relu',
  outputs: 2,
};

const networks: Network[] = [];
function make(spec: NetworkSpec, seed: number, options?: ConstructorParameters<typeof Network>[2]): Network {
  const network = new Network(spec, seed, options);
  networks.push(network);
  return network;
}

function randomVectors(count: number, size: number, seed: string): Float32Array[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => Float32Array.from({ length: size }, () => 2 * rng.next() - 1));
}

describe('Network', () => {
  beforeAll(async () => {
    expect(isBrowser()).toBe(false);
    expect(await initBackend()).toBe('wasm');
    // A GPU preference in Node falls back to wasm.
    expect(await initBackend('webgpu')).toBe('wasm');
  });
  afterAll(() => {
    for (const network of networks) network.dispose();
  });

  it('gives the same weights for the same seed and different weights for another seed', () => {
    const a = make(planes, 7).getWeights();
    const b = make(planes, 7).getWeights();
    const c = make(planes, 8).getWeights();
    expect(a.length).toBe(6);
    a.forEach((values, index) => expect(Array.from(values)).toEqual(Array.from(b[index])));
    expect(Array.from(a[0])).not.toEqual(Array.from(c[0]));
    // Zero biases, glorot-uniform weights within their limit.
    expect(Array.from(a[1]).every((value) => value === 0)).toBe(true);
    const limit = Math.sqrt(6 / (9 * 2 + 9 * 3));
    expect(Math.max(...Array.from(a[0]).map(Math.abs))).toBeLessThanOrEqual(limit);
  });

  it('knows its layers, variable shapes and parameter count', () => {
    const network = make(planes, 1);
    expect(network.variables.map((variable) => variable.shape)).toEqual([[3, 3, 2, 3], [3], [27, 8], [8], [8, 2], [2]]);
    expect(network.parameterCount()).toBe(54 + 3 + 216 + 8 + 16 + 2);
    expect(network.layers.map((layer) => [layer.name, layer.shape])).toEqual([
      ['conv 1', [3, 3, 3]],
      ['hidden 1', [8]],
      ['output', [2]],
    ]);
    const minAtar = make({ input: { kind: 'planes', height: 10, width: 10, channels: 4 }, conv: [{ filters: 16, kernel: 3, stride: 1 }], hidden: [128], activation: 'relu', outputs: 6 }, 1);
    expect(minAtar.parameterCount()).toBe(3 * 3 * 4 * 16 + 16 + 1024 * 128 + 128 + 128 * 6 + 6);
  });

  it('validates specs with precise messages', () => {
    const bad = (patch: object) => () => new Network({ ...mlp, ...patch } as NetworkSpec, 1);
    expect(bad({ hidden: [8, 0] })).toThrow('network spec: hidden[1] must be a positive integer, got 0');
    expect(bad({ outputs: 1.5 })).toThrow('network spec: outputs must be a positive integer, got 1.5');
    expect(bad({ activation: 'gelu' })).toThrow("network spec: activation must be one of relu, tanh, elu, sigmoid, linear, got 'gelu'");
    expect(bad({ input: { kind: 'image', size: 3 } })).toThrow("network spec: input.kind must be one of one-hot, vector, planes, got 'image'");
    expect(bad({ input: { kind: 'one-hot', size: -2 } })).toThrow('network spec: input.size must be a positive integer, got -2');
    expect(bad({ conv: [{ filters: 2, kernel: 3, stride: 1 }] })).toThrow("network spec: conv layers need 'planes' input, got 'vector' input");
    expect(() => validateNetworkSpec({ ...planes, conv: [{ filters: 2, kernel: 6, stride: 1 }] })).toThrow('network spec: conv[0] kernel 6 does not fit its 5x5 input');
    expect(() => validateNetworkSpec({ ...planes, conv: [{ filters: 2, kernel: 3, stride: 0 }] })).toThrow('network spec: conv[0].stride must be a positive integer, got 0');
    expect(() => validateNetworkSpec({ ...mlp, hidden: [100_000, 100_000] })).toThrow('parameters is more than the limit');
    expect(() => new Network(mlp, Number.NaN)).toThrow('network: seed must be a finite number, got null');
  });

  it('validates setWeights and leaves the network unchanged on bad input', () => {
    const network = make(mlp, 3);
    const weights = network.getWeights();
    const tooMany = weights.map((values) => Array.from(values));
    tooMany[2] = [...tooMany[2], 0, 0];
    tooMany[0] = tooMany[0].map(() => 9);
    expect(() => network.setWeights(tooMany)).toThrow('network: layer 2 weights have 50 values, expected 48');
    expect(() => network.setWeights(weights.slice(1))).toThrow('network: expected 6 weight arrays (3 layers, weights and biases each), got 5');
    const withNaN = weights.map((values) => Float32Array.from(values));
    withNaN[5][1] = Number.NaN;
    expect(() => network.setWeights(withNaN)).toThrow('network: layer 3 biases value 1 is null, expected a finite number');
    expect(network.getWeights()).toEqual(weights);
    const changed = weights.map((values) => values.map((value) => value + 1));
    network.setWeights(changed);
    expect(network.getWeights()).toEqual(changed);
  });

  it('copies (hard sync) and Polyak-averages another network', () => {
    const online = make(mlp, 1);
    const target = make(mlp, 2, { trainable: false });
    const before = tf.memory().numTensors;
    const onlineWeights = online.getWeights();
    const targetWeights = target.getWeights();
    target.polyakFrom(online, 0.25);
    target.getWeights().forEach((values, index) => {
      values.forEach((value, i) => expect(value).toBeCloseTo(0.25 * onlineWeights[index][i] + 0.75 * targetWeights[index][i], 6));
    });
    target.copyFrom(online);
    expect(target.getWeights()).toEqual(onlineWeights);
    // The copy stays put when the online network changes afterwards.
    online.setWeights(onlineWeights.map((values) => values.map((value) => value * 2)));
    expect(target.getWeights()).toEqual(onlineWeights);
    expect(tf.memory().numTensors).toBe(before);
    // ... and when the online network is disposed.
    const source = new Network(mlp, 3);
    const sourceWeights = source.getWeights();
    target.copyFrom(source);
    source.dispose();
    expect(target.getWeights()).toEqual(sourceWeights);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => target.polyakFrom(online, 1.5)).toThrow('network: tau must be in [0, 1], got 1.5');
    expect(() => target.copyFrom(make({ ...mlp, outputs: 3 }, 1))).toThrow('network: cannot copy layer 3 weights of shape [6, 3] into shape [6, 2]');
  });

  it('encodes one-hot, vector and planes batches', () => {
    tf.tidy(() => {
      const oneHot = encodeBatch({ kind: 'one-hot', size: 4 }, [2, 0]);
      expect(oneHot.shape).toEqual([2, 4]);
      expect(Array.from(oneHot.dataSync())).toEqual([0, 0, 1, 0, 1, 0, 0, 0]);
      const vector = encodeBatch({ kind: 'vector', size: 2 }, [Float32Array.of(0.5, -1), Float32Array.of(3, 4)]);
      expect(Array.from(vector.dataSync())).toEqual([0.5, -1, 3, 4]);
      const planeInput = { kind: 'planes', height: 2, width: 1, channels: 2 } as const;
      expect(inputSize(planeInput)).toBe(4);
      expect(encodeBatch(planeInput, [Float32Array.of(1, 0, 0, 1)]).shape).toEqual([1, 4]);
      expect(() => encodeBatch({ kind: 'one-hot', size: 4 }, [1, 4])).toThrow('encodeBatch: observation 1 is 4, expected an integer state in [0, 4)');
      expect(() => encodeBatch({ kind: 'vector', size: 3 }, [Float32Array.of(1, 2)])).toThrow(
        'encodeBatch: observation 0 is a Float32Array of 2 numbers, expected a Float32Array of 3 numbers (vector input)',
      );
    });
  });

  it('applies to a batch and returns every layer activation', () => {
    const network = make(planes, 4);
    tf.tidy(() => {
      const input = encodeBatch(planes.input, randomVectors(3, 50, 'obs'));
      const output = network.apply(input);
      expect(output.shape).toEqual([3, 2]);
      const activations = network.activations(input);
      expect(activations.map((tensor) => tensor.shape)).toEqual([[3, 27], [3, 8], [3, 2]]);
      expect(Array.from(activations[2].dataSync())).toEqual(Array.from(output.dataSync()));
      expect(() => network.apply(tf.zeros([3, 49]) as tf.Tensor2D)).toThrow('network: input has shape [3, 49], expected [batch, 50]');
    });
  });

  it('composes as a trunk with two heads', () => {
    const trunk = make({ ...mlp, hidden: [8], outputs: 6 }, 1, { outputActivation: 'relu' });
    const head = { input: { kind: 'vector', size: 6 }, conv: [], hidden: [], activation: 'relu', outputs: 2 } as const;
    const policy = make(head, 2, { outputGain: 0.01 });
    const value = make({ ...head, outputs: 1 }, 3);
    tf.tidy(() => {
      const features = trunk.apply(encodeBatch(mlp.input, randomVectors(5, 4, 'trunk')));
      expect(Math.min(...Array.from(features.dataSync()))).toBeGreaterThanOrEqual(0);
      expect(policy.apply(features).shape).toEqual([5, 2]);
      expect(value.apply(features).shape).toEqual([5, 1]);
      expect(Math.max(...Array.from(policy.apply(features).dataSync()).map(Math.abs))).toBeLessThan(0.1);
    });
  });

  it('leaks no tensors over 1,000 forward and backward passes with adam', () => {
    const network = make(mlp, 5);
    const target = make(mlp, 6, { trainable: false });
    const optimizer = tf.train.adam(1e-3);
    const observations = randomVectors(8, 4, 'leak');
    // Warm up once: adam creates its moment variables on the first step.
    const step = (): void => {
      tf.tidy(() => {
        const input = encodeBatch(mlp.input, observations);
        // Computed outside the loss closure: no gradient flows into the target network.
        const targets = target.apply(input);
        optimizer.minimize(() => tf.losses.huberLoss(targets, network.apply(input)) as tf.Scalar, false, network.variables);
      });
    };
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 1000; i++) {
      step();
      if (i % 100 === 0) target.copyFrom(network);
      if (i % 10 === 0) target.polyakFrom(network, 0.1);
    }
    expect(tf.memory().numTensors).toBe(before);
    optimizer.dispose();
  });

  it('trains a conv network on planes input (wasm has no Conv2DBackpropFilter)', () => {
    const network = make(planes, 9);
    const observations = randomVectors(16, 50, 'regression');
    const before = tf.memory().numTensors;
    const optimizer = tf.train.adam(1e-2);
    const losses: number[] = [];
    tf.tidy(() => {
      const input = encodeBatch(planes.input, observations);
      // Targets: two fixed functions of the planes.
      const targets = tf.stack([tf.sum(input, 1), tf.mean(tf.abs(input), 1)], 1);
      for (let i = 0; i < 100; i++) {
        const loss = optimizer.minimize(() => tf.losses.meanSquaredError(targets, network.apply(input)) as tf.Scalar, true, network.variables);
        losses.push(loss!.dataSync()[0]);
        loss!.dispose();
      }
    });
    expect(losses[losses.length - 1]).toBeLessThan(0.1 * losses[0]);
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses use after dispose', () => {
    const network = new Network(mlp, 1);
    const before = tf.memory().numTensors;
    network.dispose();
    expect(tf.memory().numTensors).toBe(before - 6);
    expect(() => network.getWeights()).toThrow('network: used after dispose()');
  });
});
