/**
 * Problems for the optimiser tests, written independently of supervised/core's optimisers.
 *
 * The quadratic L = 0.5 phi^T A phi + b^T phi with A = [[2, 0.5], [0.5, 1]] and b = [-1, 0.5]:
 * gradient A phi + b, minimum A^-1 (-b) = [1.25, -1.5] / 1.75. From phi_0 = [1, 2] the first
 * gradient is [2, 3].
 *
 * The book's 12 linear-regression points (Appendix A.1) with l_i = (phi_0 + phi_1 x_i - y_i)^2,
 * gradient [2 r_i, 2 x_i r_i] (eq. 6.7).
 */
import type { Objective } from '../../supervised/core/objective';

export const A = [
  [2, 0.5],
  [0.5, 1],
] as const;
export const B = [-1, 0.5] as const;
export const START = [1, 2] as const;
export const MINIMUM = [1.25 / 1.75, -1.5 / 1.75] as const;

export function quadraticLoss(p: readonly number[] | Float64Array): number {
  return 0.5 * (A[0][0] * p[0] * p[0] + 2 * A[0][1] * p[0] * p[1] + A[1][1] * p[1] * p[1]) + B[0] * p[0] + B[1] * p[1];
}

/** dL/dphi = A phi + b, written out. */
export function quadraticGradient(p: readonly number[] | Float64Array): [number, number] {
  return [A[0][0] * p[0] + A[0][1] * p[1] + B[0], A[1][0] * p[0] + A[1][1] * p[1] + B[1]];
}

export const quadratic: Objective = {
  dimension: 2,
  terms: 1,
  termLoss: (phi) => quadraticLoss(phi),
  termGradient: (phi) => Float64Array.from(quadraticGradient(phi)),
};

export const REGRESSION_X = [0.03, 0.19, 0.34, 0.46, 0.78, 0.81, 1.08, 1.18, 1.39, 1.6, 1.65, 1.9];
export const REGRESSION_Y = [0.67, 0.85, 1.05, 1.0, 1.4, 1.5, 1.3, 1.54, 1.55, 1.68, 1.73, 1.6];

export const regression: Objective = {
  dimension: 2,
  terms: REGRESSION_X.length,
  termLoss: (phi, i) => (phi[0] + phi[1] * REGRESSION_X[i] - REGRESSION_Y[i]) ** 2,
  termGradient: (phi, i) => {
    const r = phi[0] + phi[1] * REGRESSION_X[i] - REGRESSION_Y[i];
    return Float64Array.of(2 * r, 2 * REGRESSION_X[i] * r);
  },
};

/** Fixed minibatches (without replacement within each epoch of four batches). */
export const BATCHES: readonly (readonly number[])[] = [
  [0, 2, 3],
  [1, 5, 7, 11],
  [4, 6],
  [8, 9, 10],
];

export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, label = ''): void {
  if (actual.length !== expected.length) throw new Error(`${label}: length ${actual.length}, expected ${expected.length}`);
  for (let k = 0; k < expected.length; k++) {
    const error = Math.abs(actual[k] - expected[k]);
    if (!(error <= tolerance)) throw new Error(`${label}[${k}]: ${actual[k]} vs expected ${expected[k]} (error ${error} > ${tolerance})`);
  }
}
