/**
 * M3's maths (supervised/m3): the toy of Appendix A.5, the simplified model of fig. 8.4 and its
 * closed-form fits, the test-error integral, the bias-variance decomposition of eq. 8.7 (with the
 * optimum at capacity 4 that fig. 8.9 states), the L2 path, bagging and the gradient-descent
 * trainer, each against hand computations; and seeded training of the three trained regularisers
 * reaching stated bands.
 */
import { describe, expect, it } from 'vitest';
import { createRng, deriveRng } from '../../environments/core/rng';
import { fillNormal } from '../../supervised/data';
import {
  HingeTrainer,
  bagging,
  biasVariance,
  biasVarianceCurve,
  checkpointSteps,
  cholesky,
  choleskySolve,
  evaluateHinge,
  expectedTestError,
  fitHinge,
  hingeFeatures,
  hingeJoints,
  kinkSize,
  kinkedStart,
  l2Path,
  logSpaced,
  meanSquaredError,
  sampleToyData,
  stratifiedInputs,
  trueFunction,
  type HingeTrainerConfig,
  type ToyData,
} from '../../supervised/m3';

const two: ToyData = { x: Float64Array.of(0.2, 0.8), y: Float64Array.of(1, 2) };

describe('the toy of fig. 8.3 (Appendix A.5)', () => {
  it('mu[x] = exp(sin(2 pi x)): e at 1/4, 1/e at 3/4, 1 at 0 and 1/2', () => {
    expect(trueFunction(0.25)).toBeCloseTo(Math.E, 14);
    expect(trueFunction(0.75)).toBeCloseTo(1 / Math.E, 14);
    expect(trueFunction(0)).toBe(1);
    expect(trueFunction(0.5)).toBeCloseTo(1, 14);
  });

  it('stratified inputs: one in each of N equal bins; the same stream gives the same data', () => {
    const x = stratifiedInputs(10, createRng(3));
    x.forEach((xi, i) => {
      expect(xi).toBeGreaterThanOrEqual(i / 10);
      expect(xi).toBeLessThan((i + 1) / 10);
    });
    expect(sampleToyData(15, 0.3, createRng(5))).toEqual(sampleToyData(15, 0.3, createRng(5)));
    expect(sampleToyData(15, 0.3, createRng(5)).y).not.toEqual(sampleToyData(15, 0.3, createRng(6)).y);
    expect(() => sampleToyData(0, 0.3, createRng(1))).toThrow('number of points must be a whole number from 1');
    expect(() => sampleToyData(5, -1, createRng(1))).toThrow('sigma must be a number from 0 to 10, got -1');
  });

  it('noise of sigma 0.3: the residuals y - mu[x] of many points have variance 0.09', () => {
    const data = sampleToyData(10_000, 0.3, createRng(11));
    const r = Array.from(data.y, (y, i) => y - trueFunction(data.x[i]));
    const mean = r.reduce((a, b) => a + b, 0) / r.length;
    const variance = r.reduce((a, b) => a + (b - mean) ** 2, 0) / r.length;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(variance).toBeGreaterThan(0.085);
    expect(variance).toBeLessThan(0.095);
  });
});

