/**
 * Gridworld spec validation: the one gate every map passes through, whether it comes from a
 * preset, the editor, a file, IndexedDB or a URL (ARCHITECTURE.md section 7).
 *
 * Nothing here throws. Bad input gets one precise, human message naming the first problem found
 * (`map row 3 has 5 tiles, expected 4`), so the UI can show it next to the field and keep what was
 * stored before. Good input comes back as a fresh, complete spec: every default filled in and no
 * object shared with the input, so later edits to the input cannot reach a running world.
 *
 * Map rows are split into characters by code point, so a legend may use any single character
 * (including one outside the Basic Multilingual Plane); the model splits rows the same way.
 */
import {
  DEFAULT_LEGEND,
  DEFAULT_SLIP_PROBABILITY,
  GRID_MODES,
  GRIDWORLD_SPEC_VERSION,
  MAX_GRID_SIDE,
  REWARD_TIMINGS,
  SLIP_MODELS,
  TILE_LOOKS,
  type GridMode,
  type GridworldSpec,
  type RewardTiming,
  type SlipModelName,
  type SlipSpec,
  type TileKind,
  type TileLook,
} from './spec';

export type ParseResult = { readonly ok: true; readonly spec: GridworldSpec } | { readonly ok: false; readonly error: string };

const TOP_LEVEL_KEYS = ['version', 'name', 'map', 'legend', 'rewardTiming', 'stepReward', 'slip', 'mode', 'gamma', 'maxSteps'] as const;
const SLIP_KEYS = ['model', 'probability'] as const;
const TILE_KEYS = ['reward', 'terminal', 'wall', 'start', 'returnToStart', 'look', 'name'] as const;
/** Keys that would reach Object.prototype if some later code copied the spec carelessly. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const DEFAULT_NAME = 'Untitled map';

/** Thrown inside this module only, to stop at the first problem; never escapes it. */
class SpecError extends Error {}

