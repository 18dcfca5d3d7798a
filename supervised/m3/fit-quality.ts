/**
 * How good a fit of the 1-D toy is: its loss on the training points, and its expected error on a
 * fresh point, which we can compute exactly because we know the true function (section 8.2):
 *
 *   E_x E_y[(f[x] - y)^2] = integral_0^1 (f[x] - mu[x])^2 dx + sigma^2,
 *
 * x uniform on [0, 1] and y = mu[x] + noise of variance sigma^2. The integral is taken by the
 * composite Simpson rule on 400 intervals (f is piecewise linear and mu smooth, so this is
 * accurate to far better than the differences shown). In practice a validation set stands in for
 * this number (section 8.5); here the page can show the real thing.
 */
import { evaluateHinge } from './hinge-model';
import { trueFunction, type ToyData } from './toy-data';

const SIMPSON_INTERVALS = 400;

/** Simpson weights for `intervals` (even) equal intervals of [0, 1], summing to 1. */
export function simpsonWeights(intervals = SIMPSON_INTERVALS): Float64Array {
  if (!(Number.isInteger(intervals) && intervals >= 2 && intervals % 2 === 0)) throw new Error(`simpson weights: intervals must be an even whole number of at least 2, got ${intervals}`);
  const h = 1 / intervals;
  return Float64Array.from({ length: intervals + 1 }, (_, k) => ((k === 0 || k === intervals ? 1 : k % 2 === 1 ? 4 : 2) * h) / 3);
}

/**
 * The test-error integral for many phis of one capacity: the hinge features and mu on the
 * Simpson nodes are computed once.
 */
export class TestErrorIntegral {
  private readonly weights = simpsonWeights();
  private readonly nodes: Float64Array;
  private readonly truth: Float64Array;

  constructor(readonly sigma: number) {
    const n = this.weights.length;
    this.nodes = Float64Array.from({ length: n }, (_, k) => k / (n - 1));
    this.truth = this.nodes.map(trueFunction);
  }

  /** integral_0^1 (f[x, phi] - mu[x])^2 dx + sigma^2. */
  of(phi: ArrayLike<number>): number {
    let total = 0;
    for (let k = 0; k < this.nodes.length; k++) {
      const r = evaluateHinge(phi, this.nodes[k]) - this.truth[k];
      total += this.weights[k] * r * r;
    }
    return total + this.sigma * this.sigma;
  }
}

/** The expected squared error of f[., phi] on a fresh point of the toy with noise sigma. */
export function expectedTestError(phi: ArrayLike<number>, sigma: number): number {
  return new TestErrorIntegral(sigma).of(phi);
}

/** The mean squared error on the points, (1 / N) sum_i (f[x_i, phi] - y_i)^2. */
export function meanSquaredError(phi: ArrayLike<number>, data: ToyData): number {
  let total = 0;
  for (let i = 0; i < data.x.length; i++) {
    const r = evaluateHinge(phi, data.x[i]) - data.y[i];
    total += r * r;
  }
  return total / data.x.length;
}
