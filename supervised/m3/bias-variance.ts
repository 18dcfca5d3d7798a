/**
 * The bias-variance lab (section 8.2, figs. 8.5-8.9): how the expected test error of the
 * simplified model (hinge-model.ts) splits into three parts when the training set is random,
 *
 *   E_D[E_y[L[x]]] = E_D[(f[x, phi[D]] - f_mu[x])^2] + (f_mu[x] - mu[x])^2 + sigma^2     (eq. 8.7)
 *                  =          variance              +        bias^2        +  noise,
 *
 * f_mu[x] = E_D[f[x, phi[D]]] the mean fit over datasets D of N points. Each part is averaged
 * over x uniform in [0, 1] (trapezoid rule on a grid).
 *
 * How the expectation over datasets is taken. A dataset is N stratified inputs and their noisy
 * outputs (toy-data.ts). The fit is linear in the outputs, phi^ = H y with H = (A^T A + R)^-1 A^T,
 * so for fixed inputs the expectation over the noise is exact:
 *
 *   E_y[f[x]] = a[x]^T H mu(x_1..N),   Var_y[f[x]] = sigma^2 |H^T a[x]|^2 = sigma^2 a^T C a,
 *   C = (A^T A + R)^-1 A^T A (A^T A + R)^-1.
 *
 * Only the inputs are drawn by Monte Carlo (`draws` sets of positions), and the variance adds the
 * spread of the noiseless fits over those draws. So the numbers carry Monte Carlo error from the
 * positions only, and the same seed gives the same numbers. With N = 15 and sigma = 0.3 the sum
 * bias^2 + variance is smallest at capacity 4, as fig. 8.9 states.
 */
import { deriveRng } from '../../environments/core/rng';
import { checkCapacity, evaluateHingeAt, fitHinge, hingeFeatures, normalEquations, penalisedFactor, unitGrid } from './hinge-model';
import { choleskySolve } from './linear-solve';
import { TOY_SIGMA, checkPointCount, checkSigma, sampleToyData, stratifiedInputs, trueFunction } from './toy-data';

export interface BiasVarianceOptions {
  /** N, points per dataset. */
  readonly points: number;
  /** D, hidden units (linear regions). */
  readonly capacity: number;
  /** The noise's standard deviation. Default 0.3 (Appendix A.5). */
  readonly sigma?: number;
  /** Sets of input positions averaged over. Default 300. */
  readonly draws?: number;
  /** Inputs where the fits are evaluated, evenly from 0 to 1. Default 101. */
  readonly gridPoints?: number;
  /** Noisy datasets drawn and fitted for the picture (fig. 8.6's three fits). Default 3. */
  readonly samples?: number;
  /** Seeds the positions and the pictured datasets. Default 0. */
  readonly seed?: number | string;
}

/** A noisy dataset and the fit to it, evaluated on the grid. */
export interface SampledFit {
  readonly x: number[];
  readonly y: number[];
  readonly fit: number[];
}

export interface BiasVarianceResult {
  readonly points: number;
  readonly capacity: number;
  readonly sigma: number;
  readonly draws: number;
  /** The grid and, on it, mu[x], the mean fit f_mu[x] and the variance of the fit at x. */
  readonly x: number[];
  readonly truth: number[];
  readonly meanFit: number[];
  readonly varianceAt: number[];
  /** The three terms of eq. 8.7 averaged over x, and their sum (the expected test error). */
  readonly bias2: number;
  readonly variance: number;
  readonly noise: number;
  readonly total: number;
  readonly samples: readonly SampledFit[];
}

const MAX_DRAWS = 100_000;

