import { describe, expect, it } from 'vitest';
import {
  EditHistory,
  MAX_EDITOR_SIDE,
  MIN_EDITOR_SIDE,
  paintTile,
  paletteOf,
  resizeGrid,
  setTileRules,
} from '../../src/pages/gridworld/map-edits';
import { DEFAULT_LEGEND, GRIDWORLD_PRESETS, parseGridworldSpec, type GridworldSpec } from '../../environments/gridworld';

const fig = GRIDWORLD_PRESETS['fig-19-10'].spec; // 'S...', '....', '.HH.', '..HF' with the default legend
const lake = GRIDWORLD_PRESETS['frozen-lake-4x4'].spec; // 'SFFF', 'FHFH', 'FFFH', 'HFFG'; legend S F H G

function valid(spec: GridworldSpec): GridworldSpec {
  const parsed = parseGridworldSpec(spec);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.spec;
}

describe('paintTile', () => {
  it('paints one cell and leaves the rest of the spec alone', () => {
    const next = paintTile(fig, 5, '#');
    expect(next.map).toEqual(['S...', '.#..', '.HH.', '..HF']);
    expect(next.legend).toBe(fig.legend);
    expect({ ...next, map: fig.map }).toEqual(fig);
    expect(fig.map).toEqual(['S...', '....', '.HH.', '..HF']); // input untouched
    valid(next);
  });

  it('returns the same spec when nothing changes', () => {
    expect(paintTile(fig, 1, '.')).toBe(fig); // already ice
    expect(paintTile(fig, 16, '#')).toBe(fig); // past the last cell
    expect(paintTile(fig, -1, '#')).toBe(fig);
    expect(paintTile(fig, 3, 'Z')).toBe(fig); // unknown character, no kind given
    expect(paintTile(lake, 1, '#')).toBe(lake); // frozen lake has no '#' and no kind was given
  });

  it('adds a default tile to a legend that lacks it (a wall painted into frozen lake)', () => {
    const next = paintTile(lake, 1, '#', DEFAULT_LEGEND['#']);
    expect(next.map[0]).toBe('S#FF');
    expect(next.legend).toEqual({ ...lake.legend, '#': DEFAULT_LEGEND['#'] });
    expect(lake.legend).not.toHaveProperty('#');
    const parsed = valid(next);
    expect(parsed.legend?.['#']).toMatchObject({ wall: true });
  });

  it('keeps an existing meaning when a kind is passed for a character the legend has', () => {
    const next = paintTile(lake, 1, 'H', DEFAULT_LEGEND.H);
    expect(next.legend).toBe(lake.legend); // frozen lake's H (terminal, reward 0) stays
    expect(next.map[0]).toBe('SHFF');
  });
});

describe('paletteOf', () => {
  it("offers the spec's own tiles, then the default tiles whose character and kind are free", () => {
    expect(paletteOf(fig).map((t) => t.char)).toEqual(['.', 'S', 'H', 'F', '#']);
    const palette = paletteOf(lake);
    expect(palette.map((t) => t.char)).toEqual(['S', 'F', 'H', 'G', '.', '#']);
    expect(palette.find((t) => t.char === 'H')?.kind).toBe(lake.legend?.H);
    expect(palette.find((t) => t.char === '#')?.kind).toBe(DEFAULT_LEGEND['#']);
  });

  it('uses the default legend when a spec has none', () => {
    const { legend: _legend, ...bare } = fig;
    expect(paletteOf(bare as GridworldSpec)).toEqual(Object.entries(DEFAULT_LEGEND).map(([char, kind]) => ({ char, kind })));
  });
});

describe('setTileRules', () => {
  it('reuses a legend entry with exactly the wanted rules', () => {
    const fish = setTileRules(fig, 1, { reward: 3, terminal: true });
    expect(fish.map[0]).toBe('SF..');
    expect(fish.legend).toBe(fig.legend);
    const hole = setTileRules(fig, 1, { reward: -2, terminal: false });
    expect(hole.map[0]).toBe('SH..');
    expect(hole.legend).toBe(fig.legend);
  });

  it('returns the same spec when the cell already has those rules', () => {
    expect(setTileRules(fig, 1, { reward: 0, terminal: false })).toBe(fig);
    expect(setTileRules(fig, 0, { reward: 0, terminal: false })).toBe(fig); // the start keeps being the start
    expect(setTileRules(fig, 15, { reward: 3, terminal: true })).toBe(fig);
    expect(setTileRules(fig, 9, { reward: -2, terminal: false })).toBe(fig);
    // Validated specs (what the page holds) leave absent flags out too.
    const parsed = valid(fig);
    expect(setTileRules(parsed, 1, { reward: 0, terminal: false })).toBe(parsed);
    expect(setTileRules(parsed, 1, { reward: -2, terminal: false }).map[0]).toBe('SH..');
  });

  it('defines a new character for new rules, keeping the start flag, and the result validates', () => {
    const next = setTileRules(fig, 1, { reward: 5, terminal: true });
    expect(next.map[0]).toBe('Sa..');
    expect(next.legend?.a).toEqual({ name: 'terminal 5', look: 'fish', reward: 5, terminal: true });
    expect(valid(next).legend?.a).toMatchObject({ reward: 5, terminal: true });

    const start = setTileRules(fig, 0, { reward: -1, terminal: false });
    expect(start.map[0]).toBe('a...');
    expect(start.legend?.a).toMatchObject({ start: true, reward: -1, terminal: false, look: 'hole', name: 'reward -1' });
    valid(start);

    // A second custom tile gets the next free character; an identical one reuses the first.
    const two = setTileRules(setTileRules(next, 2, { reward: -7, terminal: false }), 3, { reward: 5, terminal: true });
    expect(two.map[0]).toBe('Saba');
    valid(two);
  });

  it('drops custom characters the map no longer uses when it defines a new one, but keeps the default ones', () => {
    const custom = setTileRules(fig, 1, { reward: 5, terminal: true });
    const erased = paintTile(custom, 1, '.'); // 'a' is unused now
    const next = setTileRules(erased, 2, { reward: 7, terminal: true });
    expect(next.map[0]).toBe('S.b.');
    expect(Object.keys(next.legend ?? {}).sort()).toEqual(['#', '.', 'F', 'H', 'S', 'b']);
    valid(next);
  });

  it('works on frozen lake too (a legend without the default tiles)', () => {
    const next = setTileRules(lake, 1, { reward: -1, terminal: true });
    expect(next.map[0]).toBe('SaFF');
    const parsed = valid(next);
    expect(parsed.legend?.a).toMatchObject({ reward: -1, terminal: true, look: 'hole' });
  });
});

