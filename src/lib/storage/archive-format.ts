/**
 * Floe's export file: any part of the library in one JSON document.
 *
 *   { format: 'floe-archive', version: 1,
 *     exported: ISO 8601 date (when it was written),
 *     items: [ { kind: 'world' | 'agent' | 'run' | 'dataset',
 *                name: string (1 to 200 characters, no control characters),
 *                date: ISO 8601 (when the item was saved),
 *                document: a Floe document: a world file, a run file, a policy file, ... } ] }
 *
 * Weights travel inside their documents (base64 float32, agents/deep/weights-file.ts), so one
 * archive is the whole export: no side files. On import the archive and then every item's
 * document go through the validator (each document is migrated to its current version); an item's
 * kind must be its document's kind, and archives do not nest. One bad item refuses the whole
 * archive with a message naming it, and the library stores nothing from it.
 */
import type { FormatChecker, LibraryKind, ValidDocument } from './format-types';
import { checkDate, checkName, isLibraryKind } from './records';

export const ARCHIVE_FORMAT = 'floe-archive';
export const ARCHIVE_VERSION = 1;
export const MAX_ARCHIVE_ITEMS = 10_000;

export interface ArchiveItem {
  readonly kind: LibraryKind;
  readonly name: string;
  readonly date: string;
  readonly document: unknown;
}

export interface Archive {
  readonly format: typeof ARCHIVE_FORMAT;
  readonly version: typeof ARCHIVE_VERSION;
  readonly exported: string;
  readonly items: readonly ArchiveItem[];
}

/** An archive item after the validator: its document at the current version. */
export interface CheckedArchiveItem extends ArchiveItem {
  readonly checked: ValidDocument;
}

export interface CheckedArchive extends Archive {
  readonly items: readonly CheckedArchiveItem[];
}

const ARCHIVE_KEYS = new Set(['format', 'version', 'exported', 'items']);
const ITEM_KEYS = new Set(['kind', 'name', 'date', 'document']);

export function makeArchive(items: readonly ArchiveItem[], exported: Date): Archive {
  return { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, exported: exported.toISOString(), items: items.map(({ kind, name, date, document }) => ({ kind, name, date, document })) };
}

export const archiveFormat: FormatChecker<CheckedArchive> = {
  label: 'archive',
  kind: null,
  version: ARCHIVE_VERSION,
  check(document, context) {
    for (const key of Object.keys(document)) {
      if (!ARCHIVE_KEYS.has(key)) throw new Error(`archive: unknown key ${JSON.stringify(key).slice(0, 80)}; an archive has format, version, exported and items`);
    }
    const exported = checkDate(document.exported, 'archive: exported');
    const items = document.items;
    if (!Array.isArray(items)) throw new Error('archive: items must be a list');
    if (items.length > MAX_ARCHIVE_ITEMS) throw new Error(`archive: ${items.length} items; the limit is ${MAX_ARCHIVE_ITEMS}`);
    const checked = items.map((item: unknown, index): CheckedArchiveItem => {
      const where = `archive: item ${index + 1}`;
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Error(`${where} must be an object with kind, name, date and document`);
      const fields = item as Record<string, unknown>;
      for (const key of Object.keys(fields)) {
        if (!ITEM_KEYS.has(key)) throw new Error(`${where}: unknown key ${JSON.stringify(key).slice(0, 80)}; an item has kind, name, date and document`);
      }
      const name = checkName(fields.name, `${where}: name`);
      const named = `${where} ("${name.slice(0, 60)}")`;
      if (!isLibraryKind(fields.kind)) throw new Error(`${named}: kind must be 'world', 'agent', 'run' or 'dataset', got ${JSON.stringify(fields.kind)?.slice(0, 40) ?? 'nothing'}`);
      const date = checkDate(fields.date, `${named}: date`);
      let valid: ValidDocument;
      try {
        valid = context.checkDocument(fields.document);
      } catch (error) {
        throw new Error(`${named}: ${(error as Error).message}`, { cause: error });
      }
      if (valid.kind === null) throw new Error(`${named}: an archive cannot hold another ${valid.label}`);
      if (valid.kind !== fields.kind) throw new Error(`${named}: kind is '${fields.kind}', but its document is a ${valid.label} (kind '${valid.kind}')`);
      return { kind: valid.kind, name, date, document: valid.document, checked: valid };
    });
    return { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, exported, items: checked };
  },
};
