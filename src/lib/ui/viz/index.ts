/**
 * Floe's visual kit (issue 8): the plots every side module uses. Svelte 5 components, props in and
 * callbacks out, with their pure helpers (scales, colour maps, contours, paths) in .ts files that
 * are tested in Node.
 *
 * - FunctionPlot: 1-D curves, bands, points, bars, joints, regions, draggable handles;
 * - SurfacePlot: a 2-D heatmap with contours, trajectories and a draggable current point;
 * - TrainTestCurves: train and test curves on the shared LineChart;
 * - SmallMultiples: a wrapping grid of small plots;
 * - MatrixHeatmap: weights or activations with a colour scale and legend.
 */
export { default as FunctionPlot } from './FunctionPlot.svelte';
export { default as SurfacePlot } from './SurfacePlot.svelte';
export { default as TrainTestCurves } from './TrainTestCurves.svelte';
export { default as SmallMultiples } from './SmallMultiples.svelte';
export { default as MatrixHeatmap } from './MatrixHeatmap.svelte';
export { default as ColorLegend } from './ColorLegend.svelte';
export * from './types';
export * from './scales';
export * from './colormaps';
export * from './contours';
export * from './paths';
export * from './curves';
export { plotFrame, pointerToData, keyStep, MARGINS, COMPACT_MARGINS, type PlotFrame, type Margins } from './plot-layout';
