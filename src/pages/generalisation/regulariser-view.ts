/**
 * The regulariser bench's settings and what its plots draw (sections 9.1 and 9.3): the bench's
 * tools, the L2 presets for fig. 9.2's panels, fits evaluated on a grid, and bagging's resample
 * counts as point sizes. Pure: tested in Node.
 */
import { evaluateHingeAt, unitGrid, type ToyData } from '../../../supervised/m3';
import type { PlotPoints } from '../../lib/ui/viz/types';

export type BenchTool = 'l2' | 'early-stopping' | 'dropout' | 'input-noise' | 'bagging';

/** The bench's tools, each with the figure it draws (in the tab's small print). */
export const BENCH_TOOLS: readonly { readonly id: BenchTool; readonly title: string; readonly chapter: string }[] = [
  { id: 'l2', title: 'L2', chapter: 'fig. 9.2' },
  { id: 'early-stopping', title: 'Early stopping', chapter: 'fig. 9.6' },
  { id: 'dropout', title: 'Dropout', chapter: 'fig. 9.9' },
  { id: 'input-noise', title: 'Input noise', chapter: 'fig. 9.10' },
  { id: 'bagging', title: 'Ensembling', chapter: 'fig. 9.7' },
];

/** The bench's model: 14 linear regions (fig. 9.6's), as many parameters as the 15 points. */
export const BENCH_CAPACITY = 14;
export const BENCH_PLOT_Y: readonly [number, number] = [-0.6, 3.8];
export const FIT_GRID = unitGrid(281);

/** log10 lambda on the slider, and fig. 9.2's panels as three settings. */
export const L2_LOG_RANGE: readonly [number, number] = [-6, 1];
export const L2_PRESETS: readonly { readonly id: string; readonly title: string; readonly logLambda: number }[] = [
  { id: 'through', title: 'a–b: through the data', logLambda: -5 },
  { id: 'smooth', title: 'c–d: smooth, near the truth', logLambda: -2.5 },
  { id: 'flat', title: 'e–f: over-smoothed', logLambda: 0 },
];

export function fitCurve(phi: ArrayLike<number>): { x: Float64Array; y: Float64Array } {
  return { x: FIT_GRID, y: evaluateHingeAt(phi, FIT_GRID) };
}

/** The points of one bootstrap resample, drawn bigger the more often they were drawn (0: hollow grey). */
export function resamplePoints(data: ToyData, counts: ArrayLike<number>, color: string): PlotPoints[] {
  const groups = new Map<number, number[]>();
  Array.from(counts).forEach((c, i) => groups.set(c, [...(groups.get(c) ?? []), i]));
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([count, indices]) => ({
      label: count === 0 ? 'not drawn' : `drawn ${count}×`,
      x: indices.map((i) => data.x[i]),
      y: indices.map((i) => data.y[i]),
      color: count === 0 ? 'var(--floe-text-faint)' : color,
      radius: count === 0 ? 2.5 : 2.5 + 1.5 * count,
    }));
}

export function formatLambda(logLambda: number): string {
  const value = 10 ** logLambda;
  return value >= 0.01 ? value.toPrecision(2) : value.toExponential(1);
}

/** The page's options for each trained tool (over the task's book defaults). */
export interface TrainedToolOptions {
  readonly 'early-stopping': Readonly<Record<string, number | string>>;
  readonly dropout: { readonly mode: 'kink' | 'independent'; readonly rate: number };
  readonly 'input-noise': { readonly inputNoise: number };
}

export const TRAINED_TOOL_DEFAULTS: TrainedToolOptions = Object.freeze({
  'early-stopping': Object.freeze({}),
  dropout: Object.freeze({ mode: 'kink', rate: 0.5 }),
  'input-noise': Object.freeze({ inputNoise: 0.05 }),
});

/**
 * True when a snapshot belongs to the run the page asked for (the worker may still be on the
 * previous one for a frame): the same task and data seed, and the page's options as it ran them.
 */
export function snapshotMatches(
  snapshot: { readonly task: string; readonly world: { readonly dataSeed: number }; readonly options: object },
  task: string,
  dataSeed: number,
  options: Readonly<Record<string, unknown>>,
): boolean {
  if (snapshot.task !== task || snapshot.world.dataSeed !== dataSeed) return false;
  const ran = snapshot.options as Record<string, unknown>;
  return Object.entries(options).every(([key, value]) => ran[key] === value);
}
