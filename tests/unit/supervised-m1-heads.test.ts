/**
 * The chapter 5 loss heads (supervised/m1/heads): each NLL against a hand computation (the
 * chapter 5 notebooks' checks Norm(1; -1, 2.3) = 0.119 and Bernoulli(0; 0.2) = 0.8 among them),
 * each gradient against central differences, densities that integrate to one, the network's
 * backward pass, and the lab's seeded datasets.
 */
import { describe, expect, it } from 'vitest';
import { createRng, deriveRng } from '../../environments/core/rng';
import {
  HEAD_IDS,
  VARIANCE_FLOOR,
  besselI0,
  centralBand,
  createHead,
  densityAt,
  initialParameters,
  logFactorial,
  lossLabData,
  nllObjective,
  predictAt,
  shapeFor,
  totalNll,
  wrapAngle,
  type HeadId,
  type LossHead,
} from '../../supervised/m1';

const nll = (head: LossHead, f: number[], y: number, extra: number[] = []) => head.nll(f, extra, y);

/** A valid target for the head, drawn from `u` in [0, 1). */
function targetFor(id: HeadId, u: number): number {
  switch (id) {
    case 'bernoulli':
      return u < 0.5 ? 0 : 1;
    case 'softmax':
      return Math.floor(u * 3);
    case 'poisson':
      return Math.floor(u * 8);
    case 'von-mises':
      return -Math.PI + 2 * Math.PI * u + 1e-9;
    default:
      return -3 + 6 * u;
  }
}

