/**
 * The compare statistics on hand-made numbers (agents/runner/experiment/curve.ts and stats.ts):
 * buckets, the carried-forward curve, Student t bands, final return, steps to threshold, area
 * under the curve. Every expected number is worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { bucketEnds, CurveRecorder } from '../../agents/runner/experiment/curve';
import { checkExperiment } from '../../agents/runner/experiment/spec';
import { areaUnderCurve, finalReturn, spreadOf, stepsToThreshold, summarize, tCritical95 } from '../../agents/runner/experiment/stats';
import type { TaskResult } from '../../agents/runner/experiment/task';

describe('the curve of one run', () => {
  it('bucket b ends at floor((b + 1) * steps / points)', () => {
    expect(bucketEnds(10, 4)).toEqual([2, 5, 7, 10]);
    expect(bucketEnds(400, 4)).toEqual([100, 200, 300, 400]);
    expect(bucketEnds(5, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(() => bucketEnds(3, 4)).toThrow('points <= steps');
  });

  it('means the returns of the episodes that ended in a bucket, carries the last value over empty ones, null before the first', () => {
    const recorder = new CurveRecorder(10, 4); // buckets end at 2, 5, 7, 10
    recorder.closeThrough(2);
    expect(recorder.curve()).toEqual([null]); // nothing ended in steps 1..2
    recorder.addEpisode(3, -1);
    recorder.addEpisode(5, -3); // bucket 1 (steps 3..5): mean -2
    recorder.addEpisode(6, 4); // closes bucket 1
    recorder.addEpisode(7, 6); // bucket 2 (6..7): mean 5
    recorder.addEpisode(11, 100); // after the last step: left out
    recorder.closeThrough(10); // bucket 3 (8..10) is empty: 5 carried forward
    expect(recorder.curve()).toEqual([null, -2, 5, 5]);
    expect(recorder.episodes).toBe(4);
  });
});

describe('spread across seeds', () => {
  it('Student t critical values: the table row at or below the degrees of freedom', () => {
    expect(tCritical95(1)).toBe(12.7062);
    expect(tCritical95(2)).toBe(4.3027);
    expect(tCritical95(4)).toBe(2.7764);
    expect(tCritical95(30)).toBe(2.0423);
    expect(tCritical95(39)).toBe(2.0423);
    expect(tCritical95(40)).toBe(2.0211);
    expect(tCritical95(99)).toBe(2.0003);
    expect(tCritical95(121)).toBe(1.96);
    expect(() => tCritical95(0)).toThrow('positive integer');
  });

  it('mean, sample sd and the 95% half-width t * sd / sqrt(n); nulls left out', () => {
    // 0, 0, 2, 4, 4: mean 2, squares 4 + 4 + 0 + 4 + 4 = 16, sd sqrt(16 / 4) = 2, half-width 2.7764 * 2 / sqrt(5).
    expect(spreadOf([0, 0, 2, 4, 4, null])).toEqual({ n: 5, mean: 2, sd: 2, ci95: (2.7764 * 2) / Math.sqrt(5) });
    expect(spreadOf([0, 0, 2, 4, 4]).ci95).toBeCloseTo(2.4832876530921664, 14);
    expect(spreadOf([7, null])).toEqual({ n: 1, mean: 7, sd: null, ci95: null });
    expect(spreadOf([null])).toEqual({ n: 0, mean: null, sd: null, ci95: null });
    expect(spreadOf([3, 3, 3])).toEqual({ n: 3, mean: 3, sd: 0, ci95: 0 });
  });
});

describe('per-seed results', () => {
  const ends = [100, 200, 300, 400];
  it('final return: the mean of the last 10% of buckets (at least one)', () => {
    expect(finalReturn([1, 2, 3, 4])).toBe(4);
    // 20 buckets: the last 2.
    expect(finalReturn([...Array(18).fill(0), 3, 6])).toBe(4.5);
    // 11 buckets: ceil(1.1) = 2.
    expect(finalReturn([...Array(9).fill(0), 1, 2])).toBe(1.5);
    expect(finalReturn([null, null])).toBeNull();
  });

  it('steps to threshold: the end of the first bucket at or above it', () => {
    expect(stepsToThreshold([null, 1, 2, 4], ends, 2)).toBe(300);
    expect(stepsToThreshold([null, 1, 2, 4], ends, 4)).toBe(400);
    expect(stepsToThreshold([null, 1, 2, 4], ends, 5)).toBeNull();
  });

  it('area under the curve: trapezoids / steps, flat from step 0 and before the first value', () => {
    // [1, 1, 2, 4]: 100 * 1 + 100 * (1 + 1) / 2 + 100 * (1 + 2) / 2 + 100 * (2 + 4) / 2 = 650; / 400 = 1.625.
    expect(areaUnderCurve([null, 1, 2, 4], ends)).toBe(1.625);
    // 0 + 100 + 200 + 300 = 600; / 400.
    expect(areaUnderCurve([0, 2, 2, 4], ends)).toBe(1.5);
    // 400 + 350 + 400 + 450 = 1600; / 400.
    expect(areaUnderCurve([4, 3, 5, 4], ends)).toBe(4);
    expect(areaUnderCurve([-2, -2, -2, -2], ends)).toBe(-2);
    expect(areaUnderCurve([null, null, null, null], ends)).toBeNull();
  });
});

describe('summarize', () => {
  const experiment = checkExperiment({
    format: 'floe-experiment',
    version: 1,
    world: { kind: 'gridworld', preset: 'cliff-walk' },
    configs: [
      { label: 'A', agent: 'q-learning' },
      { label: 'B', agent: 'sarsa' },
    ],
    seeds: [10, 20, 30],
    steps: 400,
    points: 4,
    threshold: 2,
  });
  const result = (configIndex: number, seedIndex: number, curve: (number | null)[], episodes: number, wallSeconds: number): TaskResult => ({
    configIndex,
    seedIndex,
    seed: experiment.seeds[seedIndex],
    steps: 400,
    curve,
    episodes,
    wallSeconds,
  });
  // Configuration A has all three seeds, given out of order; B was stopped after its second seed's run.
  const results = [
    result(0, 2, [4, 3, 5, 4], 7, 3),
    result(1, 1, [1, 1, 1, 1], 4, 0.5),
    result(0, 0, [null, 1, 2, 4], 3, 1),
    result(0, 1, [0, 2, 2, 4], 5, 2),
  ];

  it('the band: per bucket the mean and mean -/+ t * sd / sqrt(n) over the seeds with a value', () => {
    const summary = summarize(experiment, results);
    expect(summary.bucketEnds).toEqual([100, 200, 300, 400]);
    const a = summary.configs[0];
    expect(a.label).toBe('A');
    expect(a.seeds).toEqual([10, 20, 30]);
    expect(a.curve.n).toEqual([2, 3, 3, 3]);
    // Bucket 0: 0 and 4 (seed 10 has no value yet): mean 2, sd sqrt(8), half-width 12.7062 * sqrt(8) / sqrt(2) = 25.4124.
    // Bucket 1: 1, 2, 3: mean 2, sd 1, half-width 4.3027 / sqrt(3).
    // Bucket 2: 2, 2, 5: mean 3, sd sqrt(3), half-width 4.3027. Bucket 3: 4, 4, 4: no spread.
    expect(a.curve.mean).toEqual([2, 2, 3, 4]);
    const half = [25.4124, 4.3027 / Math.sqrt(3), 4.3027, 0];
    a.curve.lower.forEach((low, b) => expect(low).toBeCloseTo((a.curve.mean[b] as number) - half[b], 12));
    a.curve.upper.forEach((high, b) => expect(high).toBeCloseTo((a.curve.mean[b] as number) + half[b], 12));
    // One seed: a mean, no band.
    expect(summary.configs[1].curve).toEqual({ mean: [1, 1, 1, 1], lower: [null, null, null, null], upper: [null, null, null, null], n: [1, 1, 1, 1] });
  });

  it('the results table: each number with its spread across seeds', () => {
    const [a, b] = summarize(experiment, results).configs;
    // Final return: the last bucket (10% of 4, at least 1): 4, 4, 4.
    expect(a.results.finalReturn).toEqual({ n: 3, mean: 4, sd: 0, ci95: 0 });
    // Threshold 2 first reached at 300, 200, 100: mean 200, sd 100, half-width 4.3027 * 100 / sqrt(3).
    const threshold = a.results.stepsToThreshold;
    expect(threshold).toMatchObject({ reached: 3, of: 3, n: 3, mean: 200, sd: 100 });
    expect(threshold?.ci95).toBeCloseTo(248.4165003242203, 10);
    // AUC per seed 1.625, 1.5, 4: mean 2.375, sd sqrt(((-0.75)^2 + (-0.875)^2 + 1.625^2) / 2) = sqrt(1.984375).
    expect(a.results.auc.mean).toBe(2.375);
    expect(a.results.auc.sd).toBe(Math.sqrt(1.984375));
    expect(a.results.auc.ci95).toBeCloseTo(3.4993897279189383, 12);
    // Episodes 3, 5, 7: mean 5, sd 2.
    expect(a.results.episodes).toEqual({ n: 3, mean: 5, sd: 2, ci95: (4.3027 * 2) / Math.sqrt(3) });
    expect(a.timing.wallSeconds).toEqual({ n: 3, mean: 2, sd: 1, ci95: 4.3027 / Math.sqrt(3) });
    // B: one seed, below the threshold.
    expect(b.seeds).toEqual([20]);
    expect(b.results.finalReturn).toEqual({ n: 1, mean: 1, sd: null, ci95: null });
    expect(b.results.stepsToThreshold).toEqual({ reached: 0, of: 1, n: 0, mean: null, sd: null, ci95: null });
    expect(b.results.auc).toEqual({ n: 1, mean: 1, sd: null, ci95: null });
  });

  it('no threshold: stepsToThreshold is null; no results: everything empty', () => {
    const plain = checkExperiment({ ...experiment, threshold: undefined });
    const summary = summarize(plain, []);
    expect(summary.configs[0].results).toEqual({
      finalReturn: { n: 0, mean: null, sd: null, ci95: null },
      stepsToThreshold: null,
      auc: { n: 0, mean: null, sd: null, ci95: null },
      episodes: { n: 0, mean: null, sd: null, ci95: null },
    });
    expect(summary.configs[0].curve.mean).toEqual([null, null, null, null]);
  });

  it('refuses results that do not fit the experiment', () => {
    expect(() => summarize(experiment, [...results, result(0, 1, [0, 0, 0, 0], 1, 1)])).toThrow('summarize: configuration 0, seed index 1 has two results');
    expect(() => summarize(experiment, [result(0, 0, [1, 2], 1, 1)])).toThrow('has a curve of 2 points, expected 4');
    expect(() => summarize(experiment, [result(2, 0, [1, 2, 3, 4], 1, 1)])).toThrow('configIndex 2 is not a configuration');
    expect(() => summarize(experiment, [result(0, 3, [1, 2, 3, 4], 1, 1)])).toThrow('seedIndex 3 is not a seed');
  });
});
