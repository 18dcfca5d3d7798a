/**
 * Edits a person makes to a gridworld spec. Each edit returns a new spec (specs are immutable
 * plain data), so undo and redo are just a history of specs.
 */
import {
  DEFAULT_LEGEND,
  type GridworldSpec,
  type TileKind,
} from '../../../environments/gridworld/spec';

export const MIN_EDITOR_SIDE = 2;
export const MAX_EDITOR_SIDE = 16;

function legendOf(spec: GridworldSpec): Readonly<Record<string, TileKind>> {
  return spec.legend ?? DEFAULT_LEGEND;
}

function setCell(map: readonly string[], cols: number, cell: number, char: string): string[] {
  const row = Math.floor(cell / cols);
  const col = cell % cols;
  return map.map((line, r) => (r === row ? line.slice(0, col) + char + line.slice(col + 1) : line));
}

/**
 * Paint one cell with a legend character. `kind` defines the character when the spec's legend
 * lacks it (painting a wall into frozen lake adds the wall to its legend). Returns the same spec
 * when nothing changes.
 */
export function paintTile(spec: GridworldSpec, cell: number, char: string, kind?: TileKind): GridworldSpec {
  const cols = spec.map[0].length;
  const row = Math.floor(cell / cols);
  const legend = legendOf(spec);
  if (row < 0 || row >= spec.map.length || cell < 0) return spec;
  if (!(char in legend) && !kind) return spec;
  if (spec.map[row][cell % cols] === char) return spec;
  const nextLegend = char in legend ? spec.legend : { ...legend, [char]: kind as TileKind };
  return { ...spec, legend: nextLegend, map: setCell(spec.map, cols, cell, char) };
}

/** What the palette offers: the spec's own tiles, then default tiles whose character is free. */
export function paletteOf(spec: GridworldSpec): { char: string; kind: TileKind }[] {
  const legend = legendOf(spec);
  const own = Object.entries(legend).map(([char, kind]) => ({ char, kind }));
  const extra = Object.entries(DEFAULT_LEGEND)
    .filter(([char, kind]) => !(char in legend) && !own.some((t) => t.kind.name === kind.name))
    .map(([char, kind]) => ({ char, kind }));
  return [...own, ...extra];
}

/** Same rules and look; a missing reward means 0 and a missing flag means false. */
function sameKind(a: TileKind, b: TileKind): boolean {
  const flags = ['terminal', 'wall', 'start', 'returnToStart'] as const;
  return (a.reward ?? 0) === (b.reward ?? 0) && a.look === b.look && flags.every((k) => (a[k] ?? false) === (b[k] ?? false));
}

/** Characters offered for tiles a person defines: readable, and never default legend letters. */
const CUSTOM_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Give one cell its own rules (reward and terminal flag), keeping everything else its tile had.
 * Reuses a legend entry with exactly those rules, or defines a new character for it.
 */
export function setTileRules(spec: GridworldSpec, cell: number, rules: { reward: number; terminal: boolean }): GridworldSpec {
  const legend = legendOf(spec);
  const cols = spec.map[0].length;
  const current = legend[spec.map[Math.floor(cell / cols)][cell % cols]];
  if ((current.reward ?? 0) === rules.reward && (current.terminal ?? false) === rules.terminal) return spec;
  const wanted: TileKind = {
    ...current,
    reward: rules.reward,
    terminal: rules.terminal,
    look: rules.terminal && rules.reward > 0 ? 'fish' : rules.reward < 0 ? 'hole' : current.wall ? 'wall' : 'ice',
  };
  const existing = Object.keys(legend).find((c) => sameKind(legend[c], wanted));
  if (existing) return paintTile(spec, cell, existing);
  const used = new Set(spec.map.join(''));
  const free = [...CUSTOM_CHARS].find((c) => !(c in legend)) ?? [...CUSTOM_CHARS].find((c) => !used.has(c));
  if (!free) return spec;
  const name = rules.terminal ? `terminal ${rules.reward}` : `reward ${rules.reward}`;
  const nextLegend = { ...Object.fromEntries(Object.entries(legend).filter(([c]) => used.has(c) || c in DEFAULT_LEGEND)), [free]: { ...wanted, name } };
  return { ...spec, legend: nextLegend, map: setCell(spec.map, cols, cell, free) };
}

/** Resize to rows x cols, keeping the top-left part and filling new cells with plain ice. */
export function resizeGrid(spec: GridworldSpec, rows: number, cols: number): GridworldSpec {
  const r = Math.max(MIN_EDITOR_SIDE, Math.min(MAX_EDITOR_SIDE, Math.round(rows)));
  const c = Math.max(MIN_EDITOR_SIDE, Math.min(MAX_EDITOR_SIDE, Math.round(cols)));
  const legend = legendOf(spec);
  const ice = Object.keys(legend).find((ch) => {
    const k = legend[ch];
    return !k.wall && !k.terminal && !k.start && !k.returnToStart && !(k.reward ?? 0);
  });
  const fill = ice ?? '.';
  const nextLegend = ice ? spec.legend : { ...legend, '.': DEFAULT_LEGEND['.'] };
  const map = Array.from({ length: r }, (_, i) => {
    const line = spec.map[i] ?? '';
    return (line.slice(0, c) + fill.repeat(Math.max(0, c - line.length))).slice(0, c);
  });
  // Keep at least one start: if the old start was cut off, put one in the top-left corner.
  const hasStart = map.some((line) => [...line].some((ch) => (nextLegend ?? legend)[ch]?.start));
  const startChar = Object.keys(nextLegend ?? legend).find((ch) => (nextLegend ?? legend)[ch].start);
  if (!hasStart && startChar) map[0] = startChar + map[0].slice(1);
  return { ...spec, map, legend: nextLegend };
}

/** A bounded undo/redo history of specs. */
export class EditHistory<T> {
  private past: T[] = [];
  private future: T[] = [];

  constructor(private readonly limit = 200) {}

  /** Record `previous` before moving to a new value. */
  push(previous: T): void {
    this.past.push(previous);
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
  }

  undo(current: T): T | null {
    const previous = this.past.pop();
    if (previous === undefined) return null;
    this.future.push(current);
    return previous;
  }

  redo(current: T): T | null {
    const next = this.future.pop();
    if (next === undefined) return null;
    this.past.push(current);
    return next;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }
  get canRedo(): boolean {
    return this.future.length > 0;
  }
}
