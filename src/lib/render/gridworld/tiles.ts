/**
 * The ice floe: one Graphics with every tile, drawn in vector so it stays sharp at any cell size.
 * Tiles only change when the map or the layout does, so the renderer rebuilds this layer rarely
 * (see `tilesKey`), never per frame.
 */
import type { Graphics } from 'pixi.js';
import type { TileLook } from '../../../../environments/gridworld/spec';
import { FISH, GOAL, ICE, INK, SNOW, WATER, lerpColorHex } from './colors';
import { cellHash, cellX, cellY, type Layout } from './layout';

/** Below this cell size (CSS px) tiles are flat shapes without texture details. */
const DETAIL_MIN = 14;

/** Cache key: the tile layer is redrawn only when this changes. */
export function tilesKey(l: Layout, looks: readonly TileLook[], starts: readonly number[]): string {
  return `${l.rows}x${l.cols}@${l.cell},${l.x0},${l.y0}|${looks.join(',')}|${starts.join(',')}`;
}

export function drawTiles(g: Graphics, l: Layout, looks: readonly TileLook[], starts: readonly number[]): void {
  g.clear();
  const s = l.cell;
  const w = s * l.cols;
  const h = s * l.rows;
  if (s <= 0) return;

  // The floe's thickness: a soft shadow under the grid reads as a slab of ice on water.
  const r = Math.min(8, s * 0.25);
  g.roundRect(l.x0 - 2, l.y0 + 1, w + 4, h + 4, r).fill({ color: 0x6e9cc2, alpha: 0.35 });
  g.roundRect(l.x0 - 1, l.y0 - 1, w + 2, h + 2, r).fill(ICE.floeEdge);

  const detail = s >= DETAIL_MIN;
  for (let i = 0; i < looks.length; i++) {
    const x = cellX(l, i);
    const y = cellY(l, i);
    const look = looks[i];
    if (look === 'wall') {
      drawWall(g, x, y, s, detail);
      continue;
    }
    drawIce(g, x, y, s, i, detail && look === 'ice');
    if (look === 'hole') drawHole(g, x, y, s, detail);
    else if (look === 'fish') drawFish(g, x, y, s, detail);
    else if (look === 'goal') drawGoal(g, x, y, s, detail);
  }

  // Grid lines between cells; left out on tiny cells where they would be all there is to see.
  if (s >= 6) {
    for (let c = 1; c < l.cols; c++) g.moveTo(l.x0 + c * s, l.y0).lineTo(l.x0 + c * s, l.y0 + h);
    for (let rr = 1; rr < l.rows; rr++) g.moveTo(l.x0, l.y0 + rr * s).lineTo(l.x0 + w, l.y0 + rr * s);
    g.stroke({ width: 1, color: ICE.line, alpha: s >= 16 ? 1 : 0.6 });
  }

  for (const st of starts) {
    if (st >= 0 && st < looks.length) drawStart(g, cellX(l, st), cellY(l, st), s);
  }
}

function drawIce(g: Graphics, x: number, y: number, s: number, i: number, detail: boolean): void {
  const h = cellHash(i);
  // A little per-tile variation in tone keeps a large floe from looking like a spreadsheet.
  g.rect(x, y, s, s).fill(lerpColorHex(ICE.base, ICE.light, h * 0.7));
  if (!detail) return;
  const lw = Math.max(1, s * 0.025);
  if (h < 0.4) {
    // Shine: two short diagonal glints in the top-left corner.
    g.moveTo(x + 0.14 * s, y + 0.36 * s).lineTo(x + 0.36 * s, y + 0.14 * s);
    g.moveTo(x + 0.16 * s, y + 0.5 * s).lineTo(x + 0.26 * s, y + 0.4 * s);
    g.stroke({ width: lw * 1.4, color: ICE.shine, alpha: 0.9, cap: 'round' });
  } else if (h > 0.72) {
    // Hairline crack with one branch.
    const flip = h > 0.86 ? -1 : 1;
    const cx = x + (flip > 0 ? 0.58 : 0.42) * s;
    g.moveTo(cx, y + 0.58 * s)
      .lineTo(cx + flip * 0.1 * s, y + 0.7 * s)
      .lineTo(cx + flip * 0.07 * s, y + 0.84 * s);
    g.moveTo(cx + flip * 0.1 * s, y + 0.7 * s).lineTo(cx + flip * 0.22 * s, y + 0.74 * s);
    g.stroke({ width: lw, color: ICE.crack, alpha: 0.85, cap: 'round', join: 'round' });
  }
}

function drawHole(g: Graphics, x: number, y: number, s: number, detail: boolean): void {
  const cx = x + s / 2;
  const cy = y + s / 2;
  if (!detail) {
    g.ellipse(cx, cy, 0.42 * s, 0.38 * s).fill(WATER.deep);
    return;
  }
  // Snow rim, then dark water, lighter in the middle, and one ripple.
  g.ellipse(cx, cy + 0.02 * s, 0.42 * s, 0.37 * s)
    .fill(WATER.rim)
    .stroke({ width: Math.max(1, s * 0.02), color: WATER.rimShade, alpha: 0.9 });
  g.ellipse(cx, cy + 0.04 * s, 0.34 * s, 0.28 * s).fill(WATER.deep);
  g.ellipse(cx, cy + 0.08 * s, 0.25 * s, 0.18 * s).fill({ color: WATER.mid, alpha: 0.9 });
  g.moveTo(cx - 0.12 * s, cy + 0.1 * s).quadraticCurveTo(cx, cy + 0.04 * s, cx + 0.12 * s, cy + 0.1 * s);
  g.stroke({ width: Math.max(1, s * 0.025), color: WATER.ripple, alpha: 0.9, cap: 'round' });
  // Lip of the rim over the water's top edge: makes it read as a hole, not a puddle.
  g.moveTo(cx - 0.3 * s, cy - 0.1 * s).quadraticCurveTo(cx, cy - 0.3 * s, cx + 0.3 * s, cy - 0.1 * s);
  g.stroke({ width: Math.max(1, s * 0.03), color: 0x07192b, alpha: 0.6, cap: 'round' });
}

