/**
 * The simplified shallow network of fig. 8.4 (section 8.3, Problem 8.3): D hidden units whose
 * first-layer weights are fixed, each a ReLU of slope 1 with its joint at (d - 1) / D, so the
 * units cut [0, 1] into D equal linear regions (the model's capacity). Only the output layer,
 * phi = [beta, omega_1, ..., omega_D], is learned:
 *
 *   f[x, phi] = beta + sum_d omega_d a[x - (d - 1) / D],   a[z] = max(0, z).
 *
 * The model is linear in phi, so least squares has a closed form (the normal equations). The
 * L2 penalty of eq. 9.5 acts on the weights omega only, not on the bias beta ("usually applied
 * to weights only", section 9.1.1):
 *
 *   phi^ = argmin  sum_i (f[x_i, phi] - y_i)^2 + lambda sum_d omega_d^2.
 *
 * Like the companion notebook 8_2, every fit adds a tiny ridge (1e-5) to the weights: with more
 * parameters than points (D + 1 > N) the plain normal equations are singular, and the tiny
 * ridge picks the interpolating fit with the smallest weights instead.
 */
import { cholesky, choleskySolve } from './linear-solve';
import type { ToyData } from './toy-data';

/** The capacities of the bias-variance lab (fig. 8.7 goes up to 10 regions, the sliders to 14). */
export const LAB_MAX_CAPACITY = 14;
/** The largest capacity a fit accepts. */
export const MAX_CAPACITY = 200;
/** The notebook's ridge on the weights, always added (see the top of the file). */
export const RIDGE_FLOOR = 1e-5;

export function checkCapacity(capacity: unknown, where: string): number {
  if (!(typeof capacity === 'number' && Number.isInteger(capacity) && capacity >= 1 && capacity <= MAX_CAPACITY)) {
    throw new Error(`${where}: capacity (hidden units, linear regions) must be a whole number from 1 to ${MAX_CAPACITY}, got ${JSON.stringify(capacity)}`);
  }
  return capacity;
}

export function checkLambda(lambda: unknown, where: string): number {
  if (!(typeof lambda === 'number' && Number.isFinite(lambda) && lambda >= 0 && lambda <= 1e9)) {
    throw new Error(`${where}: lambda must be a number from 0 to 1e9, got ${JSON.stringify(lambda)}`);
  }
  return lambda;
}

/** The joints (d - 1) / D of the D hidden units. */
export function hingeJoints(capacity: number): number[] {
  checkCapacity(capacity, 'hinge joints');
  return Array.from({ length: capacity }, (_, d) => d / capacity);
}

/** The features [1, a[x - 0], a[x - 1/D], ..., a[x - (D-1)/D]] of one input (into `out` when given). */
export function hingeFeatures(x: number, capacity: number, out = new Float64Array(capacity + 1)): Float64Array {
  out[0] = 1;
  for (let d = 0; d < capacity; d++) {
    const z = x - d / capacity;
    out[d + 1] = z > 0 ? z : 0;
  }
  return out;
}

/** f[x, phi]; the capacity is phi.length - 1. */
export function evaluateHinge(phi: ArrayLike<number>, x: number): number {
  const capacity = phi.length - 1;
  let f = phi[0];
  for (let d = 0; d < capacity; d++) {
    const z = x - d / capacity;
    if (z > 0) f += phi[d + 1] * z;
  }
  return f;
}

/** f[x, phi] at every x. */
export function evaluateHingeAt(phi: ArrayLike<number>, xs: ArrayLike<number>): Float64Array {
  return Float64Array.from(xs, (x) => evaluateHinge(phi, x));
}

/** n evenly spaced inputs from 0 to 1, both ends included. */
export function unitGrid(n: number): Float64Array {
  if (!(Number.isInteger(n) && n >= 2 && n <= 100_000)) throw new Error(`unit grid: n must be a whole number from 2 to 100,000, got ${JSON.stringify(n)}`);
  return Float64Array.from({ length: n }, (_, k) => (k === n - 1 ? 1 : k / (n - 1)));
}

/** The normal-equation pieces of a dataset: A^T A (K x K, K = D + 1) and A^T y. */
export interface NormalEquations {
  readonly size: number;
  readonly gram: Float64Array;
  readonly moment: Float64Array;
}

/** A^T A and A^T y for the design matrix A of hinge features (one row per point); `weights` counts each point (bagging). */
export function normalEquations(x: ArrayLike<number>, y: ArrayLike<number>, capacity: number, weights?: ArrayLike<number>): NormalEquations {
  if (x.length !== y.length) throw new Error(`normal equations: ${x.length} inputs but ${y.length} outputs`);
  const size = capacity + 1;
  const gram = new Float64Array(size * size);
  const moment = new Float64Array(size);
  const a = new Float64Array(size);
  for (let i = 0; i < x.length; i++) {
    const w = weights === undefined ? 1 : weights[i];
    if (w === 0) continue;
    hingeFeatures(x[i], capacity, a);
    for (let r = 0; r < size; r++) {
      if (a[r] === 0) continue;
      moment[r] += w * a[r] * y[i];
      for (let c = 0; c <= r; c++) gram[r * size + c] += w * a[r] * a[c];
    }
  }
  for (let r = 0; r < size; r++) for (let c = r + 1; c < size; c++) gram[r * size + c] = gram[c * size + r];
  return { size, gram, moment };
}

/** A^T A + (lambda + RIDGE_FLOOR) on the weights' diagonal (not the bias's), factorised. */
export function penalisedFactor(gram: Float64Array, size: number, lambda: number): Float64Array {
  const m = Float64Array.from(gram);
  for (let d = 1; d < size; d++) m[d * size + d] += lambda + RIDGE_FLOOR;
  return cholesky(m, size);
}

export interface HingeFitOptions {
  /** lambda of the L2 penalty on the weights (eq. 9.5). Default 0 (plain least squares). */
  readonly lambda?: number;
  /** How many times each point counts (a bootstrap resample's draw counts). Default once each. */
  readonly weights?: ArrayLike<number>;
}

/** The closed-form fit phi^ = (A^T A + Lambda)^-1 A^T y (see the top of the file). */
export function fitHinge(data: ToyData, capacity: number, options: HingeFitOptions = {}): Float64Array {
  checkCapacity(capacity, 'hinge fit');
  const lambda = checkLambda(options.lambda ?? 0, 'hinge fit');
  if (data.x.length === 0) throw new Error('hinge fit: the dataset has no points');
  if (options.weights !== undefined && options.weights.length !== data.x.length) {
    throw new Error(`hinge fit: weights has ${options.weights.length} numbers for ${data.x.length} points`);
  }
  const { size, gram, moment } = normalEquations(data.x, data.y, capacity, options.weights);
  return choleskySolve(penalisedFactor(gram, size, lambda), size, moment);
}
