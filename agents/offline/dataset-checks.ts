/**
 * The checks a dataset's parts go through wherever they come from: the recorder (a page feeding
 * steps, an agent acting), the file parser (dataset-file.ts) and the learners. No tfjs here, so
 * the library's validator can load this without TensorFlow.js.
 *
 * Each check throws one Error whose message names the part (`episode 3 step 7 observation ...`);
 * callers put their own prefix ('dataset: ', 'recorder: ') in front.
 */
import type { InputSpec, Observation } from '../deep/types';
import type { DatasetSource } from './dataset-types';

/** The most features one observation may have (a 64x64 gridworld one-hot is 4,096; a 10x10x10 arcade frame 1,000). */
export const MAX_INPUT_SIZE = 1 << 16;
/** The most actions a dataset's world may have. */
export const MAX_ACTIONS = 1024;
/** Limits on a dataset's size: episodes, steps in one episode, steps in all, observation numbers in all. */
export const MAX_EPISODES = 100_000;
export const MAX_EPISODE_STEPS = 100_000;
export const MAX_TOTAL_STEPS = 1_000_000;
export const MAX_TOTAL_VALUES = 1 << 24;
/** The longest world and agent names. */
export const MAX_NAME_LENGTH = 200;

/** A short rendering of a bad value for a message (never the whole of a huge one). */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value instanceof Float32Array) return `a Float32Array of ${value.length}`;
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** Features in one encoded observation: the one-hot width, the vector's size or height * width * channels. */
export function inputSizeOf(input: InputSpec): number {
  return input.kind === 'planes' ? input.height * input.width * input.channels : input.size;
}

/** 'one-hot input of 16 states', 'vector input of 4', 'planes input 10x10x4'. */
export function describeInput(input: InputSpec): string {
  if (input.kind === 'one-hot') return `one-hot input of ${input.size} states`;
  if (input.kind === 'vector') return `vector input of ${input.size}`;
  return `planes input ${input.height}x${input.width}x${input.channels}`;
}

/** Checks an input spec (exactly its own keys, positive integer sizes, at most MAX_INPUT_SIZE features); returns a fresh copy. */
export function checkInputSpec(value: unknown, where: string): InputSpec {
  if (!isRecord(value)) throw new Error(`${where} must be an object such as {"kind": "one-hot", "size": 16}, got ${show(value)}`);
  const kind = value.kind;
  const fields = kind === 'one-hot' || kind === 'vector' ? ['size'] : kind === 'planes' ? ['height', 'width', 'channels'] : null;
  if (fields === null) throw new Error(`${where}.kind must be 'one-hot', 'vector' or 'planes', got ${show(kind)}`);
  for (const key of Object.keys(value)) {
    if (key !== 'kind' && !fields.includes(key)) throw new Error(`${where} has an unknown key ${show(key)}; ${String(kind)} input has kind and ${fields.join(', ')}`);
  }
  for (const key of fields) {
    if (!isPositiveInteger(value[key])) throw new Error(`${where}.${key} must be a positive integer, got ${show(value[key])}`);
  }
  const input: InputSpec =
    kind === 'planes'
      ? { kind, height: value.height as number, width: value.width as number, channels: value.channels as number }
      : { kind: kind as 'one-hot' | 'vector', size: value.size as number };
  const size = inputSizeOf(input);
  if (size > MAX_INPUT_SIZE) throw new Error(`${where} has ${size} features; the limit is ${MAX_INPUT_SIZE}`);
  return input;
}

/**
 * One observation as a learner reads it: for one-hot input an integer state below the size; for
 * vector and planes input `inputSizeOf(input)` finite numbers (a Float32Array, or a plain array
 * from a file or a page). Returns a fresh copy (a number, or a new Float32Array), never the caller's array.
 */
export function copyObservation(value: unknown, input: InputSpec, where: string): Observation {
  if (input.kind === 'one-hot') {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= input.size) {
      throw new Error(`${where} must be an integer state from 0 to ${input.size - 1} (${describeInput(input)}), got ${show(value)}`);
    }
    return value;
  }
  const size = inputSizeOf(input);
  if (!(Array.isArray(value) || value instanceof Float32Array)) throw new Error(`${where} must be an array of ${size} numbers (${describeInput(input)}), got ${show(value)}`);
  if (value.length !== size) throw new Error(`${where} has ${value.length} numbers, expected ${size} (${describeInput(input)})`);
  const copy = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const x: unknown = value[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new Error(`${where} value ${i} is ${show(x)}, expected a finite number`);
    copy[i] = x;
  }
  return copy;
}

/** An action index: an integer from 0 to nActions - 1. */
export function checkAction(value: unknown, nActions: number, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new Error(`${where} must be an integer from 0 to ${nActions - 1}, got ${show(value)}`);
  if (value >= nActions) throw new Error(`${where} ${value} is not below nActions ${nActions}`);
  return value;
}

export function checkReward(value: unknown, where: string): number {
  if (typeof value !== 'number') throw new Error(`${where} must be a number, got ${show(value)}`);
  if (Number.isNaN(value)) throw new Error(`${where} is NaN, expected a finite number`);
  if (!Number.isFinite(value)) throw new Error(`${where} is ${value}, expected a finite number`);
  return value;
}

/** A world state as a cell index (gridworlds): a whole number below 2^31. */
export function checkState(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 2 ** 31 - 1) throw new Error(`${where} must be a whole number (a cell index), got ${show(value)}`);
  return value;
}

/** nActions of a dataset: an integer from 1 to MAX_ACTIONS. */
export function checkActionCount(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_ACTIONS) {
    throw new Error(`${where} must be an integer from 1 to ${MAX_ACTIONS}, got ${show(value)}`);
  }
  return value;
}

/** A world or agent name: 1 to MAX_NAME_LENGTH characters. */
export function checkName(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_NAME_LENGTH) {
    throw new Error(`${where} must be a name of 1 to ${MAX_NAME_LENGTH} characters, got ${show(value)}`);
  }
  return value;
}

/** Checks a source ({kind: 'person'}, {kind: 'agent', agent}, {kind: 'mixture', agent, randomRate}); returns a copy. */
export function checkSource(value: unknown, where: string): DatasetSource {
  if (!isRecord(value)) throw new Error(`${where} must be an object such as {"kind": "person"}, got ${show(value)}`);
  const source = value;
  const keys = source.kind === 'person' ? ['kind'] : source.kind === 'agent' ? ['kind', 'agent'] : source.kind === 'mixture' ? ['kind', 'agent', 'randomRate'] : null;
  if (keys === null) throw new Error(`${where}.kind must be 'person', 'agent' or 'mixture', got ${show(source.kind)}`);
  for (const key of Object.keys(source)) {
    if (!keys.includes(key)) throw new Error(`${where} has an unknown key ${show(key)}; a '${String(source.kind)}' source has ${keys.join(', ')}`);
  }
  if (source.kind === 'person') return { kind: 'person' };
  const agent = checkName(source.agent, `${where}.agent`);
  if (source.kind === 'agent') return { kind: 'agent', agent };
  const rate = source.randomRate;
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) throw new Error(`${where}.randomRate must be a number from 0 to 1, got ${show(rate)}`);
  return { kind: 'mixture', agent, randomRate: rate };
}
