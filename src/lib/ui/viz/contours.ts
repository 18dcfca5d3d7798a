/**
 * Loss surfaces on a grid, their contour levels and contour lines (marching squares), for the
 * 2-D surface plot. Pure functions, no DOM.
 *
 * A Grid2d samples f at grid *nodes*: values[j * nx + i] = f(x_i, y_j) with x_0 = x[0] and
 * x_{nx-1} = x[1] (same for y). Contour lines come out as separate segments in data coordinates;
 * drawn as one SVG path they look continuous, and nothing needs joining.
 */
import type { Interval } from './scales';

export interface Grid2d {
  readonly values: Float64Array;
  readonly nx: number;
  readonly ny: number;
  readonly x: Interval;
  readonly y: Interval;
}

/** The grid's node coordinate along one axis. */
export function nodeAt(range: Interval, n: number, k: number): number {
  return range[0] + (k * (range[1] - range[0])) / (n - 1);
}

/** f sampled on an nx-by-ny grid of nodes over x and y. */
export function sampleGrid(f: (x: number, y: number) => number, x: Interval, y: Interval, nx: number, ny: number): Grid2d {
  if (!(Number.isInteger(nx) && nx >= 2 && Number.isInteger(ny) && ny >= 2)) throw new Error(`grid: nx and ny must be integers >= 2, got ${nx} and ${ny}`);
  const values = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    const yj = nodeAt(y, ny, j);
    for (let i = 0; i < nx; i++) values[j * nx + i] = f(nodeAt(x, nx, i), yj);
  }
  return { values, nx, ny, x, y };
}

/** The smallest and largest finite values on the grid (null when none is finite). */
export function gridExtent(grid: Grid2d): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of grid.values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/**
 * `count` contour levels strictly between min and max: evenly spaced, or (log) evenly spaced in
 * log(value), which suits loss surfaces whose interesting part is the bottom of the bowl.
 */
export function contourLevels(min: number, max: number, count: number, spacing: 'linear' | 'log' = 'linear'): number[] {
  if (!(Number.isInteger(count) && count >= 1)) throw new Error(`contour levels: count must be a positive integer, got ${count}`);
  if (!(Number.isFinite(min) && Number.isFinite(max) && min < max)) return [];
  if (spacing === 'log') {
    if (!(min > 0)) throw new Error(`contour levels: log spacing needs a positive minimum, got ${min}`);
    const ratio = Math.log(max / min);
    return Array.from({ length: count }, (_, k) => min * Math.exp((ratio * (k + 1)) / (count + 1)));
  }
  return Array.from({ length: count }, (_, k) => min + ((max - min) * (k + 1)) / (count + 1));
}

/**
 * The contour line f = level as segments [x1, y1, x2, y2, x1, y1, ...] in data coordinates
 * (marching squares with linear interpolation along cell edges). Saddle cells, where opposite
 * corners are above the level, are split by the cell centre's average, the usual disambiguation.
 * Cells with a non-finite corner are skipped.
 */
export function isolineSegments(grid: Grid2d, level: number): number[] {
  const { values, nx, ny } = grid;
  const out: number[] = [];
  const dx = (grid.x[1] - grid.x[0]) / (nx - 1);
  const dy = (grid.y[1] - grid.y[0]) / (ny - 1);
  // Where the level crosses the edge from corner value a at p to b at q (a and b on opposite sides).
  const cross = (a: number, b: number) => (level - a) / (b - a);
  for (let j = 0; j + 1 < ny; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      const v00 = values[j * nx + i]; // bottom-left
      const v10 = values[j * nx + i + 1]; // bottom-right
      const v11 = values[(j + 1) * nx + i + 1]; // top-right
      const v01 = values[(j + 1) * nx + i]; // top-left
      if (!(Number.isFinite(v00) && Number.isFinite(v10) && Number.isFinite(v11) && Number.isFinite(v01))) continue;
      const code = (v00 >= level ? 1 : 0) | (v10 >= level ? 2 : 0) | (v11 >= level ? 4 : 0) | (v01 >= level ? 8 : 0);
      if (code === 0 || code === 15) continue;
      const x0 = grid.x[0] + i * dx;
      const y0 = grid.y[0] + j * dy;
      // The four edge crossings (only those the case uses are meaningful).
      const bottom = () => [x0 + cross(v00, v10) * dx, y0];
      const right = () => [x0 + dx, y0 + cross(v10, v11) * dy];
      const top = () => [x0 + cross(v01, v11) * dx, y0 + dy];
      const left = () => [x0, y0 + cross(v00, v01) * dy];
      const segment = (p: number[], q: number[]) => out.push(p[0], p[1], q[0], q[1]);
      switch (code) {
        case 1:
        case 14:
          segment(left(), bottom());
          break;
        case 2:
        case 13:
          segment(bottom(), right());
          break;
        case 3:
        case 12:
          segment(left(), right());
          break;
        case 4:
        case 11:
          segment(right(), top());
          break;
        case 6:
        case 9:
          segment(bottom(), top());
          break;
        case 7:
        case 8:
          segment(left(), top());
          break;
        case 5:
        case 10: {
          // Saddle: corners 00 and 11 on one side, 10 and 01 on the other.
          const centreAbove = (v00 + v10 + v11 + v01) / 4 >= level;
          const diagonalAbove = code === 5; // 00 and 11 above
          if (centreAbove === diagonalAbove) {
            // The above corners connect through the centre: cut off the two below corners.
            segment(bottom(), right());
            segment(left(), top());
          } else {
            segment(left(), bottom());
            segment(right(), top());
          }
          break;
        }
      }
    }
  }
  return out;
}
