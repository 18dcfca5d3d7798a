/**
 * The MNIST-1D generator (supervised/data/mnist1d.ts) against its recipe (book-chapters.md,
 * Appendix B and chapter 8): defaults and validation, the templates, each pipeline step on a
 * traced sequence, and the statistics of the default dataset.
 *
 * Reference statistics marked "numpy recipe" were measured once on a numpy/scipy run of the
 * published recipe (seed 42, scratch script, not shipped): raw mean -0.0055, raw std 0.1547,
 * nearest-template accuracy 0.592 on the 1,000 test sequences (0.59-0.63 over seeds 1-3). Floe's
 * generator draws different random numbers, so only statistics can match.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../environments/core/rng';
import {
  MNIST1D_DEFAULTS,
  RAW_MNIST1D_TEMPLATES,
  generateMnist1d,
  mnist1dTemplates,
  resampleLinear,
  resolveMnist1dOptions,
  traceMnist1dTransform,
  type Mnist1dDataset,
} from '../../supervised/data';

function meanAndStd(values: ArrayLike<number>): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - mean) ** 2;
  return { mean, std: Math.sqrt(squares / values.length) };
}

function rotateRight(values: ArrayLike<number>, shift: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[(i + shift) % values.length] = values[i];
  return out;
}

describe('MNIST-1D options', () => {
  it('default to the recipe', () => {
    expect(MNIST1D_DEFAULTS).toEqual({
      numSamples: 5000, trainSplit: 0.8, templateLength: 12, padding: [36, 60], scaleCoeff: 0.4, maxTranslation: 48,
      corrNoiseScale: 0.25, iidNoiseScale: 0.02, shearScale: 0.75, finalSeqLength: 40, seed: 42,
    });
    expect(resolveMnist1dOptions()).toEqual(MNIST1D_DEFAULTS);
    expect(Object.isFrozen(resolveMnist1dOptions({ seed: 3 }))).toBe(true);
  });

  it('reject bad values with one message naming the field', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ numSamples: 5005 }, 'mnist1d options: numSamples must be a multiple of 10 (each digit gets numSamples / 10), got 5005'],
      [{ numSamples: 0 }, 'mnist1d options: numSamples must be an integer in [10, 100000], got 0'],
      [{ trainSplit: 1 }, 'mnist1d options: trainSplit must be in (0, 1), got 1'],
      [{ numSamples: 10, trainSplit: 0.05 }, 'mnist1d options: trainSplit must leave at least one training and one test sequence, got 0.05 of 10 (0 train)'],
      [{ padding: [60, 36] }, 'mnist1d options: padding must be [min, max] with integers 0 <= min <= max <= 1000, got [60, 36]'],
      [{ padding: [36.5, 60] }, 'mnist1d options: padding must be [min, max] with integers 0 <= min <= max <= 1000, got [36.5, 60]'],
      [{ padding: 48 }, 'mnist1d options: padding must be [min, max] with integers 0 <= min <= max <= 1000, got 48'],
      [{ scaleCoeff: 2 }, 'mnist1d options: scaleCoeff must be in [0, 2), got 2'],
      [{ maxTranslation: 73 }, 'mnist1d options: maxTranslation must be at most the working length templateLength + padding[1] = 72, got 73'],
      [{ maxTranslation: 0 }, 'mnist1d options: maxTranslation must be an integer in [1, 2000], got 0'],
      [{ corrNoiseScale: -0.1 }, 'mnist1d options: corrNoiseScale must be in [0, 100], got -0.1'],
      [{ iidNoiseScale: Number.NaN }, 'mnist1d options: iidNoiseScale must be a finite number, got NaN'],
      [{ finalSeqLength: 40.5 }, 'mnist1d options: finalSeqLength must be an integer, got 40.5'],
      [{ seed: '42' }, "mnist1d options: seed must be a finite number, got '42'"],
      [{ sigma: 2 }, "mnist1d options: unknown option 'sigma'; options are numSamples, trainSplit, templateLength, padding, scaleCoeff, maxTranslation, corrNoiseScale, iidNoiseScale, shearScale, finalSeqLength, seed"],
    ];
    for (const [overrides, message] of cases) expect(() => generateMnist1d(overrides as never)).toThrow(message);
  });
});

describe('MNIST-1D templates', () => {
  it('are the ten published digits; d0 is the one the reference writes out', () => {
    expect(RAW_MNIST1D_TEMPLATES).toHaveLength(10);
    expect(RAW_MNIST1D_TEMPLATES[0]).toEqual([5, 6, 6.5, 6.75, 7, 7, 7, 7, 6.75, 6.5, 6, 5]);
    for (const raw of RAW_MNIST1D_TEMPLATES) {
      expect(raw).toHaveLength(12);
      expect(raw[0]).toBe(5);
      expect(raw[11]).toBe(5);
    }
    const distinct = new Set(RAW_MNIST1D_TEMPLATES.map((raw) => raw.join(',')));
    expect(distinct.size).toBe(10);
  });

  it('are standardised per template, shifted to start and end at 0, and divided by 6', () => {
    const templates = mnist1dTemplates();
    templates.forEach((t, digit) => {
      expect(t[0]).toBe(0);
      expect(t[11]).toBe(0);
      // The shift leaves the spread alone: std is (1 / 6) for every digit.
      expect(meanAndStd(t).std).toBeCloseTo(1 / 6, 14);
      // Standardising then shifting: t = ((raw - mean) / std - (raw0 - mean) / std) / 6 = (raw - raw0) / (6 std).
      const raw = RAW_MNIST1D_TEMPLATES[digit];
      const rawStd = meanAndStd(raw).std;
      t.forEach((v, i) => expect(v).toBeCloseTo((raw[i] - raw[0]) / (6 * rawStd), 14));
    });
    // d0 by hand: mean 76.5 / 12 = 6.375, squared deviations sum to 5.9375, so std = sqrt(5.9375 / 12)
    // = 0.70341; its peak (7) sits at (7 - 5) / (6 * 0.70341) = 0.47388.
    expect(templates[0][4]).toBeCloseTo(2 / (6 * Math.sqrt(5.9375 / 12)), 14);
    expect(templates[0][4]).toBeCloseTo(0.47388, 5);
  });
});

describe('one traced MNIST-1D sequence', () => {
  it('goes through the steps in order: pad, resample to 72, scale, rotate, resample to 40', () => {
    // Noise and shear off and scale fixed, so each stage is an exact function of the last.
    const quiet = { corrNoiseScale: 0, iidNoiseScale: 0, shearScale: 0, scaleCoeff: 0 };
    const { stages, draws } = traceMnist1dTransform(3, createRng('trace'), quiet);
    const template = mnist1dTemplates()[3];
    expect(stages.padded).toHaveLength(12 + draws.padding);
    expect(Array.from(stages.padded.subarray(0, 12))).toEqual(Array.from(template));
    expect(stages.padded.subarray(12).every((v) => v === 0)).toBe(true);
    expect(Array.from(stages.resampled)).toEqual(Array.from(resampleLinear(stages.padded, 72)));
    expect(draws.scale).toBe(1);
    expect(Math.abs(draws.shear)).toBe(0); // shearScale 0 times a negative draw is -0
    const expected = resampleLinear(rotateRight(stages.resampled, draws.translation), 40);
    expect(Array.from(stages.final)).toEqual(Array.from(expected));
  });

  it('puts smoothed noise exactly on the padding, and leaves the digit (even where it is 0) alone', () => {
    const { stages, draws } = traceMnist1dTransform(3, createRng('noise'), { iidNoiseScale: 0, shearScale: 0 });
    // Digit samples: resampled from at least one template point; d3 touches 0 at points 5 and 6.
    const onDigit = resampleLinear(Float64Array.from({ length: 12 + draws.padding }, (_, i) => (i < 12 ? 1 : 0)), 72);
    const background = rotateRight(onDigit.map((w) => (w === 0 ? 1 : 0)), draws.translation);
    expect(Array.from(stages.background)).toEqual(Array.from(background));
    const inside = Math.round(((5.5 / 11) * 71 * 11) / (11 + draws.padding)); // near template point 5.5, before rotation
    const insideIndex = (inside + draws.translation) % 72;
    expect(stages.translated[insideIndex]).toBe(0);
    expect(stages.background[insideIndex]).toBe(0);
    for (let i = 0; i < 72; i++) {
      expect(stages.withCorrelatedNoise[i]).toBe(stages.background[i] === 1 ? stages.correlatedNoise[i] : stages.translated[i]);
    }
    // The digit covers the samples drawn from padded positions below 12 (point 11 and the blend into the padding).
    const digitSamples = 72 - stages.background.reduce((s, v) => s + v, 0);
    expect(digitSamples).toBe(Math.ceil((12 * 71) / (11 + draws.padding)));
  });

  it('adds iid noise of scale 0.02 and subtracts the shear ramp c linspace(-0.5, 0.5)', () => {
    const rng = createRng('iid');
    const residuals: number[] = [];
    for (let t = 0; t < 200; t++) {
      const { stages, draws } = traceMnist1dTransform(t % 10, rng);
      for (let i = 0; i < 72; i++) residuals.push(stages.withIidNoise[i] - stages.withCorrelatedNoise[i]);
      for (let i = 0; i < 72; i++) expect(stages.sheared[i]).toBeCloseTo(stages.withIidNoise[i] - draws.shear * (-0.5 + i / 71), 14);
      expect(Array.from(stages.final)).toEqual(Array.from(resampleLinear(stages.sheared, 40)));
    }
    expect(meanAndStd(residuals).std).toBeGreaterThan(0.019);
    expect(meanAndStd(residuals).std).toBeLessThan(0.021);
  });

  it('rejects a digit outside 0-9', () => {
    expect(() => traceMnist1dTransform(10, createRng(1))).toThrow('mnist1d: digit must be an integer in [0, 9], got 10');
  });
});

describe('the default MNIST-1D dataset', () => {
  let data: Mnist1dDataset;
  beforeAll(() => {
    data = generateMnist1d();
  });

  it('has chapter 8\'s sizes: 4,000 train and 1,000 test sequences of 40 samples', () => {
    expect(data.sequenceLength).toBe(40);
    expect(data.classes).toBe(10);
    expect(data.train.count).toBe(4000);
    expect(data.test.count).toBe(1000);
    expect(data.train.inputs).toBeInstanceOf(Float32Array);
    expect(data.train.inputs).toHaveLength(4000 * 40);
    expect(data.test.inputs).toHaveLength(1000 * 40);
    expect(data.train.labels).toHaveLength(4000);
    expect(data.templates).toHaveLength(10);
  });

  it('is balanced: 500 of each digit, about 400 of each in training', () => {
    const all = new Array(10).fill(0);
    const train = new Array(10).fill(0);
    for (const label of data.train.labels) { all[label] += 1; train[label] += 1; }
    for (const label of data.test.labels) all[label] += 1;
    expect(all).toEqual(new Array(10).fill(500));
    for (const count of train) {
      expect(count).toBeGreaterThan(360);
      expect(count).toBeLessThan(440);
    }
    // Shuffled: the first 100 training rows are not one digit.
    expect(new Set(data.train.labels.subarray(0, 100)).size).toBe(10);
  });

  it('is standardised over the whole set: mean 0, std 1', () => {
    const everything = new Float64Array(5000 * 40);
    everything.set(data.train.inputs);
    everything.set(data.test.inputs, 4000 * 40);
    const { mean, std } = meanAndStd(everything);
    expect(Math.abs(mean)).toBeLessThan(1e-6);
    expect(Math.abs(std - 1)).toBeLessThan(1e-6);
    // Globally, not per split: each split is only close to 0 and 1.
    expect(Math.abs(meanAndStd(data.test.inputs).mean)).toBeLessThan(0.05);
  });

  it('matches the recipe\'s raw scale: the numpy recipe gives mean -0.0055, std 0.1547', () => {
    expect(data.standardisation.mean).toBeGreaterThan(-0.008);
    expect(data.standardisation.mean).toBeLessThan(-0.003);
    expect(data.standardisation.std).toBeGreaterThan(0.15);
    expect(data.standardisation.std).toBeLessThan(0.16);
  });

  it('matches the numpy recipe\'s mean |x| per digit to 0.025 (0 and 6, the long bumps, stand out)', () => {
    const numpyRecipe = [0.9245, 0.6727, 0.668, 0.7955, 0.6583, 0.6612, 0.9045, 0.6806, 0.7735, 0.6769];
    const sums = new Array(10).fill(0);
    const counts = new Array(10).fill(0);
    for (const split of [data.train, data.test]) {
      for (let r = 0; r < split.count; r++) {
        for (let t = 0; t < 40; t++) sums[split.labels[r]] += Math.abs(split.inputs[r * 40 + t]);
        counts[split.labels[r]] += 40;
      }
    }
    sums.forEach((sum, digit) => expect(Math.abs(sum / counts[digit] - numpyRecipe[digit])).toBeLessThan(0.025));
  });

  it('keeps every transform in the recipe\'s ranges, and uses the ranges', () => {
    for (const split of [data.train, data.test]) {
      for (let r = 0; r < split.count; r++) {
        expect(Number.isInteger(split.padding[r]) && split.padding[r] >= 36 && split.padding[r] <= 60).toBe(true);
        expect(Number.isInteger(split.translation[r]) && split.translation[r] >= 0 && split.translation[r] < 48).toBe(true);
        expect(split.scale[r] >= 0.8 && split.scale[r] < 1.2).toBe(true);
        expect(split.shear[r] >= -0.375 && split.shear[r] < 0.375).toBe(true);
      }
    }
    const { padding, translation, scale, shear } = data.train;
    expect(Math.min(...padding)).toBe(36);
    expect(Math.max(...padding)).toBe(60);
    expect(Math.min(...translation)).toBe(0);
    expect(Math.max(...translation)).toBe(47);
    expect(Math.min(...scale)).toBeLessThan(0.801);
    expect(Math.max(...scale)).toBeGreaterThan(1.199);
    expect(Math.min(...shear)).toBeLessThan(-0.37);
    expect(Math.max(...shear)).toBeGreaterThan(0.37);
  });

  it('is the same for the same seed, bit for bit, and different for another seed', () => {
    const again = generateMnist1d();
    expect(Buffer.from(again.train.inputs.buffer).equals(Buffer.from(data.train.inputs.buffer))).toBe(true);
    expect(Buffer.from(again.test.inputs.buffer).equals(Buffer.from(data.test.inputs.buffer))).toBe(true);
    expect(Array.from(again.train.labels)).toEqual(Array.from(data.train.labels));
    expect(Array.from(again.train.translation)).toEqual(Array.from(data.train.translation));
    const other = generateMnist1d({ seed: 43 });
    expect(Buffer.from(other.train.inputs.buffer).equals(Buffer.from(data.train.inputs.buffer))).toBe(false);
    expect(Array.from(other.train.labels)).not.toEqual(Array.from(data.train.labels));
  });

  it('is separable above chance by nearest-template correlation: 0.595 on the test set (numpy recipe: 0.592)', () => {
    // Each digit's template, padded by 36..60 zeros and resampled to 72 then 40 as the pipeline
    // does, at every circular shift; a sequence gets the digit of its best Pearson correlation.
    const references: { digit: number; centred: Float64Array; norm: number }[] = [];
    mnist1dTemplates().forEach((template, digit) => {
      for (const pad of [36, 42, 48, 54, 60]) {
        const padded = new Float64Array(12 + pad);
        padded.set(template);
        const shape = resampleLinear(resampleLinear(padded, 72), 40);
        for (let shift = 0; shift < 40; shift++) {
          const shifted = rotateRight(shape, shift);
          const { mean, std } = meanAndStd(shifted);
          references.push({ digit, centred: shifted.map((v) => v - mean), norm: std });
        }
      }
    });
    let correct = 0;
    for (let r = 0; r < data.test.count; r++) {
      const sequence = data.test.inputs.subarray(r * 40, (r + 1) * 40);
      const { mean, std } = meanAndStd(sequence);
      let best = -Infinity;
      let guess = -1;
      for (const reference of references) {
        let dot = 0;
        for (let t = 0; t < 40; t++) dot += (sequence[t] - mean) * reference.centred[t];
        const correlation = dot / (40 * std * reference.norm);
        if (correlation > best) { best = correlation; guess = reference.digit; }
      }
      if (guess === data.test.labels[r]) correct += 1;
    }
    const accuracy = correct / data.test.count;
    expect(accuracy).toBeGreaterThan(0.5);
    expect(accuracy).toBeLessThan(0.7);
  });
});

describe('MNIST-1D with options', () => {
  it('follows numSamples, trainSplit and finalSeqLength', () => {
    const small = generateMnist1d({ numSamples: 100, trainSplit: 0.7, finalSeqLength: 20, seed: 5 });
    expect(small.train.count).toBe(70);
    expect(small.test.count).toBe(30);
    expect(small.train.inputs).toHaveLength(70 * 20);
    expect(small.sequenceLength).toBe(20);
    expect(small.options.padding).toEqual([36, 60]);
  });

  it('leaves the other transforms alone when a noise scale changes (the draws keep their order)', () => {
    const noisy = generateMnist1d({ numSamples: 200, seed: 9 });
    const quiet = generateMnist1d({ numSamples: 200, seed: 9, corrNoiseScale: 0, iidNoiseScale: 0 });
    expect(Array.from(quiet.train.translation)).toEqual(Array.from(noisy.train.translation));
    expect(Array.from(quiet.train.scale)).toEqual(Array.from(noisy.train.scale));
    expect(Array.from(quiet.train.labels)).toEqual(Array.from(noisy.train.labels));
  });
});
