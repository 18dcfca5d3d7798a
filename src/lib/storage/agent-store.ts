/**
 * Saved runs in the browser: one IndexedDB database ('floe'), one object store ('agents'),
 * through the `idb` wrapper (promises instead of IDBRequest callbacks). Each record holds a run
 * file (agents/runner/run-file.ts) with a name, the date saved and its size in characters;
 * the key is generated (autoIncrement).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { RunFile } from '../../../agents/runner/run-file';

export interface SavedAgent {
  readonly id: number;
  readonly name: string;
  /** When it was saved (ISO 8601). */
  readonly date: string;
  /** The document's size in characters of JSON. */
  readonly size: number;
  readonly document: RunFile;
}

/** A saved agent without its document, for lists. */
export type SavedAgentSummary = Omit<SavedAgent, 'document'>;

interface FloeDb extends DBSchema {
  agents: { key: number; value: SavedAgent };
}

const DB_NAME = 'floe';
const DB_VERSION = 1;
let db: Promise<IDBPDatabase<FloeDb>> | null = null;

function open(): Promise<IDBPDatabase<FloeDb>> {
  db ??= openDB<FloeDb>(DB_NAME, DB_VERSION, {
    upgrade(database) {
      database.createObjectStore('agents', { keyPath: 'id', autoIncrement: true });
    },
  });
  // A failed open (storage disabled) is tried again next time.
  db.catch(() => (db = null));
  return db;
}

/** A storage failure in words a person can act on (a full quota says so). */
export function storageMessage(error: unknown): string {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') return "not saved: the browser's storage for this site is full; delete saved agents or download to a file instead";
  return `browser storage failed: ${error instanceof Error ? error.message : String(error)}`;
}

export async function saveAgent(name: string, document: RunFile): Promise<SavedAgentSummary> {
  const size = JSON.stringify(document).length;
  const date = new Date().toISOString();
  const database = await open();
  // The key is generated: the record goes in without an id.
  const id = await database.add('agents', { name, date, size, document } as unknown as SavedAgent);
  return { id, name, date, size };
}

/** Every saved agent, oldest first, without the documents. */
export async function listAgents(): Promise<SavedAgentSummary[]> {
  const database = await open();
  const summaries: SavedAgentSummary[] = [];
  let cursor = await database.transaction('agents').store.openCursor();
  while (cursor) {
    const { id, name, date, size } = cursor.value;
    summaries.push({ id, name, date, size });
    cursor = await cursor.continue();
  }
  return summaries;
}

export async function loadAgentDocument(id: number): Promise<RunFile> {
  const record = await (await open()).get('agents', id);
  if (!record) throw new Error(`saved agent ${id} is no longer there`);
  return record.document;
}

export async function deleteAgent(id: number): Promise<void> {
  await (await open()).delete('agents', id);
}
