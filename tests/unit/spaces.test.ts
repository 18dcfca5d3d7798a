import { describe, expect, it } from 'vitest';
import { box, contains, discrete } from '../../environments/core/spaces';

describe('discrete', () => {
  it('holds the integers 0..n-1 and nothing else', () => {
    const space = discrete(4);
    for (const x of [0, 1, 2, 3]) expect(contains(space, x)).toBe(true);
    for (const x of [-1, 4, 1.5, NaN, Infinity, '1', null, undefined, [1]]) expect(contains(space, x)).toBe(false);
  });

  it('rejects sizes that are not positive integers', () => {
    expect(() => discrete(0)).toThrow('discrete space needs a positive integer size, got 0');
    expect(() => discrete(2.5)).toThrow('got 2.5');
    expect(() => discrete(NaN)).toThrow('got NaN');
  });
});

describe('box', () => {
  it('holds flat number arrays of the right size inside the bounds', () => {
    const space = box([2, 3], -1, 1);
    expect(contains(space, [0, 0, 0, 0, 0, 0])).toBe(true);
    expect(contains(space, new Float32Array([1, -1, 0.5, 0, 0, 0]))).toBe(true);
    expect(contains(space, new Float64Array(6))).toBe(true);
    expect(contains(space, [0, 0, 0, 0, 0])).toBe(false);
    expect(contains(space, [0, 0, 0, 0, 0, 2])).toBe(false);
    expect(contains(space, [0, 0, 0, 0, 0, NaN])).toBe(false);
    expect(contains(space, new Int32Array(6))).toBe(false);
    expect(contains(space, 0)).toBe(false);
  });

  it('copies its shape and validates shape and bounds', () => {
    const shape = [2, 2];
    const space = box(shape, 0, 1);
    shape[0] = 9;
    expect(space.shape).toEqual([2, 2]);
    expect(() => box([2, 0], 0, 1)).toThrow('box shape must be positive integers, got [2, 0]');
    expect(() => box([2], 1, 0)).toThrow('box needs low <= high, got 1 > 0');
    expect(() => box([2], NaN, 0)).toThrow();
  });

  it('allows unbounded boxes', () => {
    const space = box([1], -Infinity, Infinity);
    expect(contains(space, [1e300])).toBe(true);
  });
});
