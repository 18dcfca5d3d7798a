/**
 * A 1-D convolution (section 10.2, eq. 10.3 with channels, fig. 10.5) built from slices, a pad,
 * a concat and one matMul (im2col), so it trains on every backend: tfjs-backend-wasm 4.22 has no
 * Conv2DBackpropFilter kernel, so `tf.conv1d` cannot be differentiated with respect to its kernel
 * there, and `tf.stridedSlice` has no gradient. It is agents/deep/im2col-conv.ts cut down to one
 * spatial axis (that one would also do, as a 2-D conv of height 1, but pads the height to the
 * stride and carries an axis for nothing).
 *
 *   x: [batch, length, inChannels]   kernel: [kernelSize, inChannels, outChannels]
 *   y[b, i, o] = sum_k sum_c x[b, i * stride + k, c] kernel[k, c, o]        ('valid' padding)
 *
 * which is the book's cross-correlation z_i = omega_1 x_{i-1} + omega_2 x_i + omega_3 x_{i+1}
 * with the window starting at the output's first input. Output length
 * floor((length - kernelSize) / stride) + 1: 40 -> 19 -> 9 -> 4 for kernel 3 and stride 2.
 */
import * as tf from '@tensorflow/tfjs';
import { linear } from '../../agents/deep/linear';

/** Output length of a 'valid' 1-D convolution (0 or less: the kernel does not fit). */
export function conv1dOutputLength(length: number, kernelSize: number, stride: number): number {
  return Math.floor((length - kernelSize) / stride) + 1;
}

export function conv1dIm2col(x: tf.Tensor3D, kernel: tf.Tensor3D, stride: number): tf.Tensor3D {
  const [batch, length, channels] = x.shape;
  const [kernelSize, kernelChannels, filters] = kernel.shape;
  if (!Number.isInteger(stride) || stride < 1) throw new Error(`conv1dIm2col: stride must be a positive integer, got ${stride}`);
  if (kernelChannels !== channels) throw new Error(`conv1dIm2col: kernel has ${kernelChannels} input channels, input has ${channels}`);
  const outLength = conv1dOutputLength(length, kernelSize, stride);
  if (outLength < 1) throw new Error(`conv1dIm2col: a kernel of ${kernelSize} does not fit an input of length ${length}`);
  return tf.tidy(() => {
    // Tap k reads inputs k .. k + outLength * stride - 1; pad with zeros that are never selected
    // so that the last tap's block exists (one sample for 19 -> 9 and 9 -> 4 at stride 2).
    const needed = kernelSize - 1 + outLength * stride;
    const padded = needed > length ? tf.pad(x, [[0, 0], [0, needed - length], [0, 0]]) : x;
    const taps: tf.Tensor3D[] = [];
    for (let k = 0; k < kernelSize; k++) {
      let tap = tf.slice(padded, [0, k, 0], [batch, outLength * stride, channels]);
      if (stride > 1) {
        // Every stride-th sample: [outLength, stride] blocks, keep index 0 of each.
        tap = tf.reshape(tap, [batch, outLength, stride, channels]).slice([0, 0, 0, 0], [batch, outLength, 1, channels]).reshape([batch, outLength, channels]);
      }
      taps.push(tap);
    }
    // Patch layout (k, c) matches the kernel's row-major [k, c, o] flattened to [k * c, o].
    const patches = taps.length === 1 ? taps[0] : tf.concat(taps, 2);
    const columns = tf.reshape(patches, [batch * outLength, kernelSize * channels]);
    const product = linear(columns as tf.Tensor2D, tf.reshape(kernel, [kernelSize * channels, filters]));
    return tf.reshape(product, [batch, outLength, filters]);
  });
}
