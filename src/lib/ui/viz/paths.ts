/**
 * SVG path strings for the plots (pure, tested in Node): polylines that break at non-finite
 * points, bands between two curves, and segment lists. Coordinates are rounded to 0.01 px, which
 * is invisible and keeps the strings short.
 */
import type { LinearScale } from './scales';

const r = (v: number) => Math.round(v * 100) / 100;

/** "M x y L x y ..." through (x_i, y_i); a non-finite point ends one run and the next starts with M. */
export function linePath(x: ArrayLike<number>, y: ArrayLike<number>, sx: LinearScale, sy: LinearScale): string {
  const n = Math.min(x.length, y.length);
  let path = '';
  let drawing = false;
  for (let i = 0; i < n; i++) {
    if (!(Number.isFinite(x[i]) && Number.isFinite(y[i]))) {
      drawing = false;
      continue;
    }
    path += `${drawing ? 'L' : 'M'}${r(sx(x[i]))} ${r(sy(y[i]))}`;
    drawing = true;
  }
  return path;
}

/**
 * The closed region between lo and hi over x, one closed sub-path per finite run (a gap in any
 * of the three arrays splits the band).
 */
export function bandPath(x: ArrayLike<number>, lo: ArrayLike<number>, hi: ArrayLike<number>, sx: LinearScale, sy: LinearScale): string {
  const n = Math.min(x.length, lo.length, hi.length);
  let path = '';
  let run: number[] = [];
  const flush = () => {
    if (run.length >= 2) {
      path += run.map((i, k) => `${k === 0 ? 'M' : 'L'}${r(sx(x[i]))} ${r(sy(hi[i]))}`).join('');
      path += [...run].reverse().map((i) => `L${r(sx(x[i]))} ${r(sy(lo[i]))}`).join('') + 'Z';
    }
    run = [];
  };
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(x[i]) && Number.isFinite(lo[i]) && Number.isFinite(hi[i])) run.push(i);
    else flush();
  }
  flush();
  return path;
}

/** Separate segments [x1, y1, x2, y2, ...] (data coordinates) as one path of "M..L.." pairs. */
export function segmentsPath(segments: ArrayLike<number>, sx: LinearScale, sy: LinearScale): string {
  let path = '';
  for (let k = 0; k + 3 < segments.length; k += 4) {
    path += `M${r(sx(segments[k]))} ${r(sy(segments[k + 1]))}L${r(sx(segments[k + 2]))} ${r(sy(segments[k + 3]))}`;
  }
  return path;
}

/** The part of the line theta0 + theta1 x + theta2 y = 0 inside the box x[0]..x[1] by y[0]..y[1] as [x1, y1, x2, y2], or null when it misses the box. */
export function clipLine(line: readonly [number, number, number], x: readonly [number, number], y: readonly [number, number]): [number, number, number, number] | null {
  const [c, a, b] = line;
  const points: [number, number][] = [];
  const add = (px: number, py: number) => {
    if (px >= x[0] - 1e-12 && px <= x[1] + 1e-12 && py >= y[0] - 1e-12 && py <= y[1] + 1e-12) {
      if (!points.some(([qx, qy]) => Math.abs(qx - px) < 1e-9 && Math.abs(qy - py) < 1e-9)) points.push([px, py]);
    }
  };
  if (b !== 0) {
    add(x[0], -(c + a * x[0]) / b);
    add(x[1], -(c + a * x[1]) / b);
  }
  if (a !== 0) {
    add(-(c + b * y[0]) / a, y[0]);
    add(-(c + b * y[1]) / a, y[1]);
  }
  if (points.length < 2) return null;
  return [points[0][0], points[0][1], points[1][0], points[1][1]];
}
