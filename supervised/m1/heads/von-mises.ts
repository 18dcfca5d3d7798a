/**
 * The von Mises head for angles in (-pi, pi] (eq. 5.34, fig. 5.13): mu = f, kappa fixed, and
 *
 *   Pr(y | mu, kappa) = exp[kappa cos(y - mu)] / (2 pi I_0[kappa]),
 *   -log Pr = -kappa cos(y - mu) + log(2 pi I_0[kappa]),   gradient in mu: -kappa sin(y - mu).
 *
 * mu is the network's output as it is: the density is 2 pi-periodic in mu, so the network need
 * not wrap it (the page wraps it for drawing). 1 / sqrt(kappa) acts roughly like a standard
 * deviation (the book's remark).
 */
import { type LossHead } from './types';

/** The largest fixed concentration the lab accepts (I_0 grows like e^kappa). */
export const MAX_KAPPA = 100;

/** I_0[kappa], the modified Bessel function of the first kind, by its power series. */
export function besselI0(kappa: number): number {
  const q = (kappa * kappa) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 500; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

/** The angle in (-pi, pi] equal to `angle` mod 2 pi. */
export function wrapAngle(angle: number): number {
  const wrapped = angle - 2 * Math.PI * Math.floor((angle + Math.PI) / (2 * Math.PI));
  return wrapped === -Math.PI ? Math.PI : wrapped;
}

function checkAngle(y: number): void {
  if (!(y > -Math.PI - 1e-12 && y <= Math.PI + 1e-12)) throw new Error(`von Mises head: y must be an angle in (-π, π], got ${y}`);
}

export function vonMisesHead(kappa: number): LossHead {
  if (!(Number.isFinite(kappa) && kappa > 0 && kappa <= MAX_KAPPA)) throw new Error(`von Mises head: kappa must be a number in (0, ${MAX_KAPPA}], got ${JSON.stringify(kappa)}`);
  const logNormaliser = Math.log(2 * Math.PI * besselI0(kappa));
  return {
    id: 'von-mises',
    title: 'von Mises (angles)',
    equations: 'eq. 5.34',
    domain: 'circular',
    outputs: 1,
    extras: 0,
    distribution: (f) => ({ kind: 'von-mises', mean: wrapAngle(f[0]), kappa }),
    nll(f, _extra, y) {
      checkAngle(y);
      return -kappa * Math.cos(y - f[0]) + logNormaliser;
    },
    gradient(f, _extra, y, gradF) {
      checkAngle(y);
      gradF[0] = -kappa * Math.sin(y - f[0]);
    },
    // The circular mean of the data.
    initialOutputs: (y) => [Math.atan2(y.reduce((s, v) => s + Math.sin(v), 0), y.reduce((s, v) => s + Math.cos(v), 0))],
    initialExtras: () => [],
  };
}
