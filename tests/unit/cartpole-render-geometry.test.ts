/**
 * The pole on screen leans the way the physics says (issue 4: a well-known demo draws it
 * mirrored). Screen y grows downward, so "above" means a smaller y.
 */
import { describe, expect, it } from 'vitest';
import { CARTPOLE_DEFAULTS, type CartPoleState } from '../../environments/classic/cartpole';
import { fitCartPole, poleScreenEndpoints, toScreen } from '../../src/lib/render/cartpole/layout';

const layout = fitCartPole(900, 360, CARTPOLE_DEFAULTS);
const state = (s: Partial<CartPoleState>): CartPoleState => ({ x: 0, xDot: 0, theta: 0, thetaDot: 0, ...s });
const deg = (d: number) => (d * Math.PI) / 180;

describe('poleScreenEndpoints', () => {
  it('theta > 0: the tip is right of the pivot and above it', () => {
    const { pivot, tip } = poleScreenEndpoints(state({ theta: deg(10) }), layout);
    expect(tip.x).toBeGreaterThan(pivot.x);
    expect(tip.y).toBeLessThan(pivot.y);
    // 2l sin(theta) metres to the right, at the layout's scale.
    expect(tip.x - pivot.x).toBeCloseTo(2 * CARTPOLE_DEFAULTS.halfPoleLength * Math.sin(deg(10)) * layout.scale, 9);
  });

  it('theta < 0: the tip is left of the pivot and above it', () => {
    const { pivot, tip } = poleScreenEndpoints(state({ theta: deg(-10) }), layout);
    expect(tip.x).toBeLessThan(pivot.x);
    expect(tip.y).toBeLessThan(pivot.y);
  });

  it('theta = 0: straight up, one pole length above the pivot', () => {
    const { pivot, tip } = poleScreenEndpoints(state({ x: 0.7 }), layout);
    expect(tip.x).toBeCloseTo(pivot.x, 12);
    expect(pivot.y - tip.y).toBeCloseTo(2 * CARTPOLE_DEFAULTS.halfPoleLength * layout.scale, 9);
  });

  it('x > 0 puts the cart right of the centre, x < 0 left of it', () => {
    const centre = toScreen(layout, 0, 0).x;
    expect(centre).toBe(layout.width / 2);
    expect(poleScreenEndpoints(state({ x: 1.2 }), layout).pivot.x).toBeGreaterThan(centre);
    expect(poleScreenEndpoints(state({ x: -1.2 }), layout).pivot.x).toBeLessThan(centre);
  });

  it('the limits and the upright pole fit inside the canvas at any size', () => {
    for (const [w, h] of [[300, 400], [900, 360], [1600, 300], [1, 1]]) {
      const l = fitCartPole(w, h, CARTPOLE_DEFAULTS);
      const { tip } = poleScreenEndpoints(state({}), l);
      expect(tip.y).toBeGreaterThanOrEqual(0);
      expect(toScreen(l, -CARTPOLE_DEFAULTS.xThreshold, 0).x).toBeGreaterThanOrEqual(0);
      expect(toScreen(l, CARTPOLE_DEFAULTS.xThreshold, 0).x).toBeLessThanOrEqual(w);
    }
  });
});
