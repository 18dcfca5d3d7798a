/** Small pure helpers for the library page: labels, sizes, file names and import notices. */
import type { LibraryKind, LibrarySummary } from '../../lib/storage/library';

export const KIND_LABELS: Readonly<Record<LibraryKind, string>> = { world: 'World', agent: 'Agent', run: 'Run', dataset: 'Dataset' };

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A file name from an item's name: lower-case letters, digits and dashes. */
export function fileNameOf(name: string, extension: string, fallback = 'floe-item'): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
  return `${base || fallback}.${extension}`;
}

/** The archive's file name for an export made at `date`. */
export function archiveFileName(date: Date): string {
  return `floe-library-${date.toISOString().slice(0, 10)}.json`;
}

/** What an import added, in one line. */
export function importNotice(fileName: string, added: readonly LibrarySummary[]): string {
  if (added.length === 0) return `${fileName}: the archive holds no items; nothing was added.`;
  if (added.length === 1) return `Added "${added[0].name}" (${KIND_LABELS[added[0].kind].toLowerCase()}) from ${fileName}.`;
  const shown = added.slice(0, 3).map((item) => `"${item.name}"`).join(', ');
  return `Added ${added.length} items from ${fileName}: ${shown}${added.length > 3 ? ', …' : ''}.`;
}

/** A message the page wrote itself (a refused import, with the file's name): shown as it is. */
export class PageMessage extends Error {
  override name = 'PageMessage';
}

/** A page, library or validator message as it is; anything else as a storage failure. */
export function personMessage(error: unknown, storageMessage: (error: unknown) => string): string {
  if (error instanceof PageMessage) return error.message;
  const named = (error as { name?: unknown } | null)?.name;
  if (named === 'LibraryError' || named === 'ValidationError') return (error as Error).message;
  return storageMessage(error);
}
