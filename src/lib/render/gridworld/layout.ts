/**
 * Where the grid sits in the canvas. All drawing code works in CSS pixels of the canvas; the
 * renderer's resolution takes care of devicePixelRatio.
 */

export interface Layout {
  readonly rows: number;
  readonly cols: number;
  /** Side of one cell in CSS px. */
  readonly cell: number;
  /** Top-left corner of the grid. */
  readonly x0: number;
  readonly y0: number;
}

/** Row and column offsets of the four actions (up, right, down, left), as (dx, dy) on screen. */
export const DIRS: readonly (readonly [number, number])[] = [
  [0, -1],
  [1, 0],
  [0, 1],
  [-1, 0],
];

/** Fit a rows x cols grid into width x height, centred, with square cells. */
export function fitGrid(width: number, height: number, rows: number, cols: number, padding: number): Layout {
  const w = Math.max(0, width - 2 * padding);
  const h = Math.max(0, height - 2 * padding);
  let cell = Math.min(w / Math.max(1, cols), h / Math.max(1, rows));
  // Whole pixels keep grid lines crisp; below 8 px a fractional size wastes less of the canvas.
  if (cell >= 8) cell = Math.floor(cell);
  const x0 = Math.round((width - cell * cols) / 2);
  const y0 = Math.round((height - cell * rows) / 2);
  return { rows, cols, cell, x0, y0 };
}

export function cellX(l: Layout, i: number): number {
  return l.x0 + (i % l.cols) * l.cell;
}

export function cellY(l: Layout, i: number): number {
  return l.y0 + Math.floor(i / l.cols) * l.cell;
}

export function centreX(l: Layout, i: number): number {
  return cellX(l, i) + l.cell / 2;
}

export function centreY(l: Layout, i: number): number {
  return cellY(l, i) + l.cell / 2;
}

/** The cell under a point in canvas CSS px, or null outside the grid. */
export function cellAtPoint(l: Layout, x: number, y: number): number | null {
  if (l.cell <= 0) return null;
  const c = Math.floor((x - l.x0) / l.cell);
  const r = Math.floor((y - l.y0) / l.cell);
  if (c < 0 || r < 0 || c >= l.cols || r >= l.rows) return null;
  return r * l.cols + c;
}

export function sameLayout(a: Layout | null, b: Layout): boolean {
  return !!a && a.rows === b.rows && a.cols === b.cols && a.cell === b.cell && a.x0 === b.x0 && a.y0 === b.y0;
}

/** Small deterministic hash of a cell index, for per-tile variety without any RNG. */
export function cellHash(i: number): number {
  let h = Math.imul(i + 1, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77);
  h ^= h >>> 13;
  return (h >>> 0) / 0xffffffff;
}
