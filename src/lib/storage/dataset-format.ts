/**
 * An offline dataset as the library keeps it (kind 'dataset') and as it is exported: the
 * 'floe-dataset' file of agents/offline/dataset-file.ts, version 1 (the format is documented
 * there). Its checker is datasetFromJson, the one gate every dataset passes through; what the
 * library stores is the checked document as plain JSON (checkDatasetFile), and a page that opens
 * one turns it back into a Dataset with datasetFromJson. Version 1 is the first; there is nothing
 * to migrate.
 *
 * Importing this module registers the format with the validator (once).
 */
import { checkDatasetFile, DATASET_FORMAT, DATASET_LABEL, DATASET_VERSION, type DatasetFile } from '../../../agents/offline/dataset-file';
import type { FormatChecker } from './format-types';
import { formatChecker, registerFormat } from './validate';

export { DATASET_FORMAT, DATASET_VERSION, type DatasetFile };

/** A name for an imported dataset: 'fig-19-10: 200 episodes, value-iteration with 20% random actions'. */
export function datasetName(file: DatasetFile): string {
  const source = file.source;
  const who =
    source.kind === 'person'
      ? 'played by a person'
      : source.kind === 'agent'
        ? source.agent
        : `${source.agent} with ${Math.round(source.randomRate * 100)}% random actions`;
  const n = file.episodes.length;
  return `${file.world}: ${n} ${n === 1 ? 'episode' : 'episodes'}, ${who}`;
}

export const datasetFormat: FormatChecker<DatasetFile> = {
  label: DATASET_LABEL,
  kind: 'dataset',
  version: DATASET_VERSION,
  check: (document) => checkDatasetFile(document),
  defaultName: datasetName,
};

// Registered once, however many modules import this one (and Vite's hot reload).
if (!formatChecker(DATASET_FORMAT)) registerFormat(DATASET_FORMAT, datasetFormat);
