/**
 * The dataset file ('floe-dataset' v1, agents/offline/dataset-file.ts) and its registration with
 * the validator (src/lib/storage/dataset-format.ts): exact round trips, one precise message for
 * every kind of damage, the library's store, export and import, and a seeded fuzz loop.
 */
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDatasetFile, DATASET_FORMAT, datasetFromJson, datasetToJson, type DatasetFile } from '../../agents/offline/dataset-file';
import type { Dataset } from '../../agents/offline/dataset-types';
import { valueIterationExpert } from '../../agents/offline/experts';
import { gridCellOf, recordEpisodes } from '../../agents/offline/recorder';
import { makeCartPole } from '../../environments/classic/cartpole';
import { createRng } from '../../environments/core/rng';
import { GRIDWORLD_PRESETS, makeGridworld } from '../../environments/gridworld';
import { datasetName } from '../../src/lib/storage/dataset-format';
import { openLibrary, type Library } from '../../src/lib/storage/library';
import { checkDocument, validateDocument, ValidationError } from '../../src/lib/storage/validate';
import { mutate, mutateText, pick, type Json, type Vocabulary } from './json-mutations';

const penguin = GRIDWORLD_PRESETS['fig-19-10'].spec;

function gridDataset(): Dataset {
  const env = makeGridworld(penguin);
  const expert = valueIterationExpert(env.model, penguin.gamma);
  return recordEpisodes({ env, world: 'fig-19-10', policy: expert.policy, agent: 'value-iteration', episodes: 4, seed: 1, randomRate: 0.25, stateIndex: gridCellOf });
}

function cartPoleDataset(): Dataset {
  return recordEpisodes({ env: makeCartPole(), world: 'cartpole', policy: (obs, rng) => ((obs as Float32Array)[2] > 0 ? 1 : rng.int(2)), agent: 'wobbly', episodes: 2, seed: 2 });
}

/** A small hand-written file: two episodes of a 4-cell world. */
function smallFile(): Record<string, unknown> {
  return {
    format: 'floe-dataset',
    version: 1,
    world: 'tiny',
    input: { kind: 'one-hot', size: 4 },
    nActions: 4,
    source: { kind: 'person' },
    episodes: [
      { observations: [0, 1], actions: [1, 2], rewards: [0, 1], terminated: true, states: [0, 1] },
      { observations: [0, 0, 2], actions: [3, 1, 0], rewards: [0, 0, -1], terminated: false },
    ],
  };
}

/** A valid file of each observation kind, through JSON text. */
const textOf = (dataset: Dataset) => JSON.stringify(datasetToJson(dataset));

describe('dataset file round trip', () => {
  it('gives back the same dataset, float32 observations exactly', () => {
    for (const dataset of [gridDataset(), cartPoleDataset()]) {
      const back = datasetFromJson(JSON.parse(textOf(dataset)));
      expect(back).toEqual(dataset);
      expect(textOf(back)).toBe(textOf(dataset));
    }
    const cart = datasetFromJson(JSON.parse(textOf(cartPoleDataset())));
    expect(cart.episodes[0].observations[3]).toBeInstanceOf(Float32Array);
  });

  it('returns fresh data: nothing refers to the parsed value', () => {
    const file = smallFile();
    const dataset = datasetFromJson(file);
    ((file.episodes as { actions: number[] }[])[0].actions as number[])[0] = 3;
    expect(dataset.episodes[0].actions).toEqual([1, 2]);
  });

  it('passes the validator as a library dataset, stored as plain JSON', () => {
    const dataset = gridDataset();
    const valid = validateDocument(textOf(dataset), { expect: DATASET_FORMAT });
    expect(valid).toMatchObject({ format: 'floe-dataset', kind: 'dataset', label: 'dataset', version: 1, migratedFrom: null });
    expect(valid.document).toEqual(datasetToJson(dataset));
    expect(datasetFromJson(valid.document)).toEqual(dataset);
    // What is stored reads back through the in-memory route too (no typed arrays in it).
    expect(checkDocument(valid.document).document).toEqual(valid.document);
    expect(datasetName(valid.document as DatasetFile)).toBe('fig-19-10: 4 episodes, value-iteration with 25% random actions');
  });
});