describe('each head’s NLL against a hand computation', () => {
  it('normal, fixed sigma: Norm(y = 1; mu = -1, sigma = 2.3) = 0.119 (notebook 5_1)', () => {
    const head = createHead('normal-fixed', { sigma: 2.3, kappa: 8 });
    const hand = Math.exp(-4 / (2 * 2.3 * 2.3)) / (2.3 * Math.sqrt(2 * Math.PI));
    expect(Math.exp(-nll(head, [-1], 1))).toBeCloseTo(hand, 14);
    expect(Number(hand.toFixed(3))).toBe(0.119);
    // Least squares (eq. 5.11): the NLL is (y - mu)^2 / (2 sigma^2) plus a constant.
    expect(nll(head, [0.5], 2) - nll(head, [2], 2)).toBeCloseTo(2.25 / (2 * 5.29), 14);
  });

  it('normal, learned constant sigma and heteroscedastic: sigma^2 = s^2 (or f_2^2) + the floor', () => {
    const variance = 0.7 * 0.7 + VARIANCE_FLOOR;
    const hand = 0.5 * Math.log(2 * Math.PI * variance) + (0.3 * 0.3) / (2 * variance);
    expect(nll(createHead('normal-learned'), [1.2], 1.5, [0.7])).toBeCloseTo(hand, 14);
    expect(nll(createHead('heteroscedastic'), [1.2, -0.7], 1.5)).toBeCloseTo(hand, 14);
  });

  it('Bernoulli: Pr(y = 0 | lambda = 0.2) = 0.8 (notebook 5_2); binary cross-entropy (eq. 5.20)', () => {
    const head = createHead('bernoulli');
    const logit = Math.log(0.2 / 0.8);
    expect(Math.exp(-nll(head, [logit], 0))).toBeCloseTo(0.8, 14);
    expect(nll(head, [logit], 1)).toBeCloseTo(-Math.log(0.2), 14);
    // Stable far out: no Infinity, no NaN.
    expect(nll(head, [800], 0)).toBeCloseTo(800, 10);
    expect(nll(head, [-800], 0)).toBeCloseTo(0, 10);
    expect(() => nll(head, [0], 0.5)).toThrow('y must be 0 or 1');
  });

  it('softmax, K = 3: Pr(y = 0 | f = [1, 2, 3]) = e / (e + e^2 + e^3) (eq. 5.24)', () => {
    const head = createHead('softmax');
    const hand = Math.E / (Math.E + Math.E ** 2 + Math.E ** 3);
    expect(Math.exp(-nll(head, [1, 2, 3], 0))).toBeCloseTo(hand, 14);
    expect(nll(head, [1001, 1002, 1003], 0)).toBeCloseTo(-Math.log(hand), 10); // logsumexp: no overflow
    expect(() => nll(head, [0, 0, 0], 3)).toThrow('y must be a class 0 to 2');
  });

  it('Poisson at fig. 5.15’s rates 1.4, 2.8, 6.0: e^-lambda lambda^y / y!', () => {
    const head = createHead('poisson');
    for (const rate of [1.4, 2.8, 6.0]) {
      for (const y of [0, 2, 5]) {
        const factorial = [1, 1, 2, 6, 24, 120][y];
        expect(Math.exp(-nll(head, [Math.log(rate)], y))).toBeCloseTo((Math.exp(-rate) * rate ** y) / factorial, 14);
      }
    }
    expect(Math.exp(-nll(head, [Math.log(1.4)], 2))).toBeCloseTo(0.24167, 5);
    expect(logFactorial(10)).toBeCloseTo(Math.log(3628800), 12);
    expect(() => nll(head, [0], 1.5)).toThrow('y must be a count');
  });

  it('von Mises: exp(kappa cos(y - mu)) / (2 pi I_0(kappa)) (eq. 5.34)', () => {
    expect(besselI0(1)).toBeCloseTo(1.2660658777520082, 14);
    expect(besselI0(0)).toBe(1);
    const head = createHead('von-mises', { sigma: 1, kappa: 1 });
    expect(Math.exp(-nll(head, [0], 0))).toBeCloseTo(Math.E / (2 * Math.PI * 1.2660658777520082), 14);
    // 2 pi-periodic in mu: the network need not wrap its output.
    expect(nll(head, [0.4 + 2 * Math.PI], 1)).toBeCloseTo(nll(head, [0.4], 1), 12);
    expect(wrapAngle(3 * Math.PI / 2)).toBeCloseTo(-Math.PI / 2, 14);
    expect(wrapAngle(-Math.PI)).toBe(Math.PI);
    expect(() => createHead('von-mises', { sigma: 1, kappa: 0 })).toThrow('kappa must be a number in (0, 100]');
    expect(() => nll(head, [0], 4)).toThrow('y must be an angle');
  });

  it('mixture of two Gaussians: 0.5 Norm(0; -2, 1) + 0.5 Norm(0; 3, 1) (eq. 5.35)', () => {
    const head = createHead('mixture');
    const sd = Math.sqrt(1 + VARIANCE_FLOOR);
    const normal = (y: number, m: number) => Math.exp(-((y - m) ** 2) / (2 * sd * sd)) / (sd * Math.sqrt(2 * Math.PI));
    expect(Math.exp(-nll(head, [0, -2, 1, 3, 1], 0))).toBeCloseTo(0.5 * normal(0, -2) + 0.5 * normal(0, 3), 14);
    expect(Number(Math.exp(-nll(head, [0, -2, 1, 3, 1], 0)).toFixed(4))).toBe(0.0292);
    // Far in a tail the log-space sum stays finite.
    expect(Number.isFinite(nll(head, [0, -2, 0.1, 3, 0.1], 40))).toBe(true);
  });
});

