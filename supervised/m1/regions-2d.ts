/**
 * Linear regions of functions of two inputs (book figs. 3.8 and 4.2), counted two ways:
 *
 * - exactly, for a shallow ReLU network: its hinges are lines, and lines in general position
 *   (no two parallel inside the domain, no three through one point) cut a convex domain into
 *   1 + (lines that cross it) + (crossings inside it) convex pieces;
 * - by sampling, for anything else (compositions, whose region boundaries bend at the inner
 *   network's hinges): label a fine grid of points with their activation pattern (every unit's
 *   on/off state, in every layer) and count the different patterns. With the pattern fixed, every
 *   pre-activation is an affine function of the input, so the points with that pattern are the
 *   solutions of linear inequalities: one convex polygon, one affine piece. Counting patterns
 *   therefore never counts a region twice (counting connected patches of the grid would: a sharp
 *   corner of a region can be cut off by the grid into a cell that touches the rest only
 *   diagonally). A region thinner than a grid cell can be missed, so the tests count at several
 *   resolutions.
 */

/** A line theta0 + theta1 x1 + theta2 x2 = 0 (a hidden unit's hinge). */
export type Line2d = readonly [number, number, number];

export interface Domain2d {
  readonly x1: readonly [number, number];
  readonly x2: readonly [number, number];
}

/** Where two lines cross, or null when they are parallel. */
export function intersection(a: Line2d, b: Line2d): [number, number] | null {
  const det = a[1] * b[2] - a[2] * b[1];
  if (Math.abs(det) < 1e-12) return null;
  return [(a[2] * b[0] - a[0] * b[2]) / det, (a[0] * b[1] - a[1] * b[0]) / det];
}

function inside(p: readonly [number, number], d: Domain2d): boolean {
  return p[0] > d.x1[0] && p[0] < d.x1[1] && p[1] > d.x2[0] && p[1] < d.x2[1];
}

/** True when the line passes through the open rectangle (its value changes sign between corners). */
export function crossesDomain(line: Line2d, d: Domain2d): boolean {
  const corners = [
    [d.x1[0], d.x2[0]],
    [d.x1[1], d.x2[0]],
    [d.x1[0], d.x2[1]],
    [d.x1[1], d.x2[1]],
  ].map(([x1, x2]) => line[0] + line[1] * x1 + line[2] * x2);
  return Math.min(...corners) < 0 && Math.max(...corners) > 0;
}

/**
 * Regions of a convex rectangle cut by lines in general position: 1 + lines + crossings. Throws
 * when three lines meet at one point inside (the formula would over-count).
 */
export function arrangementRegions(lines: readonly Line2d[], d: Domain2d): number {
  const crossing = lines.filter((l) => crossesDomain(l, d));
  const points: [number, number][] = [];
  for (let i = 0; i < crossing.length; i++) {
    for (let j = i + 1; j < crossing.length; j++) {
      const p = intersection(crossing[i], crossing[j]);
      if (p && inside(p, d)) points.push(p);
    }
  }
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      if (Math.hypot(points[i][0] - points[j][0], points[i][1] - points[j][1]) < 1e-9) {
        throw new Error('arrangement regions: three hinges meet at one point, so the lines are not in general position');
      }
    }
  }
  return 1 + crossing.length + points.length;
}

/** A grid of labels at cell centres: labels[j * nx + i] for x1 cell i, x2 cell j. */
export interface LabelGrid {
  readonly labels: Int32Array;
  readonly nx: number;
  readonly ny: number;
}

/** Labels each cell centre of an nx-by-ny grid over `d` with `label(x1, x2)`. */
export function labelGrid(label: (x1: number, x2: number) => number, d: Domain2d, nx: number, ny: number): LabelGrid {
  if (!(Number.isInteger(nx) && nx >= 2 && Number.isInteger(ny) && ny >= 2)) throw new Error(`label grid: nx and ny must be integers >= 2, got ${nx} and ${ny}`);
  const labels = new Int32Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    const x2 = d.x2[0] + ((j + 0.5) * (d.x2[1] - d.x2[0])) / ny;
    for (let i = 0; i < nx; i++) labels[j * nx + i] = label(d.x1[0] + ((i + 0.5) * (d.x1[1] - d.x1[0])) / nx, x2);
  }
  return { labels, nx, ny };
}

/** The number of different labels on the grid: with activation patterns as labels, the regions the grid hits. */
export function distinctLabels(grid: LabelGrid): number {
  return new Set(grid.labels).size;
}