type Doc = Record<string, unknown> & { episodes: Record<string, unknown>[]; input: Record<string, unknown>; source: Record<string, unknown> };
const own = (target: object, key: string, value: unknown) => Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

/** Each damage and the message it must give (after 'dataset: '). */
const damages: [string, (d: Doc) => void, string][] = [
  ['an action not below nActions', (d) => ((d.episodes[1].actions as number[])[2] = 5), 'episode 1 step 2 action 5 is not below nActions 4'],
  ['a negative action', (d) => ((d.episodes[0].actions as number[])[0] = -1), 'episode 0 step 0 action must be an integer from 0 to 3, got -1'],
  ['a fractional action', (d) => ((d.episodes[0].actions as number[])[1] = 0.5), 'episode 0 step 1 action must be an integer from 0 to 3, got 0.5'],
  ['fewer rewards than actions', (d) => (d.episodes[1].rewards as number[]).pop(), 'episode 1 has 2 rewards but 3 actions; they must be as many'],
  ['more observations than actions', (d) => (d.episodes[0].observations as number[]).push(1), 'episode 0 has 3 observations but 2 actions; they must be as many'],
  ['states of the wrong length', (d) => (d.episodes[0].states as number[]).push(1), 'episode 0 has 3 states but 2 actions; they must be as many'],
  ['a NaN reward', (d) => ((d.episodes[0].rewards as number[])[1] = Number.NaN), 'episode 0 step 1 reward is NaN, expected a finite number'],
  ['an infinite reward', (d) => ((d.episodes[0].rewards as number[])[1] = -Infinity), 'episode 0 step 1 reward is -Infinity, expected a finite number'],
  ['a reward that is a string', (d) => ((d.episodes[0].rewards as unknown[])[0] = '1'), 'episode 0 step 0 reward must be a number, got "1"'],
  ['an observation past the one-hot size', (d) => ((d.episodes[1].observations as number[])[2] = 4), 'episode 1 step 2 observation must be an integer state from 0 to 3 (one-hot input of 4 states), got 4'],
  ['an observation that is a vector for one-hot input', (d) => ((d.episodes[1].observations as unknown[])[0] = [1, 0, 0, 0]), 'episode 1 step 0 observation must be an integer state from 0 to 3 (one-hot input of 4 states), got an array of 4'],
  ['a negative state', (d) => ((d.episodes[0].states as number[])[0] = -2), 'episode 0 step 0 state must be a whole number (a cell index), got -2'],
  ['terminated not a boolean', (d) => (d.episodes[0].terminated = 1), 'episode 0 terminated must be true or false, got 1'],
  ['an episode without steps', (d) => (d.episodes[1] = { observations: [], actions: [], rewards: [], terminated: false }), 'episode 1 has no steps; every episode has at least one'],
  ['an episode that is not an object', (d) => ((d.episodes as unknown[])[0] = [1]), 'episode 0 must be an object with observations, actions, rewards and terminated, got an array of 1'],
  ['actions not an array', (d) => (d.episodes[0].actions = 3), 'episode 0 actions must be an array, got 3'],
  ['an unknown episode key', (d) => (d.episodes[0].returns = [1]), 'episode 0 has an unknown key "returns"; an episode has observations, actions, rewards, terminated, states'],
  ['an unknown top key', (d) => (d.extra = true), 'the file has an unknown key "extra"; a dataset file has format, version, world, input, nActions, source, episodes'],
  ['a __proto__ key', (d) => own(d.episodes[0], '__proto__', { polluted: true }), 'episode 0 has the key "__proto__", which is refused (it could change built-in objects)'],
  ['a constructor key', (d) => own(d, 'constructor', 1), 'the file has the key "constructor", which is refused (it could change built-in objects)'],
  ['a prototype key in the input', (d) => own(d.input, 'prototype', 1), 'input has the key "prototype", which is refused (it could change built-in objects)'],
  ['a missing key', (d) => delete (d as Record<string, unknown>).nActions, 'nActions is missing'],
  ['nActions zero', (d) => (d.nActions = 0), 'nActions must be an integer from 1 to 1024, got 0'],
  ['an empty world name', (d) => (d.world = ''), 'world must be a name of 1 to 200 characters, got ""'],
  ['an unknown input kind', (d) => (d.input.kind = 'pixels'), 'input.kind must be \'one-hot\', \'vector\' or \'planes\', got "pixels"'],
  ['a zero input size', (d) => (d.input.size = 0), 'input.size must be a positive integer, got 0'],
  ['a huge input', (d) => (d.input.size = 100_000), 'input has 100000 features; the limit is 65536'],
  ['a planes key on one-hot input', (d) => (d.input.height = 3), 'input has an unknown key "height"; one-hot input has kind and size'],
  ['an unknown source kind', (d) => (d.source.kind = 'robot'), 'source.kind must be \'person\', \'agent\' or \'mixture\', got "robot"'],
  ['an agent key on a person source', (d) => (d.source.agent = 'dqn'), "source has an unknown key \"agent\"; a 'person' source has kind"],
  ['a mixture without a rate', (d) => (d.source = { kind: 'mixture', agent: 'dqn' }), 'source.randomRate must be a number from 0 to 1, got nothing'],
  ['episodes not an array', (d) => ((d as Record<string, unknown>).episodes = {}), 'episodes must be an array, got an object'],
  ['a wrong version', (d) => (d.version = 2), 'version must be 1, got 2'],
];

