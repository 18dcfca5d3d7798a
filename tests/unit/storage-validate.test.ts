/** The one validator (src/lib/storage/validate.ts): every rejection class with its exact message, the format table and migration. */
import { describe, expect, it } from 'vitest';
import { createGridSession } from '../../agents/runner/grid-session';
import type { RunFile } from '../../agents/runner/run-file';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld';
import { checkDocument, registerFormat, registeredFormats, validateDocument, ValidationError, type ValidDocument } from '../../src/lib/storage/validate';
import { makeWorldFile } from '../../src/lib/storage/world-format';
import { makeArchive } from '../../src/lib/storage/archive-format';

const encoder = new TextEncoder();
const world = makeWorldFile(GRIDWORLD_PRESETS['cliff-walk'].spec);

function runFile(): RunFile {
  const session = createGridSession({ world: GRIDWORLD_PRESETS['fig-19-10'].spec, agent: 'q-learning', options: {}, seed: 7 });
  session.step(60);
  const file = session.saveRun();
  session.dispose();
  return JSON.parse(JSON.stringify(file)) as RunFile;
}

/** float32 little-endian values as base64, the weights file's data. */
function weightsData(values: readonly number[]): string {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return Buffer.from(bytes).toString('base64');
}

/** A small policy file: DQN on a 4-vector input, one hidden layer of 3 units, 2 actions. */
function policyFile(): Record<string, unknown> {
  const shapes = [[4, 3], [3], [3, 2], [2]];
  const total = 4 * 3 + 3 + 3 * 2 + 2;
  return {
    format: 'floe-policy',
    version: 1,
    world: 'cartpole',
    agent: 'dqn',
    config: { hidden: [3] },
    input: { kind: 'vector', size: 4 },
    nActions: 2,
    networks: [{ shapes, data: weightsData(Array.from({ length: total }, (_, i) => i / 10 - 1)) }],
    provenance: { command: 'npm run rl -- train', seed: 1, frames: 100, averageReturn: 20, episodes: 5 },
  };
}

