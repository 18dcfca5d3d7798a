import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../agents/core/tf-backend';
import { conv2dIm2col, type ConvPadding } from '../../agents/deep/im2col-conv';
import { createRng } from '../../environments/core/rng';

function randomTensor<R extends tf.Rank>(shape: number[], seed: string): tf.Tensor<R> {
  const rng = createRng(seed);
  const count = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = 2 * rng.next() - 1;
  const tensor: tf.Tensor = tf.tensor(values, shape);
  return tensor as tf.Tensor<R>;
}

function maxAbsDifference(a: tf.Tensor, b: tf.Tensor): number {
  expect(a.shape).toEqual(b.shape);
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

interface Case {
  readonly input: [number, number, number, number];
  readonly kernel: [number, number, number, number];
  readonly stride: number;
  readonly padding: ConvPadding;
}

const cases: Case[] = [
  // The MinAtar network's conv layer.
  { input: [2, 10, 10, 4], kernel: [3, 3, 4, 16], stride: 1, padding: 'valid' },
  { input: [2, 10, 10, 4], kernel: [3, 3, 4, 16], stride: 1, padding: 'same' },
  { input: [1, 7, 6, 2], kernel: [3, 2, 2, 3], stride: 2, padding: 'valid' },
  { input: [2, 7, 6, 2], kernel: [3, 3, 2, 3], stride: 2, padding: 'same' },
  { input: [1, 9, 9, 1], kernel: [4, 4, 1, 2], stride: 3, padding: 'same' },
  { input: [1, 8, 8, 3], kernel: [2, 2, 3, 4], stride: 2, padding: 'valid' },
  { input: [3, 5, 5, 2], kernel: [1, 1, 2, 3], stride: 1, padding: 'valid' },
  { input: [1, 5, 5, 2], kernel: [5, 5, 2, 2], stride: 1, padding: 'valid' },
];

describe('conv2dIm2col', () => {
  beforeAll(async () => {
    expect(await initBackend('cpu')).toBe('cpu');
  });

  for (const { input, kernel, stride, padding } of cases) {
    it(`matches tf.conv2d forward and gradients: input ${input.join('x')}, kernel ${kernel.join('x')}, stride ${stride}, ${padding}`, () => {
      const before = tf.memory().numTensors;
      tf.tidy(() => {
        const x = randomTensor<tf.Rank.R4>(input, `x/${input.join()}/${kernel.join()}`);
        const k = randomTensor<tf.Rank.R4>(kernel, `k/${input.join()}/${kernel.join()}`);
        const expected = tf.conv2d(x, k, stride, padding);
        const actual = conv2dIm2col(x, k, stride, padding);
        expect(maxAbsDifference(actual, expected)).toBeLessThan(1e-4);

        // A loss that weights every output differently, so a transposed gradient would show.
        const weights = randomTensor(expected.shape, 'w');
        const loss = (f: (a: tf.Tensor4D, b: tf.Tensor4D) => tf.Tensor4D) => (a: tf.Tensor, b: tf.Tensor) =>
          tf.sum(tf.mul(f(a as tf.Tensor4D, b as tf.Tensor4D), weights));
        const [dxExpected, dkExpected] = tf.grads(loss((a, b) => tf.conv2d(a, b, stride, padding)))([x, k]);
        const [dxActual, dkActual] = tf.grads(loss((a, b) => conv2dIm2col(a, b, stride, padding)))([x, k]);
        expect(maxAbsDifference(dxActual, dxExpected)).toBeLessThan(1e-4);
        expect(maxAbsDifference(dkActual, dkExpected)).toBeLessThan(1e-4);
      });
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('rejects a kernel with the wrong channel count and a kernel larger than the input', () => {
    tf.tidy(() => {
      expect(() => conv2dIm2col(tf.zeros([1, 4, 4, 2]), tf.zeros([3, 3, 3, 1]), 1, 'valid')).toThrow('conv2dIm2col: kernel has 3 input channels, input has 2');
      expect(() => conv2dIm2col(tf.zeros([1, 2, 2, 1]), tf.zeros([3, 3, 1, 1]), 1, 'valid')).toThrow("a 3x3 kernel does not fit a 2x2 input with 'valid' padding");
      expect(() => conv2dIm2col(tf.zeros([1, 4, 4, 1]), tf.zeros([3, 3, 1, 1]), 0, 'valid')).toThrow('stride must be a positive integer, got 0');
    });
  });
});
