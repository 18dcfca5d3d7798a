/**
 * Multiclass cross-entropy (section 5.5, eq. 5.24) on logits, and the error and loss of a whole
 * split, the four numbers of the book's training curves (fig. 8.2).
 *
 *   l_i = -log softmax(f[x_i, phi])_{y_i}
 *
 * summed over the batch (the book's eq. 6.10 convention) or averaged (tfjs's and PyTorch's
 * losses). With label smoothing (section 9.3.7) the target row puts 1 - rho on the label and
 * rho / (K - 1) on each other class, and the loss is the cross-entropy against that row.
 */
import * as tf from '@tensorflow/tfjs';
import type { BatchReduction } from '../core';
import type { SplitTensors } from './data-tensors';
import type { Mnist1dNetwork } from './network';

/** Cross-entropy of `logits` [batch, K] against target rows `targets` [batch, K] (one-hot or smoothed). */
export function crossEntropy(logits: tf.Tensor2D, targets: tf.Tensor2D, reduction: BatchReduction): tf.Scalar {
  return tf.tidy(() => {
    const perExample = tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(logits)), 1));
    return (reduction === 'sum' ? tf.sum(perExample) : tf.mean(perExample)) as tf.Scalar;
  });
}

/** Target rows with label smoothing rho: (1 - rho) on the label, rho / (K - 1) elsewhere. */
export function smoothTargets(oneHot: tf.Tensor2D, rho: number): tf.Tensor2D {
  const classes = oneHot.shape[1];
  return tf.tidy(() => tf.add(tf.mul(oneHot, 1 - rho - rho / (classes - 1)), rho / (classes - 1)) as tf.Tensor2D);
}

export interface SplitScore {
  /** Fraction of the split's rows whose largest logit is not the label, in [0, 1]. */
  readonly error: number;
  /** Mean cross-entropy per row (labels as given, no smoothing, no penalty). */
  readonly loss: number;
}

/** Rows per forward pass when scoring a split (bounds the activations held at once). */
const SCORE_CHUNK = 5000;

/** The network's error and mean loss on a whole split (evaluation mode). Leaves no tensors. */
export function scoreSplit(network: Mnist1dNetwork, split: SplitTensors): SplitScore {
  let wrong = 0;
  let lossSum = 0;
  for (let start = 0; start < split.count; start += SCORE_CHUNK) {
    const size = Math.min(SCORE_CHUNK, split.count - start);
    const [chunkWrong, chunkLoss] = tf.tidy(() => {
      const x = split.count === size ? split.inputs : tf.slice(split.inputs, [start, 0], [size, split.length]);
      const targets = split.count === size ? split.oneHot : tf.slice(split.oneHot, [start, 0], [size, split.classes]);
      const logits = network.logits(x);
      const misses = tf.sum(tf.cast(tf.notEqual(tf.argMax(logits, 1), tf.argMax(targets, 1)), 'float32'));
      return tf.stack([misses, crossEntropy(logits, targets, 'sum')]).dataSync();
    });
    wrong += chunkWrong;
    lossSum += chunkLoss;
  }
  return { error: wrong / split.count, loss: lossSum / split.count };
}