describe('the simplified model of fig. 8.4', () => {
  it('D units of slope 1 with joints at 0, 1/D, ..., (D-1)/D: features and outputs by hand', () => {
    expect(hingeJoints(4)).toEqual([0, 0.25, 0.5, 0.75]);
    const a = hingeFeatures(0.6, 4);
    [1, 0.6, 0.35, 0.1, 0].forEach((v, k) => expect(a[k]).toBeCloseTo(v, 15));
    // f = 0.5 + 1 * 0.6 - 2 * 0.35 + 3 * 0.1 + 4 * 0 = 0.7
    expect(evaluateHinge([0.5, 1, -2, 3, 4], 0.6)).toBeCloseTo(0.7, 14);
    expect(evaluateHinge([0.5, 1, -2, 3, 4], 0)).toBe(0.5);
  });

  it('Cholesky solves a 2 x 2 system by hand', () => {
    const l = cholesky(Float64Array.of(4, 2, 2, 3), 2);
    expect(Array.from(l)).toEqual([2, 0, 1, Math.SQRT2]);
    const x = choleskySolve(l, 2, [2, 1]);
    // [[4, 2], [2, 3]] x = [2, 1]: x = [0.5, 0].
    expect(x[0]).toBeCloseTo(0.5, 15);
    expect(x[1]).toBeCloseTo(0, 15);
    expect(() => cholesky(Float64Array.of(1, 2, 2, 1), 2)).toThrow('not positive definite');
  });

  it('the closed-form fit solves the normal equations with the notebook’s 1e-5 ridge on the weights', () => {
    // D = 1: f = beta + omega x on [0, 1]. A^T A = [[2, 1], [1, 0.68]], A^T y = [3, 1.8].
    const phi = fitHinge(two, 1);
    const r = 0.68 + 1e-5;
    const det = 2 * r - 1;
    expect(phi[0]).toBeCloseTo((3 * r - 1.8) / det, 12);
    expect(phi[1]).toBeCloseTo((2 * 1.8 - 3) / det, 12);
    // Close to the line through both points (slope 5/3, intercept 2/3).
    expect(phi[1]).toBeCloseTo(5 / 3, 3);
    // L2 with lambda = 1 on the weight only: [[2, 1], [1, 1.68 + 1e-5]].
    const ridge = fitHinge(two, 1, { lambda: 1 });
    const r1 = 1.68 + 1e-5;
    expect(ridge[0]).toBeCloseTo((3 * r1 - 1.8) / (2 * r1 - 1), 12);
    expect(ridge[1]).toBeCloseTo((2 * 1.8 - 3) / (2 * r1 - 1), 12);
    // Weights 2 and 0 count the first point twice and drop the second: a flat fit through y = 1.
    const weighted = fitHinge(two, 1, { weights: [2, 0] });
    expect(evaluateHinge(weighted, 0.2)).toBeCloseTo(1, 4);
    expect(() => fitHinge(two, 0)).toThrow('capacity (hidden units, linear regions) must be a whole number from 1');
    expect(() => fitHinge(two, 1, { lambda: -1 })).toThrow('lambda must be a number from 0');
  });

  it('with as many parameters as points the fit nearly passes through every point; a huge lambda flattens it', () => {
    const data = sampleToyData(15, 0.3, deriveRng(2, 'regularisers/data'));
    expect(meanSquaredError(fitHinge(data, 14), data)).toBeLessThan(2e-3);
    expect(meanSquaredError(fitHinge(data, 3), data)).toBeGreaterThan(0.05);
    // A huge lambda flattens the fit to the mean of y (the bias is not penalised).
    const flat = fitHinge(data, 14, { lambda: 1e9 });
    const mean = data.y.reduce((a, b) => a + b, 0) / data.y.length;
    expect(flat[0]).toBeCloseTo(mean, 5);
  });
});

describe('the expected test error', () => {
  it('a constant fit c: c^2 - 2c I0(1) + I0(2) + sigma^2 (Bessel integrals of exp(k sin))', () => {
    // integral_0^1 exp(k sin 2 pi x) dx = I0(k): I0(1) = 1.2660658777520082, I0(2) = 2.2795853023360673.
    const exact = 1 - 2 * 1.2660658777520082 + 2.2795853023360673 + 0.09;
    expect(expectedTestError([1, 0], 0.3)).toBeCloseTo(exact, 10);
    expect(expectedTestError([0, 0, 0], 0)).toBeCloseTo(2.2795853023360673, 10);
  });

  it('mean squared error on the points by hand', () => {
    // f = 1 + x at 0.2 and 0.8: 1.2 and 1.8 against 1 and 2: (0.04 + 0.04) / 2.
    expect(meanSquaredError([1, 1], two)).toBeCloseTo(0.04, 14);
  });
});

