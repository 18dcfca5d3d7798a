/**
 * Floe's library: the worlds, agents, runs and datasets a person keeps, in IndexedDB (through
 * `idb`), and their export and import as one archive file (archive-format.ts).
 *
 * Database 'floe', version 2 (the record format, records.ts), one object store 'library' keyed
 * by a generated id, with an index on `kind`. Opening a version 1 database (agent-store.ts's
 * 'agents' store of saved runs) migrates every record into 'library', keeping its id, and drops
 * the old store, all in the upgrade transaction: if anything fails, the database stays as it was.
 *
 * Every document goes through the validator (validate.ts) on the way in: save() and importFile()
 * store only what passed, at its format's current version. get() checks again on the way out and
 * migrates a document stored in an older version of its format (in memory; the record is kept).
 *
 * Each operation is one transaction: it happens in full or not at all (an import of 50 items
 * stores 50 or none). Storage failures come out as one Error whose message a person can act on
 * (storageMessage: a full quota says so); they are never swallowed.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPObjectStore } from 'idb';
import { checkDocument, formatChecker, validateDocument, ValidationError, type LibraryKind, type ValidDocument } from './validate';
import { makeArchive, type Archive, type CheckedArchive } from './archive-format';
import { checkName, MAX_NAME_LENGTH, migrateRecordV1, RECORD_VERSION, summaryOf, utf8Length, type LibraryRecord, type LibrarySummary, type RecordV1 } from './records';

export type { LibraryRecord, LibrarySummary, LibraryKind };

export const LIBRARY_DB_NAME = 'floe';
const STORE = 'library';
/** The store agent-store.ts wrote before the library (record version 1). */
const OLD_AGENTS_STORE = 'agents';

interface LibrarySchema extends DBSchema {
  library: { key: number; value: LibraryRecord; indexes: { kind: LibraryKind } };
}

function writeTransaction(database: IDBPDatabase<LibrarySchema>) {
  return database.transaction(STORE, 'readwrite');
}
/** The store in a read-write transaction (inferred: the mode's type comes from the DOM library, absent in Node builds). */
type Store = ReturnType<typeof writeTransaction>['store'];

/** A message from the library itself (an item that is gone, a bad name): shown as it is. */
export class LibraryError extends Error {
  override name = 'LibraryError';
}

/** A storage failure in words a person can act on (a full quota says so). */
export function storageMessage(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'QuotaExceededError') return "not saved: the browser's storage for this site is full; delete items from the library or export them to a file instead";
  return `browser storage failed: ${error instanceof Error ? error.message : String(error)}`;
}

function asPersonMessage(error: unknown, transactionError?: unknown): Error {
  if (error instanceof ValidationError || error instanceof LibraryError) return error;
  // A quota failure may surface as the request's error or as the aborted transaction's.
  const quota = [error, transactionError].find((e) => (e as { name?: unknown } | null)?.name === 'QuotaExceededError');
  return new LibraryError(storageMessage(quota ?? error), { cause: error });
}

export interface LibraryOptions {
  /** The database's name (tests use their own). */
  readonly name?: string;
  /** The clock for record dates (tests fix it). */
  readonly now?: () => Date;
}

export interface SaveOptions {
  /** The date saved; default now. */
  readonly date?: string;
}

export interface ImportOptions {
  /** The name of a single document imported on its own (default: the file's own name for it). */
  readonly name?: string;
}

export interface Library {
  /** Every item (or every item of one kind), oldest first, without documents. */
  list(kind?: LibraryKind): Promise<LibrarySummary[]>;
  /** One item, its document checked and at its format's current version. */
  get(id: number): Promise<LibraryRecord>;
  /** Checks and stores a document (its kind follows from its format). */
  save(name: string, document: unknown, options?: SaveOptions): Promise<LibrarySummary>;
  rename(id: number, name: string): Promise<LibrarySummary>;
  delete(id: number): Promise<void>;
  /** A copy under a new name (default '<name> (copy)'), dated now. */
  duplicate(id: number, name?: string): Promise<LibrarySummary>;
  /** An archive of the given items (default all), documents as stored. */
  exportArchive(ids?: readonly number[]): Promise<Archive>;
  /** A file's text or bytes: an archive (every item) or one document; all stored, or nothing. */
  importFile(input: string | Uint8Array, options?: ImportOptions): Promise<LibrarySummary[]>;
  /** Closes the connection (tests; a page never needs to). */
  close(): Promise<void>;
}

