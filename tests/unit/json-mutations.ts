/**
 * Seeded mutations of JSON documents and their text, for the fuzz tests of links and files:
 * deleting an entry, swapping a value's type, adding a key (prototype keys included, as own
 * properties), stretching numbers and strings; and in the text, numbers JSON cannot hold, or a cut.
 */
import type { Rng } from '../../environments/core/rng';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The values a mutation may put in, and the keys it may add. */
export interface Vocabulary {
  readonly pool: readonly Json[];
  readonly keys: readonly string[];
}

export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[rng.int(xs.length)];

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Set an own, enumerable property even for '__proto__' (plain assignment would set the prototype). */
function setOwn(obj: Record<string, Json>, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function randomValue(rng: Rng, vocabulary: Vocabulary): Json {
  const v = pick(rng, vocabulary.pool);
  return typeof v === 'object' && v !== null ? copy(v) : v;
}

/** Walk to a random container in `root` and mutate one of its entries. */
export function mutate(root: Json, rng: Rng, vocabulary: Vocabulary): void {
  let node = root;
  for (let depth = 0; depth < 6; depth++) {
    if (typeof node !== 'object' || node === null) return;
    const keys = Object.keys(node);
    if (keys.length === 0 || rng.next() < 0.3) break;
    const child = (node as Record<string, Json>)[pick(rng, keys)];
    if (typeof child !== 'object' || child === null || rng.next() < 0.3) break;
    node = child;
  }
  if (typeof node !== 'object' || node === null) return;
  const container = node as Record<string, Json>;
  const keys = Object.keys(container);
  const op = rng.int(4);
  if (op === 0 && keys.length > 0) {
    const key = pick(rng, keys);
    if (Array.isArray(container)) container.splice(Number(key), 1);
    else delete container[key];
  } else if (op === 1 && keys.length > 0) {
    container[pick(rng, keys)] = randomValue(rng, vocabulary); // swap the type
  } else if (op === 2 && !Array.isArray(container)) {
    setOwn(container, pick(rng, vocabulary.keys), randomValue(rng, vocabulary));
  } else if (keys.length > 0) {
    const key = pick(rng, keys);
    const v = container[key];
    if (typeof v === 'number') container[key] = pick(rng, [v * 1e300, -v, v + 0.5, Number.MAX_SAFE_INTEGER + 2, 1e-320]);
    else if (typeof v === 'string') container[key] = rng.next() < 0.5 ? v.slice(0, rng.int(v.length + 1)) : v + v;
    else container[key] = randomValue(rng, vocabulary);
  }
}

/** Damage the JSON text: numbers JSON cannot hold, or a cut. */
export function mutateText(text: string, rng: Rng): string {
  if (rng.next() < 0.5) {
    const numbers = [...text.matchAll(/-?\d+(\.\d+)?(e[+-]?\d+)?/gi)];
    if (numbers.length === 0) return text;
    const m = pick(rng, numbers);
    const at = m.index ?? 0;
    return text.slice(0, at) + pick(rng, ['1e999', '-1e999', 'NaN', 'Infinity', '-0', '1e-400', '00']) + text.slice(at + m[0].length);
  }
  return text.slice(0, rng.int(text.length));
}