/** The message validateDocument gives for `input`. */
function refusal(input: string | Uint8Array, options?: Parameters<typeof validateDocument>[1]): string {
  try {
    validateDocument(input, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('valid documents pass, at their current version', () => {
  it('a world file, as text and as bytes', () => {
    const text = JSON.stringify(world);
    for (const input of [text, encoder.encode(text)]) {
      const valid = validateDocument(input);
      expect(valid).toMatchObject({ format: 'floe-world', kind: 'world', label: 'world file', version: 1, migratedFrom: null });
      expect(valid.document).toEqual(world);
    }
  });

  it('a run file, a policy file and an archive holding them', () => {
    const run = runFile();
    expect(validateDocument(JSON.stringify(run)).document).toEqual(run);
    expect(validateDocument(JSON.stringify(policyFile()), { expect: 'floe-policy' }).kind).toBe('agent');
    const archive = makeArchive(
      [
        { kind: 'world', name: 'Cliff', date: '2025-01-02T03:04:05.000Z', document: world },
        { kind: 'agent', name: 'Q on fig 19.10', date: '2025-01-02T03:04:06.000Z', document: run },
      ],
      new Date('2025-02-01T00:00:00.000Z'),
    );
    const valid = validateDocument(JSON.stringify(archive));
    expect(valid.label).toBe('archive');
    expect((valid.document as { items: { name: string }[] }).items.map((item) => item.name)).toEqual(['Cliff', 'Q on fig 19.10']);
  });

  it('a real DQN run file (weights, Adam moments, replay buffer) is within every limit', async () => {
    const { initBackend } = await import('../../agents/core/tf-backend');
    const { createGridDeepSession } = await import('../../agents/runner/grid-deep-session');
    await initBackend('wasm');
    const options = { hidden: '16', learningStarts: 50, batchSize: 16, bufferSize: 500, targetSyncEvery: 50 };
    const session = createGridDeepSession({ world: GRIDWORLD_PRESETS['fig-19-10'].spec, agent: 'dqn', options, seed: 3 });
    session.step(120);
    const text = JSON.stringify(session.saveRun());
    session.dispose();
    expect(validateDocument(text, { expect: 'floe-run' }).document).toEqual(JSON.parse(text));
  });

  it('a shipped pretrained policy passes the envelope check', async () => {
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(new URL('../../public/pretrained/pong.json', import.meta.url));
    expect(validateDocument(new Uint8Array(bytes)).format).toBe('floe-policy');
  });

  it('a UTF-8 byte-order mark is dropped', () => {
    expect(validateDocument(new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode(JSON.stringify(world))])).format).toBe('floe-world');
  });
});

describe('every rejection class, with its exact message', () => {
  const worldText = JSON.stringify(world);

  it('over the size limit, before parsing', () => {
    expect(refusal('x'.repeat(101), { limits: { maxBytes: 100 } })).toBe('file is too large: 101 characters, the limit is 100');
    expect(refusal(new Uint8Array(101), { limits: { maxBytes: 100 }, expect: 'floe-run' })).toBe('run file is too large: 101 bytes, the limit is 100');
  });

  it('not UTF-8', () => {
    expect(refusal(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]))).toBe('file is not valid UTF-8 text (damaged, or not a Floe file)');
    expect(refusal(new Uint8Array([0xc3]), { expect: 'floe-world' })).toBe('world file is not valid UTF-8 text (damaged, or not a Floe file)');
    expect(refusal('{"format":"\ud800"}')).toBe('file is not valid Unicode text (it holds a lone surrogate)');
  });

  it('empty, truncated, not JSON', () => {
    expect(refusal('  ')).toBe('file is empty');
    expect(refusal(worldText.slice(0, 40), { expect: 'floe-world' })).toMatch(/^world file is not valid JSON \(truncated or damaged\?\): /);
  });

  it('prototype keys anywhere', () => {
    expect(refusal('{"format":"floe-world","__proto__":{"polluted":true}}')).toBe('file: the top level has the key "__proto__", which is refused (it could change built-in objects)');
    const nested = worldText.replace('"legend":{', '"legend":{"constructor":{"prototype":1},');
    expect(refusal(nested)).toBe('file: spec.legend has the key "constructor", which is refused (it could change built-in objects)');
    expect(refusal('[{"a":{"prototype":0}}]')).toBe('file: [0].a has the key "prototype", which is refused (it could change built-in objects)');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('infinite numbers (huge literals) and NaN-like values', () => {
    const huge = worldText.replace(/"gamma":[^,}]+/, '"gamma":1e999');
    expect(huge).not.toBe(worldText);
    expect(refusal(huge)).toBe('file: spec.gamma is too large to be a number (it reads as infinity)');
    expect(refusal('{"a":[1,-1e400]}')).toBe('file: a[1] is too large to be a number (it reads as infinity)');
    expect(refusal('{"a":NaN}')).toMatch(/^file is not valid JSON/);
  });

  it('arrays, strings and nesting beyond their limits', () => {
    expect(refusal('{"a":[1,2,3,4]}', { limits: { maxArrayLength: 3 } })).toBe('file: a has 4 entries; the limit is 3');
    expect(refusal('{"a":"abcd"}', { limits: { maxStringLength: 3 } })).toBe('file: a is a string of 4 characters; the limit is 3');
    expect(refusal('['.repeat(33) + ']'.repeat(33))).toBe('file is nested more than 32 levels deep');
    expect(refusal('['.repeat(100_000))).toBe('file is nested more than 32 levels deep');
  });

  it('not an object, no format, an unexpected or unsupported format', () => {
    expect(refusal('[1]')).toBe('file must be a JSON object with a "format", got an array');
    expect(refusal('{"version":1}')).toBe("file: format must be a string such as 'floe-world', got nothing");
    expect(refusal(worldText, { expect: 'floe-run' })).toBe(`run file: format must be 'floe-run', got "floe-world"`);
    expect(refusal('{"format":"floe-dataset","version":1}')).toBe(
      'file: unsupported format "floe-dataset"; this Floe reads ' + registeredFormats().join(', '),
    );
  });

  it('wrong versions: newer, missing, not whole', () => {
    expect(refusal(worldText.replace('"version":1,"spec"', '"version":2,"spec"'))).toBe('world file: version 2 was written by a newer Floe; this one reads up to version 1');
    expect(refusal('{"format":"floe-run"}')).toBe('run file: version must be a whole number from 1 to 1, got nothing');
    expect(refusal('{"format":"floe-archive","version":0.5}')).toBe('archive: version must be a whole number from 1 to 1, got 0.5');
  });

  it("each format's own checks", () => {
    expect(refusal(worldText.replace('"format":"floe-world"', '"format":"floe-world","extra":1'))).toBe(
      'world file: unknown key "extra"; a world file has format, version and spec',
    );
    const badRow = { ...world, spec: { ...world.spec, map: [...world.spec.map.slice(0, 2), world.spec.map[2] + '.', ...world.spec.map.slice(3)] } };
    expect(refusal(JSON.stringify(badRow))).toMatch(/^world file: spec: map row 3 has \d+ tiles, expected \d+$/);

    const run = runFile();
    expect(refusal(JSON.stringify({ ...run, seed: -1 }))).toBe('run file: seed must be a whole number, 0 or more, got -1');

    const policy = policyFile();
    const network = (policy.networks as { shapes: number[][]; data: string }[])[0];
    const wrongRows = { ...policy, networks: [{ ...network, shapes: [[4, 3], [3], [130, 2], [2]] }] };
    expect(refusal(JSON.stringify(wrongRows))).toBe('policy file: networks[0]: layer 2 weights have 130 rows, expected 3');
    const shortData = { ...policy, networks: [{ ...network, data: weightsData(new Array(22).fill(0)) }] };
    expect(refusal(JSON.stringify(shortData))).toBe('policy file: networks[0].data holds 22 values, the shapes need 23');
    const nanWeights = { ...policy, networks: [{ ...network, data: weightsData([...new Array(22).fill(0), NaN]) }] };
    expect(refusal(JSON.stringify(nanWeights))).toBe('policy file: networks[0].data value 22 is NaN (NaN or infinite weights are refused)');
    expect(refusal(JSON.stringify({ ...policy, agent: 'q-learning' }))).toMatch(/^policy file: agent must name a deep agent \(dqn, .*\), got "q-learning"$/);
  });

  it("an archive names the item and keeps the item's own message", () => {
    const archive = makeArchive([{ kind: 'agent', name: 'Cliff', date: '2025-01-02T03:04:05.000Z', document: world }], new Date(0));
    expect(refusal(JSON.stringify(archive))).toBe(`archive: item 1 ("Cliff"): kind is 'agent', but its document is a world file (kind 'world')`);
    const bad = makeArchive([{ kind: 'world', name: 'Cliff', date: '2025-01-02T03:04:05.000Z', document: { ...world, version: 7 } }], new Date(0));
    expect(refusal(JSON.stringify(bad))).toBe('archive: item 1 ("Cliff"): world file: version 7 was written by a newer Floe; this one reads up to version 1');
    const nested = makeArchive([{ kind: 'world', name: 'Box', date: '2025-01-02T03:04:05.000Z', document: makeArchive([], new Date(0)) }], new Date(0));
    expect(refusal(JSON.stringify(nested))).toBe('archive: item 1 ("Box"): an archive cannot hold another archive');
    const noName = { ...makeArchive([], new Date(0)), items: [{ kind: 'world', name: ' ', date: '2025-01-02T03:04:05.000Z', document: world }] };
    expect(refusal(JSON.stringify(noName))).toBe('archive: item 1: name must not be empty');
    const runItem = makeArchive([{ kind: 'run', name: 'Compare', date: '2025-01-02T03:04:05.000Z', document: { format: 'floe-compare', version: 1 } }], new Date(0));
    expect(refusal(JSON.stringify(runItem))).toBe(
      `archive: item 1 ("Compare"): file: unsupported format "floe-compare"; this Floe reads ${registeredFormats().join(', ')}`,
    );
  });

  it('in-memory values go through the same walk (a getter is never called)', () => {
    let called = false;
    const withGetter = {
      format: 'floe-world',
      get version() {
        called = true;
        return 1;
      },
    };
    expect(() => checkDocument(withGetter)).toThrow('file: version is an accessor, not JSON data');
    expect(called).toBe(false);
    expect(() => checkDocument({ format: 'floe-world', version: 1, spec: new Date(0) })).toThrow('file: spec is not plain JSON data (an object with a class)');
    expect(() => checkDocument({ ...world, spec: { ...world.spec, gamma: NaN } })).toThrow('file: spec.gamma is not a number (NaN)');
  });
});