describe('the bias-variance decomposition (eq. 8.7, figs. 8.6-8.9)', () => {
  it('N = 15, sigma = 0.3: bias^2 + variance is smallest at capacity 4 (fig. 8.9); bias falls and variance rises with capacity', () => {
    const curve = biasVarianceCurve({ points: 15, capacities: Array.from({ length: 14 }, (_, k) => k + 1), draws: 200, seed: 0 });
    expect(curve.best).toBe(4);
    expect(curve.noise).toBeCloseTo(0.09, 15);
    const variance = curve.rows.map((r) => r.variance);
    for (let k = 1; k < variance.length; k++) expect(variance[k]).toBeGreaterThan(variance[k - 1]);
    expect(curve.rows[13].bias2).toBeLessThan(curve.rows[0].bias2 / 100);
    // Other seeds agree on the optimum.
    expect(biasVarianceCurve({ points: 15, capacities: [3, 4, 5, 6], draws: 200, seed: 7 }).best).toBe(4);
  });

  it('more data, less variance at the same capacity (fig. 8.6: 6, 10 and 100 points, 3 regions)', () => {
    const v = [6, 10, 100].map((points) => biasVariance({ points, capacity: 3, draws: 100, samples: 0 }).variance);
    expect(v[0]).toBeGreaterThan(v[1]);
    expect(v[1]).toBeGreaterThan(v[2] * 5);
  });

  it('matches brute force: the mean over many noisy datasets of (f - mu)^2 is bias^2 + variance', () => {
    const result = biasVariance({ points: 10, capacity: 5, draws: 2000, gridPoints: 41, samples: 0, seed: 3 });
    const rng = createRng('brute');
    const datasets = 4000;
    const grid = result.x;
    const sums = new Float64Array(grid.length);
    const sumSquares = new Float64Array(grid.length);
    let meanSquare = 0;
    for (let m = 0; m < datasets; m++) {
      const phi = fitHinge(sampleToyData(10, 0.3, rng), 5);
      grid.forEach((x, g) => {
        const f = evaluateHinge(phi, x);
        sums[g] += f;
        sumSquares[g] += f * f;
      });
    }
    const weights = grid.map((_, g) => (g === 0 || g === grid.length - 1 ? 0.5 : 1) / (grid.length - 1));
    let bias2 = 0;
    let variance = 0;
    grid.forEach((x, g) => {
      const mean = sums[g] / datasets;
      bias2 += weights[g] * (mean - trueFunction(x)) ** 2;
      variance += weights[g] * (sumSquares[g] / datasets - mean * mean);
      meanSquare += weights[g] * (sumSquares[g] / datasets - 2 * mean * trueFunction(x) + trueFunction(x) ** 2);
    });
    expect(result.variance).toBeGreaterThan(variance * 0.93);
    expect(result.variance).toBeLessThan(variance * 1.07);
    expect(Math.abs(result.bias2 - bias2)).toBeLessThan(0.003);
    expect(Math.abs(result.bias2 + result.variance - meanSquare)).toBeLessThan(0.004);
    expect(result.total).toBeCloseTo(result.bias2 + result.variance + 0.09, 14);
  });

  it('draws the pictured datasets and the band from the seed: the same seed, the same numbers', () => {
    const a = biasVariance({ points: 6, capacity: 3, draws: 50, seed: 9 });
    expect(a.samples).toHaveLength(3);
    expect(a.samples[0].x).toHaveLength(6);
    expect(a.meanFit).toHaveLength(101);
    expect(biasVariance({ points: 6, capacity: 3, draws: 50, seed: 9 })).toEqual(a);
    expect(biasVariance({ points: 6, capacity: 3, draws: 50, seed: 10 }).samples[0].y).not.toEqual(a.samples[0].y);
    expect(() => biasVariance({ points: 6, capacity: 3, draws: 0 })).toThrow('bias-variance: draws must be a whole number from 1');
    expect(() => biasVarianceCurve({ points: 6, capacities: [] })).toThrow('capacities must be a non-empty list');
  });
});

describe('L2 and bagging on the toy (figs. 9.2, 9.7)', () => {
  const data = sampleToyData(15, 0.3, deriveRng(2, 'regularisers/data'));

  it('the L2 path: training loss rises with lambda; the test error falls, then rises (fig. 9.2 c-d best)', () => {
    const lambdas = logSpaced(1e-6, 10, 15);
    expect(lambdas[0]).toBeCloseTo(1e-6, 18);
    expect(lambdas[14]).toBe(10);
    expect(lambdas[5]).toBeCloseTo(10 ** (-6 + (7 * 5) / 14), 12);
    const path = l2Path(data, 14, lambdas, 0.3);
    for (let k = 1; k < path.length; k++) expect(path[k].trainLoss).toBeGreaterThanOrEqual(path[k - 1].trainLoss - 1e-12);
    const best = path.reduce((a, b) => (b.testError < a.testError ? b : a));
    expect(best.lambda).toBeGreaterThan(1e-4);
    expect(best.lambda).toBeLessThan(0.1);
    expect(best.testError).toBeLessThan(path[0].testError - 0.04);
    expect(best.testError).toBeLessThan(path[14].testError - 0.2);
  });

  it('bagging: N draws per resample, one fit each, the ensemble is the mean phi (= the mean output)', () => {
    const ensemble = bagging(data, 14, 4, createRng(4));
    expect(ensemble.models).toHaveLength(4);
    for (const model of ensemble.models) {
      expect(model.counts.reduce((a, b) => a + b, 0)).toBe(15);
      expect(Array.from(model.phi)).toEqual(Array.from(fitHinge(data, 14, { weights: model.counts })));
    }
    const x = 0.37;
    const meanOutput = ensemble.models.reduce((s, m) => s + evaluateHinge(m.phi, x), 0) / 4;
    expect(evaluateHinge(ensemble.meanPhi, x)).toBeCloseTo(meanOutput, 12);
    expect(bagging(data, 14, 4, createRng(4))).toEqual(ensemble);
    expect(() => bagging(data, 14, 0, createRng(1))).toThrow('bagging: models must be a whole number from 1');
  });
});

