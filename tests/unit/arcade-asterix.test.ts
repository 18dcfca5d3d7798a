/**
 * Asterix's rules, case by case (shared/reference/minatar-rules.md section 5.9), with states built
 * by hand and exact cells, rewards, timers and random draws checked.
 */
import { describe, expect, it } from 'vitest';
import { ARCADE_ACTION } from '../../environments/arcade/arcade-env';
import { observeAsterix, resetAsterix, stepAsterix, type AsterixEntity, type AsterixState } from '../../environments/arcade/asterix';
import { createRng, type Rng } from '../../environments/core/rng';

const { noop, left, up, right, down } = ARCADE_ACTION;
const C = 4;

function lit(obs: Float32Array, channel: number): [number, number][] {
  const cells: [number, number][] = [];
  for (let cell = 0; cell < 100; cell++) if (obs[cell * C + channel] === 1) cells.push([Math.floor(cell / 10), cell % 10]);
  return cells;
}

/** A seeded Rng that counts its draws. */
function counting(seed: string): Rng & { draws: () => number } {
  const inner = createRng(seed);
  let draws = 0;
  return {
    next: () => (draws++, inner.next()),
    int: (n) => (draws++, inner.int(n)),
    state: inner.state,
    draws: () => draws,
  };
}

const rng = createRng('asterix');
const gold = (col: number, direction: number): AsterixEntity => ({ col, direction, gold: true });
const enemy = (col: number, direction: number): AsterixEntity => ({ col, direction, gold: false });
/** The player at (5, 5), one entity in `row`; spawns far off, the move countdown as given. */
function scene(row: number | null, entity: AsterixEntity | null, extra: Partial<AsterixState> = {}): AsterixState {
  const slots = new Array<AsterixEntity | null>(8).fill(null);
  if (row !== null) slots[row - 1] = entity;
  return { ...resetAsterix(), slots, spawnCountdown: 5, moveCountdown: 3, ...extra };
}

describe('Asterix contacts', () => {
  it('starts with the player alone at (5, 5)', () => {
    const obs = observeAsterix(resetAsterix());
    expect([0, 1, 2, 3].map((ch) => lit(obs, ch).length)).toEqual([1, 0, 0, 0]);
    expect(lit(obs, 0)).toEqual([[5, 5]]);
  });

  it('walking onto gold pays +1 and removes it', () => {
    const { game, reward } = stepAsterix(scene(5, gold(6, -1)), right, rng, true);
    expect(reward).toBe(1);
    expect(game.slots[4]).toBeNull();
    expect([game.playerRow, game.playerCol, game.terminal]).toEqual([5, 6, false]);
  });

  it('walking onto an enemy ends the game; the enemy stays', () => {
    const { game, reward } = stepAsterix(scene(5, enemy(6, -1)), right, rng, true);
    expect([reward, game.terminal]).toEqual([0, true]);
    expect(game.slots[4]).toEqual(enemy(6, -1));
  });

  it('gold moving onto the player pays; an enemy moving onto it ends the game', () => {
    expect(stepAsterix(scene(5, gold(6, -1), { moveCountdown: 0 }), noop, rng, true).reward).toBe(1);
    expect(stepAsterix(scene(5, enemy(4, 1), { moveCountdown: 0 }), noop, rng, true).game.terminal).toBe(true);
  });

  it('catches a player walking into an enemy that would move away, before the move', () => {
    const { game } = stepAsterix(scene(5, enemy(6, -1), { moveCountdown: 0 }), right, rng, true);
    expect(game.terminal).toBe(true);
  });

  it('empties the slot of an entity leaving the grid', () => {
    const { game } = stepAsterix(scene(3, enemy(9, 1), { moveCountdown: 0 }), noop, rng, true);
    expect(game.slots[2]).toBeNull();
  });

  it('keeps the player in rows 1-8 and columns 0-9', () => {
    expect(stepAsterix(scene(null, null, { playerRow: 1 }), up, rng, true).game.playerRow).toBe(1);
    expect(stepAsterix(scene(null, null, { playerRow: 8 }), down, rng, true).game.playerRow).toBe(8);
    expect(stepAsterix(scene(null, null, { playerCol: 0 }), left, rng, true).game.playerCol).toBe(0);
    expect(stepAsterix(scene(null, null, { playerCol: 9 }), right, rng, true).game.playerCol).toBe(9);
  });

  it('draws enemies, gold and trails (not wrapped) in their channels', () => {
    const slots: (AsterixEntity | null)[] = [enemy(0, -1), gold(9, -1), null, null, null, null, null, enemy(3, 1)];
    const obs = observeAsterix({ ...resetAsterix(), slots });
    expect(lit(obs, 1)).toEqual([
      [1, 0],
      [8, 3],
    ]);
    expect(lit(obs, 3)).toEqual([[2, 9]]);
    expect(lit(obs, 2)).toEqual([
      [1, 1],
      [8, 2],
    ]);
  });
});