describe('gradients', () => {
  it('every head’s gradient matches central differences in f and in its extras', () => {
    const rng = createRng('head-gradients');
    for (const id of HEAD_IDS) {
      const head = createHead(id);
      for (let trial = 0; trial < 5; trial++) {
        const f = Array.from({ length: head.outputs }, () => -1.5 + 3 * rng.next());
        const extra = Array.from({ length: head.extras }, () => 0.3 + rng.next());
        const y = targetFor(id, rng.next());
        const gradF = new Float64Array(head.outputs);
        const gradExtra = new Float64Array(head.extras);
        head.gradient(f, extra, y, gradF, gradExtra);
        const h = 1e-6;
        const numeric = (values: number[], k: number, evaluate: (v: number[]) => number) => {
          const up = [...values];
          const down = [...values];
          up[k] += h;
          down[k] -= h;
          return (evaluate(up) - evaluate(down)) / (2 * h);
        };
        for (let k = 0; k < head.outputs; k++) expect(gradF[k], `${id} df${k}`).toBeCloseTo(numeric(f, k, (v) => head.nll(v, extra, y)), 5);
        for (let k = 0; k < head.extras; k++) expect(gradExtra[k], `${id} extra${k}`).toBeCloseTo(numeric(extra, k, (v) => head.nll(f, v, y)), 5);
      }
    }
  });

  it('the network’s backward pass matches central differences for every head', () => {
    for (const id of HEAD_IDS) {
      const head = createHead(id);
      const data = lossLabData(id, 6, 11);
      const shape = shapeFor(head, 5);
      const phi = initialParameters(head, shape, data.y, deriveRng(11, 'init'));
      const objective = nllObjective(head, shape, data.x, data.y);
      expect(objective.dimension).toBe(2 * 5 + head.outputs * 6 + head.extras);
      for (let i = 0; i < data.x.length; i++) {
        const g = objective.termGradient(phi, i);
        for (let k = 0; k < phi.length; k++) {
          const h = 1e-6;
          const up = Float64Array.from(phi);
          const down = Float64Array.from(phi);
          up[k] += h;
          down[k] -= h;
          const numeric = (objective.termLoss(up, i) - objective.termLoss(down, i)) / (2 * h);
          expect(g[k], `${id} point ${i} parameter ${k}`).toBeCloseTo(numeric, 4);
        }
      }
    }
  });
});

describe('predicted distributions', () => {
  it('densities integrate (or sum) to one', () => {
    const integrate = (density: (y: number) => number, lo: number, hi: number) => {
      const n = 20_000;
      let total = 0;
      for (let i = 0; i < n; i++) total += density(lo + ((i + 0.5) * (hi - lo)) / n);
      return (total * (hi - lo)) / n;
    };
    expect(integrate((y) => densityAt({ kind: 'normal', mean: 0.3, sd: 0.7 }, y), -8, 8)).toBeCloseTo(1, 6);
    expect(integrate((y) => densityAt({ kind: 'von-mises', mean: 2.9, kappa: 5 }, y), -Math.PI, Math.PI)).toBeCloseTo(1, 6);
    expect(integrate((y) => densityAt({ kind: 'mixture', weight: 0.3, means: [-2, 3], sds: [0.5, 1] }, y), -12, 14)).toBeCloseTo(1, 6);
    let poisson = 0;
    for (let y = 0; y < 60; y++) poisson += densityAt({ kind: 'poisson', rate: 6 }, y);
    expect(poisson).toBeCloseTo(1, 12);
    expect(densityAt({ kind: 'bernoulli', p: 0.2 }, 0)).toBeCloseTo(0.8, 15);
    expect(densityAt({ kind: 'categorical', probabilities: [0.2, 0.5, 0.3] }, 1)).toBe(0.5);
  });

  it('bands: mean +- 2 sd, the Poisson mean +- 2 sqrt(lambda) cut at 0, von Mises +- 2 / sqrt(kappa)', () => {
    expect(centralBand({ kind: 'normal', mean: 1, sd: 0.5 })).toEqual({ centre: 1, lo: 0, hi: 2 });
    expect(centralBand({ kind: 'poisson', rate: 1 })).toEqual({ centre: 1, lo: 0, hi: 3 });
    expect(centralBand({ kind: 'von-mises', mean: 0, kappa: 4 })).toEqual({ centre: 0, lo: -1, hi: 1 });
    expect(centralBand({ kind: 'bernoulli', p: 0.5 })).toBeNull();
  });

  it('the network predicts each head’s distribution at any x', () => {
    const head = createHead('heteroscedastic');
    const data = lossLabData('heteroscedastic', 20, 3);
    const shape = shapeFor(head, 8);
    const phi = initialParameters(head, shape, data.y, deriveRng(3, 'init'));
    const prediction = predictAt(head, phi, shape, 0.5);
    expect(prediction.kind).toBe('normal');
    const objective = nllObjective(head, shape, data.x, data.y);
    const direct = data.x.reduce((s, x, i) => s - Math.log(densityAt(predictAt(head, phi, shape, x), data.y[i])), 0);
    expect(totalNll(objective, phi)).toBeCloseTo(direct, 9);
  });
});