describe('the format table: registration later, migration step by step', () => {
  it("a 'run' kind format registered by another module, with two migration steps", () => {
    const message = refusal('{"format":"floe-test-compare","version":1,"seeds":3}');
    expect(message).toMatch(/^file: unsupported format "floe-test-compare"/);

    const migrations = {
      // v1 had `seeds` as a count; v2 lists them.
      1: (doc: Readonly<Record<string, unknown>>) => {
        if (!Number.isInteger(doc.seeds)) throw new Error(`seeds must be a count, got ${JSON.stringify(doc.seeds)}`);
        return { ...doc, version: 2, seeds: Array.from({ length: doc.seeds as number }, (_, i) => i) };
      },
      // v3 renamed `seeds` to `seedList`.
      2: ({ seeds, ...doc }: Readonly<Record<string, unknown>>) => ({ ...doc, version: 3, seedList: seeds }),
    };
    registerFormat('floe-test-compare', {
      label: 'compare file',
      kind: 'run',
      version: 3,
      migrations,
      check(doc) {
        if (!Array.isArray(doc.seedList) || doc.seedList.length === 0) throw new Error('compare file: seedList must list at least one seed');
        return doc;
      },
    });
    const v1 = { format: 'floe-test-compare', version: 1, seeds: 3 };
    const valid: ValidDocument = validateDocument(JSON.stringify(v1));
    expect(valid).toMatchObject({ kind: 'run', version: 3, migratedFrom: 1, document: { format: 'floe-test-compare', version: 3, seedList: [0, 1, 2] } });
    expect(v1).toEqual({ format: 'floe-test-compare', version: 1, seeds: 3 }); // pure steps
    expect(refusal('{"format":"floe-test-compare","version":2,"seeds":[]}')).toBe('compare file: seedList must list at least one seed');
    expect(refusal('{"format":"floe-test-compare","version":1,"seeds":"x"}')).toBe('compare file: migrating version 1 to 2: seeds must be a count, got "x"');
    expect(() => registerFormat('floe-test-compare', { label: 'x', kind: 'run', version: 1, check: (doc) => doc })).toThrow("format 'floe-test-compare' is already registered");
    expect(() => registerFormat('floe-test-gap', { label: 'x', kind: 'run', version: 2, check: (doc) => doc })).toThrow("format 'floe-test-gap': no migration from version 1 to 2");
  });

  it("a checker's bug still comes out as one message naming the format", () => {
    registerFormat('floe-test-buggy', {
      label: 'buggy file',
      kind: 'dataset',
      version: 1,
      check: (doc) => (doc.missing as { deep: number }).deep,
    });
    expect(refusal('{"format":"floe-test-buggy","version":1}')).toMatch(/^buggy file: Cannot read properties of undefined/);
  });
});
