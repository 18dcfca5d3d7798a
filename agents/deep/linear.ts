/**
 * x W for a [rows, in] x and an [in, out] W, with the gradients dx = dy W^T and dW = x^T dy taken
 * by explicit transposes. The same products as tf.matMul's own gradient (the numbers are the same
 * bit for bit), but tfjs 4.22's wasm backend runs a matMul with transposeA or transposeB (what
 * tf.matMul's gradient asks for) on a slow generic loop: in a default decision-transformer
 * training step on wasm, tf.profile put the matMul kernels at 870 ms with tf.matMul's gradient and
 * 190 ms with this one; Floe's MLP updates went from 1.04x to 1.65x a bare tf.layers step
 * (`npm run bench -- --only deep-updates`). Other backends do transposed products natively, and
 * the explicit transposes only cost them: `linear` uses this on wasm alone.
 */
import * as tf from '@tensorflow/tfjs';

export const matMulPlain = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, w, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([x, w]);
  return {
    value: tf.matMul(x, w),
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
      const [input, weights] = saved as tf.Tensor2D[];
      return [tf.matMul(dy, tf.transpose(weights)), tf.matMul(tf.transpose(input), dy)];
    },
  };
}) as (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D;

/** x W, with the wasm-friendly gradient on wasm and tf.matMul's own elsewhere. */
export function linear(x: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D {
  return tf.getBackend() === 'wasm' ? matMulPlain(x, w) : tf.matMul(x, w);
}

/** a b for [batch, n, k] a and [batch, k, m] b, the gradients by explicit transposes (see matMulPlain). */
export const batchMatMulPlain = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = args as [tf.Tensor3D, tf.Tensor3D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor3D, saved: tf.Tensor[]) => {
      const [left, right] = saved as tf.Tensor3D[];
      return [tf.matMul(dy, tf.transpose(right, [0, 2, 1])), tf.matMul(tf.transpose(left, [0, 2, 1]), dy)];
    },
  };
}) as (a: tf.Tensor3D, b: tf.Tensor3D) => tf.Tensor3D;

/** a b (b transposed first when `transposeB`), batched, with the wasm-friendly gradient on wasm. */
export function batchMatMul(a: tf.Tensor3D, b: tf.Tensor3D, transposeB = false): tf.Tensor3D {
  if (tf.getBackend() !== 'wasm') return tf.matMul(a, b, false, transposeB);
  return batchMatMulPlain(a, transposeB ? (tf.transpose(b, [0, 2, 1]) as tf.Tensor3D) : b);
}
