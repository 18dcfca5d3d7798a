/**
 * The one validator every import and every link goes through (issue 6, section 2a;
 * ARCHITECTURE.md section 7). `validateDocument(textOrBytes)`:
 *
 *   1. safe-json.ts: size limit before parsing, UTF-8 (fatal), nesting depth, guarded JSON.parse
 *      with a reviver that refuses prototype keys and non-finite numbers, then a walk for array
 *      and string limits;
 *   2. dispatch on the document's `format` to the checker registered for it (the table below);
 *   3. the version: newer than this Floe reads is refused; older is migrated to the current one,
 *      one pure function per step (checker.migrations[v]: version v -> v + 1);
 *   4. the checker's own check of the current version.
 *
 * It returns the current-version document, or throws one ValidationError whose message starts
 * with the format's name (`run file: progress.obs must be ...`, `world file: spec: map row 3
 * has 5 tiles, expected 4`). Before the format is known the name is the caller's `label`
 * ('file' by default) or, when the caller says which format it expects, that format's name.
 * Nothing is executed, and nothing is stored: storing is library.ts's job, after this passed.
 *
 * Built in: 'floe-world' and 'floe-archive' (this folder), 'floe-run' and 'floe-policy'
 * (agents/). Other modules add theirs (the compare page's runs, offline datasets) with
 * `registerFormat`; until then a document of that format gets "unsupported format".
 */
import { DEFAULT_LIMITS, ValidationError, checkTree, parseUntrustedJson, type JsonLimits } from './safe-json';
import { policyFormat, runFormat } from './agent-formats';
import { worldFormat } from './world-format';
import { archiveFormat } from './archive-format';
import type { CheckContext, FormatChecker, ValidDocument } from './format-types';

export { ValidationError, DEFAULT_LIMITS, type JsonLimits };
export type { CheckContext, FormatChecker, LibraryKind, Migration, ValidDocument } from './format-types';
export { LIBRARY_KINDS } from './format-types';

const formats = new Map<string, FormatChecker>();

/**
 * Adds a format to the table. A module that owns a format (runs of the compare page, offline
 * datasets) registers it once, at load; registering a format twice is a programming error.
 */
export function registerFormat(format: string, checker: FormatChecker): void {
  if (!/^[a-z][a-z0-9-]{0,63}$/.test(format)) throw new Error(`format names are lower-case words with dashes, got ${JSON.stringify(format)}`);
  if (formats.has(format)) throw new Error(`format '${format}' is already registered`);
  if (!(Number.isInteger(checker.version) && checker.version >= 1)) throw new Error(`format '${format}': version must be an integer >= 1`);
  for (let v = 1; v < checker.version; v++) {
    if (typeof checker.migrations?.[v] !== 'function') throw new Error(`format '${format}': no migration from version ${v} to ${v + 1}`);
  }
  formats.set(format, checker);
}

registerFormat('floe-world', worldFormat);
registerFormat('floe-run', runFormat);
registerFormat('floe-policy', policyFormat);
registerFormat('floe-archive', archiveFormat);

/** The checker for a format, if registered. */
export function formatChecker(format: string): FormatChecker | undefined {
  return formats.get(format);
}

/** The formats Floe reads now, in registration order. */
export function registeredFormats(): string[] {
  return [...formats.keys()];
}

export interface ValidateOptions {
  /**
   * The format (or formats) this place accepts: a page that opens worlds passes 'floe-world'.
   * Messages then start with that format's name from the first byte on.
   */
  readonly expect?: string | readonly string[];
  /** What messages start with before the format is known (default 'file'; `expect` wins). */
  readonly label?: string;
  /** Overrides of the sane limits (tests, or a smaller limit for links). */
  readonly limits?: Partial<JsonLimits>;
}

function expectedFormats(options: ValidateOptions): readonly string[] | null {
  if (options.expect === undefined) return null;
  return typeof options.expect === 'string' ? [options.expect] : options.expect;
}

