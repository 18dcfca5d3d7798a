/** Floe's shared UI components (props in, callbacks out) and the types their props use. */
export { default as LineChart } from './chart/LineChart.svelte';
export { movingAverage, type ChartBand, type ChartSeries } from './chart/series';
export { default as Katex } from './equations/Katex.svelte';
export { default as BellmanCard } from './equations/BellmanCard.svelte';
export { fmt, texEscape } from './equations/tex';
export { default as TrainingControls } from './controls/TrainingControls.svelte';
export { type RunStatus, type Speed, type StepUnit } from './controls/speed';
export { default as ConfigForm } from './controls/ConfigForm.svelte';
export { default as DismissibleMessage } from './controls/DismissibleMessage.svelte';
export { type ConfigField, type FieldKind, type FieldOption } from './controls/config-fields';
