/**
 * Fuzzing the one validator and the library's import (issue 6, section 2a): valid files (a run
 * file, a policy file, a world file, an archive of all three) mutated 10,400 times with a seeded
 * generator: bit flips, truncation, key deletion and duplication, type swaps, huge numbers and
 * prototype keys. Every outcome is a valid document or one Error whose message starts with the
 * format's name; nothing escapes, and a failed import leaves the store exactly as it was.
 */
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { createGridSession } from '../../agents/runner/grid-session';
import { deriveRng, type Rng } from '../../environments/core/rng';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld';
import { openLibrary, type Library } from '../../src/lib/storage/library';
import { validateDocument } from '../../src/lib/storage/validate';
import { makeWorldFile } from '../../src/lib/storage/world-format';
import { makeArchive } from '../../src/lib/storage/archive-format';

const MUTATIONS_PER_FILE = 2_600;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

function weightsData(values: readonly number[]): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return Buffer.from(bytes).toString('base64');
}

function runFile(): Json {
  const session = createGridSession({ world: GRIDWORLD_PRESETS['fig-19-10'].spec, agent: 'q-learning', options: {}, seed: 7 });
  session.step(60);
  const file = session.saveRun();
  session.dispose();
  return JSON.parse(JSON.stringify(file)) as Json;
}

function policyFile(): Json {
  const shapes = [[4, 5], [5], [5, 2], [2]];
  return {
    format: 'floe-policy',
    version: 1,
    world: 'cartpole',
    agent: 'dqn',
    config: { hidden: [5], gamma: 0.99 },
    input: { kind: 'vector', size: 4 },
    nActions: 2,
    networks: [{ shapes, data: weightsData(Array.from({ length: 37 }, (_, i) => Math.sin(i))) }],
    provenance: { command: 'npm run rl -- train --agent dqn', seed: 1, frames: 1000, averageReturn: 31.5, episodes: 12 },
  };
}

const world = JSON.parse(JSON.stringify(makeWorldFile(GRIDWORLD_PRESETS['cliff-walk'].spec))) as Json;
const run = runFile();
const policy = policyFile();
const archive = JSON.parse(
  JSON.stringify(
    makeArchive(
      [
        { kind: 'world', name: 'Cliff walk', date: '2025-01-02T03:04:05.000Z', document: world },
        { kind: 'agent', name: 'Q-learning', date: '2025-01-02T03:04:06.000Z', document: run },
        { kind: 'agent', name: 'DQN policy', date: '2025-01-02T03:04:07.000Z', document: policy },
      ],
      new Date('2025-02-01T00:00:00.000Z'),
    ),
  ),
) as Json;

const files = [
  { format: 'floe-run', label: 'run file', document: run },
  { format: 'floe-policy', label: 'policy file', document: policy },
  { format: 'floe-world', label: 'world file', document: world },
  { format: 'floe-archive', label: 'archive', document: archive },
];

/** Every node's path, and the objects' paths (the root included). */
function pathsOf(root: Json): { all: Path[]; objects: Path[] } {
  const all: Path[] = [];
  const objects: Path[] = [];
  const visit = (node: Json, path: Path) => {
    if (path.length > 0) all.push(path);
    if (Array.isArray(node)) node.forEach((item, i) => visit(item, [...path, i]));
    else if (node !== null && typeof node === 'object') {
      objects.push(path);
      for (const key of Object.keys(node)) visit(node[key], [...path, key]);
    }
  };
  visit(root, []);
  return { all, objects };
}

const SENTINEL = '\u0000fuzz\u0000';
const SENTINEL_KEY = '\u0000key\u0000';
const sentinelText = JSON.stringify(SENTINEL);
const sentinelPairText = `${JSON.stringify(SENTINEL_KEY)}:${sentinelText}`;

function nodeAt(root: Json, path: Path): Json {
  return path.reduce<Json>((node, key) => (node as Record<string, Json>)[key], root);
}

/** The JSON text of `root` with the node at `path` written as `raw` (any text, valid JSON or not). */
function withRaw(root: Json, path: Path, raw: string): string {
  const copy = structuredClone(root);
  const parent = nodeAt(copy, path.slice(0, -1)) as Record<string | number, Json>;
  parent[path[path.length - 1]] = SENTINEL;
  return JSON.stringify(copy).replace(sentinelText, () => raw);
}

/** The JSON text of `root` with an extra `"key": raw` in the object at `path` (a duplicate if the key is there). */
function withExtraKey(root: Json, path: Path, key: string, raw: string): string {
  const copy = structuredClone(root);
  (nodeAt(copy, path) as Record<string, Json>)[SENTINEL_KEY] = SENTINEL;
  return JSON.stringify(copy).replace(sentinelPairText, () => `${JSON.stringify(key)}:${raw}`);
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(items.length)];
const SWAPS = ['null', 'true', 'false', '0', '-1', '0.5', '""', '"x"', '[]', '{}', '[1,"a",null]', '{"a":{"b":[]}}', '"floe-run"', '"2025-01-01T00:00:00.000Z"'];
const HUGE = ['1e999', '-1e999', '1e308', '-1.7976931348623157e308', '9007199254740993', '123456789012345678901234567890', '-0', '5e-324', '1e-400', '2147483648'];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];
const PROTO_VALUES = ['{"polluted":true}', 'null', '{"prototype":{"polluted":1}}', '[]', '"x"'];

