/**
 * M1 networks and their linear regions: the fig. 3.3 network with the exact parameters of
 * Problem 3.8 (values at a few inputs, 4 regions, the shaded region's slope, Problem 3.9), the
 * activation swap, the 3-unit o 3-unit composition (9 regions), the 2-input network (7 regions,
 * h1 and h3 on in the central triangle) and its composition (13 regions).
 */
import { describe, expect, it } from 'vitest';
import {
  ACTIVATION_IDS,
  COMPOSITION_DOMAIN,
  DOMAIN_2D,
  FIG_3_3_DOMAIN,
  FIG_3_3_PARAMETERS,
  FIG_3_8_NETWORK,
  FIG_4_2_OUTER,
  FOLDING_NETWORK_1,
  FOLDING_NETWORK_2,
  activationById,
  arrangementRegions,
  composedPieces,
  composedRegions2d,
  distinctLabels,
  fig33Network,
  labelGrid,
  linearPieces,
  pattern2d,
  sampledRegions2d,
  shallowFromVector,
  shallowJoints,
  shallowOutput,
  shallowRegions,
  shallowRegions2d,
  shallowStages,
  shallowToVector,
} from '../../supervised/m1';

const [lo, hi] = FIG_3_3_DOMAIN;

describe('the fig. 3.3 shallow network', () => {
  it('has the parameters of Problem 3.8 in the book’s order', () => {
    expect(FIG_3_3_PARAMETERS).toEqual([-0.23, -1.3, 1.3, 0.66, -0.2, 0.4, -0.9, 0.9, 1.1, -0.7]);
    const net = fig33Network();
    expect(net.phi).toEqual([-0.23, -1.3, 1.3, 0.66]);
    expect(net.theta).toEqual([[-0.2, 0.4], [-0.9, 0.9], [1.1, -0.7]]);
    expect(shallowToVector(net)).toEqual([...FIG_3_3_PARAMETERS]);
  });

  it('computes the stages by hand at x = 0, 0.5, 1 and 2', () => {
    const net = fig33Network();
    const at0 = shallowStages(net, 0);
    expect(at0.pre).toEqual([-0.2, -0.9, 1.1]);
    expect(at0.activation).toEqual([0, 0, 1.1]);
    expect(at0.weighted[2]).toBeCloseTo(0.726, 12);
    expect(at0.y).toBeCloseTo(0.496, 12);
    expect(shallowOutput(net, 0.5)).toBeCloseTo(-0.23 + 0.66 * 0.75, 12);
    const at1 = shallowStages(net, 1);
    expect(at1.activation.map((v) => Number(v.toFixed(12)))).toEqual([0.2, 0, 0.4]);
    expect(at1.y).toBeCloseTo(-0.226, 12);
    expect(shallowOutput(net, 2)).toBeCloseTo(0.16, 12);
  });

  it('has joints at 0.5, 1 and 11/7 and 4 linear regions on [0, 2]', () => {
    const net = fig33Network();
    expect(shallowJoints(net, lo, hi).map((j) => [j.unit, j.x])).toEqual([[0, 0.5], [1, 1], [2, expect.closeTo(11 / 7, 12)]]);
    const regions = shallowRegions(net, lo, hi)!;
    expect(regions).toHaveLength(4);
    // Slopes: phi_3 theta_31; + phi_1 theta_11; + phi_2 theta_21; - phi_3 theta_31.
    expect(regions.map((r) => r.slope)).toEqual([-0.462, -0.982, 0.188, 0.65].map((s) => expect.closeTo(s, 12)));
    // The shaded region: h1 and h3 on, h2 off; slope phi_1 theta_11 + phi_3 theta_31.
    expect(regions[1].pattern).toEqual([true, false, true]);
    expect(regions[1].slope).toBeCloseTo(-1.3 * 0.4 + 0.66 * -0.7, 12);
    // Problem 3.9: region 3's slope is the sum of regions 1 and 4.
    expect(regions[2].slope).toBeCloseTo(regions[0].slope + regions[3].slope, 12);
  });

  it('counts regions for other activations, and none for smooth ones', () => {
    expect(shallowRegions(fig33Network('leaky-relu'), lo, hi)).toHaveLength(4);
    // Heaviside: a step at each joint, constant in between.
    const steps = shallowRegions(fig33Network('heaviside'), lo, hi)!;
    expect(steps).toHaveLength(4);
    expect(steps.every((r) => r.slope === 0)).toBe(true);
    // rect: each unit is on for theta_d1 x in [-theta_d0, 1 - theta_d0]; more breakpoints fall inside [0, 2].
    expect(shallowRegions(fig33Network('rect'), lo, hi)!.length).toBeGreaterThan(4);
    for (const id of ['tanh', 'sigmoid', 'softplus', 'swish'] as const) expect(shallowRegions(fig33Network(id), lo, hi)).toBeNull();
    expect(ACTIVATION_IDS).toHaveLength(8);
    expect(activationById('relu').apply(-1)).toBe(0);
    expect(activationById('swish').apply(0)).toBe(0);
    expect(() => activationById('gelu')).toThrow("activation must be one of relu, leaky-relu");
  });

  it('merges a joint away when its unit has no weight, and refuses a bad vector', () => {
    const vector = [...FIG_3_3_PARAMETERS];
    vector[2] = 0; // phi_2 = 0: unit 2's joint no longer bends the output
    expect(shallowRegions(shallowFromVector(vector), lo, hi)).toHaveLength(3);
    expect(() => shallowFromVector([1, 2, 3])).toThrow('must have 10 numbers');
    const bad = [...FIG_3_3_PARAMETERS];
    bad[5] = Number.NaN;
    expect(() => shallowFromVector(bad)).toThrow('θ11 must be a finite number');
  });

  it('finds pieces of any piecewise-linear function from a superset of its breakpoints', () => {
    const pieces = linearPieces((x) => Math.abs(x - 0.3), [0.1, 0.3, 0.7], 0, 1);
    expect(pieces.map((p) => [p.x0, p.x1, p.slope])).toEqual([[0, 0.3, expect.closeTo(-1, 12)], [0.3, 1, expect.closeTo(1, 12)]]);
    expect(() => linearPieces((x) => x, [], 1, 0)).toThrow('lo < hi');
  });
});