function drawFish(g: Graphics, x: number, y: number, s: number, detail: boolean): void {
  const cx = x + s / 2;
  const cy = y + s / 2;
  if (!detail) {
    g.ellipse(cx, cy, 0.36 * s, 0.24 * s).fill(FISH.body);
    return;
  }
  // A fish swimming left: tail, dorsal fin, body, belly, gill, eye.
  const bx = cx - 0.05 * s;
  const lw = Math.max(1, s * 0.02);
  g.poly([bx + 0.18 * s, cy, bx + 0.36 * s, cy - 0.15 * s, bx + 0.32 * s, cy, bx + 0.36 * s, cy + 0.15 * s])
    .fill(FISH.fin)
    .stroke({ width: lw, color: FISH.fin, join: 'round' });
  g.poly([bx - 0.06 * s, cy - 0.12 * s, bx + 0.08 * s, cy - 0.22 * s, bx + 0.12 * s, cy - 0.1 * s]).fill(FISH.fin);
  g.ellipse(bx, cy, 0.24 * s, 0.14 * s).fill(FISH.body).stroke({ width: lw, color: FISH.fin });
  g.ellipse(bx + 0.01 * s, cy + 0.06 * s, 0.16 * s, 0.05 * s).fill({ color: FISH.belly, alpha: 0.9 });
  g.moveTo(bx - 0.1 * s, cy - 0.08 * s).quadraticCurveTo(bx - 0.05 * s, cy, bx - 0.1 * s, cy + 0.08 * s);
  g.stroke({ width: lw, color: FISH.fin, cap: 'round' });
  g.circle(bx - 0.16 * s, cy - 0.03 * s, Math.max(1, 0.03 * s)).fill(FISH.eye);
  // A bubble: says "water creature" even at small sizes.
  g.circle(bx - 0.3 * s, cy - 0.16 * s, 0.035 * s).stroke({ width: lw, color: 0x7fb3dc });
}

function drawGoal(g: Graphics, x: number, y: number, s: number, detail: boolean): void {
  const cx = x + s / 2;
  const cy = y + s / 2;
  if (detail) g.circle(cx, cy, 0.38 * s).fill({ color: 0xffffff, alpha: 0.55 });
  g.star(cx, cy + 0.02 * s, 5, 0.32 * s, 0.14 * s)
    .fill(GOAL.star)
    .stroke({ width: Math.max(1, s * 0.025), color: GOAL.edge, join: 'round' });
}

function drawWall(g: Graphics, x: number, y: number, s: number, detail: boolean): void {
  // A block of packed snow with brick joints, like an igloo wall.
  g.rect(x, y, s, s).fill(SNOW.face);
  if (!detail) {
    g.rect(x, y + s * 0.75, s, s * 0.25).fill(SNOW.shade);
    return;
  }
  g.rect(x, y + s * 0.84, s, s * 0.16).fill(SNOW.shade);
  const lw = Math.max(1, s * 0.02);
  const r1 = y + s / 3;
  const r2 = y + (2 * s) / 3;
  g.moveTo(x, r1).lineTo(x + s, r1);
  g.moveTo(x, r2).lineTo(x + s, r2);
  g.moveTo(x + s / 2, y).lineTo(x + s / 2, r1);
  g.moveTo(x + s / 4, r1).lineTo(x + s / 4, r2);
  g.moveTo(x + (3 * s) / 4, r1).lineTo(x + (3 * s) / 4, r2);
  g.moveTo(x + s / 2, r2).lineTo(x + s / 2, y + s);
  g.stroke({ width: lw, color: SNOW.mortar });
  g.moveTo(x + 0.08 * s, y + 0.08 * s).lineTo(x + 0.4 * s, y + 0.08 * s);
  g.stroke({ width: lw * 1.5, color: SNOW.top, cap: 'round' });
  g.rect(x + 0.5, y + 0.5, s - 1, s - 1).stroke({ width: 1, color: SNOW.mortar, alpha: 0.9 });
}

function drawStart(g: Graphics, x: number, y: number, s: number): void {
  // A faint pad under the penguin's feet: marks the start without shouting.
  const cx = x + s / 2;
  const cy = y + s * 0.86;
  if (s < DETAIL_MIN) {
    g.circle(x + s / 2, y + s / 2, s * 0.18).fill({ color: INK, alpha: 0.25 });
    return;
  }
  g.ellipse(cx, cy, 0.3 * s, 0.075 * s)
    .fill({ color: 0xffffff, alpha: 0.7 })
    .stroke({ width: Math.max(1, s * 0.02), color: INK, alpha: 0.28 });
}
