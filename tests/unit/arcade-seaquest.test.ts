/**
 * Seaquest's rules, case by case (shared/reference/minatar-rules.md section 6.9), with states built
 * by hand and exact cells, rewards, counters and random draws checked.
 */
import { describe, expect, it } from 'vitest';
import { ARCADE_ACTION, arcadeState } from '../../environments/arcade/arcade-env';
import { observeSeaquest, resetSeaquest, seaquestEnv, stepSeaquest, type SeaquestState } from '../../environments/arcade/seaquest';
import { createRng, type Rng } from '../../environments/core/rng';

const { noop, left, up, right, down, fire } = ARCADE_ACTION;
const C = 10;

function lit(obs: Float32Array, channel: number): [number, number][] {
  const cells: [number, number][] = [];
  for (let cell = 0; cell < 100; cell++) if (obs[cell * C + channel] === 1) cells.push([Math.floor(cell / 10), cell % 10]);
  return cells;
}

function counting(seed: string): Rng & { draws: () => number } {
  const inner = createRng(seed);
  let draws = 0;
  return { next: () => (draws++, inner.next()), int: (n) => (draws++, inner.int(n)), state: inner.state, draws: () => draws };
}

const rng = createRng('seaquest');
/** A dived submarine at (row, col) facing right; spawns far off. */
function scene(row: number, col: number, extra: Partial<SeaquestState> = {}): SeaquestState {
  return { ...resetSeaquest(), subRow: row, subCol: col, subFacing: 1, surfaced: false, enemySpawnCountdown: 7, diverSpawnCountdown: 7, ...extra };
}
const step = (s: SeaquestState, action: number, ramping = true) => stepSeaquest(s, action, rng, ramping);

describe('Seaquest oxygen and surfacing', () => {
  it('starts on the surface at (0, 5) facing left, full oxygen, no divers', () => {
    const obs = observeSeaquest(resetSeaquest());
    expect(lit(obs, 0)).toEqual([[0, 5]]);
    expect(lit(obs, 1)).toEqual([[0, 6]]);
    expect(lit(obs, 7)).toEqual(Array.from({ length: 10 }, (_, col) => [9, col]));
    expect(lit(obs, 8)).toEqual([]);
  });

  it('oxygen runs out: a dive ends on its 201st step with oxygen -1 and an empty gauge', () => {
    const env = seaquestEnv({ stickyProbability: 0 });
    const r = createRng('oxygen');
    let state = env.reset(r).state;
    let last = env.step(state, down, r);
    let steps = 1;
    // Bounded, so a broken oxygen rule fails here instead of looping for ever.
    while (!last.terminated && steps < 300) {
      // Remove every enemy before each step, so only the oxygen can end the dive.
      state = arcadeState({ ...last.state.game, fish: [], enemySubs: [], enemyBullets: [] });
      last = env.step(state, noop, r);
      steps++;
      if (steps === 200) expect(last.state.game.oxygen).toBe(0);
    }
    expect(steps).toBe(201);
    expect(last.state.game.oxygen).toBe(-1);
    expect(last.info?.oxygen).toBe(-1);
    expect(lit(last.obs, 7)).toEqual([]);
    expect(last.truncated).toBe(false);
  });

  it('the oxygen gauge lights one cell per 20 oxygen', () => {
    const gauge = (oxygen: number) => lit(observeSeaquest(scene(3, 3, { oxygen })), 7).length;
    expect([200, 199, 20, 19, 0].map(gauge)).toEqual([10, 9, 1, 0, 0]);
  });

  it('surfacing with no divers ends the game', () => {
    const { game, reward } = step(scene(1, 4), up);
    expect([game.terminal, reward]).toEqual([true, 0]);
  });

  it('surfacing with 3 divers refills the oxygen, drops a diver and ramps', () => {
    const { game, reward } = step(scene(1, 4, { divers: 3, oxygen: 150 }), up);
    expect(reward).toBe(0);
    expect([game.terminal, game.divers, game.oxygen, game.surfaced]).toEqual([false, 2, 200, true]);
    expect([game.enemySpawnInterval, game.enemyMoveInterval, game.rampCounter]).toEqual([19, 5, 1]);
    const flat = step(scene(1, 4, { divers: 3, oxygen: 150 }), up, false).game;
    expect([flat.enemySpawnInterval, flat.enemyMoveInterval, flat.rampCounter, flat.oxygen]).toEqual([20, 5, 0, 200]);
  });

  it('surfacing with 6 divers pays floor(oxygen / 20) and leaves -1 divers (the quirk)', () => {
    const { game, reward } = step(scene(1, 4, { divers: 6, oxygen: 150 }), up);
    expect(reward).toBe(7);
    expect([game.divers, game.oxygen]).toEqual([-1, 200]);
    expect(lit(observeSeaquest(game), 8)).toEqual([]);
    // Dive and surface again without a pickup: not terminal, -2 divers.
    const dived = step(game, down).game;
    const again = step(dived, up);
    expect([again.game.terminal, again.reward, again.game.divers]).toEqual([false, 0, -2]);
    // One pickup brings -1 back to 0, and surfacing with 0 is terminal.
    const zero = step({ ...dived, divers: 0 }, up).game;
    expect(zero.terminal).toBe(true);
  });

  it('the surfacing bonus at oxygen 200, 19 and 0', () => {
    expect(step(scene(1, 4, { divers: 6, oxygen: 200 }), up).reward).toBe(10);
    expect(step(scene(1, 4, { divers: 6, oxygen: 19 }), up).reward).toBe(0);
    const empty = step(scene(1, 4, { divers: 6, oxygen: 0 }), up);
    expect([empty.reward, empty.game.terminal]).toEqual([0, true]);
  });

  it('staying on the surface does not surface again', () => {
    const s = { ...scene(0, 4, { divers: 0 }), surfaced: true };
    const { game } = step(s, left);
    expect([game.terminal, game.oxygen]).toEqual([false, 200]);
  });

  it('the ramp follows the table: 19/5, 18/4, 17/4, 16/3, 15/3, 14/2', () => {
    let s = scene(1, 4, { divers: 50 });
    const table: [number, number][] = [];
    for (let k = 1; k <= 6; k++) {
      s = step({ ...s, subRow: 1, surfaced: false }, up).game;
      table.push([s.enemySpawnInterval, s.enemyMoveInterval]);
    }
    expect(table).toEqual([
      [19, 5],
      [18, 4],
      [17, 4],
      [16, 3],
      [15, 3],
      [14, 2],
    ]);
  });
});

