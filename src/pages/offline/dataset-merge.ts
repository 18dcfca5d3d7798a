/**
 * One dataset from several recordings of the same world (the page merges what a person played
 * and what the expert recorded, at several random-action rates: a dataset of mixed quality).
 *
 * A Dataset names one source, so a merge says who acted in words: the same source stays as it
 * is; different ones become an 'agent' source listing them ('you + value-iteration with 50%
 * random actions'), cut to the name limit.
 */
import { MAX_NAME_LENGTH } from '../../../agents/offline/dataset-checks';
import type { Dataset, DatasetSource } from '../../../agents/offline/dataset-types';

/** Who acted, in a few words. */
export function describeSource(source: DatasetSource): string {
  if (source.kind === 'person') return 'you';
  if (source.kind === 'agent') return source.agent;
  return `${source.agent} with ${Math.round(source.randomRate * 100)}% random actions`;
}

function sameSource(a: DatasetSource, b: DatasetSource): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The parts of a merged source's name, so merging again does not repeat them. */
function sourceParts(source: DatasetSource): string[] {
  return source.kind === 'agent' && source.agent.startsWith('mixed: ') ? source.agent.slice('mixed: '.length).split(' + ') : [describeSource(source)];
}

function mergedSource(a: DatasetSource, b: DatasetSource): DatasetSource {
  if (sameSource(a, b)) return a;
  const parts = [...new Set([...sourceParts(a), ...sourceParts(b)])];
  let name = `mixed: ${parts.join(' + ')}`;
  if (name.length > MAX_NAME_LENGTH) name = `${name.slice(0, MAX_NAME_LENGTH - 3)}...`;
  return { kind: 'agent', agent: name };
}

/**
 * `base` followed by the episodes of `added`. Both must be of the same world, input and actions
 * (one message otherwise); an empty base takes the added source as it is.
 */
export function mergeDatasets(base: Dataset, added: Dataset): Dataset {
  if (added.world !== base.world) throw new Error(`these episodes were recorded in "${added.world}", the dataset holds "${base.world}": one dataset holds one world`);
  if (JSON.stringify(added.input) !== JSON.stringify(base.input) || added.nActions !== base.nActions) {
    throw new Error(`these episodes of "${added.world}" do not have the dataset's observations and actions`);
  }
  const source = base.episodes.length === 0 ? added.source : added.episodes.length === 0 ? base.source : mergedSource(base.source, added.source);
  return { ...base, source, episodes: [...base.episodes, ...added.episodes] };
}

/** A dataset of `world` with no episodes yet (what the page starts from). */
export function emptyDataset(world: { readonly name: string; readonly input: Dataset['input']; readonly nActions: number }): Dataset {
  return { world: world.name, input: world.input, nActions: world.nActions, source: { kind: 'person' }, episodes: [] };
}
