/**
 * The softmax policy's action choice, in JS from the probabilities read back once per batch, so
 * that every random draw goes through the run's Rng (never tf.multinomial, which has its own
 * seeding) and the same seed gives the same actions on every backend that computes the same
 * probabilities.
 */
import type { Rng } from '../../environments/core/rng';

/** Samples an action from row `row` of `probs` (rows of length nA) with one draw of `rng`. */
export function sampleCategorical(probs: ArrayLike<number>, row: number, nA: number, rng: Rng): number {
  const u = rng.next();
  let cumulative = 0;
  const offset = row * nA;
  for (let a = 0; a < nA - 1; a++) {
    cumulative += probs[offset + a];
    if (u < cumulative) return a;
  }
  // Rounding may leave the sum a hair below 1: the last action takes the rest.
  return nA - 1;
}

/** The most probable action of row `row` (the first on ties): the greedy policy. */
export function argmaxRow(values: ArrayLike<number>, row: number, nA: number): number {
  const offset = row * nA;
  let best = 0;
  for (let a = 1; a < nA; a++) if (values[offset + a] > values[offset + best]) best = a;
  return best;
}