describe('Seaquest shooting', () => {
  it('fires from the front cell; the bullet is first seen one cell ahead', () => {
    const { game } = step(scene(3, 4), fire);
    expect(game.friendlyBullets).toEqual([{ row: 3, col: 5, direction: 1 }]);
    expect(game.shotCooldown).toBe(4);
    const obs = observeSeaquest(game);
    expect(lit(obs, 0)).toEqual([[3, 4]]);
    expect(lit(obs, 1)).toEqual([[3, 3]]);
    expect(lit(obs, 2)).toEqual([[3, 5]]);
  });

  it('a bullet fired out at the wall is gone, and the cooldown is spent', () => {
    const { game } = step(scene(3, 0, { subFacing: -1 }), fire);
    expect(game.friendlyBullets).toEqual([]);
    expect(game.shotCooldown).toBe(4);
  });

  it('a bullet moving into an enemy sub kills it before it can fire', () => {
    const s = scene(5, 0, {
      enemySubs: [{ row: 3, col: 4, direction: -1, moveCountdown: 0, shotCountdown: 0 }],
      friendlyBullets: [{ row: 3, col: 3, direction: 1 }],
    });
    const { game, reward } = step(s, noop);
    expect(reward).toBe(1);
    expect([game.enemySubs, game.friendlyBullets, game.enemyBullets]).toEqual([[], [], []]);
  });

  it('an enemy sub moving into a bullet dies but still fires (the quirk)', () => {
    const s = scene(5, 0, {
      enemySubs: [{ row: 3, col: 5, direction: -1, moveCountdown: 0, shotCountdown: 0 }],
      friendlyBullets: [{ row: 3, col: 3, direction: 1 }],
    });
    const { game, reward } = step(s, noop);
    expect(reward).toBe(1);
    expect([game.enemySubs, game.friendlyBullets]).toEqual([[], []]);
    expect(game.enemyBullets).toEqual([{ row: 3, col: 3, direction: -1 }]);
  });

  it('bullets pass through each other', () => {
    const s = scene(5, 0, {
      enemySubs: [{ row: 3, col: 5, direction: -1, moveCountdown: 0, shotCountdown: 0 }],
      friendlyBullets: [{ row: 3, col: 2, direction: 1 }],
    });
    const { game, reward } = step(s, noop);
    expect(reward).toBe(0);
    expect(game.enemySubs).toEqual([{ row: 3, col: 4, direction: -1, moveCountdown: 5, shotCountdown: 10 }]);
    expect(game.enemyBullets).toEqual([{ row: 3, col: 3, direction: -1 }]);
    expect(game.friendlyBullets).toEqual([{ row: 3, col: 3, direction: 1 }]);
  });

  it('a friendly bullet kills a fish (+1)', () => {
    const s = scene(5, 0, { fish: [{ row: 2, col: 6, direction: -1, moveCountdown: 3 }], friendlyBullets: [{ row: 2, col: 5, direction: 1 }] });
    const { game, reward } = step(s, noop);
    expect([reward, game.fish.length, game.friendlyBullets.length]).toEqual([1, 0, 0]);
  });

  it('an enemy sub fires on steps t + 10 and t + 21 and moves on t + 5, t + 11, t + 17', () => {
    // Spawned on step t = 0 with countdowns 5 and 10, which ticked once in that same step.
    let s = scene(8, 0, { enemySubs: [{ row: 2, col: 9, direction: -1, moveCountdown: 4, shotCountdown: 9 }], enemySpawnCountdown: 99, diverSpawnCountdown: 99 });
    const moves: number[] = [];
    const shots: number[] = [];
    for (let t = 1; t <= 22; t++) {
      const before = s.enemySubs[0].col;
      const bullets = s.enemyBullets.length;
      s = step(s, noop).game;
      if (s.enemySubs[0].col !== before) moves.push(t);
      if (s.enemyBullets.length > bullets) shots.push(t);
    }
    expect(moves).toEqual([5, 11, 17]);
    expect(shots).toEqual([10, 21]);
  });
});

