/**
 * M4 residual networks: variance through depth (fig. 11.6), unravelled paths (eq. 11.5, Problem
 * 11.2), the batch-norm step-through (eq. 11.8 and Problem 11.5's epsilon placements, backward
 * against finite differences and a hand-worked case), and shattered gradients (fig. 11.3).
 */
import { describe, expect, it } from 'vitest';
import {
  autocorrelation,
  batchNormalise,
  batchNormStepThrough,
  enumeratePaths,
  pathCounts,
  residualVarianceProfiles,
  SHATTERED_GRADIENT_PRESETS,
  shatteredGradientSweep,
} from '../../supervised/m4';

describe('variance through residual stacks (fig. 11.6)', () => {
  const profiles = residualVarianceProfiles({ blocks: 10, width: 100, batch: 100, seed: 1 });
  const byVariant = Object.fromEntries(profiles.map((p) => [p.variant, p]));

  it('stays about constant without residual links, doubles per block with them, and stays constant with the 1/sqrt(2) scaling', () => {
    for (let k = 0; k <= 10; k++) {
      expect(byVariant.plain.measured[k], `plain, block ${k}`).toBeGreaterThan(0.4);
      expect(byVariant.plain.measured[k], `plain, block ${k}`).toBeLessThan(2.5);
      expect(byVariant['residual-scaled'].measured[k], `scaled, block ${k}`).toBeGreaterThan(0.4);
      expect(byVariant['residual-scaled'].measured[k], `scaled, block ${k}`).toBeLessThan(2.5);
      const ratio = byVariant.residual.measured[k] / byVariant.residual.expected[k];
      expect(ratio, `residual, block ${k}`).toBeGreaterThan(0.5);
      expect(ratio, `residual, block ${k}`).toBeLessThan(2);
    }
    expect(byVariant.residual.expected[10] / byVariant.residual.expected[0]).toBe(1024);
    expect(byVariant.residual.measured[10]).toBeGreaterThan(400);
  });

  it('grows linearly, by one per block, with batch norm at the start of each block', () => {
    const { measured, expected } = byVariant['residual-batchnorm'];
    expect(expected[10] - expected[0]).toBe(10);
    for (let k = 1; k <= 10; k++) expect(Math.abs(measured[k] - expected[k]) / expected[k], `block ${k}`).toBeLessThan(0.2);
  });

  it('is deterministic and refuses bad options', () => {
    expect(residualVarianceProfiles({ blocks: 3, width: 10, batch: 10 }, ['residual'])).toEqual(residualVarianceProfiles({ blocks: 3, width: 10, batch: 10 }, ['residual']));
    expect(() => residualVarianceProfiles({ blocks: 0 })).toThrow('residual variance: blocks must be an integer in [1, 200], got 0');
    expect(() => residualVarianceProfiles({}, ['dense' as never])).toThrow("residual variance: variants[0] must be one of 'plain', 'residual', 'residual-scaled', 'residual-batchnorm', got \"dense\"");
  });
});

describe('unravelled paths (eq. 11.5, Problem 11.2)', () => {
  it('counts 16 paths for 4 blocks, 1 4 6 4 1 by length', () => {
    const four = pathCounts(4);
    expect(four.total).toBe(16);
    expect(four.counts).toEqual([1, 4, 6, 4, 1]);
    expect(four.fractions).toEqual([1 / 16, 4 / 16, 6 / 16, 4 / 16, 1 / 16]);
    expect(four.exact).toBe(true);
    const paths = enumeratePaths(4);
    expect(paths).toHaveLength(16);
    expect(paths[0]).toEqual([]);
    expect(paths.slice(1, 5)).toEqual([[1], [2], [3], [4]]);
    expect(paths[15]).toEqual([1, 2, 3, 4]);
  });

  it('stays exact for large K through BigInt strings', () => {
    expect(pathCounts(54).countsText[27]).toBe('1946939425648112');
    expect(pathCounts(56).exact).toBe(true);
    expect(pathCounts(57).exact).toBe(false);
    expect(pathCounts(57).countsText[28]).toBe('15033633249770520');
    expect(pathCounts(0).counts).toEqual([1]);
    expect(() => pathCounts(-1)).toThrow('unravelled paths: blocks must be an integer in [0, 1000], got -1');
    expect(() => enumeratePaths(13)).toThrow('unravelled paths: blocks must be an integer in [0, 12], got 13');
  });
});

