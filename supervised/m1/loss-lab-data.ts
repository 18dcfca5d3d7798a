/**
 * The loss lab's datasets, one suited to each head (chapter 5's figures show data of each kind but
 * print none): x spread evenly over [0, 1] (one uniform draw per bin of width 1/N, like the
 * chapter 8 notebook's stratified sampling), y drawn from a known distribution that depends on x.
 * Seeded through Floe's Rng: the same seed and head give the same points.
 *
 * | head(s)                    | y given x                                                                          |
 * |----------------------------|------------------------------------------------------------------------------------|
 * | normal (fixed and learned) | Norm[0.8 sin(2 pi x) + 0.5 x, 0.2^2]                                               |
 * | heteroscedastic            | Norm[same mean, (0.05 + 0.45 x)^2]: the noise grows with x (fig. 5.5)              |
 * | Bernoulli                  | Bernoulli[sig(5 sin(2 pi x))]                                                      |
 * | softmax                    | Categorical[softmax(-(x - c_k)^2 / 0.02)], c = 0.15, 0.5, 0.85                      |
 * | Poisson                    | Poisson[1.4 (6 / 1.4)^x]: the rate runs from 1.4 to 6.0, fig. 5.15's end rates       |
 * | von Mises                  | vonMises[wrap(6 x - 2), kappa = 8]: the mean wraps past pi near x = 0.86             |
 * | mixture                    | with prob 0.35 + 0.3 x Norm[3 - 2 x, 0.3^2], else Norm[-2 + 1.5 x, 0.4^2]: near +3 or -2 at x = 0 (fig. 5.14) |
 */
import { deriveRng, type Rng } from '../../environments/core/rng';
import { fillNormal } from '../data';
import { SOFTMAX_CLASSES, sigmoid, softmax, wrapAngle, type HeadId } from './heads';

export interface LossLabData {
  readonly head: HeadId;
  readonly x: readonly number[];
  readonly y: readonly number[];
}

/** The most points a dataset may have (a typo must not freeze the worker). */
export const MAX_LAB_POINTS = 2000;
export const DEFAULT_LAB_POINTS = 80;

/** The mean the regression datasets are drawn around. */
export function regressionTruth(x: number): number {
  return 0.8 * Math.sin(2 * Math.PI * x) + 0.5 * x;
}

function normal(rng: Rng): number {
  return fillNormal(rng, new Float64Array(1))[0];
}

/** Knuth's method: fine for the lab's rates (below 10). */
function poisson(rng: Rng, rate: number): number {
  const limit = Math.exp(-rate);
  let k = 0;
  let product = rng.next();
  while (product > limit) {
    k++;
    product *= rng.next();
  }
  return k;
}

/** Best and Fisher's (1979) rejection sampler for the von Mises distribution around 0. */
function vonMises(rng: Rng, kappa: number): number {
  const tau = 1 + Math.sqrt(1 + 4 * kappa * kappa);
  const rho = (tau - Math.sqrt(2 * tau)) / (2 * kappa);
  const r = (1 + rho * rho) / (2 * rho);
  for (;;) {
    const z = Math.cos(Math.PI * rng.next());
    const f = (1 + r * z) / (r + z);
    const c = kappa * (r - f);
    const u = rng.next();
    if (c * (2 - c) - u > 0 || Math.log(c / u) + 1 - c >= 0) {
      return (rng.next() < 0.5 ? -1 : 1) * Math.acos(Math.min(1, Math.max(-1, f)));
    }
  }
}

function categorical(rng: Rng, probabilities: readonly number[]): number {
  let u = rng.next();
  for (let k = 0; k < probabilities.length - 1; k++) {
    u -= probabilities[k];
    if (u < 0) return k;
  }
  return probabilities.length - 1;
}

const SOFTMAX_CENTRES = [0.15, 0.5, 0.85];

function drawTarget(head: HeadId, x: number, rng: Rng): number {
  switch (head) {
    case 'normal-fixed':
    case 'normal-learned':
      return regressionTruth(x) + 0.2 * normal(rng);
    case 'heteroscedastic':
      return regressionTruth(x) + (0.05 + 0.45 * x) * normal(rng);
    case 'bernoulli':
      return rng.next() < sigmoid(5 * Math.sin(2 * Math.PI * x)) ? 1 : 0;
    case 'softmax':
      return categorical(rng, softmax(SOFTMAX_CENTRES.slice(0, SOFTMAX_CLASSES).map((c) => -((x - c) ** 2) / 0.02)));
    case 'poisson':
      return poisson(rng, 1.4 * Math.pow(6 / 1.4, x));
    case 'von-mises':
      return wrapAngle(6 * x - 2 + vonMises(rng, 8));
    case 'mixture':
      return rng.next() < 0.35 + 0.3 * x ? 3 - 2 * x + 0.3 * normal(rng) : -2 + 1.5 * x + 0.4 * normal(rng);
  }
}

/** `points` (x, y) pairs for `head`, from the seed's 'loss-lab-data' stream. */
export function lossLabData(head: HeadId, points: number, seed: number): LossLabData {
  if (!(Number.isInteger(points) && points >= 2 && points <= MAX_LAB_POINTS)) throw new Error(`points must be a whole number from 2 to ${MAX_LAB_POINTS.toLocaleString('en')}, got ${JSON.stringify(points)}`);
  const rng = deriveRng(seed, `loss-lab-data/${head}`);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < points; i++) {
    const xi = (i + rng.next()) / points;
    x.push(xi);
    y.push(drawTarget(head, xi, rng));
  }
  return { head, x, y };
}