describe('Seaquest divers and collisions', () => {
  it('picks up a diver before it moves, or after its move', () => {
    const before = step(scene(3, 4, { diverList: [{ row: 3, col: 3, direction: 1, moveCountdown: 3 }] }), left).game;
    expect([before.divers, before.diverList.length]).toEqual([1, 0]);
    const after = step(scene(3, 4, { diverList: [{ row: 3, col: 3, direction: 1, moveCountdown: 0 }] }), noop).game;
    expect(after.divers).toBe(1);
  });

  it('a full submarine lets divers through', () => {
    const { game } = step(scene(3, 4, { divers: 6, diverList: [{ row: 3, col: 3, direction: 1, moveCountdown: 0 }] }), noop);
    expect([game.divers, game.terminal]).toEqual([6, false]);
    expect(game.diverList).toEqual([{ row: 3, col: 4, direction: 1, moveCountdown: 5 }]);
  });

  it('the diver gauge lights columns 9 - k .. 8', () => {
    expect(lit(observeSeaquest(scene(3, 4, { divers: 6 })), 8)).toEqual([3, 4, 5, 6, 7, 8].map((col) => [9, col]));
    expect(lit(observeSeaquest(scene(3, 4, { divers: 1 })), 8)).toEqual([[9, 8]]);
  });

  it('enemy bullets kill when met head-on, not when dodged', () => {
    expect(step(scene(3, 4, { enemyBullets: [{ row: 3, col: 5, direction: -1 }] }), right).game.terminal).toBe(true);
    expect(step(scene(3, 4, { enemyBullets: [{ row: 3, col: 6, direction: -1 }] }), right).game.terminal).toBe(true);
    expect(step(scene(3, 4, { enemyBullets: [{ row: 3, col: 5, direction: -1 }] }), up).game.terminal).toBe(false);
  });

  it('diving onto a fish ends the game', () => {
    expect(step(scene(3, 4, { fish: [{ row: 4, col: 4, direction: 1, moveCountdown: 3 }] }), down).game.terminal).toBe(true);
  });
});

describe('Seaquest spawns', () => {
  it('first enemy attempt on step 21, first diver on step 31', () => {
    let s = resetSeaquest();
    const r = counting('spawns');
    const drawsAt: number[] = [];
    for (let t = 1; t <= 31; t++) {
      const before = r.draws();
      s = stepSeaquest(s, noop, r, true).game;
      if (r.draws() > before) drawsAt.push(t);
    }
    expect(drawsAt).toEqual([21, 31]);
    expect(s.diverList).toHaveLength(1);
  });

  it('a head-on enemy in the drawn row blocks the spawn after three draws; a same-way one does not', () => {
    // Find the row and side this seed draws, then put a fish there going each way.
    const probe = stepSeaquest(scene(0, 5, { surfaced: true, enemySpawnCountdown: 0 }), noop, counting('conflict'), true).game;
    const spawned = [...probe.fish, ...probe.enemySubs][0];
    const blocker = { row: spawned.row, col: 5, direction: -spawned.direction, moveCountdown: 3 };
    const r = counting('conflict');
    const blocked = stepSeaquest(scene(0, 5, { surfaced: true, enemySpawnCountdown: 0, fish: [blocker] }), noop, r, true).game;
    expect(r.draws()).toBe(3);
    expect(blocked.fish.length + blocked.enemySubs.length).toBe(1);
    const sameWay = { ...blocker, direction: spawned.direction };
    const allowed = stepSeaquest(scene(0, 5, { surfaced: true, enemySpawnCountdown: 0, fish: [sameWay] }), noop, counting('conflict'), true).game;
    expect(allowed.fish.length + allowed.enemySubs.length).toBe(2);
  });
});