describe('the batch-norm step-through (eqs. 11.7-11.9, Problem 11.5)', () => {
  it('normalises a hand-worked batch [1, 2, 3, 4]: m = 2.5, variance 1.25', () => {
    const { byName, forward } = batchNormStepThrough([1, 2, 3, 4], { epsilon: 1e-12 });
    expect(forward.map((s) => s.name)).toEqual(['m', 'c', 'q', 'v', 'd', 'r', 'hHat', 'out']);
    expect(byName.m).toBe(2.5);
    expect(byName.v).toBe(1.25);
    const s = Math.sqrt(1.25);
    (byName.hHat as number[]).forEach((v, i) => expect(v).toBeCloseTo([-1.5, -0.5, 0.5, 1.5][i] / s, 10));
  });

  it('backpropagates like the closed form (gamma / (N s)) (N g_i - sum g - h^_i sum g h^) when epsilon is negligible', () => {
    const gamma = 1.7;
    const g = [1, -0.5, 0.25, 2];
    const { byName } = batchNormStepThrough([1, 2, 3, 4], { gamma, delta: 0.3, epsilon: 1e-12 }, g);
    const s = Math.sqrt(1.25);
    const hHat = [-1.5, -0.5, 0.5, 1.5].map((c) => c / s);
    const sumG = g.reduce((a, b) => a + b, 0);
    const sumGH = g.reduce((sum, v, i) => sum + v * hHat[i], 0);
    (byName['dl/dh'] as number[]).forEach((v, i) => expect(v).toBeCloseTo((gamma / (4 * s)) * (4 * g[i] - sumG - hHat[i] * sumGH), 9));
    expect(byName['dl/dgamma']).toBeCloseTo(sumGH, 9);
    expect(byName['dl/ddelta']).toBe(sumG);
  });

  it('agrees with finite differences for both epsilon placements, which differ on a near-constant batch', () => {
    const values = [0.3, -0.1, 0.05, 0.2, -0.4];
    const upstream = [0.5, -1, 2, 0.1, -0.3];
    for (const placement of ['outside', 'inside'] as const) {
      const options = { gamma: 0.8, delta: -0.2, epsilon: 0.01, placement };
      const { byName } = batchNormStepThrough(values, options, upstream);
      const lossAt = (h: number[]): number => (batchNormStepThrough(h, options).byName.out as number[]).reduce((sum, z, i) => sum + z * upstream[i], 0);
      const h = 1e-6;
      values.forEach((_, i) => {
        const up = values.slice();
        const down = values.slice();
        up[i] += h;
        down[i] -= h;
        expect((byName['dl/dh'] as number[])[i], `${placement}, h${i}`).toBeCloseTo((lossAt(up) - lossAt(down)) / (2 * h), 6);
      });
    }
    const tiny = [1, 1.001, 0.999];
    const outside = batchNormStepThrough(tiny, { epsilon: 1e-3, placement: 'outside' }).byName.d as number;
    const inside = batchNormStepThrough(tiny, { epsilon: 1e-3, placement: 'inside' }).byName.d as number;
    expect(outside).toBeCloseTo(Math.sqrt(2e-6 / 3) + 1e-3, 12);
    expect(inside).toBeCloseTo(Math.sqrt(2e-6 / 3 + 1e-3), 12);
  });

  it('handles a constant unit without NaN, normalises many units at once, and refuses bad input', () => {
    const constant = batchNormStepThrough([2, 2, 2]);
    expect((constant.byName['dl/dh'] as number[]).every(Number.isFinite)).toBe(true);
    const many = batchNormalise(Float64Array.of(1, 10, 2, 20, 3, 30), 3, 2, { epsilon: 1e-12 });
    expect(Array.from(many.means)).toEqual([2, 20]);
    expect(many.output[0]).toBeCloseTo(-Math.sqrt(1.5), 9);
    expect(many.output[1]).toBeCloseTo(-Math.sqrt(1.5), 9);
    expect(() => batchNormStepThrough([1])).toThrow('batch norm step-through: values must be an array of at least 2 numbers, got 1');
    expect(() => batchNormStepThrough([1, 2], { placement: 'middle' as never })).toThrow("batch norm step-through: placement must be 'outside' (eq. 11.8) or 'inside' (Problem 11.5), got \"middle\"");
    expect(() => batchNormStepThrough([1, 2], {}, [1])).toThrow('batch norm step-through: upstream must be an array of 2 numbers, got 1');
  });
});

