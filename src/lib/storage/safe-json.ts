/**
 * The first half of the one validator (validate.ts): text or bytes from outside (a file, a link,
 * a pasted string) to plain JSON data, or one precise message. In order:
 *
 *   1. size: refused before anything is decoded or parsed;
 *   2. bytes must be UTF-8 (TextDecoder with fatal: true; a leading BOM is dropped); text must
 *      be well-formed (no lone surrogates, which no UTF-8 file can hold);
 *   3. nesting depth: counted by a scan of the text, so neither JSON.parse nor the reviver can
 *      recurse past the limit;
 *   4. JSON.parse, guarded, with a reviver that refuses (never drops) prototype keys and
 *      non-finite numbers (a literal such as 1e999 parses to Infinity);
 *   5. a walk of the result (iterative: no recursion) for the same keys and numbers, arrays and
 *      strings over their limits, and anything that is not plain JSON data, naming the path.
 *
 * The walk (checkTree) is also what in-memory values go through (records read back from
 * IndexedDB, documents handed to the library), so both routes refuse the same things.
 * Nothing is executed: JSON.parse builds plain data, and the walk reads own data properties only.
 */

export interface JsonLimits {
  /** The largest input, in bytes (or UTF-16 code units for string input). */
  readonly maxBytes: number;
  /** Nesting of arrays and objects. */
  readonly maxDepth: number;
  /** Entries in any one array, and keys in any one object. */
  readonly maxArrayLength: number;
  /** Characters in any one string (and in any key). */
  readonly maxStringLength: number;
}

/**
 * Sane limits for Floe's files: a saved DQN run (replay buffer in base64) stays well inside them;
 * a pretrained arcade policy is 0.7 MB with arrays of at most 131,072 Adam moments.
 */
export const DEFAULT_LIMITS: JsonLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxDepth: 32,
  maxArrayLength: 1 << 20,
  maxStringLength: 48 * 1024 * 1024,
};

/** Keys that would reach Object.prototype if some later code copied the data carelessly. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A refusal: an input problem with a message for the person. Any other error is a bug. */
export class ValidationError extends Error {
  override name = 'ValidationError';
}

/** `where` in a message: progress.rng.env.c, networks[0].shapes, legend["#"]. */
export function pathText(path: readonly (string | number)[]): string {
  if (path.length === 0) return 'the top level';
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(part)) text += text === '' ? part : `.${part}`;
    else text += `[${JSON.stringify(part)}]`;
  }
  return text;
}

/** The deepest nesting of [ and { in JSON text, stopping as soon as it passes `limit`. */
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92) i++; // backslash: skip the escaped character
      else if (code === 34) inString = false;
    } else if (code === 34) {
      inString = true;
    } else if (code === 91 || code === 123) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (code === 93 || code === 125) {
      depth--;
    }
  }
  return deepest;
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Walks a value without recursion and throws a ValidationError (`${label}: ...`) at the first
 * thing Floe refuses: a prototype key, a non-finite number, an array, object or string over its
 * limit, nesting past the limit, or anything that is not JSON data (functions, class instances,
 * undefined, symbols, big integers). Returns nothing: the value is not changed.
 */
