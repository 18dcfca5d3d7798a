/**
 * The moving part of the picture, redrawn on every draw: the allowed-angle fan, the cart, the
 * pole at its true angle, and the force arrow. All sizes are in metres times the layout's scale,
 * so the picture keeps its proportions at any canvas size.
 */
import type { Graphics } from 'pixi.js';
import { CART_COLORS, DANGER, INK, LIMIT, POLE_COLORS, SUCCESS, WEDGE, WHITE } from './colors';
import { CART, RAIL_Y, poleScreenEndpoints, toScreen, type CartPoleLayout } from './layout';
import { endCause, type CartPoleScene } from './scene';

export function drawCartPole(g: Graphics, scene: CartPoleScene, l: CartPoleLayout): void {
  g.clear();
  const s = l.scale;
  if (s <= 0) return;
  const { state } = scene;
  const cause = endCause(scene);
  const fallen = scene.terminated && cause.fallen;
  const outOfBounds = scene.terminated && cause.outOfBounds;
  const { pivot, tip } = poleScreenEndpoints(state, l);

  drawAngleFan(g, scene, l, pivot, fallen);

  // Shadow on the ice, then the force arrow behind the cart.
  const cx = pivot.x;
  const railY = toScreen(l, 0, RAIL_Y).y;
  g.ellipse(cx, railY + 0.05 * s, 0.34 * s, 0.035 * s).fill({ color: INK, alpha: 0.1 });
  if (scene.pushing !== 0) drawForceArrow(g, scene.pushing, l, cx);

  // Wheels on the rail.
  const r = CART.wheelRadius * s;
  const wheelY = railY - r;
  for (const dx of [-0.16, 0.16]) {
    g.circle(cx + dx * s, wheelY, r).fill(CART_COLORS.wheel);
    g.circle(cx + dx * s, wheelY, r * 0.42).fill(CART_COLORS.hub);
  }

  // Body: a rounded box with a lighter top band and a thin stripe.
  const bodyTop = pivot.y + CART.hinge * s;
  const bodyHeight = CART.height * s;
  const bodyWidth = CART.width * s;
  const left = cx - bodyWidth / 2;
  const radius = Math.min(8, 0.05 * s);
  const edge = outOfBounds ? DANGER : CART_COLORS.edge;
  g.roundRect(left, bodyTop, bodyWidth, bodyHeight, radius).fill(outOfBounds ? mix(CART_COLORS.body, DANGER) : CART_COLORS.body);
  g.roundRect(left, bodyTop, bodyWidth, bodyHeight * 0.34, radius).fill({ color: WHITE, alpha: 0.16 });
  g.rect(left + radius, bodyTop + bodyHeight * 0.62, bodyWidth - 2 * radius, Math.max(1, 0.012 * s)).fill({ color: WHITE, alpha: 0.35 });
  g.roundRect(left, bodyTop, bodyWidth, bodyHeight, radius).stroke({ width: Math.max(1, 0.012 * s), color: edge, alignment: 1 });

  // The hinge bracket from the body up to the pivot.
  const bracket = 0.06 * s;
  g.poly([cx - bracket, bodyTop + 1, cx + bracket, bodyTop + 1, cx + bracket * 0.45, pivot.y, cx - bracket * 0.45, pivot.y]).fill(CART_COLORS.bracket);

  // The pole: pivot to tip exactly as the environment's geometry puts them.
  const poleWidth = Math.max(4, 0.055 * s);
  const poleFill = fallen ? DANGER : POLE_COLORS.fill;
  const poleEdge = fallen ? mix(DANGER, INK) : POLE_COLORS.edge;
  g.moveTo(pivot.x, pivot.y).lineTo(tip.x, tip.y).stroke({ width: poleWidth + 2, color: poleEdge, cap: 'round' });
  g.moveTo(pivot.x, pivot.y).lineTo(tip.x, tip.y).stroke({ width: poleWidth, color: poleFill, cap: 'round' });
  g.circle(tip.x, tip.y, poleWidth * 0.75).fill(poleFill).stroke({ width: 1, color: poleEdge });

  // The pivot on top.
  g.circle(pivot.x, pivot.y, Math.max(3.5, 0.035 * s)).fill(INK);
  g.circle(pivot.x, pivot.y, Math.max(1.5, 0.015 * s)).fill(WHITE);
}

/**
 * The allowed angles, ±thetaThreshold around the upright, as a faint fan from the pivot: the
 * person sees how close the pole is to falling. Red once it fell, green after a full episode.
 */
function drawAngleFan(g: Graphics, scene: CartPoleScene, l: CartPoleLayout, pivot: { x: number; y: number }, fallen: boolean): void {
  const radius = 2 * l.halfPoleLength * l.scale * 1.08;
  const limit = scene.params.thetaThreshold;
  const color = fallen ? DANGER : scene.truncated ? SUCCESS : WEDGE;
  // Screen angles: 0 points right and grows clockwise (y down); straight up is -pi/2.
  const from = -Math.PI / 2 - limit;
  const to = -Math.PI / 2 + limit;
  g.moveTo(pivot.x, pivot.y).arc(pivot.x, pivot.y, radius, from, to).closePath().fill({ color, alpha: fallen ? 0.1 : 0.06 });
  for (const a of [from, to]) {
    g.moveTo(pivot.x, pivot.y)
      .lineTo(pivot.x + radius * Math.cos(a), pivot.y + radius * Math.sin(a))
      .stroke({ width: 1, color: fallen ? DANGER : LIMIT, alpha: fallen ? 0.55 : 0.3 });
  }
}

/** A short arrow behind the cart, pointing the way the force pushes it. */
function drawForceArrow(g: Graphics, direction: -1 | 1, l: CartPoleLayout, cx: number): void {
  const s = l.scale;
  const y = toScreen(l, 0, -(CART.hinge + CART.height / 2)).y;
  const gap = 0.05 * s;
  const length = 0.32 * s;
  const head = Math.max(6, 0.09 * s);
  // The arrow's head touches the cart's back: pushing right, it sits on the left.
  const headX = cx - direction * (CART.width / 2 * s + gap);
  const tailX = headX - direction * length;
  const shaftEnd = headX - direction * head * 0.9;
  g.moveTo(tailX, y).lineTo(shaftEnd, y).stroke({ width: Math.max(2.5, 0.03 * s), color: INK, alpha: 0.85, cap: 'round' });
  g.poly([headX, y, headX - direction * head, y - head * 0.6, headX - direction * head, y + head * 0.6]).fill({ color: INK, alpha: 0.85 });
}

/** Half-way blend of two 0xRRGGBB colours. */
function mix(a: number, b: number): number {
  const ch = (shift: number) => Math.round((((a >> shift) & 255) + ((b >> shift) & 255)) / 2) << shift;
  return ch(16) | ch(8) | ch(0);
}
