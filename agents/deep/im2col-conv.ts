/**
 * A 2-D convolution built from slices, a concat and one matMul (im2col), so it trains on every
 * backend: tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel, so `tf.conv2d` cannot be
 * differentiated with respect to its kernel there. Every op used here has a gradient on wasm,
 * cpu, webgl and webgpu, and for small kernels on this machine it is also the fastest way to
 * train a conv layer (toolchain notes).
 *
 * Same semantics as `tf.conv2d(x, kernel, stride, padding)` with NHWC input and an
 * [kernelHeight, kernelWidth, inChannels, outChannels] kernel, including TensorFlow's 'same'
 * padding (the extra row or column of padding goes at the bottom or right).
 *
 * Strides above 1 avoid `tf.stridedSlice` (it has no gradient in tfjs 4.22): each tap takes a
 * contiguous block of outSize*stride rows, reshapes it to [outSize, stride] and keeps index 0.
 */
import * as tf from '@tensorflow/tfjs';
import { linear } from './linear';

export type ConvPadding = 'valid' | 'same';

/** Output size and leading padding of one spatial axis, as TensorFlow computes them. */
export function convOutputSize(inSize: number, kernel: number, stride: number, padding: ConvPadding): { size: number; padBefore: number; padTotal: number } {
  if (padding === 'same') {
    const size = Math.ceil(inSize / stride);
    const padTotal = Math.max((size - 1) * stride + kernel - inSize, 0);
    return { size, padBefore: Math.floor(padTotal / 2), padTotal };
  }
  return { size: Math.floor((inSize - kernel) / stride) + 1, padBefore: 0, padTotal: 0 };
}

export function conv2dIm2col(x: tf.Tensor4D, kernel: tf.Tensor4D, stride: number, padding: ConvPadding): tf.Tensor4D {
  const [batch, height, width, channels] = x.shape;
  const [kernelHeight, kernelWidth, kernelChannels, filters] = kernel.shape;
  if (!Number.isInteger(stride) || stride < 1) throw new Error(`conv2dIm2col: stride must be a positive integer, got ${stride}`);
  if (padding !== 'valid' && padding !== 'same') throw new Error(`conv2dIm2col: padding must be 'valid' or 'same', got '${String(padding)}'`);
  if (kernelChannels !== channels) {
    throw new Error(`conv2dIm2col: kernel has ${kernelChannels} input channels, input has ${channels}`);
  }
  const rows = convOutputSize(height, kernelHeight, stride, padding);
  const cols = convOutputSize(width, kernelWidth, stride, padding);
  if (rows.size < 1 || cols.size < 1) {
    throw new Error(`conv2dIm2col: a ${kernelHeight}x${kernelWidth} kernel does not fit a ${height}x${width} input with 'valid' padding`);
  }
  return tf.tidy(() => {
    // Each tap (i, j) reads rows i .. i + rows.size*stride - 1 of the padded input; pad far enough
    // (with zeros that are never selected) that every such block exists.
    const paddedHeight = Math.max(height + rows.padTotal, kernelHeight - 1 + rows.size * stride);
    const paddedWidth = Math.max(width + cols.padTotal, kernelWidth - 1 + cols.size * stride);
    const padded =
      paddedHeight === height && paddedWidth === width
        ? x
        : tf.pad(x, [
            [0, 0],
            [rows.padBefore, paddedHeight - height - rows.padBefore],
            [cols.padBefore, paddedWidth - width - cols.padBefore],
            [0, 0],
          ]);
    const taps: tf.Tensor4D[] = [];
    for (let i = 0; i < kernelHeight; i++) {
      for (let j = 0; j < kernelWidth; j++) {
        let tap = tf.slice(padded, [0, i, j, 0], [batch, rows.size * stride, cols.size * stride, channels]);
        if (stride > 1) {
          tap = tf
            .reshape(tap, [batch, rows.size, stride, cols.size, stride, channels])
            .slice([0, 0, 0, 0, 0, 0], [batch, rows.size, 1, cols.size, 1, channels])
            .reshape([batch, rows.size, cols.size, channels]);
        }
        taps.push(tap);
      }
    }
    // Patch layout (i, j, c) matches the kernel's row-major [kh, kw, c, f] flattened to [kh*kw*c, f].
    const patches = taps.length === 1 ? taps[0] : tf.concat(taps, 3);
    const patchSize = kernelHeight * kernelWidth * channels;
    const columns = tf.reshape(patches, [batch * rows.size * cols.size, patchSize]);
    const product = linear(columns as tf.Tensor2D, tf.reshape(kernel, [patchSize, filters]));
    return tf.reshape(product, [batch, rows.size, cols.size, filters]);
  });
}
