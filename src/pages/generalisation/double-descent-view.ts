/**
 * What the double-descent part draws from the sweep's snapshot (fig. 8.10): one test-error and one
 * training-error curve per label-noise level against the number of parameters, in percent, and
 * where the parameters equal the training examples. Pure: tested in Node.
 */
import type { DoubleDescentSnapshot } from '../../../supervised/mnist1d-models/double-descent-session';
import type { PlotCurve, PlotPoints } from '../../lib/ui/viz/types';

const NOISE_COLORS = ['var(--floe-series-1)', 'var(--floe-series-4)', 'var(--floe-series-3)', 'var(--floe-series-5)'];

export function noiseLabel(fraction: number): string {
  return `${Math.round(fraction * 100)}% label noise`;
}

/** Test error (solid) and training error (dashed) against #parameters (thousands), in percent. */
export function sweepCurves(snapshot: DoubleDescentSnapshot): { curves: PlotCurve[]; points: PlotPoints[] } {
  const curves: PlotCurve[] = [];
  const points: PlotPoints[] = [];
  snapshot.curves.forEach((curve, k) => {
    if (curve.points.length === 0) return;
    const color = NOISE_COLORS[k % NOISE_COLORS.length];
    const x = curve.points.map((p) => p.parameters / 1000);
    curves.push({ label: `test, ${noiseLabel(curve.labelNoise)}`, x, y: curve.points.map((p) => 100 * p.testError), color });
    curves.push({ label: `train, ${noiseLabel(curve.labelNoise)}`, x, y: curve.points.map((p) => 100 * p.trainError), color, dash: '5 4', width: 1.5 });
    points.push({ label: `measured, ${noiseLabel(curve.labelNoise)}`, x, y: curve.points.map((p) => 100 * p.testError), color, radius: 3 });
  });
  return { curves, points };
}

/** The x range: every width of the sweep, in thousands of parameters. */
export function sweepDomain(snapshot: DoubleDescentSnapshot): [number, number] {
  return [0, Math.max(...snapshot.parameters, snapshot.trainCount) / 1000];
}

/** The width whose parameter count is nearest the number of training examples (the interpolation threshold). */
export function thresholdWidth(snapshot: DoubleDescentSnapshot): number {
  let best = 0;
  snapshot.parameters.forEach((p, k) => {
    if (Math.abs(p - snapshot.trainCount) < Math.abs(snapshot.parameters[best] - snapshot.trainCount)) best = k;
  });
  return snapshot.widths[best];
}
