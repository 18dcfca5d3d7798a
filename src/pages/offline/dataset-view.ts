/**
 * How the dataset view words and labels a dataset's numbers: returns to two decimals at most, the
 * histogram's bins by the return they hold (a whole number when each bin holds one value, else the
 * bin's range), and file names for downloads.
 */
import type { ReturnHistogram } from '../../../agents/offline/dataset-stats';
import type { Dataset } from '../../../agents/offline/dataset-types';

/** A return as the page shows it: at most two decimals, no float noise, no -0. */
export function formatReturn(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const text = String(Number(value.toFixed(2)));
  return text === '-0' ? '0' : text;
}

/** A label per bin: its value when the bin is one whole number wide around it, else its range. */
export function binLabels(histogram: ReturnHistogram): string[] {
  const { edges, counts } = histogram;
  return counts.map((_, i) => {
    const low = edges[i];
    const high = edges[i + 1];
    const middle = (low + high) / 2;
    if (high - low === 1 && Number.isInteger(middle)) return String(middle);
    return `${formatReturn(low)}…${formatReturn(high)}`;
  });
}

/** 'floe-dataset-ice-run-12-episodes.json' */
export function datasetFileName(dataset: Dataset): string {
  const world = dataset.world.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `floe-dataset-${world}-${dataset.episodes.length}-episodes.json`;
}
