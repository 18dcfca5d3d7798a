/** Small path helpers that Pixi's Graphics does not have: arrows and dashed lines. */
import type { Graphics } from 'pixi.js';

/**
 * Add a filled-arrow polygon to `g` (call .fill() after): it starts `start` px from (cx, cy) along
 * (dx, dy) (a unit vector) and its tip is `start + length` px away.
 */
export function arrowPath(
  g: Graphics,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
  start: number,
  length: number,
  shaftWidth: number,
  headLength: number,
  headWidth: number,
): Graphics {
  const px = -dy;
  const py = dx;
  const x0 = cx + dx * start;
  const y0 = cy + dy * start;
  const tipX = x0 + dx * length;
  const tipY = y0 + dy * length;
  const hl = Math.min(headLength, length);
  const ex = tipX - dx * hl;
  const ey = tipY - dy * hl;
  const sw = shaftWidth / 2;
  const hw = headWidth / 2;
  if (length - hl < 0.5) {
    // Too short for a shaft: only the head, so tiny probabilities still point somewhere.
    return g.poly([ex + px * hw, ey + py * hw, tipX, tipY, ex - px * hw, ey - py * hw]);
  }
  return g.poly([
    x0 + px * sw, y0 + py * sw,
    ex + px * sw, ey + py * sw,
    ex + px * hw, ey + py * hw,
    tipX, tipY,
    ex - px * hw, ey - py * hw,
    ex - px * sw, ey - py * sw,
    x0 - px * sw, y0 - py * sw,
  ]);
}

/** Add a dashed line to `g` as separate sub-paths (call .stroke() after). */
export function dashedPath(g: Graphics, x1: number, y1: number, x2: number, y2: number, dash: number, gap: number): Graphics {
  const len = Math.hypot(x2 - x1, y2 - y1);
  if (len === 0) return g;
  const ux = (x2 - x1) / len;
  const uy = (y2 - y1) / len;
  for (let d = 0; d < len; d += dash + gap) {
    const e = Math.min(len, d + dash);
    g.moveTo(x1 + ux * d, y1 + uy * d).lineTo(x1 + ux * e, y1 + uy * e);
  }
  return g;
}
