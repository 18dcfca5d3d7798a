/**
 * Where the track, cart and pole sit on the canvas. Pure (no Pixi, no DOM) so the geometry is
 * tested in Node: tests/unit/cartpole-render-geometry.test.ts.
 *
 * World coordinates are the environment's: metres, x to the right, y UP, with the pole's pivot at
 * y = 0 (cartPoleGeometry). Screen coordinates are CSS px of the canvas with y DOWN, so a world
 * height maps to `pivotY - y * scale`. The x axis is never flipped: that mirrored pole is the bug
 * issue 4 warns about.
 */
import { cartPoleGeometry, type CartPoleParams, type CartPoleState } from '../../../../environments/classic/cartpole';

/** The cart's shape in metres (the environment treats the cart as a point; this is only looks). */
export const CART = {
  /** Body width and height. */
  width: 0.5,
  height: 0.26,
  /** Gap between the body's top and the pivot (the hinge bracket). */
  hinge: 0.04,
  wheelRadius: 0.065,
} as const;

/** World y of the rail's top: where the wheels touch, below the pivot. */
export const RAIL_Y = -(CART.hinge + CART.height + CART.wheelRadius);

/** Free world space around the drawing, metres. */
const MARGIN = { side: 0.75, top: 0.2, ground: 0.34 } as const;

export interface CartPoleLayout {
  /** Canvas size, CSS px. */
  readonly width: number;
  readonly height: number;
  /** CSS px per metre (same on both axes). */
  readonly scale: number;
  /** Screen x of the track's centre (x = 0). */
  readonly originX: number;
  /** Screen y of the pivot (world y = 0). */
  readonly pivotY: number;
  /** l, half the pole's length (m); the pole is 2l long. */
  readonly halfPoleLength: number;
  /** The track limit |x| (m). */
  readonly xThreshold: number;
}

export interface ScreenPoint {
  readonly x: number;
  readonly y: number;
}

/** Fit the track (±xThreshold plus room for the cart) and the upright pole into width x height, centred. */
export function fitCartPole(width: number, height: number, params: Pick<CartPoleParams, 'xThreshold' | 'halfPoleLength'>): CartPoleLayout {
  const poleLength = 2 * params.halfPoleLength;
  const worldWidth = 2 * (params.xThreshold + MARGIN.side);
  const above = poleLength + MARGIN.top;
  const below = -RAIL_Y + MARGIN.ground;
  const scale = Math.max(0, Math.min(width / worldWidth, height / (above + below)));
  // Spare height goes mostly above the pole (sky), a little below (ice): the cart sits low, as on a stage.
  const free = Math.max(0, height - (above + below) * scale);
  return {
    width,
    height,
    scale,
    originX: width / 2,
    pivotY: free * 0.7 + above * scale,
    halfPoleLength: params.halfPoleLength,
    xThreshold: params.xThreshold,
  };
}

/** A world point (metres, y up) on screen (CSS px, y down). */
export function toScreen(layout: CartPoleLayout, x: number, y: number): ScreenPoint {
  return { x: layout.originX + x * layout.scale, y: layout.pivotY - y * layout.scale };
}

/**
 * The pole's pivot and tip on screen, from the environment's own geometry. theta > 0 leans the
 * pole right (tip at larger screen x); the tip is above the pivot (smaller screen y) while
 * |theta| < 90 degrees.
 */
export function poleScreenEndpoints(state: CartPoleState, layout: CartPoleLayout): { pivot: ScreenPoint; tip: ScreenPoint } {
  const g = cartPoleGeometry(state, layout);
  return { pivot: toScreen(layout, g.pivotX, g.pivotY), tip: toScreen(layout, g.tipX, g.tipY) };
}

export function sameLayout(a: CartPoleLayout | null, b: CartPoleLayout): boolean {
  return (
    !!a &&
    a.width === b.width &&
    a.height === b.height &&
    a.scale === b.scale &&
    a.pivotY === b.pivotY &&
    a.halfPoleLength === b.halfPoleLength &&
    a.xThreshold === b.xThreshold
  );
}