const baseConfig: HingeTrainerConfig = { capacity: 1, learningRate: 0.1, batchSize: 'full', steps: 10, evalEvery: 1, dropout: { kind: 'none' }, inputNoise: 0, sigma: 0.3 };

describe('the gradient-descent trainer', () => {
  it('one full-batch step by hand: phi - alpha sum_i 2 (f_i - y_i) a_i (eq. 6.10)', () => {
    const trainer = new HingeTrainer(two, [0, 0], baseConfig, 1);
    const rows = trainer.run(1);
    // f = 0 at both points: gradient = 2(-1)[1, 0.2] + 2(-2)[1, 0.8] = [-6, -3.6].
    expect(Array.from(trainer.trainingPhi())).toEqual([0.6000000000000001, 0.36000000000000004]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ global_step: 0, 'losses/train_loss': 2.5 });
    expect(rows[1].global_step).toBe(1);
    expect(rows[1]['losses/train_loss']).toBeCloseTo(meanSquaredError([0.6, 0.36], two), 14);
    expect(rows[1]['losses/test_loss']).toBeCloseTo(expectedTestError([0.6, 0.36], 0.3), 14);
  });

  it('dropout: the dropped unit gets no gradient, and the measured weights are scaled by the keep probability', () => {
    const trainer = new HingeTrainer(two, [0, 0, 0, 0], { ...baseConfig, capacity: 3, dropout: { kind: 'one-of', units: [1, 2, 3] } }, 1);
    trainer.run(1);
    const phi = trainer.trainingPhi();
    expect(Array.from(phi.subarray(1)).filter((w) => w === 0)).toHaveLength(1);
    const scaled = trainer.testPhi();
    expect(scaled[0]).toBe(phi[0]);
    for (let d = 1; d <= 3; d++) expect(scaled[d]).toBeCloseTo((phi[d] * 2) / 3, 15);
    const independent = new HingeTrainer(two, [0, 1, 1, 1], { ...baseConfig, capacity: 3, dropout: { kind: 'independent', rate: 0.25 } }, 1);
    expect(Array.from(independent.testPhi())).toEqual([0, 0.75, 0.75, 0.75]);
  });

  it('input noise: the same seed gives the same path, another seed another; sigma_x = 0 at the least-squares fit stays put', () => {
    const data = sampleToyData(15, 0.3, createRng(8));
    const config = { ...baseConfig, capacity: 14, learningRate: 0.02, batchSize: 5, steps: 200, inputNoise: 0.05 };
    const start = fitHinge(data, 14);
    const a = new HingeTrainer(data, start, config, 3).run(200);
    expect(new HingeTrainer(data, start, config, 3).run(200)).toEqual(a);
    expect(new HingeTrainer(data, start, config, 4).run(200)).not.toEqual(a);
    const still = new HingeTrainer(data, start, { ...config, inputNoise: 0 }, 3);
    still.run(200);
    const moved = Math.max(...Array.from(still.trainingPhi(), (v, k) => Math.abs(v - start[k])));
    expect(moved).toBeLessThan(1e-3);
  });

  it('log-spaced checkpoints, about ten a decade, and the budget', () => {
    expect(checkpointSteps(100)).toEqual([0, 1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 32, 40, 50, 63, 79, 100]);
    const trainer = new HingeTrainer(two, [0, 0], { ...baseConfig, steps: 100, evalEvery: 50 }, 1);
    const rows = trainer.run(1000);
    expect(rows.map((r) => r.global_step)).toEqual([0, 50, 100]);
    expect(trainer.done()).toBe(true);
    expect(trainer.reading().checkpoints.map((c) => c.step)).toEqual(checkpointSteps(100));
    expect(trainer.run(5)).toEqual([]);
  });

  it('one message for each bad setting', () => {
    expect(() => new HingeTrainer(two, [0, 0], { ...baseConfig, learningRate: 0 }, 1)).toThrow('hinge trainer: learningRate must be a number in (0, 100], got 0');
    expect(() => new HingeTrainer(two, [0, 0], { ...baseConfig, batchSize: 3 }, 1)).toThrow('batchSize must be a whole number from 1 to 2, got 3');
    expect(() => new HingeTrainer(two, [0], baseConfig, 1)).toThrow('the start has 1 numbers; capacity 1 needs 2');
    expect(() => new HingeTrainer(two, [0, 0, 0, 0], { ...baseConfig, capacity: 3, dropout: { kind: 'one-of', units: [1, 1] } }, 1)).toThrow('dropout.units must be 2 or more different hidden units from 1 to 3');
    expect(() => new HingeTrainer(two, [0, 0], { ...baseConfig, dropout: { kind: 'independent', rate: 1 } }, 1)).toThrow('dropout.rate must be a number in [0,');
  });
});

