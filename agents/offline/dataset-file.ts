/**
 * The dataset file: an offline dataset (dataset-types.ts) as versioned JSON, for the library,
 * export and import (ARCHITECTURE.md section 7). Format 'floe-dataset', version 1:
 *
 *   {
 *     "format": "floe-dataset", "version": 1,
 *     "world": "Dynamic programming (fig 19.10)",        the world's name (1 to 200 characters)
 *     "input": { "kind": "one-hot", "size": 16 },        or { "kind": "vector", "size": 4 },
 *                                                        or { "kind": "planes", "height": 10, "width": 10, "channels": 4 }
 *     "nActions": 4,                                     1 to 1024
 *     "source": { "kind": "person" }                     or { "kind": "agent", "agent": "dqn" }
 *               or { "kind": "mixture", "agent": "value-iteration", "randomRate": 0.2 },
 *     "episodes": [
 *       { "observations": [0, 1, 5],                     one-hot: integer states below input.size;
 *                                                        vector and planes: arrays of the input's size
 *                                                        (planes flattened row-major, channels last)
 *         "actions": [1, 2, 2],                          integers below nActions
 *         "rewards": [0, 0, 3],                          finite numbers; rewards[t] is the reward for actions[t]
 *         "terminated": true,                            the world ended it (false: truncated or cut)
 *         "states": [0, 1, 5] }                          optional: the cell before each action (gridworlds)
 *     ]
 *   }
 *
 * Float32Array observations are written as plain number arrays; a float32 value written as a
 * JSON number reads back as the same float32, so a round trip is exact. A file's numbers are
 * read as float32 (an observation is float32 data wherever it is used).
 *
 * `datasetFromJson` checks everything and returns the in-memory Dataset, or throws one Error
 * naming the place, episodes and steps counted from 0 as in the file's arrays:
 * `dataset: episode 3 step 7 action 5 is not below nActions 4`. Checked: exact key sets (unknown
 * keys and the prototype keys __proto__, constructor and prototype are refused), types, array
 * lengths that must agree, NaN and infinite numbers, observation sizes against `input`, and the
 * limits on episodes, steps and observation numbers (dataset-checks.ts). Every episode has at
 * least one step. No tfjs here: the library's validator loads this module.
 */
import type { InputSpec, Observation } from '../deep/types';
import {
  checkAction,
  checkActionCount,
  checkInputSpec,
  checkName,
  checkReward,
  checkSource,
  checkState,
  copyObservation,
  inputSizeOf,
  isRecord,
  MAX_EPISODE_STEPS,
  MAX_EPISODES,
  MAX_TOTAL_STEPS,
  MAX_TOTAL_VALUES,
  show,
} from './dataset-checks';
import type { Dataset, DatasetEpisode, DatasetSource } from './dataset-types';

export const DATASET_FORMAT = 'floe-dataset';
export const DATASET_VERSION = 1;
/** What every message about a dataset file starts with. */
export const DATASET_LABEL = 'dataset';

export interface DatasetEpisodeJson {
  readonly observations: (number | number[])[];
  readonly actions: number[];
  readonly rewards: number[];
  readonly terminated: boolean;
  readonly states?: number[];
}

export interface DatasetFile {
  readonly format: typeof DATASET_FORMAT;
  readonly version: typeof DATASET_VERSION;
  readonly world: string;
  readonly input: InputSpec;
  readonly nActions: number;
  readonly source: DatasetSource;
  readonly episodes: DatasetEpisodeJson[];
}

const TOP_KEYS = ['format', 'version', 'world', 'input', 'nActions', 'source', 'episodes'];
const EPISODE_KEYS = ['observations', 'actions', 'rewards', 'terminated', 'states'];
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function fail(message: string): never {
  throw new Error(`${DATASET_LABEL}: ${message}`);
}

/** Runs a check from dataset-checks.ts with the dataset's prefix on its message. */
function checked<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}

/** Refuses prototype keys first (their own message), then any key not in `allowed`. */
function checkKeys(value: Record<string, unknown>, allowed: readonly string[], where: string, what: string): void {
  const keys = Object.keys(value);
  for (const key of keys) {
    if (FORBIDDEN_KEYS.has(key)) fail(`${where} has the key "${key}", which is refused (it could change built-in objects)`);
  }
  for (const key of keys) {
    if (!allowed.includes(key)) fail(`${where} has an unknown key ${show(key)}; ${what} has ${allowed.join(', ')}`);
  }
}

/** A dataset as plain JSON data (fresh arrays; Float32Arrays become number arrays). */
export function datasetToJson(dataset: Dataset): DatasetFile {
  return {
    format: DATASET_FORMAT,
    version: DATASET_VERSION,
    world: dataset.world,
    input: { ...dataset.input },
    nActions: dataset.nActions,
    source: { ...dataset.source },
    episodes: dataset.episodes.map((episode) => ({
      observations: episode.observations.map((o) => (typeof o === 'number' ? o : Array.from(o))),
      actions: [...episode.actions],
      rewards: [...episode.rewards],
      terminated: episode.terminated,
      ...(episode.states ? { states: [...episode.states] } : {}),
    })),
  };
}

