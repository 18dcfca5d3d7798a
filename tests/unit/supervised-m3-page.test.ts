/**
 * The generalisation page's headless pieces (src/pages/generalisation/*.ts): the run configs it
 * sends to the worker equal the MNIST-1D presets (they are written out so the page never loads
 * TensorFlow.js), they make sessions that train and free every tensor, the monitor's full run
 * shows what section 8.1 reports, and the view helpers turn the worker's log and snapshots into
 * what the plots draw. wasm, as the page prefers after webgpu and webgl.
 *
 * The monitor's run, measured here (wasm, seed 1, book form): training error 0 first at step
 * 3,550 (the book: about 4,000), the test loss lowest at step 1,250 (about 1,500) and 2.8 / 1.1 /
 * 1.8 at steps 0 / 1,250 / 6,000, the final test error 38.1% (about 40%); 17 s in Node.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import type { SeriesSet } from '../../agents/runner/metrics';
import { createModuleSession } from '../../agents/runner/worker-session';
import { getMnist1dPreset, type DoubleDescentSnapshot, type Mnist1dSnapshot } from '../../supervised/mnist1d-models';
import '../../supervised/mnist1d-models/register';
import '../../supervised/m3-session/register';
import { REGULARISER_WORLD_DEFAULTS, regulariserData, type RegulariserSnapshot } from '../../supervised/m3-session';
import { biasVariance, biasVarianceCurve } from '../../supervised/m3';
import { LAB_CAPACITIES, LAB_DEFAULTS, LAB_DRAWS, varianceBand } from '../../src/pages/generalisation/bias-variance-view';
import { sweepCurves, sweepDomain, thresholdWidth } from '../../src/pages/generalisation/double-descent-view';
import { IMPLICIT_ALPHA, implicitComparison, stepsFor, upTo } from '../../src/pages/generalisation/implicit-view';
import { monitorLandmarks, stepSeries } from '../../src/pages/generalisation/monitor-view';
import { partFromHash } from '../../src/pages/generalisation/parts';
import { TRAINED_TOOL_DEFAULTS, resamplePoints, snapshotMatches } from '../../src/pages/generalisation/regulariser-view';
import { againstSteps, describeMonitorSgd, doubleDescentRunConfig, monitorOptimiser, monitorRunConfig, regulariserRunConfig } from '../../src/pages/generalisation/run-configs';

beforeAll(async () => {
  expect(await initBackend('wasm')).toBe('wasm');
});

describe('the run configs the page sends', () => {
  it('the monitor in book form is the training-monitor preset; library form runs the mean with the book’s 0.1', () => {
    expect(monitorRunConfig('book', 1)).toEqual(getMnist1dPreset('training-monitor').config);
    expect(monitorOptimiser('library')).toEqual({ kind: 'sgd', form: 'library', learningRate: 0.1 });
    expect(monitorOptimiser('book').learningRate).toBe(0.001);
    expect(describeMonitorSgd('book')).toBe('book form: the loss summed over each batch of 100 (eq. 6.10), α = 0.1 / 100 = 0.001');
    expect(describeMonitorSgd('library')).toContain('α = 0.1');
  });

  it('the double-descent sweeps are the presets (coarse and the book’s)', () => {
    expect(doubleDescentRunConfig('coarse', 1)).toEqual(getMnist1dPreset('double-descent').config);
    expect(doubleDescentRunConfig('book', 1)).toEqual(getMnist1dPreset('double-descent-book').config);
  });

  it('the monitor config trains the book’s MLP (15,210 parameters) in library form too, and frees every tensor', () => {
    const before = tf.memory().numTensors;
    for (const form of ['book', 'library'] as const) {
      const session = createModuleSession({ ...monitorRunConfig(form, 1), world: { numSamples: 1000 } }) as unknown as { step(n: number): unknown[]; snapshot(): Mnist1dSnapshot; dispose(): void };
      session.step(60);
      const s = session.snapshot();
      expect(s.network.parameters).toBe(15_210);
      expect(s.training.description).toContain(form === 'book' ? 'summed' : 'averaged');
      expect(s.latest!.step).toBe(50);
      session.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the monitor’s whole run (6,000 steps) shows section 8.1: training error 0 near 4,000 steps, test loss lowest near 1,500, test error near 40%', () => {
    const session = createModuleSession(monitorRunConfig('book', 1)) as unknown as { step(n: number): Record<string, number>[]; done(): boolean; dispose(): void };
    const rows: Record<string, number>[] = [];
    while (!session.done()) rows.push(...session.step(1000));
    session.dispose();
    const measured = rows.filter((r) => 'charts/test_error' in r);
    expect(measured.map((r) => r.global_step)).toEqual(Array.from({ length: 121 }, (_, k) => 50 * k));
    const zeroAt = measured.find((r) => r['charts/train_error'] === 0)?.global_step;
    expect(zeroAt).toBeGreaterThanOrEqual(2500);
    expect(zeroAt).toBeLessThanOrEqual(5000);
    const lowest = measured.reduce((a, b) => (b['losses/test_loss'] < a['losses/test_loss'] ? b : a));
    expect(lowest.global_step).toBeGreaterThanOrEqual(500);
    expect(lowest.global_step).toBeLessThanOrEqual(2500);
    const last = measured[measured.length - 1];
    expect(last['charts/train_error']).toBe(0);
    expect(last['charts/test_error']).toBeGreaterThan(0.3);
    expect(last['charts/test_error']).toBeLessThan(0.46);
    expect(last['losses/test_loss']).toBeGreaterThan(lowest['losses/test_loss'] + 0.3);
  }, 120_000);

  it('the coarse sweep starts at width 4 with 2,000 training sequences and frees every tensor', () => {
    const before = tf.memory().numTensors;
    const session = createModuleSession(doubleDescentRunConfig('coarse', 1)) as unknown as { step(n: number): unknown[]; snapshot(): DoubleDescentSnapshot; dispose(): void };
    session.step(2);
    const s = session.snapshot();
    expect(s.trainCount).toBe(2000);
    expect(s.current).toMatchObject({ width: 4, labelNoise: 0, step: 2 * s.training.stepsPerUnit, steps: 1000 });
    expect(s.current!.step).toBeGreaterThan(0);
    expect(thresholdWidth(s)).toBe(24); // 1,834 parameters, nearest the 2,000 examples
    expect(sweepDomain(s)).toEqual([0, 14.218]);
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the regulariser runs carry the page’s options over the book defaults', () => {
    const config = regulariserRunConfig('dropout', REGULARISER_WORLD_DEFAULTS, TRAINED_TOOL_DEFAULTS.dropout, 3);
    expect(config).toEqual({ module: 'regularisers', world: { points: 15, sigma: 0.3, dataSeed: 2 }, agent: 'dropout', options: { mode: 'kink', rate: 0.5 }, seed: 3 });
    const session = createModuleSession(config) as unknown as { snapshot(): RegulariserSnapshot };
    const s = session.snapshot();
    expect(snapshotMatches(s, 'dropout', 2, TRAINED_TOOL_DEFAULTS.dropout)).toBe(true);
    expect(snapshotMatches(s, 'dropout', 2, { mode: 'independent', rate: 0.5 })).toBe(false);
    expect(snapshotMatches(s, 'dropout', 3, TRAINED_TOOL_DEFAULTS.dropout)).toBe(false);
    expect(snapshotMatches(s, 'input-noise', 2, {})).toBe(false);
  });
});

describe('the view helpers', () => {
  it('a metric measured every 50 steps from step 0 plots against its steps', () => {
    expect(againstSteps({ x: [1, 2, 3], y: [0.5, 0.4, 0.3] }, 50)).toEqual({ x: [0, 50, 100], y: [0.5, 0.4, 0.3] });
    expect(againstSteps(undefined, 50)).toBeNull();
    const series: SeriesSet = {
      'charts/train_error': { x: [1, 2, 3, 4], y: [0.9, 0.2, 0, 0], bucket: 1, count: 4, last: 0 },
      'losses/test_loss': { x: [1, 2, 3, 4], y: [2.3, 1.1, 1.3, 1.6], bucket: 1, count: 4, last: 1.6 },
    };
    expect(monitorLandmarks(series, 50)).toEqual({ trainErrorZeroAt: 100, testLossMin: { step: 50, value: 1.1 } });
    expect(stepSeries(series, [{ key: 'charts/train_error', label: 'train', color: 'red', scale: 100 }], 50)).toEqual([{ label: 'train', color: 'red', x: [0, 50, 100, 150], y: [90, 20, 0, 0] }]);
    expect(monitorLandmarks({}, 50)).toEqual({ trainErrorZeroAt: null, testLossMin: null });
  });

  it('the sweep draws test and training error in percent against thousands of parameters', () => {
    const snapshot = {
      widths: [4, 8],
      parameters: [234, 490],
      trainCount: 400,
      curves: [{ labelNoise: 0.15, points: [{ width: 4, parameters: 234, trainError: 0.5, testError: 0.6, trainLoss: 1, testLoss: 1 }] }],
    } as unknown as DoubleDescentSnapshot;
    const { curves, points } = sweepCurves(snapshot);
    expect(curves.map((c) => c.label)).toEqual(['test, 15% label noise', 'train, 15% label noise']);
    expect(curves[0].x).toEqual([0.234]);
    expect(curves[0].y).toEqual([60]);
    expect(points[0].y).toEqual([60]);
    expect(thresholdWidth(snapshot)).toBe(8);
  });

  it('the lab’s bars and its U-curve agree at the capacity shown (same draws, same seed)', () => {
    const result = biasVariance({ ...LAB_DEFAULTS, draws: LAB_DRAWS });
    const curve = biasVarianceCurve({ points: LAB_DEFAULTS.points, sigma: LAB_DEFAULTS.sigma, seed: LAB_DEFAULTS.seed, capacities: LAB_CAPACITIES, draws: LAB_DRAWS });
    const row = curve.rows[LAB_DEFAULTS.capacity - 1];
    expect(row.bias2).toBeCloseTo(result.bias2, 12);
    expect(row.variance).toBeCloseTo(result.variance, 12);
    const band = varianceBand(result);
    expect(band.hi[50] - band.lo[50]).toBeCloseTo(4 * Math.sqrt(result.varianceAt[50]), 12);
  });

  it('bagging’s points: sized by how often the resample drew them, the undrawn ones grey', () => {
    const data = regulariserData(REGULARISER_WORLD_DEFAULTS);
    const counts = new Int32Array(15);
    counts[0] = 3;
    counts[1] = 1;
    counts[2] = 1;
    const groups = resamplePoints(data, counts, 'blue');
    expect(groups.map((g) => [g.label, g.x.length, g.radius])).toEqual([
      ['not drawn', 12, 2.5],
      ['drawn 1×', 2, 4],
      ['drawn 3×', 1, 7],
    ]);
  });

  it('the implicit part keeps the flow time at 5 and cuts the paths at the step shown', () => {
    expect(stepsFor(IMPLICIT_ALPHA)).toBe(100);
    expect(stepsFor(0.2)).toBe(25);
    const c = implicitComparison(0.1);
    expect(c.discrete).toHaveLength(51);
    expect(upTo(c.discrete, 3)).toEqual(c.discrete.slice(0, 4));
    expect(upTo(c.discrete, 0)).toHaveLength(1);
    // Gradient descent ends nearer the flow of the modified loss than the flow of L (eq. 9.8).
    expect(c.distanceToModifiedFlow[50]).toBeLessThan(c.distanceToFlow[50] / 4);
  });

  it('the address picks the part', () => {
    expect(partFromHash('#mnist1d')).toBe('mnist1d');
    expect(partFromHash('#regularisers')).toBe('regularisers');
    expect(partFromHash('#nowhere')).toBe('bias-variance');
    expect(partFromHash('')).toBe('bias-variance');
  });
});
