import { describe, expect, it } from 'vitest';
import { createRng } from '../../environments/core/rng';
import {
  argmaxRandomTie,
  boltzmannAction,
  boltzmannProbs,
  epsilonGreedyAction,
  epsilonGreedyProbs,
  sampleAction,
} from '../../agents/core/exploration';
import { checkSchedule, constantSchedule, exponentialSchedule, linearSchedule, scheduleValue } from '../../agents/core/schedules';

const frequencies = (draw: () => number, nA: number, n: number) => {
  const counts = new Array(nA).fill(0);
  for (let i = 0; i < n; i++) counts[draw()]++;
  return counts.map((c) => c / n);
};

describe('epsilon-greedy', () => {
  it('gives the greedy action 1 - eps + eps/|A| and the others eps/|A|', () => {
    const out = new Float64Array(4);
    epsilonGreedyProbs([0, 5, 1, 2], 0, 4, 0.2, out);
    expect(Array.from(out)).toEqual([0.05, 0.85, 0.05, 0.05].map((p) => expect.closeTo(p, 15)));
  });

  it('shares the greedy mass among tied actions, reading a row of a flat table', () => {
    const table = [9, 9, 9, 9, /* row 1 */ 3, 1, 3, 0];
    const out = new Float64Array(8);
    epsilonGreedyProbs(table, 4, 4, 0.2, out, 4);
    expect(Array.from(out.subarray(4))).toEqual([0.45, 0.05, 0.45, 0.05].map((p) => expect.closeTo(p, 15)));
    expect(Array.from(out.subarray(0, 4))).toEqual([0, 0, 0, 0]);
  });

  it('samples with those frequencies, breaking ties uniformly with the rng', () => {
    const rng = createRng(1);
    const f = frequencies(() => epsilonGreedyAction([3, 1, 3, 0], 0, 4, 0.2, rng), 4, 200_000);
    [0.45, 0.05, 0.45, 0.05].forEach((p, a) => expect(f[a]).toBeCloseTo(p, 2));
    const ties = frequencies(() => argmaxRandomTie([1, 1, 0, 1], 0, 4, rng), 4, 90_000);
    [1 / 3, 1 / 3, 0, 1 / 3].forEach((p, a) => expect(ties[a]).toBeCloseTo(p, 2));
  });

  it('with epsilon 0 is greedy and draws nothing when there is no tie', () => {
    const rng = createRng(2);
    const before = rng.state();
    expect(epsilonGreedyAction([0, 2, 1], 0, 3, 0, rng)).toBe(1);
    expect(rng.state()).toEqual(before);
  });
});

describe('Boltzmann exploration (problem 19.4)', () => {
  it('pi(a|s) is proportional to exp(q(s,a) / tau)', () => {
    const out = new Float64Array(3);
    boltzmannProbs([1, 2, 3], 0, 3, 1, out);
    const z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    expect(Array.from(out)).toEqual([Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z].map((p) => expect.closeTo(p, 14)));
    expect(out[0]).toBeCloseTo(0.09, 4);
    expect(out[2]).toBeCloseTo(0.6652, 4);
    boltzmannProbs([1, 2, 3], 0, 3, 2, out); // a higher temperature flattens it
    expect(out[2]).toBeCloseTo(Math.exp(1.5) / (Math.exp(0.5) + Math.exp(1) + Math.exp(1.5)), 14);
  });

  it('is numerically stable: huge values and tiny temperatures neither overflow nor give NaN', () => {
    const out = new Float64Array(3);
    boltzmannProbs([1000, 1001, 1001], 0, 3, 1e-3, out);
    expect(Array.from(out)).toEqual([0, 0.5, 0.5]);
    boltzmannProbs([-1e6, 0, 1e6], 0, 3, 1e6, out);
    expect(out.every((p) => Number.isFinite(p))).toBe(true);
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    boltzmannProbs([5, 7], 0, 2, 1e9, out); // very hot: uniform
    expect(out[0]).toBeCloseTo(0.5, 8);
  });

  it('samples with those probabilities', () => {
    const rng = createRng(3);
    const f = frequencies(() => boltzmannAction([1, 2, 3], 0, 3, 1, rng), 3, 200_000);
    const out = new Float64Array(3);
    boltzmannProbs([1, 2, 3], 0, 3, 1, out);
    out.forEach((p, a) => expect(f[a]).toBeCloseTo(p, 2));
    expect(boltzmannAction([1000, 2000], 0, 2, 1e-6, rng)).toBe(1);
  });

  it('sampleAction draws from a probability row', () => {
    const rng = createRng(4);
    const f = frequencies(() => sampleAction([0.1, 0, 0.9], 0, 3, rng), 3, 100_000);
    expect(f[0]).toBeCloseTo(0.1, 2);
    expect(f[1]).toBe(0);
  });
});

describe('schedules', () => {
  it('constant, linear and exponential decay', () => {
    expect(scheduleValue(constantSchedule(0.3), 1e9)).toBe(0.3);
    const linear = linearSchedule(1, 0.1, 100);
    expect(scheduleValue(linear, 0)).toBe(1);
    expect(scheduleValue(linear, 50)).toBeCloseTo(0.55, 14);
    expect(scheduleValue(linear, 100)).toBeCloseTo(0.1, 14);
    expect(scheduleValue(linear, 1e6)).toBeCloseTo(0.1, 14);
    const exponential = exponentialSchedule(1, 0.2, 10);
    expect(scheduleValue(exponential, 0)).toBe(1);
    expect(scheduleValue(exponential, 10)).toBeCloseTo(0.6, 14); // half the gap after one half-life
    expect(scheduleValue(exponential, 20)).toBeCloseTo(0.4, 14);
    expect(scheduleValue(exponential, 1e6)).toBeCloseTo(0.2, 14);
  });

  it('are checked', () => {
    expect(() => linearSchedule(1, 0, 0)).toThrow('schedule: steps must be a positive integer, got 0');
    expect(() => checkSchedule({ kind: 'cosine' as never, start: 1, end: 0, steps: 1 }, 'epsilon')).toThrow('epsilon: kind must be one of constant, linear, exponential, got cosine');
    expect(() => exponentialSchedule(Number.NaN, 0, 5)).toThrow('start must be a finite number, got NaN');
  });
});