export function checkTree(value: unknown, label: string, limits: JsonLimits = DEFAULT_LIMITS): void {
  // Paths are built only for a message: each entry points at its parent.
  interface Entry {
    readonly value: unknown;
    readonly parent: Entry | null;
    readonly key: string | number;
    readonly depth: number;
  }
  const pathOf = (entry: Entry | null, last?: string | number): (string | number)[] => {
    const path: (string | number)[] = last === undefined ? [] : [last];
    for (let at = entry; at !== null && at.parent !== null; at = at.parent) path.unshift(at.key);
    return path;
  };
  const fail = (entry: Entry | null, problem: string, last?: string | number): never => {
    throw new ValidationError(`${label}: ${pathText(pathOf(entry, last))} ${problem}`);
  };
  /** Checks a leaf; returns true when `node` is an array or object still to be walked. */
  const leaf = (node: unknown, entry: Entry | null, last?: string | number): boolean => {
    switch (typeof node) {
      case 'number':
        if (!Number.isFinite(node)) fail(entry, Number.isNaN(node) ? 'is not a number (NaN)' : 'is too large to be a number (it reads as infinity)', last);
        return false;
      case 'string':
        if (node.length > limits.maxStringLength) fail(entry, `is a string of ${node.length} characters; the limit is ${limits.maxStringLength}`, last);
        return false;
      case 'boolean':
        return false;
      case 'object':
        return node !== null;
      default:
        return fail(entry, `is not JSON data (${typeof node})`, last);
    }
  };
  if (!leaf(value, null)) return;
  const stack: Entry[] = [{ value, parent: null, key: '', depth: 0 }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const node = entry.value as object;
    if (entry.depth >= limits.maxDepth) fail(entry, `is nested more than ${limits.maxDepth} levels deep`);
    if (Array.isArray(node)) {
      if (node.length > limits.maxArrayLength) fail(entry, `has ${node.length} entries; the limit is ${limits.maxArrayLength}`);
      for (let i = node.length - 1; i >= 0; i--) {
        // Holes (sparse arrays) are not JSON: `i in node` is false for them.
        if (!(i in node)) fail(entry, 'has an empty slot, which is not JSON data', i);
        const item: unknown = node[i];
        if (leaf(item, entry, i)) stack.push({ value: item, parent: entry, key: i, depth: entry.depth + 1 });
      }
      continue;
    }
    if (!isPlainObject(node)) fail(entry, 'is not plain JSON data (an object with a class)');
    if (Object.getOwnPropertySymbols(node).length > 0) fail(entry, 'has symbol keys, which are not JSON data');
    const keys = Object.keys(node);
    if (keys.length > limits.maxArrayLength) fail(entry, `has ${keys.length} keys; the limit is ${limits.maxArrayLength}`);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      if (FORBIDDEN_KEYS.has(key)) fail(entry, `has the key "${key}", which is refused (it could change built-in objects)`);
      if (key.length > limits.maxStringLength) fail(entry, `has a key of ${key.length} characters; the limit is ${limits.maxStringLength}`);
      const descriptor = Object.getOwnPropertyDescriptor(node, key)!;
      // A getter would run code: only data properties are read.
      if (!('value' in descriptor)) fail(entry, 'is an accessor, not JSON data', key);
      const item = descriptor.value as unknown;
      if (leaf(item, entry, key)) stack.push({ value: item, parent: entry, key, depth: entry.depth + 1 });
    }
  }
}

/** What the reviver saw: it throws this so the walk can name the path of the problem. */
class ReviverRefusal extends Error {}

function refuseInReviver(key: string, value: unknown): unknown {
  if (FORBIDDEN_KEYS.has(key)) throw new ReviverRefusal(`has the key "${key}", which is refused (it could change built-in objects)`);
  if (typeof value === 'number' && !Number.isFinite(value)) throw new ReviverRefusal(`key "${key}" holds a number too large to read (it reads as infinity)`);
  return value;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Decodes bytes as UTF-8 (fatal: a damaged byte sequence is refused, never replaced). */
function decodeUtf8(bytes: Uint8Array, label: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ValidationError(`${label} is not valid UTF-8 text (damaged, or not a Floe file)`);
  }
}

/** Steps 1-5 above: text or bytes to checked JSON data. Throws a ValidationError starting with `label`. */
export function parseUntrustedJson(input: string | Uint8Array, label: string, limits: JsonLimits = DEFAULT_LIMITS): unknown {
  let text: string;
  if (typeof input === 'string') {
    if (input.length > limits.maxBytes) throw new ValidationError(`${label} is too large: ${input.length} characters, the limit is ${limits.maxBytes}`);
    // Text that no UTF-8 file could hold (a lone surrogate) is refused like bad bytes.
    if (LONE_SURROGATE.test(input)) throw new ValidationError(`${label} is not valid Unicode text (it holds a lone surrogate)`);
    text = input;
  } else if (input instanceof Uint8Array) {
    if (input.byteLength > limits.maxBytes) throw new ValidationError(`${label} is too large: ${input.byteLength} bytes, the limit is ${limits.maxBytes}`);
    text = decodeUtf8(input, label);
  } else {
    throw new ValidationError(`${label} must be text or bytes, got ${input === null ? 'null' : typeof input}`);
  }
  if (text.trim() === '') throw new ValidationError(`${label} is empty`);
  const depth = nestingDepth(text, limits.maxDepth);
  if (depth > limits.maxDepth) throw new ValidationError(`${label} is nested more than ${limits.maxDepth} levels deep`);
  let value: unknown;
  try {
    value = JSON.parse(text, refuseInReviver) as unknown;
  } catch (error) {
    if (!(error instanceof ReviverRefusal)) {
      throw new ValidationError(`${label} is not valid JSON (truncated or damaged?): ${error instanceof Error ? error.message : String(error)}`);
    }
    // Parsed again without the reviver (plain data, nothing executed) to name the path.
    checkTree(JSON.parse(text) as unknown, label, limits);
    throw new ValidationError(`${label}: ${error.message}`);
  }
  checkTree(value, label, limits);
  return value;
}
