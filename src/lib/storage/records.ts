/**
 * The library's record format: what one IndexedDB record holds. It is versioned with the
 * database itself (IndexedDB's own version number), and each version's shape is kept here.
 *
 * Version 1 (Floe before the library; database 'floe' version 1, object store 'agents', written
 * by agent-store.ts): a saved run file,
 *
 *   { id: number, name: string, date: ISO 8601, size: characters of JSON, document: RunFile }
 *
 * Version 2 (the library; database 'floe' version 2, object store 'library'):
 *
 *   { id: number, kind: 'world' | 'agent' | 'run' | 'dataset', name: string, date: ISO 8601,
 *     size: bytes of the document's UTF-8 JSON, format: string, version: number, document }
 *
 * `format` and `version` repeat the document's own, so a list can say what each item is without
 * reading documents. Opening an older database migrates its records (migrateRecordV1, a pure
 * function) inside the upgrade transaction: all of them or, if anything fails, none.
 */
import { LIBRARY_KINDS, type LibraryKind } from './format-types';

export const RECORD_VERSION = 2;
export const MAX_NAME_LENGTH = 200;

/** A record as agent-store.ts wrote it (record version 1). */
export interface RecordV1 {
  readonly id: number;
  readonly name: string;
  readonly date: string;
  readonly size: number;
  readonly document: unknown;
}

/** A library record (record version 2). */
export interface LibraryRecord {
  readonly id: number;
  readonly kind: LibraryKind;
  readonly name: string;
  /** When it was saved (ISO 8601). */
  readonly date: string;
  /** The document's size: bytes of its UTF-8 JSON. */
  readonly size: number;
  readonly format: string;
  readonly version: number;
  readonly document: unknown;
}

/** A record without its document, for lists. */
export type LibrarySummary = Omit<LibraryRecord, 'document'>;

/**
 * Record version 1 -> 2. Version 1 only ever held run files ('floe-run'), saved as agents; the
 * document is carried over as it is and checked when it is opened, so one damaged old record
 * cannot block the upgrade of the others.
 */
export function migrateRecordV1(record: RecordV1): LibraryRecord {
  const document = record.document as { format?: unknown; version?: unknown } | null;
  const format = typeof document?.format === 'string' ? document.format : 'floe-run';
  const version = typeof document?.version === 'number' ? document.version : 1;
  return {
    id: record.id,
    kind: 'agent',
    name: typeof record.name === 'string' && record.name.trim() !== '' ? record.name.slice(0, MAX_NAME_LENGTH) : `saved agent ${record.id}`,
    date: typeof record.date === 'string' ? record.date : new Date(0).toISOString(),
    size: typeof document === 'object' ? utf8Length(JSON.stringify(record.document) ?? '') : 0,
    format,
    version,
    document: record.document,
  };
}

export function summaryOf(record: LibraryRecord): LibrarySummary {
  const { id, kind, name, date, size, format, version } = record;
  return { id, kind, name, date, size, format, version };
}

/** Bytes of `text` in UTF-8, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** A name a person gave (trimmed), or one precise message. */
export function checkName(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new Error(`${where} must be a string, got ${JSON.stringify(value)?.slice(0, 40) ?? 'nothing'}`);
  const name = value.trim();
  if (name === '') throw new Error(`${where} must not be empty`);
  if (name.length > MAX_NAME_LENGTH) throw new Error(`${where} has ${name.length} characters; the limit is ${MAX_NAME_LENGTH}`);
  // Control characters (a damaged file, or an attempt to break a list's layout) are refused.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new Error(`${where} must not contain control characters`);
  return name;
}

/** An ISO 8601 date (as Date.toISOString writes it), or one precise message. */
export function checkDate(value: unknown, where: string): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value) || !Number.isFinite(Date.parse(value))) {
    throw new Error(`${where} must be a date such as 2025-01-31T12:00:00.000Z, got ${JSON.stringify(value)?.slice(0, 40) ?? 'nothing'}`);
  }
  return value;
}

export function isLibraryKind(value: unknown): value is LibraryKind {
  return typeof value === 'string' && (LIBRARY_KINDS as readonly string[]).includes(value);
}
