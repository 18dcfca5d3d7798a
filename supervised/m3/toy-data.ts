/**
 * The 1-D toy of chapters 8 and 9 (fig. 8.3; the companion notebook 8_2, Appendix A.5): a
 * "quasi-sinusoidal" true function on [0, 1] and noisy datasets drawn from it.
 *
 *   mu[x] = exp(sin(2 pi x)),   y = mu[x] + epsilon,   epsilon ~ Norm[0, sigma^2], sigma = 0.3.
 *
 * Inputs are stratified: the interval is cut into N equal bins and one input is drawn uniformly
 * in each (x_i = (i + u_i) / N), so every dataset covers [0, 1] evenly, as in the figures.
 * Randomness comes only from the Rng passed in: the same stream gives the same dataset.
 */
import type { Rng } from '../../environments/core/rng';
import { fillNormal } from '../data/random-draws';

/** The notebook's noise level sigma (Appendix A.5). */
export const TOY_SIGMA = 0.3;
/** The notebook's default dataset size (fig. 8.8 and the U-curve of fig. 8.9). */
export const TOY_POINTS = 15;
/** The dataset sizes of the bias-variance lab (figs. 8.6 and 8.8). */
export const LAB_POINT_COUNTS: readonly number[] = Object.freeze([6, 10, 15, 100]);
/** The most points a toy dataset may have (a typo must not allocate gigabytes). */
export const MAX_TOY_POINTS = 10_000;

/** The true function mu[x] = exp(sin(2 pi x)) (Appendix A.5). */
export function trueFunction(x: number): number {
  return Math.exp(Math.sin(2 * Math.PI * x));
}

/** A 1-D dataset: inputs in [0, 1] (ascending for stratified draws) and their noisy outputs. */
export interface ToyData {
  readonly x: Float64Array;
  readonly y: Float64Array;
}

export function checkPointCount(n: unknown, where: string): number {
  if (!(typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_TOY_POINTS)) {
    throw new Error(`${where}: the number of points must be a whole number from 1 to ${MAX_TOY_POINTS.toLocaleString('en')}, got ${JSON.stringify(n)}`);
  }
  return n;
}

export function checkSigma(sigma: unknown, where: string): number {
  if (!(typeof sigma === 'number' && Number.isFinite(sigma) && sigma >= 0 && sigma <= 10)) {
    throw new Error(`${where}: sigma must be a number from 0 to 10, got ${JSON.stringify(sigma)}`);
  }
  return sigma;
}

/** One uniform input in each of N equal bins of [0, 1]: x_i = (i + u_i) / N. */
export function stratifiedInputs(n: number, rng: Rng): Float64Array {
  checkPointCount(n, 'stratified inputs');
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = (i + rng.next()) / n;
  return x;
}

/** y_i = mu[x_i] + sigma epsilon_i for given inputs (the noise drawn from `rng`). */
export function noisyOutputs(x: ArrayLike<number>, sigma: number, rng: Rng): Float64Array {
  checkSigma(sigma, 'noisy outputs');
  const noise = fillNormal(rng, new Float64Array(x.length), sigma);
  return Float64Array.from(x, (xi, i) => trueFunction(xi) + noise[i]);
}

/** A dataset of the toy: N stratified inputs, then their noisy outputs, both from `rng`. */
export function sampleToyData(n: number, sigma: number, rng: Rng): ToyData {
  checkSigma(sigma, 'toy data');
  const x = stratifiedInputs(n, rng);
  return { x, y: noisyOutputs(x, sigma, rng) };
}
