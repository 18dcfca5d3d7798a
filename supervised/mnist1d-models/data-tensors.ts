/**
 * One split of MNIST-1D on the tfjs backend: the inputs [count, length], the labels (as numbers
 * for counting errors and as one-hot rows for the loss). Uploaded once per session; the trainer
 * gathers its minibatches from here rather than uploading every batch.
 */
import * as tf from '@tensorflow/tfjs';

export class SplitTensors {
  readonly count: number;
  readonly length: number;
  readonly classes: number;
  /** [count, length]. */
  readonly inputs: tf.Tensor2D;
  /** [count, classes], 1 at each row's label. */
  readonly oneHot: tf.Tensor2D;
  /** The labels as given (a copy). */
  readonly labels: Int32Array;
  private disposed = false;

  constructor(inputs: Float32Array, labels: Int32Array, length: number, classes: number) {
    if (!Number.isInteger(length) || length < 1 || inputs.length % length !== 0) throw new Error(`split tensors: ${inputs.length} input values do not make rows of ${length}`);
    const count = inputs.length / length;
    if (labels.length !== count) throw new Error(`split tensors: ${labels.length} labels for ${count} rows`);
    labels.forEach((label, i) => {
      if (!(Number.isInteger(label) && label >= 0 && label < classes)) throw new Error(`split tensors: label ${i} is ${label}, expected a class in [0, ${classes})`);
    });
    this.count = count;
    this.length = length;
    this.classes = classes;
    this.labels = Int32Array.from(labels);
    this.inputs = tf.tensor2d(inputs, [count, length]);
    this.oneHot = tf.tidy(() => tf.oneHot(tf.tensor1d(this.labels, 'int32'), classes).toFloat() as tf.Tensor2D);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.inputs.dispose();
    this.oneHot.dispose();
  }
}
