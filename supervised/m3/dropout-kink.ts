/**
 * The start of fig. 9.9: a fit with a kink that costs nothing. Three neighbouring hidden units
 * j, j + 1, j + 2 get omega += k, -2k, +k: slope up, down, and back again (fig. 9.9a), a triangle
 * of height k / D between the joints (j - 1) / D and (j + 1) / D and zero elsewhere. With no
 * training point under the triangle (those points are left out), the kinked fit has the same
 * loss as the fit without it, and its gradient is the same: gradient descent alone never removes
 * it. Dropout does (fig. 9.9c), because with a unit removed the kink's units no longer cancel
 * outside the triangle, and the steps that repair that shrink them.
 */
import { checkCapacity, fitHinge, hingeJoints } from './hinge-model';
import type { ToyData } from './toy-data';

export interface KinkedStart {
  /** The three hidden units that make the kink (numbers 1 to D). */
  readonly units: readonly [number, number, number];
  /** Where the triangle is nonzero: ((j - 1) / D, (j + 1) / D). */
  readonly span: readonly [number, number];
  /** The training points outside the span (trained on), and those left out. */
  readonly kept: ToyData;
  readonly removed: ToyData;
  /** The least-squares fit to the kept points (no kink). */
  readonly fit: Float64Array;
  /** That fit with the kink added. */
  readonly phi: Float64Array;
}

/** The kinked start for `data` at capacity D, with the kink's first unit j and its height. */
export function kinkedStart(data: ToyData, capacity: number, firstUnit: number, height: number): KinkedStart {
  checkCapacity(capacity, 'kinked start');
  if (!(Number.isInteger(firstUnit) && firstUnit >= 1 && firstUnit + 2 <= capacity)) {
    throw new Error(`kinked start: the kink's first unit must be a whole number from 1 to ${capacity - 2}, got ${JSON.stringify(firstUnit)}`);
  }
  if (!(typeof height === 'number' && Number.isFinite(height) && Math.abs(height) <= 100)) throw new Error(`kinked start: height must be a number from -100 to 100, got ${JSON.stringify(height)}`);
  const joints = hingeJoints(capacity);
  const span: [number, number] = [joints[firstUnit - 1], joints[firstUnit + 1]];
  const inside = Array.from(data.x, (x) => x > span[0] && x < span[1]);
  const pick = (keep: boolean): ToyData => ({
    x: Float64Array.from(Array.from(data.x).filter((_, i) => inside[i] !== keep)),
    y: Float64Array.from(Array.from(data.y).filter((_, i) => inside[i] !== keep)),
  });
  const kept = pick(true);
  if (kept.x.length === 0) throw new Error('kinked start: every training point lies under the kink');
  const fit = fitHinge(kept, capacity);
  const k = height * capacity;
  const phi = Float64Array.from(fit);
  phi[firstUnit] += k;
  phi[firstUnit + 1] -= 2 * k;
  phi[firstUnit + 2] += k;
  return { units: [firstUnit, firstUnit + 1, firstUnit + 2], span, kept, removed: pick(false), fit, phi };
}

/** How far the fit bends at the middle joint of a span: f at its middle minus the mean of f at its ends. */
export function kinkSize(evaluate: (x: number) => number, span: readonly [number, number]): number {
  return evaluate((span[0] + span[1]) / 2) - (evaluate(span[0]) + evaluate(span[1])) / 2;
}
