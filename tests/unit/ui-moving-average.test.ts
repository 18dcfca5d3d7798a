import { describe, expect, it } from 'vitest';
import {
  alignSeries,
  chartLayout,
  formatValue,
  movingAverage,
  unionX,
} from '../../src/lib/ui/chart/series';

/** The definition, written the slow way. */
function naive(values: readonly number[], window: number): number[] {
  return values.map((_, i) => {
    const inWindow = values.slice(Math.max(0, i - window + 1), i + 1).filter(Number.isFinite);
    return inWindow.length ? inWindow.reduce((a, b) => a + b, 0) / inWindow.length : Number.NaN;
  });
}

describe('movingAverage', () => {
  it('averages a trailing window, over the shorter prefix at the start', () => {
    expect(movingAverage([1, 2, 3, 4, 5], 3)).toEqual([1, 1.5, 2, 3, 4]);
  });

  it('returns a copy for window 1 and the running mean for a window longer than the data', () => {
    const v = [3, -1, 4];
    const out = movingAverage(v, 1);
    expect(out).toEqual(v);
    expect(out).not.toBe(v);
    expect(movingAverage(v, 10)).toEqual([3, 1, 2]);
  });

  it('handles empty input and accepts typed arrays', () => {
    expect(movingAverage([], 5)).toEqual([]);
    expect(movingAverage(new Float64Array([2, 4, 6]), 2)).toEqual([2, 3, 5]);
  });

  it('skips non-finite values and gives NaN for a window without finite values', () => {
    const out = movingAverage([1, Number.NaN, 3, Number.NaN, Number.NaN, Infinity, 8], 2);
    expect(out.slice(0, 4)).toEqual([1, 1, 3, 3]);
    expect(out[4]).toBeNaN();
    expect(out[5]).toBeNaN();
    expect(out[6]).toBe(8);
  });

  it('matches the definition on a long noisy series (no drift from the running sum)', () => {
    let seed = 12345;
    const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const values = Array.from({ length: 20_000 }, (_, i) => Math.sin(i / 50) * 1e3 + next() * 10);
    const fast = movingAverage(values, 37);
    const slow = naive(values, 37);
    for (let i = 0; i < values.length; i += 97) expect(fast[i]).toBeCloseTo(slow[i], 8);
    expect(fast[values.length - 1]).toBeCloseTo(slow[values.length - 1], 8);
  });

  it('rejects windows that are not positive integers, with a precise message', () => {
    expect(() => movingAverage([1], 0)).toThrow('Expected window to be a positive integer, but got 0');
    expect(() => movingAverage([1], 2.5)).toThrow(RangeError);
    expect(() => movingAverage([1], Number.NaN)).toThrow(RangeError);
  });
});

describe('chart alignment', () => {
  it('orders band edges, faint raw lines and bold lines', () => {
    const layout = chartLayout([{ band: { lo: [], hi: [] } }, {}], true);
    expect(layout.slots).toEqual([
      { band: { hi: 1, lo: 2 }, raw: 3, line: 5 },
      { band: null, raw: 4, line: 6 },
    ]);
    expect(layout.count).toBe(7);
  });

  it('merges series with different x onto the union, with nulls where a series has no point', () => {
    const [x, a, b] = alignSeries(
      [
        { label: 'a', x: [0, 2, 4], y: [1, 2, 3] },
        { label: 'b', x: [1, 2, 5], y: [10, Number.NaN, 30] },
      ],
      { window: 1, logY: false },
    );
    expect(x).toEqual([0, 1, 2, 4, 5]);
    expect(a).toEqual([1, null, 2, 3, null]);
    expect(b).toEqual([null, 10, null, null, 30]);
    expect(unionX([{ x: [1, 2] }, { x: [1, 2] }])).toEqual([1, 2]);
  });

  it('smooths the line and the band, keeps the raw values, and drops values <= 0 on a log axis', () => {
    const [x, hi, lo, raw, line] = alignSeries(
      [{ label: 'loss', x: [1, 2, 3], y: [4, 2, 0], band: { lo: [3, 1, -1], hi: [5, 3, 1] } }],
      { window: 2, logY: true },
    );
    expect(x).toEqual([1, 2, 3]);
    expect(raw).toEqual([4, 2, null]);
    expect(line).toEqual([4, 3, 1]);
    expect(hi).toEqual([5, 4, 2]);
    expect(lo).toEqual([3, 2, null]);
  });

  it('formats legend values compactly, never as -0', () => {
    expect(formatValue(-0)).toBe('0');
    expect(formatValue(1.23456)).toBe('1.235');
    expect(formatValue(-2.5)).toBe('−2.5');
    expect(formatValue(null)).toBe('–');
    expect(formatValue(1234567)).toBe('1.23e+6');
  });
});
