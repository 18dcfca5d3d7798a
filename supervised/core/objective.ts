/**
 * The float64 optimisers' view of a problem: a loss that is a sum of per-example terms,
 * L[phi] = sum_i l_i[phi] (book eq. 6.9 and every least-squares loss of chapters 2-6), with each
 * term's value and gradient. A plain function of phi (the Adam toy loss of Appendix A.3) is an
 * objective with one term.
 *
 * Batch reduction (issue 8, "Batch loss scaling" in the cross-cutting notes):
 * - 'sum'  (the book, eq. 6.10): the batch gradient is sum_{i in B} dl_i/dphi;
 * - 'mean' (PyTorch and tfjs losses): (1 / |B|) sum_{i in B} dl_i/dphi.
 * The two differ by the factor |B|, so with a fixed batch size a 'mean' learning rate |B| times
 * the 'sum' one gives the same path (for every optimiser whose update is linear in the gradient:
 * GD, SGD, both momentum forms, both Nesterov forms).
 */

export type BatchReduction = 'sum' | 'mean';
export const BATCH_REDUCTIONS: readonly BatchReduction[] = ['sum', 'mean'];

export interface Objective {
  /** Number of parameters (the length of phi). */
  readonly dimension: number;
  /** Number of terms l_i (examples); 1 for a plain function of phi. */
  readonly terms: number;
  /** l_i[phi]. */
  termLoss(phi: Float64Array, i: number): number;
  /** dl_i/dphi at phi, a fresh array of `dimension` numbers. */
  termGradient(phi: Float64Array, i: number): Float64Array;
}

/** An objective with a single term: L[phi] = loss(phi). */
export function functionObjective(
  dimension: number,
  loss: (phi: Float64Array) => number,
  gradient: (phi: Float64Array) => Float64Array,
): Objective {
  if (!(Number.isInteger(dimension) && dimension >= 1)) throw new Error(`objective: dimension must be a positive integer, got ${JSON.stringify(dimension)}`);
  return { dimension, terms: 1, termLoss: (phi) => loss(phi), termGradient: (phi) => gradient(phi) };
}

/** Every term's index, 0 .. terms - 1: the full batch, as gradient descent (eq. 6.3) uses. */
export function fullBatch(objective: Objective): number[] {
  return Array.from({ length: objective.terms }, (_, i) => i);
}

/** Throws a precise message when phi or the batch do not fit the objective; `where` names the caller. */
export function checkStepInput(objective: Objective, phi: Float64Array, batch: readonly number[] | undefined, where: string): void {
  if (!(phi instanceof Float64Array)) throw new Error(`${where}: phi must be a Float64Array`);
  if (phi.length !== objective.dimension) throw new Error(`${where}: phi has ${phi.length} numbers, the objective has ${objective.dimension} parameters`);
  for (let k = 0; k < phi.length; k++) {
    if (!Number.isFinite(phi[k])) throw new Error(`${where}: phi[${k}] is not finite (${phi[k]})`);
  }
  if (batch === undefined) return;
  if (!Array.isArray(batch) || batch.length === 0) throw new Error(`${where}: batch must be a non-empty array of term indices`);
  for (const i of batch) {
    if (!(Number.isInteger(i) && i >= 0 && i < objective.terms)) throw new Error(`${where}: batch index ${JSON.stringify(i)} is not an integer in [0, ${objective.terms})`);
  }
}

/** The batch loss: sum (or mean) of l_i[phi] over the batch (default: every term). */
export function batchLoss(objective: Objective, phi: Float64Array, batch: readonly number[] | undefined, reduction: BatchReduction): number {
  const indices = batch ?? fullBatch(objective);
  let total = 0;
  for (const i of indices) total += objective.termLoss(phi, i);
  return reduction === 'mean' ? total / indices.length : total;
}

/** The batch gradient: sum (eq. 6.10) or mean of dl_i/dphi over the batch (default: every term). */
export function batchGradient(objective: Objective, phi: Float64Array, batch: readonly number[] | undefined, reduction: BatchReduction): Float64Array {
  const indices = batch ?? fullBatch(objective);
  const total = new Float64Array(objective.dimension);
  for (const i of indices) {
    const g = objective.termGradient(phi, i);
    if (g.length !== objective.dimension) throw new Error(`objective: term ${i}'s gradient has ${g.length} numbers, expected ${objective.dimension}`);
    for (let k = 0; k < total.length; k++) total[k] += g[k];
  }
  if (reduction === 'mean') for (let k = 0; k < total.length; k++) total[k] /= indices.length;
  return total;
}
