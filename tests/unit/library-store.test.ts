/** The library in IndexedDB (src/lib/storage/library.ts), in Node with fake-indexeddb: round trips, edits, export and import, failures that change nothing. */
import 'fake-indexeddb/auto';
import { IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGridSession } from '../../agents/runner/grid-session';
import type { RunFile } from '../../agents/runner/run-file';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld';
import { openLibrary, type Library } from '../../src/lib/storage/library';
import { makeWorldFile } from '../../src/lib/storage/world-format';

let dbCount = 0;
const opened: Library[] = [];
/** A fresh database per test, with a clock that ticks one second per reading. */
function freshLibrary(): Library {
  let tick = Date.parse('2025-03-01T10:00:00.000Z');
  const library = openLibrary({ name: `library-store-${++dbCount}`, now: () => new Date((tick += 1000)) });
  opened.push(library);
  return library;
}
afterEach(async () => {
  vi.restoreAllMocks();
  for (const library of opened.splice(0)) await library.close();
});

const cliff = makeWorldFile(GRIDWORLD_PRESETS['cliff-walk'].spec);
const lake = makeWorldFile(GRIDWORLD_PRESETS['frozen-lake-4x4'].spec);

function runFile(steps = 60): RunFile {
  const session = createGridSession({ world: GRIDWORLD_PRESETS['fig-19-10'].spec, agent: 'q-learning', options: {}, seed: 7 });
  session.step(steps);
  const file = session.saveRun();
  session.dispose();
  return JSON.parse(JSON.stringify(file)) as RunFile;
}

/** Everything the store holds, documents included. */
async function contents(library: Library): Promise<string> {
  const items = await library.list();
  const archive = await library.exportArchive();
  return JSON.stringify({ items, documents: archive.items });
}

describe('persistence', () => {
  it('round trip: saved documents come back equal, from a new connection too', async () => {
    const library = freshLibrary();
    const run = runFile();
    const world = await library.save('Cliff walk', cliff);
    const agent = await library.save('  Q-learning, 60 steps ', run);
    expect(world).toEqual({ id: 1, kind: 'world', name: 'Cliff walk', date: '2025-03-01T10:00:01.000Z', size: new TextEncoder().encode(JSON.stringify(cliff)).length, format: 'floe-world', version: 1 });
    expect(agent).toMatchObject({ id: 2, kind: 'agent', name: 'Q-learning, 60 steps', format: 'floe-run', version: 1 });
    await library.close();

    const again = openLibrary({ name: `library-store-${dbCount}` });
    opened.push(again);
    expect(await again.list()).toEqual([world, agent]);
    expect(await again.list('world')).toEqual([world]);
    expect(await again.list('run')).toEqual([]);
    expect((await again.get(1)).document).toEqual(cliff);
    expect((await again.get(2)).document).toEqual(run);
  });

  it('refuses to store a bad document, a bad name or an archive, and stores nothing', async () => {
    const library = freshLibrary();
    await library.save('Cliff', cliff);
    const before = await contents(library);
    await expect(library.save('Bad', { ...cliff, version: 9 })).rejects.toThrow('world file: version 9 was written by a newer Floe; this one reads up to version 1');
    await expect(library.save('Bad', { format: 'floe-world', version: 1, spec: { ...cliff.spec, gamma: Infinity } })).rejects.toThrow(
      'file: spec.gamma is too large to be a number (it reads as infinity)',
    );
    await expect(library.save('', cliff)).rejects.toThrow('name must not be empty');
    await expect(library.save('x'.repeat(201), cliff)).rejects.toThrow('name has 201 characters; the limit is 200');
    await expect(library.save('tab\tname', cliff)).rejects.toThrow('name must not contain control characters');
    await expect(library.save('Box', await library.exportArchive())).rejects.toThrow('archive: an archive is imported (its items are stored), not stored itself');
    expect(await contents(library)).toBe(before);
  });
});

describe('rename, delete, duplicate', () => {
  it('edits one item and leaves the others alone', async () => {
    const library = freshLibrary();
    const a = await library.save('Cliff', cliff);
    const b = await library.save('Lake', lake);
    expect(await library.rename(a.id, ' Cliff, renamed ')).toEqual({ ...a, name: 'Cliff, renamed' });
    const copy = await library.duplicate(b.id);
    expect(copy).toEqual({ ...b, id: 3, name: 'Lake (copy)', date: '2025-03-01T10:00:03.000Z' });
    const named = await library.duplicate(b.id, 'Lake again');
    expect(named.name).toBe('Lake again');
    expect((await library.get(copy.id)).document).toEqual(lake);
    await library.delete(b.id);
    expect((await library.list()).map((item) => [item.id, item.name])).toEqual([
      [1, 'Cliff, renamed'],
      [3, 'Lake (copy)'],
      [4, 'Lake again'],
    ]);
    await expect(library.get(b.id)).rejects.toThrow('library: item 2 is no longer there');
    await expect(library.rename(b.id, 'x')).rejects.toThrow('library: item 2 is no longer there');
    await expect(library.duplicate(b.id)).rejects.toThrow('library: item 2 is no longer there');
    await expect(library.rename(1, '')).rejects.toThrow('name must not be empty');
    expect((await library.get(1)).name).toBe('Cliff, renamed');
  });

  it('a copy of a 200-character name still fits', async () => {
    const library = freshLibrary();
    const long = await library.save('n'.repeat(200), cliff);
    expect((await library.duplicate(long.id)).name).toBe('n'.repeat(193) + ' (copy)');
  });
});

