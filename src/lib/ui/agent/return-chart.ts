/** The return-per-episode chart both training pages show, from the run's metrics. */
import type { SeriesSet } from '../../../../agents/runner/metrics';
import type { ChartSeries } from '../chart/series';

export interface ChartSpec {
  readonly series: ChartSeries[];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly title: string;
  readonly logY: boolean;
  /** Points in the moving average drawn over the series. */
  readonly window: number;
}

export function returnChart(series: SeriesSet, agentTitle: string): ChartSpec {
  const s = series['charts/episodic_return'];
  return {
    series: s ? [{ label: `${agentTitle} return`, x: s.x, y: s.y }] : [],
    xLabel: s && s.bucket > 1 ? `episode (each point averages ${s.bucket})` : 'episode',
    yLabel: 'return',
    title: 'Return per episode',
    logY: false,
    window: 25,
  };
}