type MutationKind = 'bit flips' | 'truncation' | 'key deletion' | 'key duplication' | 'type swap' | 'huge number' | 'prototype key';
const KINDS: readonly MutationKind[] = ['bit flips', 'truncation', 'key deletion', 'key duplication', 'type swap', 'huge number', 'prototype key'];

function mutate(rng: Rng, kind: MutationKind, document: Json, text: string, bytes: Uint8Array, paths: { all: Path[]; objects: Path[] }): string | Uint8Array {
  switch (kind) {
    case 'bit flips': {
      const flipped = bytes.slice();
      for (let n = 1 + rng.int(4); n > 0; n--) flipped[rng.int(flipped.length)] ^= 1 << rng.int(8);
      return flipped;
    }
    case 'truncation':
      return rng.next() < 0.5 ? bytes.slice(0, rng.int(bytes.length)) : text.slice(0, rng.int(text.length));
    case 'key deletion': {
      const copy = structuredClone(document);
      const object = nodeAt(copy, pick(rng, paths.objects)) as Record<string, Json>;
      const keys = Object.keys(object);
      if (keys.length > 0) delete object[pick(rng, keys)];
      return JSON.stringify(copy);
    }
    case 'key duplication': {
      const path = pick(rng, paths.objects);
      const keys = Object.keys(nodeAt(document, path) as object);
      if (keys.length === 0) return text;
      const key = pick(rng, keys);
      // The copy comes last, so JSON.parse keeps it: the same value or another one.
      const raw = rng.next() < 0.5 ? JSON.stringify((nodeAt(document, path) as Record<string, Json>)[key]) : pick(rng, [...SWAPS, ...HUGE]);
      return withExtraKey(document, path, key, raw);
    }
    case 'type swap':
      return withRaw(document, pick(rng, paths.all), pick(rng, SWAPS));
    case 'huge number': {
      const numbers = paths.all.filter((path) => typeof nodeAt(document, path) === 'number');
      return withRaw(document, pick(rng, numbers.length > 0 ? numbers : paths.all), pick(rng, HUGE));
    }
    case 'prototype key':
      return withExtraKey(document, pick(rng, paths.objects), pick(rng, PROTO_KEYS), pick(rng, PROTO_VALUES));
  }
}

/** Everything the store holds, documents included. */
async function contents(library: Library): Promise<string> {
  return JSON.stringify({ items: await library.list(), documents: (await library.exportArchive()).items });
}

describe('fuzz: mutated files never crash the validator or touch the store', () => {
  const library = openLibrary({ name: 'storage-fuzz', now: () => new Date('2025-03-01T00:00:00.000Z') });
  afterAll(() => library.close());

  it(`${MUTATIONS_PER_FILE * files.length} mutations of a run file, a policy file, a world file and an archive`, async () => {
    await library.save('Cliff walk', world);
    await library.save('Q-learning', run);
    const baseline = await contents(library);
    const rng = deriveRng(2025, 'storage-fuzz');
    const outcomes = new Map<string, { accepted: number; refused: number }>();
    let total = 0;

    for (const file of files) {
      const text = JSON.stringify(file.document);
      const bytes = new TextEncoder().encode(text);
      const paths = pathsOf(file.document);
      // The unmutated file passes.
      expect(validateDocument(bytes, { expect: file.format }).format).toBe(file.format);

      for (let i = 0; i < MUTATIONS_PER_FILE; i++) {
        const kind = KINDS[i % KINDS.length];
        const input = mutate(rng, kind, file.document, text, bytes, paths);
        const tally = outcomes.get(`${file.format} / ${kind}`) ?? { accepted: 0, refused: 0 };
        outcomes.set(`${file.format} / ${kind}`, tally);
        total++;

        // 1. The validator, told which format to expect: a document, or one message naming it.
        let accepted = false;
        try {
          const valid = validateDocument(input, { expect: file.format });
          expect(valid.format).toBe(file.format);
          accepted = true;
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          if (!(error as Error).message.startsWith(file.label)) throw new Error(`${kind} on ${file.format}: message does not start with "${file.label}": ${(error as Error).message}`, { cause: error });
        }
        tally[accepted ? 'accepted' : 'refused']++;

        // 2. The library's import (no expected format): on failure the store is unchanged; what
        // it accepts is removed again, so every check compares with the same baseline.
        try {
          const added = await library.importFile(input);
          for (const item of added) await library.delete(item.id);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message).not.toBe('');
        }
        const now = await contents(library);
        if (now !== baseline) throw new Error(`${kind} on ${file.format} (mutation ${i}) changed the store`);
      }
    }

    expect(total).toBeGreaterThanOrEqual(10_000);
    // Nothing reached Object.prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Every mutation class ran on every file, and hostile ones were refused every time.
    for (const file of files) {
      for (const kind of KINDS) expect(outcomes.get(`${file.format} / ${kind}`)!.accepted + outcomes.get(`${file.format} / ${kind}`)!.refused).toBeGreaterThan(300);
      expect(outcomes.get(`${file.format} / prototype key`)!.accepted).toBe(0);
      expect(outcomes.get(`${file.format} / truncation`)!.accepted).toBe(0);
    }
    const refused = [...outcomes.values()].reduce((sum, tally) => sum + tally.refused, 0);
    console.log(`storage fuzz: ${total} mutations, ${refused} refused, ${total - refused} still valid`);
  });
});