describe('Asterix spawns', () => {
  it('under no-op the first entity spawns on step 11 and has already moved one column', () => {
    let s = resetAsterix();
    const r = createRng('first-spawn');
    for (let t = 1; t <= 11; t++) {
      s = stepAsterix(s, noop, r, true).game;
      const entities = s.slots.filter((e) => e !== null);
      expect(entities).toHaveLength(t < 11 ? 0 : 1);
    }
    const e = s.slots.find((x) => x !== null) as AsterixEntity;
    expect(e.col).toBe(e.direction > 0 ? 1 : 8);
  });

  it('a failed spawn (all rows full) still consumes its two draws', () => {
    const full = Array.from({ length: 8 }, () => enemy(0, 1));
    const r = counting('full');
    const { game } = stepAsterix(scene(null, null, { slots: full, spawnCountdown: 0, playerRow: 5, playerCol: 9 }), noop, r, true);
    expect(r.draws()).toBe(2);
    expect(game.slots).toEqual(full);
    expect(game.spawnCountdown).toBe(9);
  });

  it('with one empty row, two draws and the entity goes there; with more, a third draw picks the row', () => {
    const one: (AsterixEntity | null)[] = Array.from({ length: 8 }, () => enemy(0, 1));
    one[6] = null;
    const r = counting('one');
    const { game } = stepAsterix(scene(null, null, { slots: one, spawnCountdown: 0, playerCol: 9 }), noop, r, true);
    expect(r.draws()).toBe(2);
    expect(game.slots[6]).not.toBeNull();
    const r3 = counting('many');
    stepAsterix(scene(null, null, { spawnCountdown: 0 }), noop, r3, true);
    expect(r3.draws()).toBe(3);
  });
});

describe('Asterix ramping', () => {
  it('ramps on steps 102, 204, ..., 918 to the schedule of the rules, then stops', () => {
    let s = resetAsterix();
    const r = createRng('ramp');
    const changes: [number, number, number, number][] = [];
    for (let t = 1; t <= 1000; t++) {
      // Keep the player alive: clear the rows before every step.
      s = { ...s, slots: new Array<AsterixEntity | null>(8).fill(null) };
      const before = [s.spawnInterval, s.moveInterval, s.rampCounter].join();
      s = stepAsterix(s, noop, r, true).game;
      if ([s.spawnInterval, s.moveInterval, s.rampCounter].join() !== before) changes.push([t, s.spawnInterval, s.moveInterval, s.rampCounter]);
    }
    expect(changes).toEqual([
      [102, 9, 5, 1],
      [204, 8, 4, 2],
      [306, 7, 4, 3],
      [408, 6, 3, 4],
      [510, 5, 3, 5],
      [612, 4, 2, 6],
      [714, 3, 2, 7],
      [816, 2, 1, 8],
      [918, 1, 1, 9],
    ]);
  });

  it('never ramps with the switch off', () => {
    let s = resetAsterix();
    const r = createRng('no-ramp');
    for (let t = 1; t <= 400; t++) s = stepAsterix({ ...s, slots: new Array<AsterixEntity | null>(8).fill(null) }, noop, r, false).game;
    expect([s.spawnInterval, s.moveInterval, s.rampCounter]).toEqual([10, 5, 0]);
  });
});
