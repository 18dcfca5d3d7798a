/**
 * Exact linear regions of a 1-D piecewise-linear function (book sections 3.1.1 and 4.1): split the
 * domain at every candidate breakpoint (the joints of the hidden units, and for a composition the
 * points where the inner network crosses the outer network's joints), read the affine piece on
 * each interval, and merge neighbours that are the same line. What is left are the function's
 * linear regions: a joint whose two sides have the same slope (a unit with zero output weight)
 * is no region boundary, and a jump (Heaviside, rect) is one even when the slopes agree.
 *
 * The candidates may be a superset of the true breakpoints; merging removes the extra ones. They
 * must not miss a true one, or two different pieces are read as one.
 */

/** One affine piece y = slope x + intercept on [x0, x1]. */
export interface AffinePiece {
  readonly x0: number;
  readonly x1: number;
  readonly slope: number;
  readonly intercept: number;
}

/** Relative tolerance for "the same line": far below any difference the explorer can make. */
const SAME_LINE_TOLERANCE = 1e-9;

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= SAME_LINE_TOLERANCE * (1 + Math.abs(a) + Math.abs(b));
}

/** The sorted, de-duplicated candidates strictly inside (lo, hi), with lo and hi at the ends. */
export function cutPoints(candidates: readonly number[], lo: number, hi: number): number[] {
  const inside = candidates.filter((x) => Number.isFinite(x) && x > lo && x < hi).sort((a, b) => a - b);
  const cuts = [lo];
  for (const x of inside) if (x - cuts[cuts.length - 1] > 1e-12) cuts.push(x);
  if (hi - cuts[cuts.length - 1] > 1e-12) cuts.push(hi);
  else cuts[cuts.length - 1] = hi;
  return cuts;
}

/**
 * The merged affine pieces of `f` on [lo, hi], cut at `candidates`. Each interval is read at its
 * thirds (never at a cut, where a jump would make the value ambiguous).
 */
export function linearPieces(f: (x: number) => number, candidates: readonly number[], lo: number, hi: number): AffinePiece[] {
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) throw new Error(`linear regions: the domain must be finite with lo < hi, got [${lo}, ${hi}]`);
  const cuts = cutPoints(candidates, lo, hi);
  const pieces: AffinePiece[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const x0 = cuts[i];
    const x1 = cuts[i + 1];
    const a = x0 + (x1 - x0) / 3;
    const b = x0 + (2 * (x1 - x0)) / 3;
    const fa = f(a);
    const slope = (f(b) - fa) / (b - a);
    const intercept = fa - slope * a;
    const last = pieces[pieces.length - 1];
    if (last && close(last.slope, slope) && close(last.intercept, intercept)) {
      pieces[pieces.length - 1] = { ...last, x1 };
    } else {
      pieces.push({ x0, x1, slope, intercept });
    }
  }
  return pieces;
}

/** The points x in [lo, hi] where the affine piece equals `level` (at most one per piece unless flat). */
export function levelCrossings(pieces: readonly AffinePiece[], level: number): number[] {
  const xs: number[] = [];
  for (const p of pieces) {
    if (p.slope === 0) continue; // a flat piece at the level is a whole interval, not a crossing
    const x = (level - p.intercept) / p.slope;
    if (x >= p.x0 && x <= p.x1) xs.push(x);
  }
  return xs;
}
