/**
 * A loss surface sampled on an n x n grid, for the heatmap-with-contours view of the visual kit.
 *
 * The grid includes both ends of each range (n evenly spaced values, like linspace), and the
 * values are stored row by row: `values[row * n + column]` is the loss at
 * (phi0 = phi0s[column], phi1 = phi1s[row]), so row 0 is the bottom edge (phi1 = window.phi1[0]).
 * Non-finite losses are kept as they are (a renderer can paint them as "off the scale") and are
 * left out of `min`, `max` and `argmin`.
 */
import type { Window2d } from './landscapes';

export interface LossGrid {
  /** The phi0 value of each column, ascending. */
  readonly phi0s: number[];
  /** The phi1 value of each row, ascending. */
  readonly phi1s: number[];
  /** n * n losses, row-major (row = phi1 index, column = phi0 index). */
  readonly values: Float64Array;
  /** The smallest and largest finite values (NaN when none is finite). */
  readonly min: number;
  readonly max: number;
  /** Where the smallest finite value is, [phi0, phi1] (null when none is finite). */
  readonly argmin: [number, number] | null;
}

/** The largest grid side accepted: 1,000 x 1,000 = a million loss evaluations. */
export const MAX_GRID_RESOLUTION = 1000;

function checkRange(range: unknown, name: string): readonly [number, number] {
  if (!Array.isArray(range) || range.length !== 2 || !range.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new Error(`loss grid: window.${name} must be [low, high] with finite numbers, got ${JSON.stringify(range)}`);
  }
  if (!(range[0] < range[1])) throw new Error(`loss grid: window.${name} must have low < high, got [${range[0]}, ${range[1]}]`);
  return range as unknown as readonly [number, number];
}

function linspace(low: number, high: number, n: number): number[] {
  return Array.from({ length: n }, (_, k) => (k === n - 1 ? high : low + ((high - low) * k) / (n - 1)));
}

/** Evaluates `loss` at every point of an n x n grid over `window`. */
export function evaluateLossGrid(loss: (phi: Float64Array) => number, window: Window2d, resolution: number): LossGrid {
  if (typeof loss !== 'function') throw new Error('loss grid: loss must be a function of phi');
  if (typeof window !== 'object' || window === null) throw new Error(`loss grid: window must be { phi0: [low, high], phi1: [low, high] }, got ${JSON.stringify(window)}`);
  const range0 = checkRange(window.phi0, 'phi0');
  const range1 = checkRange(window.phi1, 'phi1');
  if (!(Number.isInteger(resolution) && resolution >= 2 && resolution <= MAX_GRID_RESOLUTION)) {
    throw new Error(`loss grid: resolution must be an integer in [2, ${MAX_GRID_RESOLUTION}], got ${JSON.stringify(resolution)}`);
  }
  const phi0s = linspace(range0[0], range0[1], resolution);
  const phi1s = linspace(range1[0], range1[1], resolution);
  const values = new Float64Array(resolution * resolution);
  const phi = new Float64Array(2);
  let min = Infinity;
  let max = -Infinity;
  let argmin: [number, number] | null = null;
  for (let row = 0; row < resolution; row++) {
    for (let column = 0; column < resolution; column++) {
      phi[0] = phi0s[column];
      phi[1] = phi1s[row];
      const value = loss(phi);
      values[row * resolution + column] = value;
      if (!Number.isFinite(value)) continue;
      if (value < min) {
        min = value;
        argmin = [phi0s[column], phi1s[row]];
      }
      if (value > max) max = value;
    }
  }
  return { phi0s, phi1s, values, min: argmin === null ? NaN : min, max: argmin === null ? NaN : max, argmin };
}