describe('dataset file damage', () => {
  for (const [name, damage, message] of damages) {
    it(`${name}: ${message}`, () => {
      const doc = smallFile() as Doc;
      damage(doc);
      expect(() => datasetFromJson(doc)).toThrow(new Error(`dataset: ${message}`));
      // The validator gives one line starting with the format's name (JSON has no NaN: it refuses that itself).
      let thrown: unknown;
      try {
        checkDocument(doc, { expect: DATASET_FORMAT });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ValidationError);
      expect((thrown as Error).message).toMatch(/^dataset\b/);
      expect((thrown as Error).message.split('\n')).toHaveLength(1);
    });
  }

  it('observation sizes are checked against the input', () => {
    const doc = JSON.parse(textOf(cartPoleDataset())) as Doc;
    (doc.episodes[1].observations as number[][])[4] = [0, 0, 0];
    expect(() => datasetFromJson(doc)).toThrow('dataset: episode 1 step 4 observation has 3 numbers, expected 4 (vector input of 4)');
    (doc.episodes[1].observations as unknown[][])[4] = [0, 0, null, 0];
    expect(() => datasetFromJson(doc)).toThrow('dataset: episode 1 step 4 observation value 2 is null, expected a finite number');
    (doc.episodes[1].observations as unknown[])[4] = 3;
    expect(() => datasetFromJson(doc)).toThrow('dataset: episode 1 step 4 observation must be an array of 4 numbers (vector input of 4), got 3');
  });

  it('limits on episodes, steps and observation numbers are checked before any step is read', () => {
    const step = (n: number) => ({ observations: new Array<number>(n).fill(0), actions: new Array<number>(n).fill(0), rewards: new Array<number>(n).fill(0), terminated: false });
    const doc = smallFile();
    doc.episodes = [step(100_001)];
    expect(() => datasetFromJson(doc)).toThrow('dataset: episode 0 has 100001 steps; the limit is 100000');
    doc.episodes = Array.from({ length: 11 }, () => step(100_000));
    // A bad action far in would be found later: the size is refused first.
    ((doc.episodes as { actions: number[] }[])[10].actions as number[])[99_999] = 9;
    expect(() => datasetFromJson(doc)).toThrow('dataset: the episodes up to episode 10 hold 1100000 steps; the limit is 1000000');
    const planes = { ...smallFile(), input: { kind: 'planes', height: 64, width: 64, channels: 16 }, episodes: Array.from({ length: 300 }, () => step(1)) };
    expect(() => datasetFromJson(planes)).toThrow('dataset: the observations up to episode 256 hold 16842752 numbers; the limit is 16777216');
    expect(() => datasetFromJson({ ...smallFile(), episodes: new Array(100_001).fill(0) })).toThrow('dataset: episodes has 100001 episodes; the limit is 100000');
  });

  it('the JSON text route: infinite numbers and prototype keys never reach the checker', () => {
    const text = JSON.stringify(smallFile()).replace('"rewards":[0,1]', '"rewards":[0,1e999]');
    expect(() => validateDocument(text, { expect: DATASET_FORMAT })).toThrow(/^dataset: episodes\[0\]\.rewards\[1\]/);
    const proto = JSON.stringify(smallFile()).replace('"terminated":true', '"terminated":true,"__proto__":{"x":1}');
    expect(() => validateDocument(proto, { expect: DATASET_FORMAT })).toThrow(/^dataset: .*"__proto__"/);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('checkDatasetFile returns plain JSON equal to a clean file', () => {
    const file = smallFile();
    expect(checkDatasetFile(file)).toEqual(file);
  });
});

describe('the library keeps datasets', () => {
  const opened: Library[] = [];
  afterAll(async () => {
    for (const library of opened) await library.close();
  });

  it('stores, exports and imports a dataset', async () => {
    let tick = Date.parse('2025-04-01T00:00:00.000Z');
    const make = (name: string) => {
      const library = openLibrary({ name, now: () => new Date((tick += 1000)) });
      opened.push(library);
      return library;
    };
    const dataset = gridDataset();
    const library = make('offline-dataset-file-1');
    const saved = await library.save('Expert, 25% random', datasetToJson(dataset));
    expect(saved).toMatchObject({ kind: 'dataset', name: 'Expert, 25% random', format: 'floe-dataset', version: 1 });
    expect(await library.list('dataset')).toEqual([saved]);
    expect(datasetFromJson((await library.get(saved.id)).document)).toEqual(dataset);

    const archive = await library.exportArchive();
    const target = make('offline-dataset-file-2');
    const [imported] = await target.importFile(new TextEncoder().encode(JSON.stringify(archive)));
    expect(imported).toMatchObject({ kind: 'dataset', name: 'Expert, 25% random' });
    expect(datasetFromJson((await target.get(imported.id)).document)).toEqual(dataset);
    // A dataset file on its own is named after itself.
    const [alone] = await target.importFile(textOf(cartPoleDataset()));
    expect(alone).toMatchObject({ kind: 'dataset', name: 'cartpole: 2 episodes, wobbly' });
    // A damaged one changes nothing.
    const bad = textOf(cartPoleDataset()).replace('"actions":[', '"actions":[7,');
    await expect(target.importFile(bad)).rejects.toThrow(/^dataset: episode 0 has \d+ observations but \d+ actions/);
    expect(await target.list()).toHaveLength(2);
  });
});

const FUZZ_MUTATIONS = 3_000;
const VOCABULARY: Vocabulary = {
  pool: [null, true, false, 0, -1, 1, 0.5, 3, 4, 15, 16, 1e308, 2 ** 31, 2 ** 53, '', 'x', 'person', 'agent', 'mixture', 'one-hot', 'vector', 'planes', 'floe-dataset', [], [0], [0, 1, 2, 3], {}, { kind: 'person' }],
  keys: ['__proto__', 'constructor', 'prototype', 'format', 'version', 'world', 'input', 'nActions', 'source', 'episodes', 'observations', 'actions', 'rewards', 'terminated', 'states', 'kind', 'size', 'agent', 'randomRate', 'height'],
};

describe('dataset file fuzz', () => {
  it(`${FUZZ_MUTATIONS.toLocaleString('en')} mutated files: a valid dataset or one ValidationError starting 'dataset'`, () => {
    const rng = createRng('dataset file fuzz');
    const bases = [smallFile(), JSON.parse(textOf(gridDataset())), JSON.parse(textOf(cartPoleDataset()))] as Json[];
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    let accepted = 0;
    let refused = 0;
    for (let trial = 0; trial < FUZZ_MUTATIONS; trial++) {
      const doc = JSON.parse(JSON.stringify(pick(rng, bases))) as Json;
      const edits = 1 + rng.int(3);
      for (let i = 0; i < edits; i++) mutate(doc, rng, VOCABULARY);
      let text = JSON.stringify(doc);
      if (rng.next() < 0.15) text = mutateText(text, rng);
      try {
        const valid = validateDocument(text, { expect: DATASET_FORMAT });
        accepted++;
        // Accepted means complete and valid: the parser takes the stored document and gives it back unchanged.
        expect(datasetToJson(datasetFromJson(valid.document))).toEqual(valid.document);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        expect(error.message).toMatch(/^dataset\b/);
        expect(error.message).not.toMatch(/\n/);
        refused++;
      }
    }
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(FUZZ_MUTATIONS / 2);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  });
});
