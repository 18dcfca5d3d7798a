/** The visual kit's grids, contour levels and marching-squares contour lines (src/lib/ui/viz/contours.ts). */
import { describe, expect, it } from 'vitest';
import { contourLevels, gridExtent, isolineSegments, nodeAt, sampleGrid } from '../../src/lib/ui/viz/contours';

describe('grids and levels', () => {
  it('samples f at the grid nodes, edges included', () => {
    const grid = sampleGrid((x, y) => x + 10 * y, [0, 1], [0, 2], 3, 5);
    expect(grid.values).toHaveLength(15);
    expect(grid.values[0]).toBe(0);
    expect(grid.values[2]).toBe(1);
    expect(grid.values[14]).toBe(21);
    expect(nodeAt([0, 2], 5, 2)).toBe(1);
    expect(gridExtent(grid)).toEqual([0, 21]);
    expect(() => sampleGrid(() => 0, [0, 1], [0, 1], 1, 5)).toThrow('integers >= 2');
  });

  it('places levels strictly inside the range, evenly or evenly in log', () => {
    expect(contourLevels(0, 10, 4)).toEqual([2, 4, 6, 8]);
    const log = contourLevels(0.1, 1000, 3, 'log');
    expect(log.map((v) => Number(v.toPrecision(6)))).toEqual([1, 10, 100]);
    expect(contourLevels(1, 1, 3)).toEqual([]);
    expect(() => contourLevels(0, 1, 3, 'log')).toThrow('positive minimum');
    expect(() => contourLevels(0, 1, 0)).toThrow('positive integer');
  });
});

describe('contour lines', () => {
  it('trace a circle: every segment end lies on it', () => {
    const grid = sampleGrid((x, y) => x * x + y * y, [-2, 2], [-2, 2], 41, 41);
    const segments = isolineSegments(grid, 1);
    expect(segments.length).toBeGreaterThan(4 * 40);
    for (let k = 0; k < segments.length; k += 2) {
      // Linear interpolation on a 0.1 grid: within a few thousandths of the unit circle.
      expect(Math.hypot(segments[k], segments[k + 1])).toBeCloseTo(1, 2);
    }
    // The total length is close to 2 pi.
    let length = 0;
    for (let k = 0; k < segments.length; k += 4) length += Math.hypot(segments[k + 2] - segments[k], segments[k + 3] - segments[k + 1]);
    expect(length).toBeCloseTo(2 * Math.PI, 1);
  });

  it('a plane gives one straight line; levels outside the range give none; NaN cells are skipped', () => {
    const plane = sampleGrid((x) => x, [0, 1], [0, 1], 11, 11);
    const line = isolineSegments(plane, 0.55);
    for (let k = 0; k < line.length; k += 2) expect(line[k]).toBeCloseTo(0.55, 12);
    expect(line.length / 4).toBe(10);
    expect(isolineSegments(plane, 2)).toEqual([]);
    const holed = sampleGrid((x, y) => (x > 0.5 && y > 0.5 ? Number.NaN : x), [0, 1], [0, 1], 11, 11);
    expect(isolineSegments(holed, 0.75).length / 4).toBe(5);
  });

  it('splits saddle cells by the centre value', () => {
    // Corners: bottom-left 1, bottom-right 0, top-right 1, top-left 0 (a saddle), centre 0.5.
    const saddle = { values: Float64Array.of(1, 0, 0, 1), nx: 2, ny: 2, x: [0, 1] as const, y: [0, 1] as const };
    expect(isolineSegments(saddle, 0.4)).toHaveLength(8); // centre above: the two below corners are cut off
    expect(isolineSegments(saddle, 0.6)).toHaveLength(8); // centre below: the two above corners are cut off
    const [p, q] = [isolineSegments(saddle, 0.4), isolineSegments(saddle, 0.6)];
    expect(p).not.toEqual(q);
  });
});
