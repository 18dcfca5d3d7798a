/**
 * The bias-variance lab's settings, the book's presets and what the plots draw (section 8.2,
 * figs. 8.6-8.9). Pure: tested in Node.
 */
import { LAB_MAX_CAPACITY, type BiasVarianceResult } from '../../../supervised/m3';
import type { PlotSegments } from '../../lib/ui/viz/types';

export interface LabSettings {
  /** N, points per dataset (6, 10, 15 or 100). */
  readonly points: number;
  /** D, hidden units = linear regions (1 to 14). */
  readonly capacity: number;
  readonly sigma: number;
  /** Seeds the input positions and the pictured datasets ("new datasets" adds one). */
  readonly seed: number;
}

export const LAB_DEFAULTS: LabSettings = Object.freeze({ points: 15, capacity: 3, sigma: 0.3, seed: 0 });
/** Position draws for the expectations: the bars and the U-curve use the same, so they agree. */
export const LAB_DRAWS = 200;
export const LAB_CAPACITIES: readonly number[] = Array.from({ length: LAB_MAX_CAPACITY }, (_, k) => k + 1);
/** The fits' plot range: mu lies in [1/e, e], the noisy points a little beyond. */
export const LAB_PLOT_Y: readonly [number, number] = [-0.6, 3.8];

export interface LabPreset {
  readonly id: string;
  readonly title: string;
  readonly points: number;
  readonly capacity: number;
}

export const LAB_PRESETS: readonly LabPreset[] = [
  { id: 'fig-8-6a', title: 'Fig. 8.6a: 6 points, 3 regions', points: 6, capacity: 3 },
  { id: 'fig-8-6c', title: 'Fig. 8.6c: 100 points, 3 regions', points: 100, capacity: 3 },
  { id: 'fig-8-8', title: 'Fig. 8.8: 15 points, 10 regions', points: 15, capacity: 10 },
  { id: 'fig-8-9', title: 'Fig. 8.9: 15 points, 4 regions (the optimum)', points: 15, capacity: 4 },
];

/** Mean fit +- 2 standard deviations over datasets (fig. 8.6's band). */
export function varianceBand(result: BiasVarianceResult): { x: number[]; lo: number[]; hi: number[] } {
  const sd = result.varianceAt.map((v) => 2 * Math.sqrt(v));
  return { x: result.x, lo: result.meanFit.map((m, k) => m - sd[k]), hi: result.meanFit.map((m, k) => m + sd[k]) };
}

export function fixed(value: number, digits = 3): string {
  return value.toFixed(digits).replace('-', '−');
}

/**
 * A vertical line at x across the y range, as a legend-labelled segment (the plot's own markers
 * write their labels at the top, where two close markers overprint each other).
 */
export function verticalLine(x: number, yDomain: readonly [number, number], label: string, color: string, dash = '5 4'): PlotSegments {
  return { label, coordinates: [x, yDomain[0], x, yDomain[1]], color, width: 1.3, dash };
}

/** 0 to a little above the largest finite value. */
export function upperDomain(...values: readonly (readonly number[])[]): [number, number] {
  const top = Math.max(1e-9, ...values.flat().filter(Number.isFinite));
  return [0, top * 1.08];
}
