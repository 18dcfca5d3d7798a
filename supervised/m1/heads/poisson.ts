/**
 * The Poisson head for counts (eq. 5.36, fig. 5.15): lambda = exp[f] keeps the rate positive, and
 *
 *   -log Pr(y | lambda) = lambda - y log lambda + log y!  =  exp[f] - y f + log y!,
 *
 * with gradient exp[f] - y.
 */
import { mean, type LossHead } from './types';

/** log(y!) for a count y (a plain sum: the lab's counts are small). */
export function logFactorial(y: number): number {
  let total = 0;
  for (let k = 2; k <= y; k++) total += Math.log(k);
  return total;
}

function checkCount(y: number): void {
  if (!(Number.isInteger(y) && y >= 0)) throw new Error(`poisson head: y must be a count (0, 1, 2, ...), got ${y}`);
}

export function poissonHead(): LossHead {
  return {
    id: 'poisson',
    title: 'Poisson (counts)',
    equations: 'eq. 5.36',
    domain: 'count',
    outputs: 1,
    extras: 0,
    distribution: (f) => ({ kind: 'poisson', rate: Math.exp(f[0]) }),
    nll(f, _extra, y) {
      checkCount(y);
      return Math.exp(f[0]) - y * f[0] + logFactorial(y);
    },
    gradient(f, _extra, y, gradF) {
      checkCount(y);
      gradF[0] = Math.exp(f[0]) - y;
    },
    initialOutputs: (y) => [Math.log(Math.max(mean(y), 0.1))],
    initialExtras: () => [],
  };
}