describe('export and import', () => {
  it('an archive of the library imports into another one as the same items', async () => {
    const source = freshLibrary();
    const run = runFile();
    await source.save('Cliff', cliff);
    await source.save('Q run', run);
    const archive = await source.exportArchive();
    expect(archive).toMatchObject({ format: 'floe-archive', version: 1, exported: '2025-03-01T10:00:03.000Z' });
    expect(archive.items.map((item) => [item.kind, item.name, item.date])).toEqual([
      ['world', 'Cliff', '2025-03-01T10:00:01.000Z'],
      ['agent', 'Q run', '2025-03-01T10:00:02.000Z'],
    ]);
    expect((await source.exportArchive([2])).items.map((item) => item.name)).toEqual(['Q run']);
    await expect(source.exportArchive([2, 9])).rejects.toThrow('library: item 9 is no longer there');

    const target = freshLibrary();
    const added = await target.importFile(new TextEncoder().encode(JSON.stringify(archive)));
    expect(added.map(({ kind, name, date }) => ({ kind, name, date }))).toEqual(archive.items.map(({ kind, name, date }) => ({ kind, name, date })));
    expect((await target.get(added[1].id)).document).toEqual(run);
  });

  it('a single document imports under its own name or the one given', async () => {
    const library = freshLibrary();
    const [world] = await library.importFile(JSON.stringify(cliff));
    expect(world).toMatchObject({ kind: 'world', name: cliff.spec.name });
    const [agent] = await library.importFile(JSON.stringify(runFile()));
    expect(agent).toMatchObject({ kind: 'agent', name: `q-learning on ${GRIDWORLD_PRESETS['fig-19-10'].spec.name}` });
    const [named] = await library.importFile(JSON.stringify(lake), { name: 'My lake' });
    expect(named.name).toBe('My lake');
  });

  it('an archive with one bad item stores none of them', async () => {
    const library = freshLibrary();
    await library.save('Cliff', cliff);
    const before = await contents(library);
    const archive = {
      format: 'floe-archive',
      version: 1,
      exported: '2025-01-01T00:00:00.000Z',
      items: [
        { kind: 'world', name: 'Good', date: '2025-01-01T00:00:00.000Z', document: lake },
        { kind: 'world', name: 'Bad', date: '2025-01-01T00:00:00.000Z', document: { ...lake, spec: { ...lake.spec, map: [] } } },
      ],
    };
    await expect(library.importFile(JSON.stringify(archive))).rejects.toThrow(/^archive: item 2 \("Bad"\): world file: spec: /);
    expect(await contents(library)).toBe(before);
  });
});

describe('storage failures reach the person and change nothing', () => {
  const quotaError = () => Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
  const quotaMessage = "not saved: the browser's storage for this site is full; delete items from the library or export them to a file instead";

  it('a full quota on save is one message', async () => {
    const library = freshLibrary();
    await library.save('Cliff', cliff);
    const before = await contents(library);
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw quotaError();
    });
    await expect(library.save('Lake', lake)).rejects.toThrow(quotaMessage);
    await expect(library.duplicate(1)).rejects.toThrow(quotaMessage);
    vi.restoreAllMocks();
    expect(await contents(library)).toBe(before);
  });

  it('a full quota half-way through an import stores nothing', async () => {
    const library = freshLibrary();
    const archive = {
      format: 'floe-archive',
      version: 1,
      exported: '2025-01-01T00:00:00.000Z',
      items: ['One', 'Two', 'Three'].map((name) => ({ kind: 'world', name, date: '2025-01-01T00:00:00.000Z', document: lake })),
    };
    const add = IDBObjectStore.prototype.add;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: unknown, ...args: unknown[]) {
      if (++calls === 3) throw quotaError();
      return (add as (...a: unknown[]) => unknown).apply(this, args);
    });
    await expect(library.importFile(JSON.stringify(archive))).rejects.toThrow(quotaMessage);
    expect(calls).toBe(3);
    vi.restoreAllMocks();
    expect(await library.list()).toEqual([]);
  });

  it('a rename that fails to write keeps the old name', async () => {
    const library = freshLibrary();
    await library.save('Cliff', cliff);
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw Object.assign(new Error('disk gone'), { name: 'UnknownError' });
    });
    await expect(library.rename(1, 'New')).rejects.toThrow('browser storage failed: disk gone');
    vi.restoreAllMocks();
    expect((await library.get(1)).name).toBe('Cliff');
  });
});
