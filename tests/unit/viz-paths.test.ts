/** The visual kit's SVG paths and metric curves (src/lib/ui/viz/paths.ts, curves.ts). */
import { describe, expect, it } from 'vitest';
import { bandPath, clipLine, linePath, segmentsPath } from '../../src/lib/ui/viz/paths';
import { linearScale } from '../../src/lib/ui/viz/scales';
import { curveSeries, curveXLabel } from '../../src/lib/ui/viz/curves';
import { seriesColor } from '../../src/lib/ui/viz/types';

const sx = linearScale([0, 1], [0, 100]);
const sy = linearScale([0, 1], [100, 0]);

describe('paths', () => {
  it('lines break at non-finite points', () => {
    expect(linePath([0, 0.5, 1], [0, 0.5, 1], sx, sy)).toBe('M0 100L50 50L100 0');
    expect(linePath([0, 0.25, 0.5, 0.75], [0, Number.NaN, 0.5, 1], sx, sy)).toBe('M0 100M50 50L75 0');
    expect(linePath([], [], sx, sy)).toBe('');
  });

  it('bands close around each finite run', () => {
    expect(bandPath([0, 1], [0, 0], [1, 1], sx, sy)).toBe('M0 0L100 0L100 100L0 100Z');
    const split = bandPath([0, 0.25, 0.5, 0.75, 1], [0, 0, Number.NaN, 0, 0], [1, 1, 1, 1, 1], sx, sy);
    expect(split.split('Z').filter(Boolean)).toHaveLength(2);
  });

  it('segments become M..L pairs; lines clip to a box', () => {
    expect(segmentsPath([0, 0, 1, 1, 0.5, 0, 0.5, 1], sx, sy)).toBe('M0 100L100 0M50 100L50 0');
    // x2 = 0.5 + 0.25 x1, i.e. -0.5 - 0.25 x1 + x2 = 0, across [0, 2] x [0, 2].
    expect(clipLine([-0.5, -0.25, 1], [0, 2], [0, 2])).toEqual([0, 0.5, 2, 1]);
    expect(clipLine([-5, 1, 0], [0, 2], [0, 2])).toBeNull();
    expect(clipLine([-1, 1, 0], [0, 2], [0, 2])).toEqual([1, 0, 1, 2]);
  });
});

describe('metric curves', () => {
  it('takes the requested keys that have data, and says when points are averaged', () => {
    const series = {
      'losses/train': { x: [1, 2], y: [0.5, 0.4], bucket: 1, count: 2, last: 0.4 },
      'losses/test': { x: [2, 6], y: [0.6, 0.55], bucket: 4, count: 8, last: 0.55 },
      'losses/empty': { x: [], y: [], bucket: 1, count: 0, last: Number.NaN },
    };
    const curves = [
      { key: 'losses/train', label: 'train' },
      { key: 'losses/test', label: 'test', color: '#e08a00' },
      { key: 'losses/empty', label: 'nothing' },
      { key: 'losses/missing', label: 'missing' },
    ];
    expect(curveSeries(series, curves)).toEqual([
      { label: 'train', x: [1, 2], y: [0.5, 0.4] },
      { label: 'test', x: [2, 6], y: [0.6, 0.55], color: '#e08a00' },
    ]);
    expect(curveXLabel(series, curves)).toBe('step (each point averages 4)');
    expect(curveXLabel(series, curves.slice(0, 1), 'epoch')).toBe('epoch');
    expect(seriesColor(1)).toBe('var(--floe-series-1)');
    expect(seriesColor(7)).toBe('var(--floe-series-1)');
  });
});
