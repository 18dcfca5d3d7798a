/**
 * Train and test curves from the worker's metrics (agents/runner/metrics.ts SeriesSet) as
 * LineChart series: each requested key that has data becomes one curve, and the x label says
 * when points average several steps (the log decimates long runs).
 */
import type { SeriesSet } from '../../../../agents/runner/metrics';
import type { ChartSeries } from '../chart/series';

export interface CurveSpec {
  /** The metric's key ('losses/train', 'charts/test_error', ...). */
  readonly key: string;
  readonly label: string;
  readonly color?: string;
}

export function curveSeries(series: SeriesSet, curves: readonly CurveSpec[]): ChartSeries[] {
  return curves.flatMap((c) => {
    const s = series[c.key];
    return s && s.x.length > 0 ? [{ label: c.label, x: s.x, y: s.y, ...(c.color ? { color: c.color } : {}) }] : [];
  });
}

/** "step", or "step (each point averages 4)" once the log has merged points. */
export function curveXLabel(series: SeriesSet, curves: readonly CurveSpec[], unit = 'step'): string {
  const bucket = Math.max(1, ...curves.map((c) => series[c.key]?.bucket ?? 1));
  return bucket > 1 ? `${unit} (each point averages ${bucket})` : unit;
}
