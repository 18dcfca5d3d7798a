/**
 * Composing two shallow networks (book section 4.1, eqs. 4.1-4.4, figs. 4.1 and 4.3): network 1
 * maps x in [-1, 1] onto y in [-1, 1] in three pieces of alternating slope, so it "folds" the input
 * line three times onto the same range; network 2 has three linear regions on [-1, 1]; and the
 * composition y' = net2[net1[x]] repeats network 2's three regions on each fold: 3 x 3 = 9.
 *
 * The book draws these networks without printing their parameters. Floe's are chosen to show the
 * folding cleanly: network 1 is the zig-zag through (-1, -1), (-1/3, 1), (1/3, -1), (1, 1), and
 * network 2 bends at y = -0.4 and y = 0.5 with slopes 1, -1.2, 1.5.
 */
import { linearPieces, levelCrossings, type AffinePiece } from './regions-1d';
import { shallowJoints, shallowOutput, type ShallowNetwork1d } from './shallow-network';

export const COMPOSITION_DOMAIN: readonly [number, number] = Object.freeze([-1, 1]);

/** Network 1 of fig. 4.1: y = -1 + 3 ReLU[x + 1] - 6 ReLU[x + 1/3] + 6 ReLU[x - 1/3]. */
export const FOLDING_NETWORK_1: ShallowNetwork1d = Object.freeze({
  phi: Object.freeze([-1, 3, -6, 6]),
  theta: Object.freeze([Object.freeze([1, 1]), Object.freeze([1 / 3, 1]), Object.freeze([-1 / 3, 1])]) as readonly (readonly [number, number])[],
  activation: 'relu',
});

/** Network 2 of fig. 4.1: y' = -0.5 + ReLU[y + 1] - 2.2 ReLU[y + 0.4] + 2.7 ReLU[y - 0.5]. */
export const FOLDING_NETWORK_2: ShallowNetwork1d = Object.freeze({
  phi: Object.freeze([-0.5, 1, -2.2, 2.7]),
  theta: Object.freeze([Object.freeze([1, 1]), Object.freeze([0.4, 1]), Object.freeze([-0.5, 1])]) as readonly (readonly [number, number])[],
  activation: 'relu',
});

export function composedOutput(first: ShallowNetwork1d, second: ShallowNetwork1d, x: number): number {
  return shallowOutput(second, shallowOutput(first, x));
}

/**
 * The linear pieces of net2[net1[x]] on [lo, hi]. Its breakpoints are network 1's joints and the
 * x where network 1's output reaches one of network 2's joints (on every piece of network 1),
 * which is where the composition bends: exact, no sampling.
 */
export function composedPieces(first: ShallowNetwork1d, second: ShallowNetwork1d, lo: number, hi: number): AffinePiece[] {
  const firstPieces = linearPieces((x) => shallowOutput(first, x), shallowJoints(first, lo, hi).map((j) => j.x), lo, hi);
  const secondJoints = shallowJoints(second, -Infinity, Infinity).map((j) => j.x);
  const candidates = [...firstPieces.slice(1).map((p) => p.x0), ...secondJoints.flatMap((b) => levelCrossings(firstPieces, b))];
  return linearPieces((x) => composedOutput(first, second, x), candidates, lo, hi);
}
