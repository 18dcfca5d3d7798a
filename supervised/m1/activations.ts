/**
 * The activation functions the shallow-network explorer can swap in (book section 3.1, fig. 3.13,
 * Problem 3.8), with what the region counter needs to know about each: where a piecewise-linear
 * activation bends or jumps (its breakpoints in z), so the joints of a network built from it can
 * be found exactly instead of by sampling.
 *
 * Smooth activations (tanh, sigmoid, softplus, swish) have no breakpoints: a network made of them
 * is not piecewise linear, and the counter says so rather than inventing regions.
 */

export type ActivationId = 'relu' | 'leaky-relu' | 'heaviside' | 'rect' | 'tanh' | 'sigmoid' | 'softplus' | 'swish';

export interface ActivationFunction {
  readonly id: ActivationId;
  readonly title: string;
  /** Where the book defines it. */
  readonly source: string;
  /** a[z]. */
  readonly apply: (z: number) => number;
  /**
   * The z where a piecewise-linear activation changes its affine piece (a kink or a jump), or
   * null for a smooth activation (no linear regions).
   */
  readonly breakpoints: readonly number[] | null;
  /**
   * Whether a unit counts as "on" at z, for the activation patterns the explorer colours regions
   * by: z > 0 for the ReLU family (the book's active / inactive units), inside [0, 1] for rect.
   */
  readonly active: (z: number) => boolean;
}

/** LeakyReLU's slope for z < 0 (fig. 3.13 draws 0.1). */
export const LEAKY_SLOPE = 0.1;

const positive = (z: number): boolean => z > 0;

export const ACTIVATIONS: Readonly<Record<ActivationId, ActivationFunction>> = Object.freeze({
  relu: { id: 'relu', title: 'ReLU', source: 'eq. 3.2', apply: (z: number) => (z > 0 ? z : 0), breakpoints: [0], active: positive },
  'leaky-relu': {
    id: 'leaky-relu',
    title: 'LeakyReLU (0.1)',
    source: 'fig. 3.13',
    apply: (z: number) => (z > 0 ? z : LEAKY_SLOPE * z),
    breakpoints: [0],
    active: positive,
  },
  // Problem 3.8: heaviside[z] = 1 for z >= 0, else 0 (eq. 3.14).
  heaviside: { id: 'heaviside', title: 'Heaviside', source: 'eq. 3.14', apply: (z: number) => (z >= 0 ? 1 : 0), breakpoints: [0], active: (z: number) => z >= 0 },
  // Problem 3.8: rect[z] = 1 on [0, 1], else 0 (eq. 3.15).
  rect: { id: 'rect', title: 'rect', source: 'eq. 3.15', apply: (z: number) => (z >= 0 && z <= 1 ? 1 : 0), breakpoints: [0, 1], active: (z: number) => z >= 0 && z <= 1 },
  tanh: { id: 'tanh', title: 'tanh', source: 'Problem 3.8', apply: (z: number) => Math.tanh(z), breakpoints: null, active: positive },
  sigmoid: { id: 'sigmoid', title: 'sigmoid', source: 'fig. 3.13', apply: (z: number) => 1 / (1 + Math.exp(-z)), breakpoints: null, active: positive },
  softplus: {
    id: 'softplus',
    title: 'SoftPlus',
    source: 'fig. 3.13',
    // log(1 + e^z) without overflow for large z.
    apply: (z: number) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))),
    breakpoints: null,
    active: positive,
  },
  swish: { id: 'swish', title: 'Swish (β = 1)', source: 'fig. 3.13', apply: (z: number) => z / (1 + Math.exp(-z)), breakpoints: null, active: positive },
});

export const ACTIVATION_IDS = Object.keys(ACTIVATIONS) as ActivationId[];

/** The activation named `id`; one message listing the choices otherwise. */
export function activationById(id: unknown): ActivationFunction {
  if (typeof id === 'string' && Object.hasOwn(ACTIVATIONS, id)) return ACTIVATIONS[id as ActivationId];
  throw new Error(`activation must be one of ${ACTIVATION_IDS.join(', ')}, got ${JSON.stringify(id)}`);
}