export function parseGridworldSpec(input: unknown): ParseResult {
  let raw: unknown = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input);
    } catch (err) {
      return { ok: false, error: `spec is not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
  try {
    return { ok: true, spec: readSpec(raw) };
  } catch (err) {
    if (err instanceof SpecError) return { ok: false, error: err.message };
    // A getter or proxy in a hand-built object threw: still an answer, never an exception.
    return { ok: false, error: `spec could not be read: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function readSpec(raw: unknown): GridworldSpec {
  const top = plainObject(raw, 'spec');
  checkKeys(top, TOP_LEVEL_KEYS, 'the top level');

  if (!has(top, 'version')) fail(`spec has no version; expected version ${GRIDWORLD_SPEC_VERSION}`);
  if (top.version !== GRIDWORLD_SPEC_VERSION) fail(`spec version ${show(top.version)} is not supported; expected version ${GRIDWORLD_SPEC_VERSION}`);

  let name = DEFAULT_NAME;
  if (has(top, 'name')) {
    if (typeof top.name !== 'string') fail(`name must be a string, got ${show(top.name)}`);
    name = top.name;
  }

  const legend = has(top, 'legend') ? readLegend(top.legend) : copyLegend(DEFAULT_LEGEND);
  const map = readMap(top.map, legend);

  const rewardTiming = oneOf<RewardTiming>(top, 'rewardTiming', REWARD_TIMINGS);
  const mode = oneOf<GridMode>(top, 'mode', GRID_MODES);

  let stepReward = 0;
  if (has(top, 'stepReward')) stepReward = finite(top.stepReward, 'stepReward');

  if (!has(top, 'slip')) fail(`spec has no slip; expected an object like { "model": "book" }`);
  const slip = readSlip(top.slip);

  if (!has(top, 'gamma')) fail('spec has no gamma; expected a number in [0, 1]');
  const gamma = unitInterval(top.gamma, 'gamma');

  if (!has(top, 'maxSteps')) fail('spec has no maxSteps; expected a positive integer');
  const maxSteps = top.maxSteps;
  if (typeof maxSteps !== 'number' || !Number.isSafeInteger(maxSteps) || maxSteps < 1) fail(`maxSteps must be a positive integer, got ${show(maxSteps)}`);

  return { version: GRIDWORLD_SPEC_VERSION, name, map, legend, rewardTiming, stepReward, slip, mode, gamma, maxSteps };
}

function readMap(value: unknown, legend: Record<string, TileKind>): string[] {
  if (value === undefined) fail('spec has no map; expected an array of strings, one per row');
  if (!Array.isArray(value) || value.some((row) => typeof row !== 'string')) fail('map must be an array of strings, one per row');
  const rows = value as string[];
  if (rows.length === 0 || rows.every((row) => row.length === 0)) fail('map is empty');
  const split = rows.map((row) => Array.from(row));
  const cols = split[0].length;
  for (let r = 1; r < split.length; r++) {
    if (split[r].length !== cols) fail(`map row ${r + 1} has ${split[r].length} tiles, expected ${cols}`);
  }
  if (cols === 0) fail('map is empty');
  if (split.length > MAX_GRID_SIDE || cols > MAX_GRID_SIDE) fail(`map is ${split.length}x${cols}; the largest allowed is ${MAX_GRID_SIDE}x${MAX_GRID_SIDE}`);
  let starts = 0;
  for (let r = 0; r < split.length; r++) {
    for (let c = 0; c < cols; c++) {
      const ch = split[r][c];
      if (!Object.hasOwn(legend, ch)) fail(`map row ${r + 1} column ${c + 1} has tile '${ch}', which the legend does not define`);
      if (legend[ch].start) starts++;
    }
  }
  if (starts === 0) fail('map has no start tile: mark at least one legend entry with "start": true and use it in the map');
  return [...rows];
}

function readLegend(value: unknown): Record<string, TileKind> {
  const legend = plainObject(value, 'legend');
  const keys = Object.keys(legend);
  if (keys.length === 0) fail('legend is empty; leave it out to use the default legend');
  const out: Record<string, TileKind> = {};
  for (const key of keys) {
    if (Array.from(key).length !== 1) fail(`legend key ${JSON.stringify(key)} must be a single character`);
    out[key] = readTile(legend[key], key);
  }
  return out;
}

function readTile(value: unknown, key: string): TileKind {
  const where = `legend '${key}'`;
  const tile = plainObject(value, where);
  checkKeys(tile, TILE_KEYS, where);
  const out: { -readonly [K in keyof TileKind]: TileKind[K] } = {};
  if (has(tile, 'reward')) out.reward = finite(tile.reward, `${where} reward`);
  for (const flag of ['terminal', 'wall', 'start', 'returnToStart'] as const) {
    if (!has(tile, flag)) continue;
    const v = tile[flag];
    if (typeof v !== 'boolean') fail(`${where} ${flag} must be true or false, got ${show(v)}`);
    out[flag] = v;
  }
  if (has(tile, 'look')) {
    if (!TILE_LOOKS.includes(tile.look as TileLook)) fail(`${where} look ${show(tile.look)} is unknown; expected one of ${list(TILE_LOOKS)}`);
    out.look = tile.look as TileLook;
  }
  if (has(tile, 'name')) {
    if (typeof tile.name !== 'string') fail(`${where} name must be a string, got ${show(tile.name)}`);
    out.name = tile.name;
  }
  // Combinations with no sensible meaning: a wall is never occupied, and a tile that both ends
  // the episode and sends the penguin home would need a rule for which comes first.
  if (out.wall && (out.start || out.terminal || out.returnToStart)) {
    const other = out.start ? 'start' : out.terminal ? 'terminal' : 'returnToStart';
    fail(`${where} cannot be both a wall and ${other}`);
  }
  if (out.terminal && out.returnToStart) fail(`${where} cannot be both terminal and returnToStart`);
  return out;
}

function readSlip(value: unknown): SlipSpec {
  const slip = plainObject(value, 'slip');
  checkKeys(slip, SLIP_KEYS, 'slip');
  const model = oneOf<SlipModelName>(slip, 'model', SLIP_MODELS, 'slip.model');
  if (has(slip, 'probability')) return { model, probability: unitInterval(slip.probability, 'slip.probability') };
  const probability = DEFAULT_SLIP_PROBABILITY[model];
  return probability === undefined ? { model } : { model, probability };
}

function copyLegend(legend: Readonly<Record<string, TileKind>>): Record<string, TileKind> {
  const out: Record<string, TileKind> = {};
  for (const key of Object.keys(legend)) out[key] = { ...legend[key] };
  return out;
}

// ---- small readers ----------------------------------------------------------------------------

function fail(message: string): never {
  throw new SpecError(message);
}

function has(obj: Record<string, unknown>, key: string): boolean {
  return Object.hasOwn(obj, key) && obj[key] !== undefined;
}

/** A plain object (not an array, class instance or null), with no prototype-polluting keys. */
function plainObject(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${where} must be a JSON object, got ${show(value)}`);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) fail(`${where} must be a plain JSON object`);
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (FORBIDDEN_KEYS.has(key)) fail(`${where} has the forbidden key '${key}'`);
  }
  return obj;
}

function checkKeys(obj: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) fail(`unknown key '${key}' in ${where}; allowed keys are ${allowed.join(', ')}`);
  }
}

function oneOf<T extends string>(obj: Record<string, unknown>, key: string, options: readonly T[], label = key): T {
  if (!has(obj, key)) fail(`spec has no ${label}; expected one of ${list(options)}`);
  const v = obj[key];
  if (!options.includes(v as T)) fail(`${label} ${show(v)} is unknown; expected one of ${list(options)}`);
  return v as T;
}

function finite(value: unknown, label: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${label} must be a finite number, got ${show(value)}`);
  return value;
}

function unitInterval(value: unknown, label: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) fail(`${label} must be a number in [0, 1], got ${show(value)}`);
  return value;
}

function list(options: readonly string[]): string {
  return options.map((o) => `'${o}'`).join(', ');
}

/** A short, safe rendering of any value for a message: `NaN`, `"abc"`, `an array`, `null`. */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
