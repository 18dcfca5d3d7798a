/**
 * The signal helpers behind MNIST-1D (supervised/data): the Gaussian filter, linear resampling,
 * normal draws and the seeded shuffle, against values worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../environments/core/rng';
import { fillNormal, gaussianFilter1d, gaussianKernel, randomPermutation, reflectIndex, resampleLinear } from '../../supervised/data';

describe('gaussianKernel', () => {
  it('has radius floor(4 sigma + 0.5): 17 taps at sigma 2, the MNIST-1D noise filter', () => {
    expect(gaussianKernel(2)).toHaveLength(17);
    expect(gaussianKernel(0.5)).toHaveLength(5);
    expect(gaussianKernel(1, 1)).toHaveLength(3);
  });

  it('is exp(-k^2 / 2 sigma^2) normalised to sum 1', () => {
    // sigma 1, truncate 1: weights e^-1/2, 1, e^-1/2 over 1 + 2 e^-1/2.
    const side = Math.exp(-0.5) / (1 + 2 * Math.exp(-0.5));
    const kernel = gaussianKernel(1, 1);
    expect(kernel[0]).toBeCloseTo(side, 15);
    expect(kernel[1]).toBeCloseTo(1 / (1 + 2 * Math.exp(-0.5)), 15);
    expect(kernel[2]).toBeCloseTo(side, 15);
    const wide = gaussianKernel(2);
    expect(wide.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 14);
    expect(wide[8] / wide[9]).toBeCloseTo(Math.exp(1 / 8), 12); // offsets 0 and 1 at sigma 2
  });

  it('rejects a sigma or truncate that is not a positive number', () => {
    expect(() => gaussianKernel(0)).toThrow('gaussian filter: sigma must be a finite number > 0, got 0');
    expect(() => gaussianKernel(Number.NaN)).toThrow('gaussian filter: sigma must be a finite number > 0, got NaN');
    expect(() => gaussianKernel(2, -1)).toThrow('gaussian filter: truncate must be a finite number > 0, got -1');
  });
});

describe('reflectIndex', () => {
  it('mirrors about the edges, repeating the edge sample (d c b a | a b c d | d c b a)', () => {
    const indices = [-6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7];
    expect(indices.map((i) => reflectIndex(i, 3))).toEqual([0, 1, 2, 2, 1, 0, 0, 1, 2, 2, 1, 0, 0, 1]);
    expect(reflectIndex(-3, 1)).toBe(0);
  });
});

describe('gaussianFilter1d', () => {
  it('smooths [1, 2, 3] (sigma 1, truncate 1) to [1 + w, 2, 3 - w], w = e^-1/2 / (1 + 2 e^-1/2)', () => {
    // Ends reflect: the left sum is w*1 + (1 - 2w)*1 + w*2 = 1 + w. scipy gives 1.2740686190611972.
    const w = Math.exp(-0.5) / (1 + 2 * Math.exp(-0.5));
    const out = gaussianFilter1d([1, 2, 3], 1, 1);
    expect(out[0]).toBeCloseTo(1 + w, 15);
    expect(out[0]).toBeCloseTo(1.2740686190611972, 15);
    expect(out[1]).toBeCloseTo(2, 15);
    expect(out[2]).toBeCloseTo(3 - w, 15);
  });

  it('turns an impulse far from the edges into the kernel itself', () => {
    const impulse = new Float64Array(41);
    impulse[20] = 1;
    const out = gaussianFilter1d(impulse, 2);
    const kernel = gaussianKernel(2);
    for (let k = -8; k <= 8; k++) expect(out[20 + k]).toBeCloseTo(kernel[k + 8], 15);
    expect(out[11]).toBe(0);
    expect(out[29]).toBe(0);
  });

  it('keeps a constant signal constant, even when the kernel is wider than the signal', () => {
    for (const value of gaussianFilter1d([0.7, 0.7, 0.7, 0.7, 0.7], 3)) expect(value).toBeCloseTo(0.7, 14);
  });

  it('shrinks white noise by the kernel\'s norm: var out = sum w^2 (about 0.141 at sigma 2)', () => {
    const rng = createRng('filter-variance');
    const noise = fillNormal(rng, new Float64Array(200_000));
    const out = gaussianFilter1d(noise, 2);
    const expected = gaussianKernel(2).reduce((s, w) => s + w * w, 0);
    expect(expected).toBeCloseTo(1 / (2 * Math.sqrt(Math.PI) * 2), 3);
    const variance = out.reduce((s, v) => s + v * v, 0) / out.length;
    expect(Math.abs(variance - expected) / expected).toBeLessThan(0.03);
  });
});

describe('resampleLinear', () => {
  it('puts first on first and last on last, blending linearly between', () => {
    expect(Array.from(resampleLinear([0, 10], 5))).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(Array.from(resampleLinear([1, 2, 4], 5))).toEqual([1, 1.5, 2, 3, 4]);
    expect(Array.from(resampleLinear([0, 4, 8, 12], 3))).toEqual([0, 6, 12]);
    expect(Array.from(resampleLinear([0, 3, 6, 9], 2))).toEqual([0, 9]);
  });

  it('keeps zeros exactly zero between zeros (the padding mask relies on it)', () => {
    const out = resampleLinear([1e-9, 0, 0, 0], 7);
    expect(out[0]).toBe(1e-9);
    expect(out[1]).toBeGreaterThan(0);
    expect(Array.from(out.subarray(2))).toEqual([0, 0, 0, 0, 0]);
  });

  it('handles one sample in or out', () => {
    expect(Array.from(resampleLinear([5], 3))).toEqual([5, 5, 5]);
    expect(Array.from(resampleLinear([5, 6, 7], 1))).toEqual([5]);
  });

  it('rejects an empty signal or a bad length', () => {
    expect(() => resampleLinear([], 3)).toThrow('resample: the signal must have at least 1 sample, got 0');
    expect(() => resampleLinear([1, 2], 0)).toThrow('resample: length must be an integer >= 1, got 0');
    expect(() => resampleLinear([1, 2], 2.5)).toThrow('resample: length must be an integer >= 1, got 2.5');
  });
});

describe('fillNormal', () => {
  it('draws standard normals times the scale: mean 0, variance scale^2', () => {
    const draws = fillNormal(createRng('normal'), new Float64Array(100_001), 0.5);
    const mean = draws.reduce((s, v) => s + v, 0) / draws.length;
    const variance = draws.reduce((s, v) => s + (v - mean) ** 2, 0) / draws.length;
    expect(Math.abs(mean)).toBeLessThan(0.006);
    expect(Math.abs(variance - 0.25)).toBeLessThan(0.005);
    const beyondTwoSigma = draws.filter((v) => Math.abs(v) > 1).length / draws.length;
    expect(beyondTwoSigma).toBeGreaterThan(0.04);
    expect(beyondTwoSigma).toBeLessThan(0.052); // 4.55% for a normal
  });

  it('gives the same numbers for the same seed, others for another', () => {
    const a = fillNormal(createRng(7), new Float64Array(9));
    const b = fillNormal(createRng(7), new Float64Array(9));
    const c = fillNormal(createRng(8), new Float64Array(9));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    expect(a.every((v) => Number.isFinite(v) && v !== 0)).toBe(true);
  });
});

describe('randomPermutation', () => {
  it('is a permutation, the same for the same seed', () => {
    const p = randomPermutation(createRng(1), 50);
    expect(Array.from(p).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(Array.from(randomPermutation(createRng(1), 50))).toEqual(Array.from(p));
    expect(Array.from(randomPermutation(createRng(2), 50))).not.toEqual(Array.from(p));
  });

  it('puts every element first about equally often', () => {
    const rng = createRng('shuffle-uniform');
    const firsts = [0, 0, 0, 0];
    for (let t = 0; t < 8000; t++) firsts[randomPermutation(rng, 4)[0]] += 1;
    for (const count of firsts) expect(Math.abs(count - 2000)).toBeLessThan(150);
  });
});