describe('seeded training of the regularisers reaches the stated bands', () => {
  const data = sampleToyData(15, 0.3, deriveRng(2, 'regularisers/data'));
  const leastSquares = expectedTestError(fitHinge(data, 14), 0.3);

  it('early stopping (fig. 9.6: 14 regions, SGD batch 5, alpha 0.05): the test error is lowest early, then rises as the fit chases the points', () => {
    const start = fillNormal(deriveRng(1, 'regularisers/init'), new Float64Array(15), 1);
    const trainer = new HingeTrainer(data, start, { ...baseConfig, capacity: 14, learningRate: 0.05, batchSize: 5, steps: 100_000, evalEvery: 100 }, 1);
    trainer.run(100_000);
    const { best, latest } = trainer.reading();
    expect(best!.step).toBeGreaterThan(1000);
    expect(best!.step).toBeLessThan(30_000);
    expect(best!.testError).toBeLessThan(0.11);
    expect(best!.testError).toBeLessThan(leastSquares - 0.05);
    expect(latest!.testError).toBeGreaterThan(best!.testError + 0.01);
    expect(latest!.trainLoss).toBeLessThan(best!.trainLoss / 2);
  });

  it('dropout (fig. 9.9: 2,000 steps): the kink that costs nothing goes; plain gradient descent keeps it', () => {
    const kink = kinkedStart(data, 14, 7, 0.8);
    expect(kink.span).toEqual([6 / 14, 8 / 14]);
    expect(kink.removed.x.length).toBeGreaterThan(0);
    expect(kink.kept.x.length + kink.removed.x.length).toBe(15);
    // The kink costs nothing: the same loss on the kept points, and a triangle of height 0.8 at the middle joint.
    expect(meanSquaredError(kink.phi, kink.kept)).toBeCloseTo(meanSquaredError(kink.fit, kink.kept), 12);
    const size = (phi: ArrayLike<number>) => kinkSize((x) => evaluateHinge(phi, x), kink.span);
    expect(size(kink.phi) - size(kink.fit)).toBeCloseTo(0.8, 12);
    const config = { ...baseConfig, capacity: 14, learningRate: 0.01, steps: 2000, evalEvery: 10 };
    const dropout = new HingeTrainer(kink.kept, kink.phi, { ...config, dropout: { kind: 'one-of', units: [...kink.units] } }, 1);
    dropout.run(2000);
    expect(Math.abs(size(dropout.testPhi()) - size(kink.fit))).toBeLessThan(0.1);
    expect(dropout.reading().latest!.trainLoss).toBeLessThan(0.01);
    const plain = new HingeTrainer(kink.kept, kink.phi, config, 1);
    plain.run(2000);
    expect(size(plain.testPhi()) - size(kink.fit)).toBeGreaterThan(0.75);
  });

  it('input noise (fig. 9.10: sigma_x 0.05) smooths the interpolating fit and lowers the test error', () => {
    const trainer = new HingeTrainer(data, fitHinge(data, 14), { ...baseConfig, capacity: 14, learningRate: 0.02, batchSize: 5, steps: 20_000, evalEvery: 20, inputNoise: 0.05 }, 1);
    trainer.run(20_000);
    const { latest } = trainer.reading();
    expect(latest!.testError).toBeLessThan(leastSquares - 0.03);
    expect(latest!.trainLoss).toBeGreaterThan(0.005);
  });
});
