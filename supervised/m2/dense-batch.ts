/**
 * Float64 building blocks for the deep-network experiments (initialisation, residual variance,
 * shattered gradients): Gaussian weight matrices from a seeded Rng and batched matrix products.
 *
 * Layout: a weight matrix Omega with `rows` outputs and `columns` inputs is a row-major
 * Float64Array (Omega[i][j] at i * columns + j), as the book writes f = beta + Omega h. A batch of
 * B vectors of size D is a Float64Array of B * D numbers, one example after another (batch-first,
 * the transpose of the book's D x N data matrices; see the cross-cutting notes).
 */
import type { Rng } from '../../environments/core/rng';
import { fillNormal } from '../data/random-draws';

/** A rows x columns matrix of independent N(0, variance) entries. */
export function gaussianMatrix(rng: Rng, rows: number, columns: number, variance: number): Float64Array {
  return fillNormal(rng, new Float64Array(rows * columns), Math.sqrt(variance));
}

/** out[b] = bias + Omega input[b] for each of the `batch` examples (bias may be null: zero). */
export function affineBatch(weights: Float64Array, rows: number, columns: number, bias: Float64Array | null, input: Float64Array, batch: number): Float64Array {
  const out = new Float64Array(batch * rows);
  for (let b = 0; b < batch; b++) {
    const inOffset = b * columns;
    const outOffset = b * rows;
    for (let i = 0; i < rows; i++) {
      let sum = bias === null ? 0 : bias[i];
      const wOffset = i * columns;
      for (let j = 0; j < columns; j++) sum += weights[wOffset + j] * input[inOffset + j];
      out[outOffset + i] = sum;
    }
  }
  return out;
}

/** out[b] = Omega^T delta[b] for each of the `batch` examples: the backward pass through f = beta + Omega h (eq. 7.20). */
export function transposeTimesBatch(weights: Float64Array, rows: number, columns: number, delta: Float64Array, batch: number): Float64Array {
  const out = new Float64Array(batch * columns);
  for (let b = 0; b < batch; b++) {
    const dOffset = b * rows;
    const outOffset = b * columns;
    for (let i = 0; i < rows; i++) {
      const d = delta[dOffset + i];
      if (d === 0) continue;
      const wOffset = i * columns;
      for (let j = 0; j < columns; j++) out[outOffset + j] += weights[wOffset + j] * d;
    }
  }
  return out;
}

/** The population variance (divide by n) of all the numbers. */
export function variance(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let total = 0;
  for (let i = 0; i < n; i++) total += (values[i] - mean) ** 2;
  return total / n;
}