describe('composing networks (section 4.1)', () => {
  const [a, b] = COMPOSITION_DOMAIN;

  it('network 1 folds [-1, 1] onto [-1, 1] three times; network 2 has 3 regions', () => {
    const first = shallowRegions(FOLDING_NETWORK_1, a, b)!;
    expect(first.map((r) => Math.sign(r.slope))).toEqual([1, -1, 1]);
    for (const x of [-1, 1 / 3]) expect(shallowOutput(FOLDING_NETWORK_1, x)).toBeCloseTo(-1, 12);
    for (const x of [-1 / 3, 1]) expect(shallowOutput(FOLDING_NETWORK_1, x)).toBeCloseTo(1, 12);
    expect(shallowRegions(FOLDING_NETWORK_2, a, b)).toHaveLength(3);
  });

  it('the composition has 3 x 3 = 9 regions', () => {
    const pieces = composedPieces(FOLDING_NETWORK_1, FOLDING_NETWORK_2, a, b);
    expect(pieces).toHaveLength(9);
    // Each piece is affine: the composition at the piece's ends matches its line.
    for (const p of pieces) {
      for (const x of [p.x0 + 1e-9, (p.x0 + p.x1) / 2, p.x1 - 1e-9]) {
        expect(shallowOutput(FOLDING_NETWORK_2, shallowOutput(FOLDING_NETWORK_1, x))).toBeCloseTo(p.slope * x + p.intercept, 7);
      }
    }
  });
});

describe('two inputs (figs. 3.8 and 4.2)', () => {
  it('the 2-input, 3-unit network has 7 convex regions, counted exactly and by sampling', () => {
    expect(shallowRegions2d(FIG_3_8_NETWORK)).toBe(7);
    for (const n of [100, 200, 338, 500]) expect(sampledRegions2d(FIG_3_8_NETWORK, n)).toBe(7);
  });

  it('in the central triangle h1 and h3 are on and h2 is off', () => {
    // The centroid of the three hinge crossings.
    const corners = [[1.5556, 0.8889], [0.8485, 0.7121], [1.1667, 1.3167]];
    const cx = corners.reduce((s, c) => s + c[0], 0) / 3;
    const cy = corners.reduce((s, c) => s + c[1], 0) / 3;
    expect(pattern2d(FIG_3_8_NETWORK, cx, cy)).toBe(0b101);
  });

  it('feeding it into a 2-unit network gives 13 regions (fig. 4.2)', () => {
    for (const n of [100, 300, 600]) expect(composedRegions2d(FIG_3_8_NETWORK, FIG_4_2_OUTER, n)).toBe(13);
    // Each joint alone: y = 1.8 splits 4 regions, y = 2.4 splits 2.
    expect(composedRegions2d(FIG_3_8_NETWORK, { psi: [0, 1], omega: [FIG_4_2_OUTER.omega[0]] }, 300)).toBe(11);
    expect(composedRegions2d(FIG_3_8_NETWORK, { psi: [0, 1], omega: [FIG_4_2_OUTER.omega[1]] }, 300)).toBe(9);
  });

  it('the arrangement count follows 1 + lines + crossings and refuses three concurrent lines', () => {
    const square = DOMAIN_2D;
    expect(arrangementRegions([], square)).toBe(1);
    expect(arrangementRegions([[-1, 1, 0]], square)).toBe(2); // x1 = 1
    expect(arrangementRegions([[-1, 1, 0], [-1, 0, 1]], square)).toBe(4);
    expect(arrangementRegions([[-5, 1, 0]], square)).toBe(1); // x1 = 5 misses the square
    expect(() => arrangementRegions([[-1, 1, 0], [-1, 0, 1], [-2, 1, 1]], square)).toThrow('three hinges meet');
    expect(distinctLabels(labelGrid((x1) => (x1 < 1 ? 0 : 1), square, 10, 10))).toBe(2);
    expect(() => labelGrid(() => 0, square, 1, 10)).toThrow('integers >= 2');
  });
});
