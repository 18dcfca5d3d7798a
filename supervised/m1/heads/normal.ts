/**
 * The three normal heads of chapter 5:
 *
 * - fixed variance (eqs. 5.7-5.11): mu = f, sigma fixed; minimising the NLL is least squares;
 * - learned constant variance (eq. 5.13): mu = f, sigma^2 = s^2 with s one more parameter, the
 *   same for every x (homoscedastic);
 * - heteroscedastic (eqs. 5.14-5.15): mu = f_1, sigma^2 = f_2^2, both functions of x.
 *
 * Learned variances have VARIANCE_FLOOR added (types.ts says why).
 */
import { mean, normalNll, standardDeviation, VARIANCE_FLOOR, type LossHead } from './types';

/** d(-log Norm)/d(mu) and d(-log Norm)/d(sigma^2). */
function normalGradients(y: number, mu: number, variance: number): { dMu: number; dVariance: number } {
  const r = y - mu;
  return { dMu: -r / variance, dVariance: 0.5 / variance - (r * r) / (2 * variance * variance) };
}

export function normalFixedHead(sigma: number): LossHead {
  if (!(Number.isFinite(sigma) && sigma > 0)) throw new Error(`normal head: sigma must be a number > 0, got ${JSON.stringify(sigma)}`);
  const variance = sigma * sigma;
  return {
    id: 'normal-fixed',
    title: 'Normal, fixed σ (least squares)',
    equations: 'eqs. 5.7–5.11',
    domain: 'real',
    outputs: 1,
    extras: 0,
    distribution: (f) => ({ kind: 'normal', mean: f[0], sd: sigma }),
    nll: (f, _extra, y) => normalNll(y, f[0], variance),
    gradient(f, _extra, y, gradF) {
      gradF[0] = normalGradients(y, f[0], variance).dMu;
    },
    initialOutputs: (y) => [mean(y)],
    initialExtras: () => [],
  };
}

export function normalLearnedHead(): LossHead {
  const varianceOf = (s: number) => s * s + VARIANCE_FLOOR;
  return {
    id: 'normal-learned',
    title: 'Normal, learned constant σ',
    equations: 'eq. 5.13',
    domain: 'real',
    outputs: 1,
    extras: 1,
    distribution: (f, extra) => ({ kind: 'normal', mean: f[0], sd: Math.sqrt(varianceOf(extra[0])) }),
    nll: (f, extra, y) => normalNll(y, f[0], varianceOf(extra[0])),
    gradient(f, extra, y, gradF, gradExtra) {
      const g = normalGradients(y, f[0], varianceOf(extra[0]));
      gradF[0] = g.dMu;
      gradExtra[0] = g.dVariance * 2 * extra[0];
    },
    initialOutputs: (y) => [mean(y)],
    initialExtras: (y) => [Math.max(standardDeviation(y), 0.1)],
  };
}

export function heteroscedasticHead(): LossHead {
  const varianceOf = (f2: number) => f2 * f2 + VARIANCE_FLOOR;
  return {
    id: 'heteroscedastic',
    title: 'Heteroscedastic normal',
    equations: 'eqs. 5.14–5.15',
    domain: 'real',
    outputs: 2,
    extras: 0,
    distribution: (f) => ({ kind: 'normal', mean: f[0], sd: Math.sqrt(varianceOf(f[1])) }),
    nll: (f, _extra, y) => normalNll(y, f[0], varianceOf(f[1])),
    gradient(f, _extra, y, gradF) {
      const g = normalGradients(y, f[0], varianceOf(f[1]));
      gradF[0] = g.dMu;
      gradF[1] = g.dVariance * 2 * f[1];
    },
    initialOutputs: (y) => [mean(y), Math.max(standardDeviation(y), 0.1)],
    initialExtras: () => [],
  };
}
