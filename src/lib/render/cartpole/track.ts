/**
 * The static part of the picture, redrawn only when the layout changes: the ice, the rail with a
 * metre scale, and the ±xThreshold limits with the out-of-bounds zones beyond them.
 */
import type { Graphics } from 'pixi.js';
import type { LabelPool } from '../gridworld/labels';
import { FAINT, ICE, LIMIT, MUTED, RAIL } from './colors';
import { RAIL_Y, toScreen, type CartPoleLayout } from './layout';

/** How far the rail runs past each limit (m): the cart can be seen leaving the track. */
const RAIL_OVERRUN = 0.55;

/** Whole-pixel positions (+0.5 for odd widths) keep thin lines crisp. */
const crisp = (v: number, width: number) => (Math.round(width) % 2 === 1 ? Math.floor(v) + 0.5 : Math.round(v));

export function drawTrack(g: Graphics, labels: LabelPool, l: CartPoleLayout): void {
  g.clear();
  labels.begin();
  const s = l.scale;
  if (s <= 0) {
    labels.end();
    return;
  }
  const railY = toScreen(l, 0, RAIL_Y).y;
  const railWidth = Math.max(2, Math.round(0.025 * s));

  // Out-of-bounds zones: a faint wash beyond each limit, above the ice.
  const limitLeft = toScreen(l, -l.xThreshold, 0).x;
  const limitRight = toScreen(l, l.xThreshold, 0).x;
  g.rect(0, 0, limitLeft, railY).fill({ color: LIMIT, alpha: 0.045 });
  g.rect(limitRight, 0, l.width - limitRight, railY).fill({ color: LIMIT, alpha: 0.045 });

  // The ice under the rail, full width, with a lighter lip along its top edge.
  g.rect(0, railY, l.width, l.height - railY).fill(ICE.base);
  g.rect(0, railY, l.width, Math.max(3, 0.05 * s)).fill(ICE.light);
  g.moveTo(0, crisp(railY, 1)).lineTo(l.width, crisp(railY, 1)).stroke({ width: 1, color: ICE.edge });

  // Metre scale under the rail: ticks every 0.5 m, labels on whole metres.
  const tickTop = railY + railWidth + 2;
  const fontSize = Math.round(Math.min(13, Math.max(9, 0.13 * s)));
  for (let half = -Math.floor(2 * l.xThreshold); half <= Math.floor(2 * l.xThreshold); half++) {
    const x = crisp(toScreen(l, half / 2, 0).x, 1);
    const whole = half % 2 === 0;
    g.moveTo(x, tickTop).lineTo(x, tickTop + (whole ? 7 : 4)).stroke({ width: 1, color: whole ? MUTED : FAINT, alpha: whole ? 0.8 : 0.6 });
    // The limits get their own labels; skip whole metres that would crowd them.
    if (whole && Math.abs(Math.abs(half / 2) - l.xThreshold) * s > fontSize * 1.6) {
      labels.add({ text: formatMetres(half / 2), x, y: tickTop + 9, size: fontSize, tint: MUTED, ay: 0 });
    }
  }

  // The rail, with a stop at each end.
  const railFrom = toScreen(l, -(l.xThreshold + RAIL_OVERRUN), 0).x;
  const railTo = toScreen(l, l.xThreshold + RAIL_OVERRUN, 0).x;
  const railMid = railY + railWidth / 2;
  g.moveTo(railFrom, railMid).lineTo(railTo, railMid).stroke({ width: railWidth, color: RAIL.bar, cap: 'round' });
  const stopHeight = Math.max(6, 0.07 * s);
  for (const x of [railFrom, railTo]) {
    g.roundRect(x - railWidth, railY - stopHeight, railWidth * 2, stopHeight + railWidth, railWidth).fill(RAIL.bar);
  }

  // The limits: a post on the rail, labelled ±xThreshold, and a dashed line up the canvas.
  const postHeight = 0.3 * s;
  for (const sign of [-1, 1]) {
    const x = crisp(toScreen(l, sign * l.xThreshold, 0).x, 2);
    dashedVertical(g, x, 6, railY - postHeight - fontSize - 2 * Math.max(5, 0.05 * s), Math.max(4, 0.05 * s));
    g.moveTo(x, railY - postHeight).lineTo(x, railY).stroke({ width: Math.max(2, 0.03 * s), color: LIMIT, cap: 'round' });
    g.circle(x, railY - postHeight, Math.max(3, 0.035 * s)).fill(LIMIT);
    labels.add({ text: `${sign < 0 ? '−' : '+'}${trim(l.xThreshold)} m`, x, y: railY - postHeight - Math.max(5, 0.05 * s), size: fontSize, tint: LIMIT, ay: 1 });
  }
  labels.end();
}

function dashedVertical(g: Graphics, x: number, fromY: number, toY: number, dash: number): void {
  for (let y = fromY; y < toY; y += dash * 2) g.moveTo(x, y).lineTo(x, Math.min(toY, y + dash));
  g.stroke({ width: 1, color: LIMIT, alpha: 0.45 });
}

function trim(v: number): string {
  return String(Number(v.toFixed(2)));
}

/** "0", "1 m", "−2 m": a true minus sign. */
function formatMetres(v: number): string {
  if (v === 0) return '0';
  return `${v < 0 ? '−' : ''}${trim(Math.abs(v))}`;
}