describe('resizeGrid', () => {
  it('keeps the top-left part and fills new cells with the plain-ice tile', () => {
    const bigger = resizeGrid(fig, 5, 6);
    expect(bigger.map).toEqual(['S.....', '......', '.HH...', '..HF..', '......']);
    expect(bigger.legend).toBe(fig.legend);
    valid(bigger);
    const lakeBigger = resizeGrid(lake, 4, 5);
    expect(lakeBigger.map).toEqual(['SFFFF', 'FHFHF', 'FFFHF', 'HFFGF']); // frozen lake's ice is 'F'
    valid(lakeBigger);
    const smaller = resizeGrid(fig, 3, 2);
    expect(smaller.map).toEqual(['S.', '..', '.H']);
    valid(smaller);
  });

  it('adds plain ice to a legend that has none', () => {
    const sb = GRIDWORLD_PRESETS['sutton-barto-4x4'].spec; // only start and terminal tiles
    const next = resizeGrid(sb, 4, 5);
    expect(next.map[0]).toBe('TSSS.');
    expect(next.legend?.['.']).toEqual(DEFAULT_LEGEND['.']);
    valid(next);
  });

  it(`clamps sides to [${MIN_EDITOR_SIDE}, ${MAX_EDITOR_SIDE}] and rounds them`, () => {
    const tiny = resizeGrid(fig, 1, -3);
    expect(tiny.map).toEqual(['S.', '..']);
    const huge = resizeGrid(fig, 100, 40.4);
    expect(huge.map).toHaveLength(MAX_EDITOR_SIDE);
    expect(huge.map.every((row) => row.length === MAX_EDITOR_SIDE)).toBe(true);
    expect(resizeGrid(fig, 2.6, 3.4).map).toEqual(['S..', '...', '.HH']);
    valid(huge);
  });

  it('keeps a start: a start that was cut off comes back in the top-left corner', () => {
    const cornered = { ...fig, map: ['....', '....', '.HH.', '..FS'] };
    valid(cornered);
    const next = resizeGrid(cornered, 2, 2);
    expect(next.map).toEqual(['S.', '..']);
    valid(next);
  });
});

describe('EditHistory', () => {
  it('undoes and redoes in order', () => {
    const h = new EditHistory<string>();
    expect(h.canUndo).toBe(false);
    expect(h.undo('a')).toBeNull();
    h.push('a'); // a -> b
    h.push('b'); // b -> c
    h.push('c'); // c -> d
    expect(h.canUndo).toBe(true);
    expect(h.canRedo).toBe(false);
    expect(h.undo('d')).toBe('c');
    expect(h.undo('c')).toBe('b');
    expect(h.canRedo).toBe(true);
    expect(h.redo('b')).toBe('c');
    expect(h.redo('c')).toBe('d');
    expect(h.redo('d')).toBeNull();
    expect(h.undo('d')).toBe('c');
    expect(h.undo('c')).toBe('b');
    expect(h.undo('b')).toBe('a');
    expect(h.undo('a')).toBeNull();
    expect(h.canUndo).toBe(false);
  });

  it('a new edit clears redo', () => {
    const h = new EditHistory<string>();
    h.push('a');
    h.push('b');
    expect(h.undo('c')).toBe('b');
    h.push('b'); // b -> x
    expect(h.canRedo).toBe(false);
    expect(h.redo('x')).toBeNull();
    expect(h.undo('x')).toBe('b');
    expect(h.undo('b')).toBe('a');
  });

  it('keeps at most `limit` undo steps, dropping the oldest', () => {
    const h = new EditHistory<number>(3);
    for (let i = 0; i < 10; i++) h.push(i);
    expect(h.undo(10)).toBe(9);
    expect(h.undo(9)).toBe(8);
    expect(h.undo(8)).toBe(7);
    expect(h.undo(7)).toBeNull();
    // Redo still reaches the newest value.
    expect(h.redo(7)).toBe(8);
    expect(h.redo(8)).toBe(9);
    expect(h.redo(9)).toBe(10);
  });
});