/**
 * The upgrade to record version 2: creates the library store and moves version 1 records into it.
 * A later record version adds a step here for `oldVersion < 3`, after this one.
 */
function upgrade(database: IDBPDatabase<LibrarySchema>, oldVersion: number, transaction: { objectStore(name: string): unknown; abort(): void }): void {
  if (oldVersion >= 2) return;
  const store = database.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
  store.createIndex('kind', 'kind');
  const untyped = database as unknown as IDBPDatabase;
  if (oldVersion < 1 || !untyped.objectStoreNames.contains(OLD_AGENTS_STORE)) return;
  const old = transaction.objectStore(OLD_AGENTS_STORE) as IDBPObjectStore<unknown, string[], string, 'versionchange'>;
  old
    .getAll()
    .then((records) => {
      // Queued in one go, inside the upgrade transaction: all or none. A failed put aborts the
      // transaction by itself; its catch only keeps the promise from going unhandled.
      for (const record of records as RecordV1[]) store.put(migrateRecordV1(record)).catch(() => undefined);
      untyped.deleteObjectStore(OLD_AGENTS_STORE);
    })
    .catch(() => {
      // Anything wrong: the transaction is aborted, the database stays at version 1 and the
      // open fails with a message (open() below), rather than losing the old records.
      try {
        transaction.abort();
      } catch {
        // already aborted
      }
    });
}

