import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend, isBrowser, type BackendName } from '../../agents/core/tf-backend';
import { conv2dIm2col } from '../../agents/deep/im2col-conv';

describe('initBackend in Node', () => {
  it('runs wasm by default, cpu when asked, and never a GPU backend', async () => {
    expect(isBrowser()).toBe(false);
    expect(await initBackend()).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(await initBackend('cpu')).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(await initBackend('webgl')).toBe('wasm');
    expect(await initBackend('webgpu')).toBe('wasm');
    expect(await initBackend('wasm')).toBe('wasm');
  });

  it('rejects an unknown backend name', async () => {
    await expect(initBackend('tpu' as BackendName)).rejects.toThrow("initBackend: unknown backend 'tpu'; backends are webgpu, webgl, wasm, cpu");
  });

  it('needs the im2col conv on wasm: tf.conv2d has no kernel gradient there', async () => {
    expect(await initBackend('wasm')).toBe('wasm');
    tf.tidy(() => {
      const x = tf.ones([1, 4, 4, 1]) as tf.Tensor4D;
      const kernel = tf.ones([2, 2, 1, 1]) as tf.Tensor4D;
      expect(() => tf.grad((k: tf.Tensor) => tf.sum(tf.conv2d(x, k as tf.Tensor4D, 1, 'valid')))(kernel)).toThrow(/Conv2DBackpropFilter/);
      const gradient = tf.grad((k: tf.Tensor) => tf.sum(conv2dIm2col(x, k as tf.Tensor4D, 1, 'valid')))(kernel);
      expect(Array.from(gradient.dataSync())).toEqual([9, 9, 9, 9]);
    });
  });
});