function leadingLabel(options: ValidateOptions): string {
  const expected = expectedFormats(options);
  if (expected !== null && expected.length === 1) return formats.get(expected[0])?.label ?? expected[0];
  return options.label ?? 'file';
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

function prefixed(label: string, error: unknown): ValidationError {
  const message = error instanceof Error ? error.message : String(error);
  // A checker's own message usually names its format already ('run file: seed must be ...').
  const text = message.startsWith(label) ? message : `${label}: ${message}`;
  return new ValidationError(text, { cause: error });
}

/**
 * The dispatch (steps 2-4) for data already parsed and walked. Exported for the archive checker
 * (through CheckContext) and for documents read back from storage.
 */
function dispatch(value: unknown, options: ValidateOptions, limits: JsonLimits): ValidDocument {
  const lead = leadingLabel(options);
  const expected = expectedFormats(options);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ValidationError(`${lead} must be a JSON object with a "format", got ${describeValue(value)}`);
  const record = value as Record<string, unknown>;
  const format = record.format;
  if (typeof format !== 'string') throw new ValidationError(`${lead}: format must be a string such as 'floe-world', got ${JSON.stringify(format) ?? 'nothing'}`);
  if (expected !== null && !expected.includes(format)) {
    const wanted = expected.map((name) => `'${name}'`).join(' or ');
    throw new ValidationError(`${lead}: format must be ${wanted}, got ${JSON.stringify(format).slice(0, 80)}`);
  }
  const checker = formats.get(format);
  if (checker === undefined) {
    const known = registeredFormats().join(', ');
    throw new ValidationError(`${lead}: unsupported format ${JSON.stringify(format).slice(0, 80)}; this Floe reads ${known}`);
  }
  const label = checker.label;
  const version = record.version;
  if (!(typeof version === 'number' && Number.isInteger(version) && version >= 1)) {
    throw new ValidationError(`${label}: version must be a whole number from 1 to ${checker.version}, got ${JSON.stringify(version) ?? 'nothing'}`);
  }
  if (version > checker.version) {
    throw new ValidationError(`${label}: version ${version} was written by a newer Floe; this one reads up to version ${checker.version}`);
  }
  let document = record;
  for (let from = version; from < checker.version; from++) {
    try {
      document = checker.migrations![from](document);
    } catch (error) {
      throw prefixed(`${label}: migrating version ${from} to ${from + 1}`, error);
    }
    if (document.version !== from + 1) throw new ValidationError(`${label}: migrating version ${from} gave version ${JSON.stringify(document.version)}, expected ${from + 1}`);
  }
  const context: CheckContext = {
    checkDocument: (nested, nestedOptions) => dispatch(nested, nestedOptions ?? {}, limits),
  };
  let checked: unknown;
  try {
    checked = checker.check(document, context);
  } catch (error) {
    throw prefixed(label, error);
  }
  return { format, kind: checker.kind, label, version: checker.version, migratedFrom: version === checker.version ? null : version, document: checked };
}

function limitsOf(options: ValidateOptions): JsonLimits {
  return { ...DEFAULT_LIMITS, ...options.limits };
}

/**
 * THE entry point for anything from outside: a file's bytes, a link's decoded payload, pasted
 * text. Returns the checked current-version document, or throws one ValidationError.
 */
export function validateDocument(input: string | Uint8Array, options: ValidateOptions = {}): ValidDocument {
  const limits = limitsOf(options);
  return guarded(leadingLabel(options), () => dispatch(parseUntrustedJson(input, leadingLabel(options), limits), options, limits));
}

/**
 * The same checks for data already in memory (a record read back from IndexedDB, a document a
 * page hands to the library): the walk of safe-json.ts, then the dispatch.
 */
export function checkDocument(value: unknown, options: ValidateOptions = {}): ValidDocument {
  const limits = limitsOf(options);
  return guarded(leadingLabel(options), () => {
    checkTree(value, leadingLabel(options), limits);
    return dispatch(value, options, limits);
  });
}

/** Any error that is not a refusal (a checker's bug, a stack overflow) still comes out as one message. */
function guarded(label: string, run: () => ValidDocument): ValidDocument {
  try {
    return run();
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw prefixed(`${label}: could not be read`, error);
  }
}