describe('shattered gradients (fig. 11.3)', () => {
  it('computes dy/dx exactly (finite differences of y agree)', () => {
    for (const options of [
      { depth: 3, width: 20, architecture: 'plain' as const },
      { depth: 3, width: 20, architecture: 'residual' as const, batchNorm: true },
    ]) {
      const sweep = shatteredGradientSweep({ ...options, points: 4001, range: [-1, 1] });
      // Between sample points y is piecewise linear, so a one-step difference matches the slope wherever no kink falls in the step.
      let agree = 0;
      for (let i = 0; i + 1 < sweep.x.length; i++) {
        const slope = (sweep.y[i + 1] - sweep.y[i]) / (sweep.x[i + 1] - sweep.x[i]);
        if (Math.abs(slope - sweep.gradient[i]) < 1e-6 * Math.max(1, Math.abs(slope))) agree++;
      }
      expect(agree / (sweep.x.length - 1)).toBeGreaterThan(0.9);
    }
  });

  it('decorrelates the deep plain network’s gradient (with batch norm) but not the residual network’s, nor the shallow one’s', () => {
    for (const seed of [0, 1, 2]) {
      const shallow = shatteredGradientSweep({ depth: 1, seed });
      const plain = shatteredGradientSweep({ depth: 24, architecture: 'plain', batchNorm: true, seed });
      const residual = shatteredGradientSweep({ depth: 24, architecture: 'residual', batchNorm: true, seed });
      expect(shallow.autocorrelation[1], `shallow, seed ${seed}`).toBeGreaterThan(0.9);
      expect(Math.abs(plain.autocorrelation[1]), `plain, seed ${seed}`).toBeLessThan(0.3);
      expect(residual.autocorrelation[1], `residual, seed ${seed}`).toBeGreaterThan(0.6);
      // The residual network's gradient stays correlated over more lags than the plain one's.
      const correlatedLags = (rho: number[]): number => rho.findIndex((v) => v < 0.5);
      expect(correlatedLags(residual.autocorrelation)).toBeGreaterThan(correlatedLags(plain.autocorrelation));
    }
  });

  it('has presets, a normalised autocorrelation, determinism and precise errors', () => {
    expect(SHATTERED_GRADIENT_PRESETS.map((p) => p.id)).toEqual(['shallow', 'deep-plain-batchnorm', 'deep-residual-batchnorm', 'deep-plain']);
    expect(autocorrelation([1, -1, 1, -1])).toEqual([1, -0.75, 0.5, -0.25]);
    expect(autocorrelation([3, 3, 3])).toEqual([0, 0, 0]);
    const options = { depth: 2, width: 10, points: 16, seed: 'same' };
    expect(shatteredGradientSweep(options)).toEqual(shatteredGradientSweep(options));
    const sweep = shatteredGradientSweep(options);
    expect(sweep.x[0]).toBe(-2);
    expect(sweep.x[15]).toBe(2);
    expect(sweep.lags[1]).toBeCloseTo(4 / 15, 15);
    expect(() => shatteredGradientSweep({ depth: 65 })).toThrow('shattered gradients: depth must be an integer in [1, 64], got 65');
    expect(() => shatteredGradientSweep({ architecture: 'dense' as never })).toThrow("shattered gradients: architecture must be 'plain' or 'residual', got \"dense\"");
    expect(() => shatteredGradientSweep({ range: [1, -1] })).toThrow('shattered gradients: range must be [low, high] with finite low < high, got [1,-1]');
  });
});