function checkCount(value: unknown, name: string, min: number, max: number): number {
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)) {
    throw new Error(`bias-variance: ${name} must be a whole number from ${min} to ${max.toLocaleString('en')}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Trapezoid weights on n evenly spaced nodes of [0, 1] (they sum to 1). */
function trapezoidWeights(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, k) => (k === 0 || k === n - 1 ? 0.5 : 1) / (n - 1));
}

interface Moments {
  readonly mean: Float64Array;
  readonly varianceAt: Float64Array;
}

/**
 * For one capacity: the mean fit and the variance of the fit at each grid input, over `draws`
 * position sets from `positions` (exact over the noise, see the top of the file).
 */
function fitMoments(points: number, capacity: number, sigma: number, draws: number, grid: Float64Array, positionsSeed: string): Moments {
  const size = capacity + 1;
  const rng = deriveRng(positionsSeed, 'bias-variance/positions');
  const features = Array.from(grid, (x) => hingeFeatures(x, capacity));
  const sum = new Float64Array(grid.length);
  const sumSquares = new Float64Array(grid.length);
  const noiseVariance = new Float64Array(grid.length);
  const unit = new Float64Array(size);
  const inverse = new Float64Array(size * size);
  for (let m = 0; m < draws; m++) {
    const x = stratifiedInputs(points, rng);
    const { gram, moment } = normalEquations(x, Float64Array.from(x, trueFunction), capacity);
    const factor = penalisedFactor(gram, size, 0);
    const phiMean = choleskySolve(factor, size, moment);
    // C = M^-1 G M^-1 (M symmetric): its quadratic form gives |H^T a|^2.
    for (let j = 0; j < size; j++) {
      unit.fill(0);
      unit[j] = 1;
      const column = choleskySolve(factor, size, unit);
      for (let i = 0; i < size; i++) inverse[i * size + j] = column[i];
    }
    const c = quadraticProduct(inverse, gram, size);
    for (let g = 0; g < grid.length; g++) {
      const a = features[g];
      let f = 0;
      for (let k = 0; k < size; k++) f += a[k] * phiMean[k];
      sum[g] += f;
      sumSquares[g] += f * f;
      noiseVariance[g] += quadraticForm(c, a, size);
    }
  }
  const mean = sum.map((s) => s / draws);
  const varianceAt = mean.map((mu, g) => Math.max(0, sumSquares[g] / draws - mu * mu) + (sigma * sigma * noiseVariance[g]) / draws);
  return { mean, varianceAt };
}

/** M G M for symmetric n x n M and G. */
function quadraticProduct(m: Float64Array, g: Float64Array, n: number): Float64Array {
  const mg = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
    const v = m[i * n + k];
    if (v === 0) continue;
    for (let j = 0; j < n; j++) mg[i * n + j] += v * g[k * n + j];
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) {
    const v = mg[i * n + k];
    if (v === 0) continue;
    for (let j = 0; j < n; j++) out[i * n + j] += v * m[k * n + j];
  }
  return out;
}

function quadraticForm(c: Float64Array, a: Float64Array, n: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (a[i] === 0) continue;
    let row = 0;
    for (let j = 0; j < n; j++) row += c[i * n + j] * a[j];
    total += a[i] * row;
  }
  return total;
}

interface Checked {
  readonly points: number;
  readonly sigma: number;
  readonly draws: number;
  readonly grid: Float64Array;
  readonly seed: string;
}

function checkCommon(options: Omit<BiasVarianceOptions, 'capacity'>): Checked {
  if (typeof options !== 'object' || options === null) throw new Error(`bias-variance: options must be an object, got ${JSON.stringify(options)}`);
  const points = checkPointCount(options.points, 'bias-variance');
  const sigma = checkSigma(options.sigma ?? TOY_SIGMA, 'bias-variance');
  const draws = checkCount(options.draws ?? 300, 'draws', 1, MAX_DRAWS);
  const grid = unitGrid(checkCount(options.gridPoints ?? 101, 'gridPoints', 2, 10_000));
  return { points, sigma, draws, grid, seed: String(options.seed ?? 0) };
}

function averaged(values: ArrayLike<number>, weights: Float64Array): number {
  let total = 0;
  for (let k = 0; k < weights.length; k++) total += weights[k] * values[k];
  return total;
}

/** Eq. 8.7's three terms for one N and capacity, with the mean fit, its band and a few sampled fits. */
export function biasVariance(options: BiasVarianceOptions): BiasVarianceResult {
  const { points, sigma, draws, grid, seed } = checkCommon(options);
  const capacity = checkCapacity(options.capacity, 'bias-variance');
  const samples = checkCount(options.samples ?? 3, 'samples', 0, 100);
  const truth = Array.from(grid, trueFunction);
  const { mean, varianceAt } = fitMoments(points, capacity, sigma, draws, grid, seed);
  const weights = trapezoidWeights(grid.length);
  const bias2 = averaged(Array.from(mean, (m, g) => (m - truth[g]) ** 2), weights);
  const variance = averaged(varianceAt, weights);
  const noise = sigma * sigma;
  const sampleRng = deriveRng(seed, 'bias-variance/samples');
  const sampled: SampledFit[] = Array.from({ length: samples }, () => {
    const data = sampleToyData(points, sigma, sampleRng);
    return { x: Array.from(data.x), y: Array.from(data.y), fit: Array.from(evaluateHingeAt(fitHinge(data, capacity), grid)) };
  });
  return {
    points,
    capacity,
    sigma,
    draws,
    x: Array.from(grid),
    truth,
    meanFit: Array.from(mean),
    varianceAt: Array.from(varianceAt),
    bias2,
    variance,
    noise,
    total: bias2 + variance + noise,
    samples: sampled,
  };
}

export interface CapacityTerms {
  readonly capacity: number;
  readonly bias2: number;
  readonly variance: number;
}

export interface BiasVarianceCurve {
  readonly points: number;
  readonly sigma: number;
  readonly noise: number;
  readonly rows: readonly CapacityTerms[];
  /** The capacity where bias^2 + variance is smallest (fig. 8.9: 4 for N = 15). */
  readonly best: number;
}

/**
 * Bias^2 and variance against capacity (figs. 8.7 and 8.9). Every capacity sees the same input
 * positions (common random numbers), so the curve is smooth even with few draws.
 */
export function biasVarianceCurve(options: Omit<BiasVarianceOptions, 'capacity' | 'samples'> & { readonly capacities: readonly number[] }): BiasVarianceCurve {
  const { points, sigma, draws, grid, seed } = checkCommon(options);
  if (!Array.isArray(options.capacities) || options.capacities.length === 0) throw new Error('bias-variance: capacities must be a non-empty list of whole numbers');
  const capacities = options.capacities.map((c) => checkCapacity(c, 'bias-variance'));
  const truth = Array.from(grid, trueFunction);
  const weights = trapezoidWeights(grid.length);
  const rows = capacities.map((capacity): CapacityTerms => {
    const { mean, varianceAt } = fitMoments(points, capacity, sigma, draws, grid, seed);
    return { capacity, bias2: averaged(Array.from(mean, (m, g) => (m - truth[g]) ** 2), weights), variance: averaged(varianceAt, weights) };
  });
  let best = rows[0];
  for (const row of rows) if (row.bias2 + row.variance < best.bias2 + best.variance) best = row;
  return { points, sigma, noise: sigma * sigma, rows, best: best.capacity };
}
