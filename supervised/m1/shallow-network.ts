/**
 * The shallow network of chapter 3 with one input and one output (eq. 3.1):
 *
 *   y = phi_0 + sum_d phi_d a[theta_d0 + theta_d1 x],
 *
 * its three stages as fig. 3.3 draws them (pre-activations theta_d0 + theta_d1 x, activations h_d,
 * weighted activations phi_d h_d, then their sum), its joints and its linear regions.
 *
 * Fig. 3.3's parameters come from Problem 3.8 (eq. 3.16), in the order
 * [phi_0, phi_1, phi_2, phi_3, theta_10, theta_11, theta_20, theta_21, theta_30, theta_31]
 * = [-0.23, -1.3, 1.3, 0.66, -0.2, 0.4, -0.9, 0.9, 1.1, -0.7] (book-chapters.md, chapter 3; the
 * source text's label list for the vector is garbled, the numbers are right). On x in [0, 2] the
 * joints are at 0.5, 1 and 11/7, which make the figure's 4 linear regions.
 */
import { activationById, type ActivationFunction, type ActivationId } from './activations';
import { linearPieces, type AffinePiece } from './regions-1d';

export interface ShallowNetwork1d {
  /** [phi_0, phi_1, ..., phi_D]: the output offset, then one weight per hidden unit. */
  readonly phi: readonly number[];
  /** theta[d] = [theta_d0, theta_d1]: hidden unit d's offset and slope. */
  readonly theta: readonly (readonly [number, number])[];
  readonly activation: ActivationId;
}

/** Problem 3.8 / eq. 3.16, in the book's order (see the module comment). */
export const FIG_3_3_PARAMETERS: readonly number[] = Object.freeze([-0.23, -1.3, 1.3, 0.66, -0.2, 0.4, -0.9, 0.9, 1.1, -0.7]);
/** The input range fig. 3.3 is drawn over. */
export const FIG_3_3_DOMAIN: readonly [number, number] = Object.freeze([0, 2]);
/** The names of FIG_3_3_PARAMETERS' entries, for sliders and labels. */
export const SHALLOW_PARAMETER_NAMES: readonly string[] = Object.freeze(['φ0', 'φ1', 'φ2', 'φ3', 'θ10', 'θ11', 'θ20', 'θ21', 'θ30', 'θ31']);

/** A 3-hidden-unit network from the book's 10-number vector. */
export function shallowFromVector(vector: readonly number[], activation: ActivationId = 'relu'): ShallowNetwork1d {
  if (!Array.isArray(vector) || vector.length !== 10) throw new Error(`shallow network: the parameter vector must have 10 numbers [φ0..φ3, θ10, θ11, θ20, θ21, θ30, θ31], got ${Array.isArray(vector) ? vector.length : JSON.stringify(vector)}`);
  vector.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`shallow network: ${SHALLOW_PARAMETER_NAMES[i]} must be a finite number, got ${JSON.stringify(v)}`);
  });
  activationById(activation);
  return {
    phi: vector.slice(0, 4),
    theta: [
      [vector[4], vector[5]],
      [vector[6], vector[7]],
      [vector[8], vector[9]],
    ],
    activation,
  };
}

/** The fig. 3.3 network (ReLU unless another activation is asked for, as in Problem 3.8). */
export function fig33Network(activation: ActivationId = 'relu'): ShallowNetwork1d {
  return shallowFromVector(FIG_3_3_PARAMETERS, activation);
}

/** The book's 10-number vector of a 3-unit network. */
export function shallowToVector(network: ShallowNetwork1d): number[] {
  return [...network.phi, ...network.theta.flatMap(([t0, t1]) => [t0, t1])];
}

/** Fig. 3.3's stages at x: (a-c) pre-activations, (d-f) activations, (g-i) weighted, (j) y. */
export interface ShallowStages {
  readonly pre: number[];
  readonly activation: number[];
  readonly weighted: number[];
  readonly y: number;
}

export function shallowStages(network: ShallowNetwork1d, x: number): ShallowStages {
  const a = activationById(network.activation);
  const pre = network.theta.map(([t0, t1]) => t0 + t1 * x);
  const activation = pre.map((z) => a.apply(z));
  const weighted = activation.map((h, d) => network.phi[d + 1] * h);
  return { pre, activation, weighted, y: network.phi[0] + weighted.reduce((s, v) => s + v, 0) };
}

export function shallowOutput(network: ShallowNetwork1d, x: number): number {
  return shallowStages(network, x).y;
}

/** Where unit `unit` crosses one of its activation's breakpoints: x = (b - theta_d0) / theta_d1. */
export interface Joint {
  readonly unit: number;
  readonly x: number;
}

/** The joints inside (lo, hi), sorted; none for a smooth activation or a flat unit (theta_d1 = 0). */
export function shallowJoints(network: ShallowNetwork1d, lo: number, hi: number): Joint[] {
  const a: ActivationFunction = activationById(network.activation);
  const joints: Joint[] = [];
  network.theta.forEach(([t0, t1], unit) => {
    if (t1 === 0 || a.breakpoints === null) return;
    for (const b of a.breakpoints) {
      const x = (b - t0) / t1;
      if (x > lo && x < hi) joints.push({ unit, x });
    }
  });
  return joints.sort((p, q) => p.x - q.x);
}

/** One linear region with the units that are on in it (the activation pattern fig. 3.3 shades). */
export interface Region1d extends AffinePiece {
  readonly pattern: readonly boolean[];
}

/**
 * The network's linear regions on [lo, hi], or null when its activation is smooth (it has no
 * linear regions to count).
 */
export function shallowRegions(network: ShallowNetwork1d, lo: number, hi: number): Region1d[] | null {
  const a = activationById(network.activation);
  if (a.breakpoints === null) return null;
  const pieces = linearPieces((x) => shallowOutput(network, x), shallowJoints(network, lo, hi).map((j) => j.x), lo, hi);
  return pieces.map((p) => {
    const middle = (p.x0 + p.x1) / 2;
    return { ...p, pattern: network.theta.map(([t0, t1]) => a.active(t0 + t1 * middle)) };
  });
}
