/** The visual kit's colour maps and scales, and the heatmap's pixels (src/lib/ui/viz/colormaps.ts). */
import { describe, expect, it } from 'vitest';
import { colorScale, gradientStops, heatmapPixels, rgbCss, sampleColorMap, textColorOn, valueAt } from '../../src/lib/ui/viz/colormaps';

describe('colour maps', () => {
  it('run from their first stop to their last, clamped, and interpolate between', () => {
    expect(sampleColorMap('viridis', 0)).toEqual([0x44, 0x01, 0x54]);
    expect(sampleColorMap('viridis', 1)).toEqual([0xfd, 0xe7, 0x25]);
    expect(sampleColorMap('viridis', 2)).toEqual(sampleColorMap('viridis', 1));
    expect(sampleColorMap('viridis', Number.NaN)).toEqual(sampleColorMap('viridis', 0));
    // The diverging map's middle is near-white.
    expect(sampleColorMap('diverging', 0.5)).toEqual([0xf7, 0xf7, 0xf7]);
    // Halfway between the first two stops of 'ice'.
    const [a, b] = [sampleColorMap('ice', 0), sampleColorMap('ice', 1 / 8)];
    expect(sampleColorMap('ice', 1 / 16)).toEqual(a.map((v, i) => Math.round((v + b[i]) / 2)));
    expect(rgbCss([1, 2, 3])).toBe('rgb(1, 2, 3)');
    expect(gradientStops('viridis', 3).map((s) => s.offset)).toEqual([0, 0.5, 1]);
  });

  it('viridis gets lighter monotonically (readable in greyscale)', () => {
    const luminance = ([r, g, b]: readonly number[]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let last = -1;
    for (let t = 0; t <= 1; t += 0.05) {
      const l = luminance(sampleColorMap('viridis', t));
      expect(l).toBeGreaterThan(last);
      last = l;
    }
  });

  it('picks dark text on light cells and light text on dark ones', () => {
    expect(textColorOn([255, 255, 255])).toBe('#17232f');
    expect(textColorOn([0x44, 0x01, 0x54])).toBe('#ffffff');
  });
});

describe('colour scales', () => {
  it('linear, log and symmetric scales place values on the map', () => {
    const linear = colorScale('viridis', [0, 10]);
    expect(linear.position(5)).toBe(0.5);
    expect(linear.position(-3)).toBe(0);
    const log = colorScale('viridis', [0.1, 1000], 'log');
    expect(log.position(10)).toBeCloseTo(0.5, 12);
    expect(valueAt(log, 0.25)).toBeCloseTo(1, 12);
    expect(log.position(0)).toBe(0);
    const symmetric = colorScale('diverging', [-0.2, 3], 'symmetric');
    expect(symmetric.domain).toEqual([-3, 3]);
    expect(symmetric.position(0)).toBe(0.5);
    expect(() => colorScale('viridis', [0, 1], 'log')).toThrow('positive domain');
    expect(() => colorScale('viridis', [0, Number.NaN])).toThrow('must be finite');
    // A flat domain still maps (everything to the first colour).
    expect(colorScale('viridis', [2, 2]).position(2)).toBe(0);
  });

  it('heatmap pixels put the grid’s top row first and leave non-finite cells transparent', () => {
    const scale = colorScale('viridis', [0, 3]);
    // Grid rows from the bottom: row 0 = [0, 1], row 1 = [2, NaN].
    const pixels = heatmapPixels([0, 1, 2, Number.NaN], 2, 2, scale);
    expect(Array.from(pixels.slice(0, 4))).toEqual([...scale.color(2), 255]);
    expect(Array.from(pixels.slice(4, 8))).toEqual([0, 0, 0, 0]);
    expect(Array.from(pixels.slice(8, 12))).toEqual([...scale.color(0), 255]);
    expect(() => heatmapPixels([1, 2, 3], 2, 2, scale)).toThrow('do not fill a 2 x 2 grid');
  });
});