/** The lengths of one episode's arrays, checked to agree and to fit the limits. */
function episodeLength(value: unknown, index: number): number {
  const where = `episode ${index}`;
  if (!isRecord(value)) fail(`${where} must be an object with observations, actions, rewards and terminated, got ${show(value)}`);
  checkKeys(value, EPISODE_KEYS, where, 'an episode');
  const arrays = ['observations', 'actions', 'rewards', ...(Object.hasOwn(value, 'states') ? ['states'] : [])];
  for (const key of arrays) {
    if (!Array.isArray(value[key])) fail(`${where} ${key} must be an array, got ${show(value[key])}`);
  }
  const length = (value.actions as unknown[]).length;
  if (length === 0) fail(`${where} has no steps; every episode has at least one`);
  if (length > MAX_EPISODE_STEPS) fail(`${where} has ${length} steps; the limit is ${MAX_EPISODE_STEPS}`);
  for (const key of arrays) {
    const n = (value[key] as unknown[]).length;
    if (n !== length) fail(`${where} has ${n} ${key} but ${length} actions; they must be as many`);
  }
  if (typeof value.terminated !== 'boolean') fail(`${where} terminated must be true or false, got ${show(value.terminated)}`);
  return length;
}

function readEpisode(value: Record<string, unknown>, index: number, input: InputSpec, nActions: number): DatasetEpisode {
  const rawObservations = value.observations as unknown[];
  const rawActions = value.actions as unknown[];
  const rawRewards = value.rewards as unknown[];
  const rawStates = Object.hasOwn(value, 'states') ? (value.states as unknown[]) : null;
  const length = rawActions.length;
  const observations: Observation[] = new Array<Observation>(length);
  const actions: number[] = new Array<number>(length);
  const rewards: number[] = new Array<number>(length);
  const states: number[] | null = rawStates === null ? null : new Array<number>(length);
  for (let t = 0; t < length; t++) {
    const where = `episode ${index} step ${t}`;
    observations[t] = checked(() => copyObservation(rawObservations[t], input, `${where} observation`));
    actions[t] = checked(() => checkAction(rawActions[t], nActions, `${where} action`));
    rewards[t] = checked(() => checkReward(rawRewards[t], `${where} reward`));
    if (states !== null) states[t] = checked(() => checkState(rawStates![t], `${where} state`));
  }
  return { observations, actions, rewards, terminated: value.terminated as boolean, ...(states !== null ? { states } : {}) };
}

/**
 * Checks a dataset file (parsed JSON, or a document from the library) and returns the dataset it
 * holds, with fresh arrays (nothing refers to `value`). Throws one Error starting 'dataset: '.
 */
export function datasetFromJson(value: unknown): Dataset {
  if (!isRecord(value)) fail(`a dataset file must be a JSON object with format '${DATASET_FORMAT}', got ${show(value)}`);
  checkKeys(value, TOP_KEYS, 'the file', 'a dataset file');
  if (value.format !== DATASET_FORMAT) fail(`format must be '${DATASET_FORMAT}', got ${show(value.format)}`);
  if (value.version !== DATASET_VERSION) fail(`version must be ${DATASET_VERSION}, got ${show(value.version)}`);
  for (const key of TOP_KEYS) if (!Object.hasOwn(value, key)) fail(`${key} is missing`);
  const world = checked(() => checkName(value.world, 'world'));
  if (isRecord(value.input)) checkKeys(value.input, ['kind', 'size', 'height', 'width', 'channels'], 'input', 'an input spec');
  const input = checked(() => checkInputSpec(value.input, 'input'));
  const nActions = checked(() => checkActionCount(value.nActions, 'nActions'));
  if (isRecord(value.source)) checkKeys(value.source, ['kind', 'agent', 'randomRate'], 'source', 'a source');
  const source = checked(() => checkSource(value.source, 'source'));
  const rawEpisodes = value.episodes;
  if (!Array.isArray(rawEpisodes)) fail(`episodes must be an array, got ${show(rawEpisodes)}`);
  if (rawEpisodes.length > MAX_EPISODES) fail(`episodes has ${rawEpisodes.length} episodes; the limit is ${MAX_EPISODES}`);

  // Sizes first, all of them, so a file over a limit is refused before its steps are read.
  const featuresPerStep = input.kind === 'one-hot' ? 1 : inputSizeOf(input);
  let totalSteps = 0;
  rawEpisodes.forEach((episode: unknown, index) => {
    totalSteps += episodeLength(episode, index);
    if (totalSteps > MAX_TOTAL_STEPS) fail(`the episodes up to episode ${index} hold ${totalSteps} steps; the limit is ${MAX_TOTAL_STEPS}`);
    if (totalSteps * featuresPerStep > MAX_TOTAL_VALUES) {
      fail(`the observations up to episode ${index} hold ${totalSteps * featuresPerStep} numbers; the limit is ${MAX_TOTAL_VALUES}`);
    }
  });
  const episodes = rawEpisodes.map((episode: Record<string, unknown>, index) => readEpisode(episode, index, input, nActions));
  return { world, input, nActions, source, episodes };
}

/** Checks a dataset document and returns a fresh plain-JSON copy (what the library stores). */
export function checkDatasetFile(value: unknown): DatasetFile {
  return datasetToJson(datasetFromJson(value));
}
