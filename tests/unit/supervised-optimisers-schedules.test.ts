/** Learning-rate schedules (supervised/core/schedules.ts): values at given steps and bad configs. */
import { describe, expect, it } from 'vitest';
import {
  checkLearningRate,
  constantRate,
  cosineDecay,
  exponentialDecay,
  learningRateAt,
  linearWarmup,
  stepDecay,
} from '../../supervised/core/schedules';

describe('learning-rate schedules', () => {
  it('constant: the same value at every step (a plain number too)', () => {
    expect([0, 1, 1000].map((t) => learningRateAt(constantRate(0.1), t))).toEqual([0.1, 0.1, 0.1]);
    expect(learningRateAt(0.25, 7)).toBe(0.25);
  });

  it('step decay: initial * factor^floor(t / every) (the book StepLR)', () => {
    const schedule = stepDecay(0.1, 0.5, 10);
    expect([0, 9, 10, 19, 20, 25].map((t) => learningRateAt(schedule, t))).toEqual([0.1, 0.1, 0.05, 0.05, 0.025, 0.025]);
  });

  it('exponential: initial * rate^(t / steps)', () => {
    const schedule = exponentialDecay(0.1, 0.5, 10);
    expect(learningRateAt(schedule, 0)).toBe(0.1);
    expect(learningRateAt(schedule, 10)).toBeCloseTo(0.05, 15);
    expect(learningRateAt(schedule, 5)).toBeCloseTo(0.1 * Math.SQRT1_2, 15);
    expect(learningRateAt(schedule, 30)).toBeCloseTo(0.0125, 15);
  });

  it('cosine: from initial to final over steps, then final', () => {
    const schedule = cosineDecay(0.1, 0.01, 100);
    expect(learningRateAt(schedule, 0)).toBeCloseTo(0.1, 15);
    expect(learningRateAt(schedule, 50)).toBeCloseTo(0.055, 15);
    expect(learningRateAt(schedule, 25)).toBeCloseTo(0.01 + 0.09 * 0.5 * (1 + Math.SQRT1_2), 15);
    expect(learningRateAt(schedule, 100)).toBeCloseTo(0.01, 15);
    expect(learningRateAt(schedule, 400)).toBeCloseTo(0.01, 15);
  });

  it('linear warm-up: (t + 1) / steps of the first value, then the inner schedule from its own t = 0', () => {
    const toConstant = linearWarmup(4, 0.2);
    [0.05, 0.1, 0.15, 0.2, 0.2, 0.2].forEach((want, k) => expect(learningRateAt(toConstant, [0, 1, 2, 3, 4, 100][k])).toBeCloseTo(want, 15));
    const toCosine = linearWarmup(2, cosineDecay(0.1, 0, 10));
    expect(learningRateAt(toCosine, 0)).toBeCloseTo(0.05, 15);
    expect(learningRateAt(toCosine, 1)).toBeCloseTo(0.1, 15);
    expect(learningRateAt(toCosine, 2)).toBeCloseTo(0.1, 15);
    expect(learningRateAt(toCosine, 7)).toBeCloseTo(0.05, 15);
    expect(learningRateAt(toCosine, 12)).toBeCloseTo(0, 15);
  });

  it('are plain data that survive JSON', () => {
    const schedule = linearWarmup(3, stepDecay(0.2, 0.1, 5));
    const copy = checkLearningRate(JSON.parse(JSON.stringify(schedule)));
    for (const t of [0, 2, 3, 8, 9, 40]) expect(learningRateAt(copy, t)).toBe(learningRateAt(schedule, t));
  });

  it('refuse bad configs with one message naming the field', () => {
    const bad: [unknown, string][] = [
      [-0.1, 'learningRate must be a finite number >= 0, got -0.1'],
      [Number.POSITIVE_INFINITY, 'learningRate must be a finite number >= 0, got null'],
      ['fast', 'learningRate must be a number or a schedule object, got "fast"'],
      [{ kind: 'linear', value: 1 }, 'learningRate.kind must be one of constant, step, exponential, cosine, warmup, got "linear"'],
      [{ kind: 'constant', value: -1 }, 'learningRate.value must be a finite number >= 0, got -1'],
      [{ kind: 'constant', value: 1, every: 2 }, "learningRate: unknown field 'every' for a constant schedule (fields: value)"],
      [{ kind: 'step', initial: 0.1, factor: 0, every: 10 }, 'learningRate.factor must be in (0, 1], got 0'],
      [{ kind: 'step', initial: 0.1, factor: 0.5, every: 2.5 }, 'learningRate.every must be a positive integer, got 2.5'],
      [{ kind: 'exponential', initial: 0.1, rate: 1.5, steps: 10 }, 'learningRate.rate must be in (0, 1], got 1.5'],
      [{ kind: 'cosine', initial: 0.1, final: -0.01, steps: 10 }, 'learningRate.final must be a finite number >= 0, got -0.01'],
      [{ kind: 'cosine', initial: 0.1, final: 0, steps: 0 }, 'learningRate.steps must be a positive integer, got 0'],
      [{ kind: 'warmup', steps: 5, after: { kind: 'step', initial: 0.1, factor: 0.5 } }, 'learningRate.after.every must be a positive integer, got undefined'],
      [{ kind: 'warmup', steps: 5, after: -2 }, 'learningRate.after must be a finite number >= 0, got -2'],
    ];
    for (const [rate, message] of bad) expect(() => checkLearningRate(rate), JSON.stringify(rate)).toThrow(message);
    expect(() => stepDecay(0.1, 0.5, 0)).toThrow('learningRate.every must be a positive integer, got 0');
  });
});
