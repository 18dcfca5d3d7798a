/**
 * The region-count formulas and parameter counts of sections 3.3 and 4.5 against every number the
 * book (and the chapter 3 notebook) gives.
 */
import { describe, expect, it } from 'vitest';
import { binomial, checkShape, deepMaxRegions, formatCount, log10Floor, log10MaxRegions, parameterCount, shallowMaxRegions } from '../../supervised/m1';

const shape = (inputs: number, width: number, layers: number, outputs = 1) => ({ inputs, width, layers, outputs });

describe('region counts and parameter counts', () => {
  it('fig. 4.7a: K = 5 layers of D = 10 units, one input: 471 parameters, 161,051 = 11^5 regions', () => {
    expect(parameterCount(shape(1, 10, 5))).toBe(471);
    expect(deepMaxRegions(1, 10, 5)).toBe(161_051n);
    expect(formatCount(deepMaxRegions(1, 10, 5)).text).toBe('161,051');
  });

  it('fig. 4.7b: D_i = 10, D = 50, K = 5: 10,801 parameters and more than 10^34 regions (eq. 4.17)', () => {
    expect(parameterCount(shape(10, 50, 5))).toBe(10_801);
    const regions = deepMaxRegions(10, 50, 5);
    expect(regions).toBe(6n ** 40n * 13_432_735_556n);
    expect(regions > 10n ** 34n).toBe(true);
    expect(formatCount(regions)).toEqual({ text: '1.80 × 10^41', mantissa: '1.80', exponent: 41 });
  });

  it('fig. 3.9: D = 500 hidden units on D_i = 100 inputs: 51,001 parameters, more than 10^107 regions', () => {
    expect(parameterCount(shape(100, 500, 1))).toBe(51_001);
    const regions = shallowMaxRegions(100, 500);
    expect(regions > 10n ** 107n).toBe(true);
    expect(log10Floor(regions)).toBe(107);
  });

  it('Zaslavsky’s sum: 7 for D_i = 2, D = 3; 16 for D = 5; the chapter 3 notebook’s checks', () => {
    expect(shallowMaxRegions(2, 3)).toBe(7n);
    expect(shallowMaxRegions(2, 5)).toBe(16n);
    expect(shallowMaxRegions(10, 50)).toBe(13_432_735_556n);
    expect(shallowMaxRegions(10, 8)).toBe(256n);
    expect(parameterCount(shape(10, 8, 1))).toBe(97);
    // One input: D joints make D + 1 regions.
    expect(shallowMaxRegions(1, 95)).toBe(96n);
  });

  it('Problem 4.11: shallow D = 95 and deep K = 10, D = 5 both have 286 parameters; 96 vs 6^10 regions', () => {
    expect(parameterCount(shape(1, 95, 1))).toBe(286);
    expect(parameterCount(shape(1, 5, 10))).toBe(286);
    expect(deepMaxRegions(1, 5, 10)).toBe(60_466_176n);
  });

  it('figs. 3.7 and 3.11: 13 and 20 parameters', () => {
    expect(parameterCount(shape(2, 3, 1))).toBe(13);
    expect(parameterCount(shape(3, 3, 1, 2))).toBe(20);
  });

  it('binomials are exact; bad shapes get one message naming the field', () => {
    expect(binomial(50, 25)).toBe(126_410_606_437_752n);
    expect(binomial(5, 7)).toBe(0n);
    expect(() => deepMaxRegions(3, 10, 2)).toThrow('10 is not a multiple of 3');
    expect(() => checkShape(shape(0, 10, 2))).toThrow('inputs must be a whole number from 1 to 10,000, got 0');
    expect(() => checkShape(shape(1, 10, 1.5))).toThrow('layers must be a whole number');
    expect(() => log10Floor(0n)).toThrow('positive');
    expect(formatCount(9_996_000_000_000n).text).toBe('1.00 × 10^13');
  });

  it('estimates the size first and refuses counts too long to compute exactly', () => {
    expect(log10MaxRegions(1, 10, 5)).toBeCloseTo(Math.log10(161_051), 10);
    expect(log10MaxRegions(100, 500, 1)).toBeCloseTo(Math.log10(Number(shallowMaxRegions(100, 500) / 10n ** 100n)) + 100, 6);
    expect(() => deepMaxRegions(10_000, 10_000, 1_000)).toThrow(/^about 10\^3,0\d\d,\d\d\d regions: too many digits/);
    // The largest shallow count the form allows is exact and quick: 2^10000.
    expect(deepMaxRegions(10_000, 10_000, 1)).toBe(2n ** 10_000n);
  });
});
