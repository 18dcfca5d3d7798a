/**
 * Shallow ReLU networks with two inputs (eqs. 3.9-3.10, figs. 3.7-3.8) and the composition of
 * fig. 4.2, with their linear regions.
 *
 * The book gives the *shape* of these examples (2 inputs, 3 hidden units, 7 convex regions with
 * h1 and h3 on in the central triangle; that network fed into a 2-hidden-unit network, 13
 * regions) but not their parameters. The parameters here were chosen for Floe to have exactly
 * those properties on the square [0, 2] x [0, 2]: three hinge lines in general position that
 * cross inside it (1 + 3 + 3 = 7 regions), a central triangle where h1 and h3 are on and h2 is off,
 * and an outer network whose two joints' level lines split 4 and 2 of the 7 regions in two
 * (7 + 6 = 13). The tests check all of it.
 */
import { arrangementRegions, distinctLabels, labelGrid, type Domain2d, type Line2d } from './regions-2d';

export interface ShallowNetwork2d {
  /** [phi_0, phi_1, ..., phi_D]. */
  readonly phi: readonly number[];
  /** theta[d] = [theta_d0, theta_d1, theta_d2]: h_d = ReLU[theta_d0 + theta_d1 x1 + theta_d2 x2] (eq. 3.9). */
  readonly theta: readonly Line2d[];
}

/** A 1-input shallow network (the outer network of fig. 4.2): y' = psi_0 + sum_d psi_d ReLU[w_d0 + w_d1 y]. */
export interface OuterNetwork1d {
  readonly psi: readonly number[];
  readonly omega: readonly (readonly [number, number])[];
}

export const DOMAIN_2D: Domain2d = Object.freeze({ x1: Object.freeze([0, 2]) as readonly [number, number], x2: Object.freeze([0, 2]) as readonly [number, number] });

/** Floe's fig. 3.8 network (see the module comment): hinges x2 = 0.5 + 0.25 x1, x2 = 2.6 - 1.1 x1, x2 = 1.9 x1 - 0.9. */
export const FIG_3_8_NETWORK: ShallowNetwork2d = Object.freeze({
  phi: Object.freeze([0.3, 1.2, -0.9, 1.0]),
  theta: Object.freeze([
    Object.freeze([-0.5, -0.25, 1]) as Line2d,
    Object.freeze([-2.6, 1.1, 1]) as Line2d,
    Object.freeze([-0.9, 1.9, -1]) as Line2d,
  ]),
});

/**
 * Floe's fig. 4.2 outer network: y' = -1.5 ReLU[y - 1.8] - ReLU[2.4 - y], with joints where the
 * fig. 3.8 network's output (0.3 to 3.2 on the square) is 1.8 and 2.4: slope 1 in y below 1.8,
 * -0.5 up to 2.4, -1.5 above, so the composition rises and folds back down. The level line
 * y = 1.8 cuts 4 of the 7 regions and y = 2.4 cuts 2, for 13; the count stays 13 for joints anywhere in about
 * [1.7, 1.9] x [2.1, 2.7], so it is no accident of the sampling grid.
 */
export const FIG_4_2_OUTER: OuterNetwork1d = Object.freeze({
  psi: Object.freeze([0, -1.5, -1]),
  omega: Object.freeze([Object.freeze([-1.8, 1]) as readonly [number, number], Object.freeze([2.4, -1]) as readonly [number, number]]),
});

const relu = (z: number): number => (z > 0 ? z : 0);

export function hiddenPreActivations2d(network: ShallowNetwork2d, x1: number, x2: number): number[] {
  return network.theta.map(([t0, t1, t2]) => t0 + t1 * x1 + t2 * x2);
}

/** y = phi_0 + sum_d phi_d ReLU[theta_d0 + theta_d1 x1 + theta_d2 x2] (eq. 3.10). */
export function shallowOutput2d(network: ShallowNetwork2d, x1: number, x2: number): number {
  const z = hiddenPreActivations2d(network, x1, x2);
  return network.phi[0] + z.reduce((sum, zd, d) => sum + network.phi[d + 1] * relu(zd), 0);
}

export function outerOutput(outer: OuterNetwork1d, y: number): number {
  return outer.psi[0] + outer.omega.reduce((sum, [w0, w1], d) => sum + outer.psi[d + 1] * relu(w0 + w1 * y), 0);
}

/** The composition of fig. 4.2: the outer network applied to the 2-input network's output. */
export function composedOutput2d(inner: ShallowNetwork2d, outer: OuterNetwork1d, x1: number, x2: number): number {
  return outerOutput(outer, shallowOutput2d(inner, x1, x2));
}

/** The units that are on at (x1, x2), as bits: unit d is bit d. */
export function pattern2d(network: ShallowNetwork2d, x1: number, x2: number): number {
  return hiddenPreActivations2d(network, x1, x2).reduce((bits, z, d) => (z > 0 ? bits | (1 << d) : bits), 0);
}

/** The composition's pattern: the inner units' bits, then the outer units' bits above them. */
export function composedPattern2d(inner: ShallowNetwork2d, outer: OuterNetwork1d, x1: number, x2: number): number {
  const y = shallowOutput2d(inner, x1, x2);
  const outerBits = outer.omega.reduce((bits, [w0, w1], d) => (w0 + w1 * y > 0 ? bits | (1 << d) : bits), 0);
  return pattern2d(inner, x1, x2) | (outerBits << inner.theta.length);
}

/** Exact region count of a shallow 2-input ReLU network: its hinges' arrangement (regions-2d.ts). */
export function shallowRegions2d(network: ShallowNetwork2d, domain: Domain2d = DOMAIN_2D): number {
  return arrangementRegions(network.theta, domain);
}

/** Sampled region count of the composition on an n-by-n grid (regions-2d.ts). */
export function composedRegions2d(inner: ShallowNetwork2d, outer: OuterNetwork1d, resolution: number, domain: Domain2d = DOMAIN_2D): number {
  return distinctLabels(labelGrid((x1, x2) => composedPattern2d(inner, outer, x1, x2), domain, resolution, resolution));
}

/** Sampled region count of the shallow network itself (agrees with the exact count; a check). */
export function sampledRegions2d(network: ShallowNetwork2d, resolution: number, domain: Domain2d = DOMAIN_2D): number {
  return distinctLabels(labelGrid((x1, x2) => pattern2d(network, x1, x2), domain, resolution, resolution));
}
