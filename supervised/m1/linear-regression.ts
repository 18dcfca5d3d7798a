/**
 * 1-D linear regression on the book's 12 points (chapter 2; data from Appendix A.1, in
 * supervised/data/book-data.ts): the least-squares loss (eq. 2.5), its gradient (Problem 2.1),
 * the closed-form optimum (Problem 2.2), the "generative" inverse fit of Problem 2.3, and the
 * loss as a sum of per-point terms for the book-exact optimisers of supervised/core.
 *
 * Check: L = 12.367 at phi = [0.6, -0.2]; the optimum phi^ = [0.826, 0.522] has L = 0.200, the
 * loss of fig. 2.2d's best line.
 */
import { LINEAR_REGRESSION_DATA, linearModel, sumOfSquaresLoss, type BookDataset1d, type Phi2 } from '../data';
import type { Objective } from '../core';

export { LINEAR_REGRESSION_DATA };

/** The notebooks' starting point for gradient descent (A.1), where L = 12.367. */
export const LINEAR_START: Phi2 = Object.freeze([0.6, -0.2]) as Phi2;

/** The part of (phi_0, phi_1) the loss-surface plot shows: the start, the optimum and room around. */
export const LINEAR_SURFACE_RANGE = Object.freeze({
  phi0: Object.freeze([-0.5, 2]) as readonly [number, number],
  phi1: Object.freeze([-1, 1.5]) as readonly [number, number],
});

/** Eq. 2.5: L[phi] = sum_i (phi_0 + phi_1 x_i - y_i)^2. */
export function linearLoss(phi: Phi2, data: BookDataset1d = LINEAR_REGRESSION_DATA): number {
  return sumOfSquaresLoss(linearModel, data, phi);
}

/** Problem 2.1: dL/dphi_0 = 2 sum_i r_i, dL/dphi_1 = 2 sum_i r_i x_i, with r_i = phi_0 + phi_1 x_i - y_i. */
export function linearGradient(phi: Phi2, data: BookDataset1d = LINEAR_REGRESSION_DATA): [number, number] {
  let g0 = 0;
  let g1 = 0;
  for (let i = 0; i < data.x.length; i++) {
    const r = phi[0] + phi[1] * data.x[i] - data.y[i];
    g0 += 2 * r;
    g1 += 2 * r * data.x[i];
  }
  return [g0, g1];
}

/** The residuals f[x_i, phi] - y_i, the bars the regression plot draws. */
export function linearResiduals(phi: Phi2, data: BookDataset1d = LINEAR_REGRESSION_DATA): number[] {
  return data.x.map((x, i) => linearModel(phi, x) - data.y[i]);
}

/** Least squares of `targets` on `inputs`: [intercept, slope] (both derivatives of eq. 2.5 set to 0). */
function leastSquares(inputs: readonly number[], targets: readonly number[]): Phi2 {
  const n = inputs.length;
  if (n < 2) throw new Error(`linear regression needs at least 2 points, got ${n}`);
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += inputs[i];
    sy += targets[i];
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  // Centred sums: the textbook formula n sum(xy) - sum(x) sum(y) loses digits to cancellation.
  for (let i = 0; i < n; i++) {
    sxx += (inputs[i] - mx) ** 2;
    sxy += (inputs[i] - mx) * (targets[i] - my);
  }
  if (sxx === 0) throw new Error('linear regression: all inputs are equal, so the slope is undetermined');
  const slope = sxy / sxx;
  return [my - slope * mx, slope];
}

/** Problem 2.2: the phi that minimises eq. 2.5, in closed form. */
export function closedFormFit(data: BookDataset1d = LINEAR_REGRESSION_DATA): Phi2 {
  return leastSquares(data.x, data.y);
}

/**
 * Problem 2.3: fit the inverse model x = a + b y by least squares, then write it as a line in
 * (x, y): y = -a / b + x / b. It is a different line from the closed-form fit (it minimises
 * horizontal, not vertical, distances).
 */
export function inverseFit(data: BookDataset1d = LINEAR_REGRESSION_DATA): Phi2 {
  const [a, b] = leastSquares(data.y, data.x);
  if (b === 0) throw new Error('inverse fit: the inverse model is flat, so it is no line in (x, y)');
  return [-a / b, 1 / b];
}

/** Eq. 2.5 as a sum of per-point terms l_i = (phi_0 + phi_1 x_i - y_i)^2 (supervised/core's Objective). */
export function linearObjective(data: BookDataset1d = LINEAR_REGRESSION_DATA): Objective {
  return {
    dimension: 2,
    terms: data.x.length,
    termLoss: (phi, i) => (phi[0] + phi[1] * data.x[i] - data.y[i]) ** 2,
    termGradient: (phi, i) => {
      const r = phi[0] + phi[1] * data.x[i] - data.y[i];
      return Float64Array.of(2 * r, 2 * r * data.x[i]);
    },
  };
}

/** The line through two points (the plot's two handles): [intercept, slope]. */
export function lineThrough(a: readonly [number, number], b: readonly [number, number]): Phi2 {
  if (a[0] === b[0]) throw new Error('a line through two points needs two different x');
  const slope = (b[1] - a[1]) / (b[0] - a[0]);
  return [a[1] - slope * a[0], slope];
}
