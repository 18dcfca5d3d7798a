/**
 * What the MNIST-1D training monitor shows from the worker's log (section 8.1, fig. 8.2): the four
 * curves against the optimiser step, and the three landmarks the book reports: the step where the
 * training error first reaches zero, the lowest test loss and its step, and the final test error.
 * Pure: tested in Node.
 */
import type { SeriesSet } from '../../../agents/runner/metrics';
import type { ChartSeries } from '../../lib/ui/chart/series';
import { againstSteps } from './run-configs';

export interface CurveChoice {
  readonly key: string;
  readonly label: string;
  /** A colour the chart's canvas can use (not a CSS variable); the theme's palette by default. */
  readonly color?: string;
  /** Multiply y (100 for errors shown in percent). */
  readonly scale?: number;
}

/** The chosen metrics as chart series against the step (measured every `every` steps from step 0). */
export function stepSeries(series: SeriesSet, curves: readonly CurveChoice[], every: number): ChartSeries[] {
  return curves.flatMap((c) => {
    const s = againstSteps(series[c.key], every);
    return s ? [{ label: c.label, ...(c.color ? { color: c.color } : {}), x: s.x, y: c.scale ? s.y.map((v) => v * c.scale!) : s.y }] : [];
  });
}

export interface MonitorLandmarks {
  /** The first step whose training error is 0 (null while it is above). */
  readonly trainErrorZeroAt: number | null;
  /** The lowest test loss so far and where it was. */
  readonly testLossMin: { readonly step: number; readonly value: number } | null;
}

export function monitorLandmarks(series: SeriesSet, every: number): MonitorLandmarks {
  const trainError = againstSteps(series['charts/train_error'], every);
  const testLoss = againstSteps(series['losses/test_loss'], every);
  let trainErrorZeroAt: number | null = null;
  if (trainError) {
    const k = trainError.y.findIndex((v) => v === 0);
    trainErrorZeroAt = k < 0 ? null : trainError.x[k];
  }
  let testLossMin: MonitorLandmarks['testLossMin'] = null;
  if (testLoss) {
    testLoss.y.forEach((value, k) => {
      if (testLossMin === null || value < testLossMin.value) testLossMin = { step: testLoss.x[k], value };
    });
  }
  return { trainErrorZeroAt, testLossMin };
}

export function percent(fraction: number | null | undefined, digits = 1): string {
  return fraction === null || fraction === undefined ? '—' : `${(100 * fraction).toFixed(digits)}%`;
}