describe('the loss lab’s datasets', () => {
  it('are seeded, spread over [0, 1], and hold targets of the head’s kind', () => {
    for (const id of HEAD_IDS) {
      const a = lossLabData(id, 200, 5);
      expect(lossLabData(id, 200, 5)).toEqual(a);
      expect(lossLabData(id, 200, 6).y).not.toEqual(a.y);
      a.x.forEach((x, i) => {
        expect(x).toBeGreaterThanOrEqual(i / 200);
        expect(x).toBeLessThan((i + 1) / 200);
      });
      const head = createHead(id);
      // Every target is one the head accepts.
      for (const y of a.y) expect(Number.isFinite(head.nll(new Array(head.outputs).fill(0.1), new Array(head.extras).fill(1), y))).toBe(true);
    }
    expect(() => lossLabData('poisson', 1, 1)).toThrow('points must be a whole number from 2 to 2,000, got 1');
  });

  it('match their recipes in distribution', () => {
    const normal = lossLabData('normal-fixed', 2000, 1);
    const residuals = normal.y.map((y, i) => y - (0.8 * Math.sin(2 * Math.PI * normal.x[i]) + 0.5 * normal.x[i]));
    const sd = Math.sqrt(residuals.reduce((s, r) => s + r * r, 0) / residuals.length);
    expect(sd).toBeGreaterThan(0.18);
    expect(sd).toBeLessThan(0.22);
    const counts = lossLabData('poisson', 2000, 1);
    const low = counts.y.filter((_, i) => counts.x[i] < 0.1);
    const high = counts.y.filter((_, i) => counts.x[i] > 0.9);
    const meanOf = (v: readonly number[]) => v.reduce((s, c) => s + c, 0) / v.length;
    expect(meanOf(low)).toBeGreaterThan(1.1); // rate about 1.5 there
    expect(meanOf(low)).toBeLessThan(1.9);
    expect(meanOf(high)).toBeGreaterThan(5.0); // about 5.8
    expect(meanOf(high)).toBeLessThan(6.6);
    const angles = lossLabData('von-mises', 2000, 1);
    const spread = angles.y.map((y, i) => wrapAngle(y - (6 * angles.x[i] - 2)));
    // Circular variance 1 - I_1(8)/I_0(8), about 0.065.
    const resultant = Math.hypot(spread.reduce((s, d) => s + Math.cos(d), 0), spread.reduce((s, d) => s + Math.sin(d), 0)) / spread.length;
    expect(1 - resultant).toBeGreaterThan(0.05);
    expect(1 - resultant).toBeLessThan(0.08);
    const mixture = lossLabData('mixture', 2000, 1);
    const nearZero = mixture.y.filter((_, i) => mixture.x[i] < 0.05);
    expect(nearZero.every((y) => Math.abs(y - 3) < 1.5 || Math.abs(y + 2) < 1.5)).toBe(true);
    expect(nearZero.filter((y) => y > 0.5).length).toBeGreaterThan(10);
    expect(nearZero.filter((y) => y < 0.5).length).toBeGreaterThan(10);
  });
});
