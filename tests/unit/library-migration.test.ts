/**
 * The library's record format, version 1 -> 2 (src/lib/storage/records.ts): a database written
 * by the old agent-store.ts (database version 1, store 'agents') opened by the library.
 */
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { createGridSession } from '../../agents/runner/grid-session';
import type { RunFile } from '../../agents/runner/run-file';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld';
import { openLibrary } from '../../src/lib/storage/library';
import { migrateRecordV1, type RecordV1 } from '../../src/lib/storage/records';
import { deleteAgent, listAgents, loadAgentDocument, saveAgent } from '../../src/lib/storage/agent-store';

function runFile(agent: string, steps: number): RunFile {
  const session = createGridSession({ world: GRIDWORLD_PRESETS['fig-19-10'].spec, agent, options: {}, seed: 3 });
  session.step(steps);
  const file = session.saveRun();
  session.dispose();
  return JSON.parse(JSON.stringify(file)) as RunFile;
}

/**
 * The version 1 fixture, written the way agent-store.ts wrote it before the library (git history:
 * src/lib/storage/agent-store.ts, DB_VERSION = 1): one store 'agents', keyPath 'id',
 * autoIncrement, records { name, date, size: characters of JSON, document: RunFile } added without
 * an id. The third record is deleted, as a person deleting a save would, so ids have a gap.
 */
async function writeVersion1(dbName: string, documents: readonly { name: string; date: string; document: RunFile }[]): Promise<void> {
  const database = await openDB(dbName, 1, {
    upgrade(db) {
      db.createObjectStore('agents', { keyPath: 'id', autoIncrement: true });
    },
  });
  for (const { name, date, document } of documents) {
    await database.add('agents', { name, date, size: JSON.stringify(document).length, document });
  }
  database.close();
}

const fixture = [
  { name: 'floe-q-learning-fig-19-10', date: '2024-11-02T09:15:00.000Z', document: runFile('q-learning', 40) },
  { name: 'floe-sarsa-fig-19-10', date: '2024-11-03T18:40:12.345Z', document: runFile('sarsa', 25) },
  { name: 'floe-deleted', date: '2024-11-04T00:00:00.000Z', document: runFile('q-learning', 5) },
  { name: 'floe-expected-sarsa-fig-19-10', date: '2024-11-05T07:00:00.000Z', document: runFile('expected-sarsa', 70) },
];

describe('record version 1 -> 2', () => {
  it('the pure step: a version 1 record becomes an agent in the library', () => {
    const v1: RecordV1 = { id: 4, name: 'floe-q', date: '2024-11-02T09:15:00.000Z', size: 10, document: fixture[0].document };
    const v2 = migrateRecordV1(v1);
    expect(v2).toEqual({
      id: 4,
      kind: 'agent',
      name: 'floe-q',
      date: '2024-11-02T09:15:00.000Z',
      size: new TextEncoder().encode(JSON.stringify(fixture[0].document)).length,
      format: 'floe-run',
      version: 1,
      document: fixture[0].document,
    });
    expect(v1.size).toBe(10); // its input is left alone
  });

  it('opening a version 1 database moves every saved run into the library, ids kept', async () => {
    const dbName = 'library-migration-1';
    await writeVersion1(dbName, fixture);
    const old = await openDB(dbName, 1);
    await old.delete('agents', 3);
    const storedV1 = await old.getAll('agents');
    old.close();
    expect(storedV1.map((record: RecordV1) => record.id)).toEqual([1, 2, 4]);

    const library = openLibrary({ name: dbName, now: () => new Date('2025-03-01T00:00:00.000Z') });
    const items = await library.list();
    expect(items.map(({ id, kind, name, date, format, version }) => ({ id, kind, name, date, format, version }))).toEqual(
      [0, 1, 3].map((i) => ({ id: i + 1, kind: 'agent', name: fixture[i].name, date: fixture[i].date, format: 'floe-run', version: 1 })),
    );
    for (const i of [0, 1, 3]) expect((await library.get(i + 1)).document).toEqual(fixture[i].document);
    // New saves continue after the old ids.
    expect((await library.save('after', fixture[0].document)).id).toBe(5);
    await library.close();

    const upgraded = await openDB(dbName);
    expect(upgraded.version).toBe(2);
    expect([...upgraded.objectStoreNames]).toEqual(['library']);
    upgraded.close();
  });

  it("the pages' saved-run functions read the migrated saves (database 'floe')", async () => {
    await writeVersion1('floe', fixture.slice(0, 2));
    expect(await listAgents()).toEqual(
      fixture.slice(0, 2).map((item, i) => ({ id: i + 1, name: item.name, date: item.date, size: new TextEncoder().encode(JSON.stringify(item.document)).length })),
    );
    expect(await loadAgentDocument(2)).toEqual(fixture[1].document);
    const saved = await saveAgent('new run', fixture[3].document);
    expect(saved).toMatchObject({ id: 3, name: 'new run' });
    await deleteAgent(1);
    expect((await listAgents()).map((item) => item.id)).toEqual([2, 3]);
    await expect(loadAgentDocument(1)).rejects.toThrow('library: item 1 is no longer there');
  });
});