export function openLibrary(options: LibraryOptions = {}): Library {
  const dbName = options.name ?? LIBRARY_DB_NAME;
  const now = options.now ?? (() => new Date());
  let connection: Promise<IDBPDatabase<LibrarySchema>> | null = null;

  function open(): Promise<IDBPDatabase<LibrarySchema>> {
    if (connection === null) {
      const opening = openDB<LibrarySchema>(dbName, RECORD_VERSION, {
        upgrade: (database, oldVersion, _newVersion, transaction) => upgrade(database, oldVersion, transaction as never),
        // Another tab opens a newer Floe: let it upgrade, and open again next time.
        blocking: () => {
          void opening.then((database) => database.close());
          connection = null;
        },
        terminated: () => {
          connection = null;
        },
      });
      connection = opening;
      // A failed open (storage disabled, a failed upgrade) is tried again next time.
      opening.catch(() => {
        if (connection === opening) connection = null;
      });
    }
    return connection.catch((error: unknown) => {
      throw new LibraryError(`the library could not be opened: ${storageMessage(error)}`, { cause: error });
    });
  }

  /** One read-write transaction: everything `work` does, or nothing. */
  async function write<T>(work: (store: Store) => Promise<T>): Promise<T> {
    const database = await open();
    let transaction;
    try {
      transaction = writeTransaction(database);
    } catch (error) {
      throw asPersonMessage(error);
    }
    const done = transaction.done;
    done.catch(() => undefined); // observed below; this only keeps an abort from being "unhandled"
    try {
      const result = await work(transaction.store);
      await done;
      return result;
    } catch (error) {
      try {
        transaction.abort();
      } catch {
        // already finished or aborted
      }
      throw asPersonMessage(error, transaction.error);
    }
  }

  async function read<T>(work: (database: IDBPDatabase<LibrarySchema>) => Promise<T>): Promise<T> {
    const database = await open();
    try {
      return await work(database);
    } catch (error) {
      throw asPersonMessage(error);
    }
  }

  function recordFor(valid: ValidDocument, name: string, date: string): Omit<LibraryRecord, 'id'> {
    if (valid.kind === null) throw new LibraryError(`${valid.label}: an archive is imported (its items are stored), not stored itself`);
    const size = utf8Length(JSON.stringify(valid.document));
    return { kind: valid.kind, name, date, size, format: valid.format, version: valid.version, document: valid.document };
  }

  function personName(name: unknown): string {
    try {
      return checkName(name, 'name');
    } catch (error) {
      throw new LibraryError((error as Error).message);
    }
  }

  /** The name a document gives itself (a world's spec name), made fit to be a name. */
  function defaultName(valid: ValidDocument): string {
    const own = formatChecker(valid.format)?.defaultName?.(valid.document) ?? '';
    // eslint-disable-next-line no-control-regex
    const cleaned = own.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, MAX_NAME_LENGTH).trim();
    return cleaned === '' ? `imported ${valid.label}` : cleaned;
  }

  async function existing(store: Store, id: number): Promise<LibraryRecord> {
    const record = await store.get(id);
    if (record === undefined) throw new LibraryError(`library: item ${id} is no longer there`);
    return record;
  }

  /** Adds records (the key is generated: they go in without an id). */
  async function addAll(store: Store, records: readonly Omit<LibraryRecord, 'id'>[]): Promise<LibrarySummary[]> {
    const summaries: LibrarySummary[] = [];
    for (const record of records) {
      const id = await store.add(record as LibraryRecord);
      summaries.push(summaryOf({ ...record, id } as LibraryRecord));
    }
    return summaries;
  }

  return {
    list: (kind) =>
      read(async (database) => {
        const summaries: LibrarySummary[] = [];
        const transaction = database.transaction(STORE);
        let cursor = kind === undefined ? await transaction.store.openCursor() : await transaction.store.index('kind').openCursor(kind);
        while (cursor) {
          summaries.push(summaryOf(cursor.value));
          cursor = await cursor.continue();
        }
        return summaries.sort((a, b) => a.id - b.id);
      }),

    async get(id) {
      const record = await read((database) => database.get(STORE, id));
      if (record === undefined) throw new LibraryError(`library: item ${id} is no longer there`);
      const valid = checkDocument(record.document);
      if (valid.kind !== record.kind) throw new LibraryError(`library: item ${id} ("${record.name}") is kept as a ${record.kind} but holds a ${valid.label}`);
      return { ...record, format: valid.format, version: valid.version, document: valid.document };
    },

    async save(name, document, saveOptions = {}) {
      const record = recordFor(checkDocument(document), personName(name), saveOptions.date ?? now().toISOString());
      const [summary] = await write((store) => addAll(store, [record]));
      return summary;
    },

    async rename(id, name) {
      const newName = personName(name);
      return write(async (store) => {
        const record = { ...(await existing(store, id)), name: newName };
        await store.put(record);
        return summaryOf(record);
      });
    },

    delete: (id) =>
      write(async (store) => {
        await store.delete(id);
      }),

    async duplicate(id, name) {
      const given = name === undefined ? null : personName(name);
      return write(async (store) => {
        const { id: _id, ...record } = await existing(store, id);
        const copyName = given ?? `${record.name.slice(0, MAX_NAME_LENGTH - 7)} (copy)`;
        const [summary] = await addAll(store, [{ ...record, name: copyName, date: now().toISOString() }]);
        return summary;
      });
    },

    async exportArchive(ids) {
      const records = await read(async (database) => {
        if (ids === undefined) return database.getAll(STORE);
        const transaction = database.transaction(STORE);
        const found: LibraryRecord[] = [];
        for (const id of ids) {
          const record = await transaction.store.get(id);
          if (record === undefined) throw new LibraryError(`library: item ${id} is no longer there`);
          found.push(record);
        }
        return found;
      });
      return makeArchive(records, now());
    },

    async importFile(input, importOptions = {}) {
      // Everything is checked before anything is written.
      const valid = validateDocument(input);
      let records: Omit<LibraryRecord, 'id'>[];
      if (valid.format === 'floe-archive') {
        records = (valid.document as CheckedArchive).items.map((item) => recordFor(item.checked, item.name, item.date));
      } else {
        const name = importOptions.name === undefined ? defaultName(valid) : personName(importOptions.name);
        records = [recordFor(valid, name, now().toISOString())];
      }
      return write((store) => addAll(store, records));
    },

    async close() {
      const current = connection;
      connection = null;
      if (current !== null) (await current.catch(() => null))?.close();
    },
  };
}

/** The page's library (database 'floe'); nothing is opened until it is first used. */
export const library: Library = openLibrary();
