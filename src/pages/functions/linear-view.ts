/**
 * What the linear-regression part draws, from phi and the session's snapshot: the line across the
 * plot, the residual bars, the two handles at the plot's ends, the loss surface grid, and the run
 * config for the worker. Pure: tested in Node.
 */
import type { ModuleRunConfig } from '../../../agents/runner/worker-session';
import {
  FUNCTIONS_MODULE,
  LINEAR_REGRESSION_DATA,
  LINEAR_SURFACE_RANGE,
  lineThrough,
  linearLoss,
  type LinearRegressionSnapshot,
} from '../../../supervised/m1';
import { linearModel } from '../../../supervised/data';
import type { OptimiserConfig } from '../../../supervised/core';
import { sampleGrid, type Grid2d } from '../../lib/ui/viz/contours';

export type Phi = readonly [number, number];

/** The x range the regression plot shows (the 12 points lie in [0.03, 1.9]). */
export const LINE_PLOT_X: readonly [number, number] = [0, 2];
export const LINE_PLOT_Y: readonly [number, number] = [0, 2.5];

export type LinearMethod = 'gd' | 'line-search';

export interface LinearRunSettings {
  readonly start: Phi;
  readonly method: LinearMethod;
  /** alpha for gradient descent. */
  readonly learningRate: number;
}

/** The notebooks' line search (A.1): alpha in [0, 0.1], 15 bracket shrinks. */
export const LINE_SEARCH_MAX_STEP = 0.1;

export function linearOptimiser(settings: LinearRunSettings): OptimiserConfig {
  return settings.method === 'gd' ? { kind: 'sgd', learningRate: settings.learningRate } : { kind: 'line-search', maxStep: LINE_SEARCH_MAX_STEP };
}

export function linearRunConfig(settings: LinearRunSettings): ModuleRunConfig {
  return {
    module: FUNCTIONS_MODULE,
    agent: 'linear-regression',
    world: { start: [settings.start[0], settings.start[1]] },
    options: { optimiser: linearOptimiser(settings) },
    seed: 1,
  };
}

/** The snapshot when it belongs to a run from `start` (a stale one from before a drag is ignored). */
export function snapshotFor(snapshot: unknown, start: Phi): LinearRegressionSnapshot | null {
  const s = snapshot as LinearRegressionSnapshot | null;
  return s?.kind === 'linear-regression' && s.start[0] === start[0] && s.start[1] === start[1] ? s : null;
}

/** The line over the plot's x range. */
export function lineCurve(phi: Phi): { x: number[]; y: number[] } {
  return { x: [...LINE_PLOT_X], y: LINE_PLOT_X.map((x) => linearModel(phi, x)) };
}

/** Vertical bars from each point to the line: the residuals eq. 2.5 squares. */
export function residualSegments(phi: Phi): number[] {
  return LINEAR_REGRESSION_DATA.x.flatMap((x, i) => [x, LINEAR_REGRESSION_DATA.y[i], x, linearModel(phi, x)]);
}

/** The two handles sit on the line at the plot's ends. */
export function handlePoints(phi: Phi): { left: [number, number]; right: [number, number] } {
  const [a, b] = LINE_PLOT_X;
  return { left: [a, linearModel(phi, a)], right: [b, linearModel(phi, b)] };
}

/** phi after dragging one handle to height y: the line through it and the other handle. */
export function dragHandle(phi: Phi, handle: 'left' | 'right', y: number): Phi {
  const { left, right } = handlePoints(phi);
  return handle === 'left' ? lineThrough([left[0], y], right) : lineThrough(left, [right[0], y]);
}

/** Eq. 2.5 over the surface's range on a grid (121 x 121: smooth contours, instant to compute). */
export function linearSurface(resolution = 121): Grid2d {
  return sampleGrid((phi0, phi1) => linearLoss([phi0, phi1]), LINEAR_SURFACE_RANGE.phi0, LINEAR_SURFACE_RANGE.phi1, resolution, resolution);
}
