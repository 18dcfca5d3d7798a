/** The types of the validator's format table (validate.ts), in a module of their own so format modules need not import the table. */

/** What the library keeps (issue 6, section 2). */
export type LibraryKind = 'world' | 'agent' | 'run' | 'dataset';
export const LIBRARY_KINDS: readonly LibraryKind[] = ['world', 'agent', 'run', 'dataset'];

/** One migration step: a version-v document to a version v + 1 one. Pure: returns a new object, never changes its input. */
export type Migration = (document: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/** A document that passed the validator, at its format's current version. */
export interface ValidDocument<T = unknown> {
  readonly format: string;
  /** The library kind it is saved as; null for archives, which are unpacked instead. */
  readonly kind: LibraryKind | null;
  /** The format's name in messages: 'world file', 'run file'. */
  readonly label: string;
  /** The current version (the document's own `version` after migration). */
  readonly version: number;
  /** The version it was written in, when it was migrated; null when it was current. */
  readonly migratedFrom: number | null;
  readonly document: T;
}

/** What a checker can call back into: the validator itself, for documents inside documents (an archive's items). */
export interface CheckContext {
  checkDocument(value: unknown, options?: { readonly expect?: string | readonly string[] }): ValidDocument;
}

export interface FormatChecker<T = unknown> {
  /** The format's name in messages; every message about its documents starts with it. */
  readonly label: string;
  /** The library kind its documents are saved as; null for a container that is unpacked (an archive). */
  readonly kind: LibraryKind | null;
  /** The current version. */
  readonly version: number;
  /** migrations[v] takes a version-v document to version v + 1; one for every v below `version`. */
  readonly migrations?: Readonly<Record<number, Migration>>;
  /**
   * Checks a document at the current version (format and version already checked) and returns
   * it as the program will use it. Throws an Error with one precise message; never changes its input.
   */
  check(document: Readonly<Record<string, unknown>>, context: CheckContext): T;
  /** A name for a document imported on its own, without one. */
  defaultName?(document: T): string;
}
