/**
 * The implicit-regularisation part's settings (section 9.2, fig. 9.3, Appendix A.6): the step
 * alpha, how many steps (the flows run for the same time, steps x alpha), and the paths cut at
 * the step the scrubber shows. Pure: tested in Node.
 */
import { compareImplicitRegularisation, type ImplicitRegularisationComparison } from '../../../supervised/m2/implicit-regularisation';

/** The notebook's start and its "typical" step (notebook 9_2). */
export const IMPLICIT_START: readonly [number, number] = [-0.7, -0.75];
export const IMPLICIT_ALPHA = 0.05;
/** Flow time: 100 steps of the notebook's alpha. */
export const IMPLICIT_TIME = 5;
/** Beyond about 0.25 the second-order modified flow itself runs away on this loss. */
export const IMPLICIT_ALPHA_RANGE: readonly [number, number] = [0.01, 0.2];

/** Steps of alpha that make up the flow time (at least 5, at most 500). */
export function stepsFor(alpha: number): number {
  return Math.min(500, Math.max(5, Math.round(IMPLICIT_TIME / alpha)));
}

export function implicitComparison(alpha: number): ImplicitRegularisationComparison {
  return compareImplicitRegularisation({ start: [IMPLICIT_START[0], IMPLICIT_START[1]], alpha, steps: stepsFor(alpha), substeps: 20 });
}

/** The first n + 1 points of a path (the start and n steps). */
export function upTo<T>(path: readonly T[], n: number): T[] {
  return path.slice(0, Math.max(1, Math.min(path.length, n + 1)));
}
