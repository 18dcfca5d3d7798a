/** The visual kit's scales, ticks and plot frame (src/lib/ui/viz/scales.ts, plot-layout.ts). */
import { describe, expect, it } from 'vitest';
import { clamp, decimalsFor, extent, formatTick, linearScale, niceTicks, padInterval, tickStep } from '../../src/lib/ui/viz/scales';
import { keyStep, plotFrame, pointerToData } from '../../src/lib/ui/viz/plot-layout';

describe('scales', () => {
  it('maps a domain onto a range and back, reversed ranges included', () => {
    const s = linearScale([0, 2], [100, 0]);
    expect(s(0)).toBe(100);
    expect(s(2)).toBe(0);
    expect(s(0.5)).toBe(75);
    expect(s.invert(75)).toBe(0.5);
    expect(() => linearScale([1, 1], [0, 10])).toThrow('two different finite numbers');
  });

  it('nice ticks are 1, 2 or 5 times a power of ten, exact, and inside the interval', () => {
    expect(tickStep(1, 5)).toBe(0.2);
    expect(tickStep(8, 5)).toBe(2);
    expect(tickStep(7, 5)).toBe(1);
    expect(tickStep(0.033, 5)).toBe(0.005);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-0.5, 2, 5)).toEqual([-0.5, 0, 0.5, 1, 1.5, 2]);
    expect(niceTicks(0.1, 0.7, 6)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(niceTicks(3, 3)).toEqual([3]);
    expect(niceTicks(Number.NaN, 1)).toEqual([]);
    for (const t of niceTicks(-3.14159, 3.14159, 7)) expect(Math.abs(t)).toBeLessThanOrEqual(3.14159);
  });

  it('formats ticks with the step’s decimals, a real minus and no -0', () => {
    expect(decimalsFor(0.25)).toBe(2);
    expect(decimalsFor(5)).toBe(0);
    expect(formatTick(-0.5, [-0.5, 0, 0.5])).toBe('−0.5');
    expect(formatTick(-0, [-1, 0, 1])).toBe('0');
    expect(formatTick(1, [0, 0.2])).toBe('1.0');
    expect(formatTick(2e6, [0, 1e6, 2e6])).toBe('2.0e+6');
  });

  it('extents skip non-finite values; padding widens; clamp clamps', () => {
    expect(extent([3, Number.NaN, -1], [Infinity, 7])).toEqual([-1, 7]);
    expect(extent([Number.NaN])).toBeNull();
    expect(padInterval([0, 10], 0.1)).toEqual([-1, 11]);
    expect(padInterval([2, 2])).toEqual([1, 3]);
    expect(clamp(5, 0, 1)).toBe(1);
  });
});

describe('plot frame', () => {
  it('fills the area inside the margins, y upwards, and turns pointer positions back into data', () => {
    const frame = plotFrame(460, 250, [0, 2], [-1, 1]);
    expect(frame.sx(0)).toBe(frame.margins.left);
    expect(frame.sx(2)).toBe(460 - frame.margins.right);
    expect(frame.sy(1)).toBe(frame.margins.top);
    expect(frame.sy(-1)).toBe(250 - frame.margins.bottom);
    expect(frame.xTicks[0]).toBe(0);
    const element = { getBoundingClientRect: () => ({ left: 10, top: 20, width: 460, height: 250 }) };
    const [x, y] = pointerToData(frame, element, 10 + frame.sx(1.5), 20 + frame.sy(0.25));
    expect(x).toBeCloseTo(1.5, 12);
    expect(y).toBeCloseTo(0.25, 12);
    // Outside the plot it clamps to the domain.
    expect(pointerToData(frame, element, -500, -500)).toEqual([0, 1]);
    expect(keyStep([0, 2], false)).toBe(0.02);
    expect(keyStep([0, 2], true)).toBeCloseTo(0.2, 12);
  });
});
