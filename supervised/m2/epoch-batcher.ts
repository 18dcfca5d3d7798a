/**
 * Minibatches drawn without replacement (section 6.2): each epoch is one random permutation of the
 * examples cut into consecutive batches, so every example is used once per epoch. When the batch
 * size does not divide the dataset, the epoch's last batch is the smaller remainder (nothing is
 * dropped, as PyTorch's DataLoader does by default).
 *
 * The companion notebooks instead draw a fresh random subset at every step
 * (`np.random.permutation(n)[0:batch_size]`); the book's text describes epochs, which is what runs here.
 */
import type { Rng } from '../../environments/core/rng';
import { randomPermutation } from '../data/random-draws';

export class EpochBatcher {
  private order: Int32Array = new Int32Array(0);
  private position = 0;
  private epochs = 0;

  constructor(
    /** How many examples there are (indices 0 .. size - 1). */
    readonly size: number,
    /** Examples per batch, at most `size`. */
    readonly batchSize: number,
    private readonly rng: Rng,
  ) {
    if (!(Number.isInteger(size) && size >= 1)) throw new Error(`epoch batcher: size must be a positive integer, got ${JSON.stringify(size)}`);
    if (!(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= size)) {
      throw new Error(`epoch batcher: batchSize must be an integer in [1, ${size}], got ${JSON.stringify(batchSize)}`);
    }
  }

  /** Epochs started so far (the current one included). */
  get epoch(): number {
    return this.epochs;
  }

  /** The next batch of example indices. */
  next(): number[] {
    if (this.position >= this.order.length) {
      this.order = randomPermutation(this.rng, this.size);
      this.position = 0;
      this.epochs++;
    }
    const end = Math.min(this.position + this.batchSize, this.order.length);
    const batch = Array.from(this.order.subarray(this.position, end));
    this.position = end;
    return batch;
  }
}
