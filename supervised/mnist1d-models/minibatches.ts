/**
 * Minibatches drawn without replacement (section 6.2): at the start of every epoch a fresh
 * random permutation of the training rows (Floe's Rng, Fisher-Yates), cut into consecutive
 * batches. When the batch size does not divide the rows, the epoch's last batch is the smaller
 * remainder, as PyTorch's DataLoader does by default (drop_last=False). A batch as large as the
 * set is the full batch: every row, in order, every step.
 */
import type { Rng } from '../../environments/core/rng';
import { randomPermutation } from '../data';

export class MinibatchSampler {
  private order: Int32Array | null = null;
  private cursor = 0;
  private completed = 0;

  constructor(
    private readonly rng: Rng,
    readonly count: number,
    readonly batchSize: number,
  ) {
    if (!(Number.isInteger(count) && count >= 1)) throw new Error(`minibatches: count must be a whole number of at least 1, got ${count}`);
    if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new Error(`minibatches: batchSize must be a whole number of at least 1, got ${batchSize}`);
  }

  /** Passes over the whole set completed. */
  get epochs(): number {
    return this.completed;
  }

  /** True when every batch is the whole set (no permutation is drawn). */
  get fullBatch(): boolean {
    return this.batchSize >= this.count;
  }

  /** The next batch's rows (a view, valid until the next call), or null for the full batch. */
  next(): Int32Array | null {
    if (this.fullBatch) {
      this.completed++;
      return null;
    }
    if (this.order === null) {
      this.order = randomPermutation(this.rng, this.count);
      this.cursor = 0;
    }
    const rows = this.order.subarray(this.cursor, Math.min(this.cursor + this.batchSize, this.count));
    this.cursor += rows.length;
    if (this.cursor >= this.count) {
      this.completed++;
      this.order = null;
    }
    return rows;
  }
}
