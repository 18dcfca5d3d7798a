/**
 * Space Invaders' rules, case by case (shared/reference/minatar-rules.md section 3.9), with states
 * built by hand and exact cells, rewards and timers checked.
 */
import { describe, expect, it } from 'vitest';
import { ARCADE_ACTION, arcadeState } from '../../environments/arcade/arcade-env';
import {
  alienBlock,
  observeSpaceInvaders,
  resetSpaceInvaders,
  spaceInvadersEnv,
  stepSpaceInvaders,
  type SpaceInvadersState,
} from '../../environments/arcade/space-invaders';
import { createRng } from '../../environments/core/rng';

const { noop, left, fire } = ARCADE_ACTION;
const C = 6;

function lit(obs: Float32Array, channel: number): [number, number][] {
  const cells: [number, number][] = [];
  for (let cell = 0; cell < 100; cell++) if (obs[cell * C + channel] === 1) cells.push([Math.floor(cell / 10), cell % 10]);
  return cells;
}
const cellsOf = (grid: readonly boolean[]) => grid.flatMap((on, i) => (on ? [[Math.floor(i / 10), i % 10]] : []));
const gridOf = (...cells: [number, number][]) => {
  const grid = new Array<boolean>(100).fill(false);
  for (const [row, col] of cells) grid[row * 10 + col] = true;
  return grid;
};
const channelSums = (obs: Float32Array) => Array.from({ length: C }, (_, ch) => lit(obs, ch).length);

/** A state with no aliens or bullets unless a case adds them; timers far from firing. */
function scene(extra: Partial<SpaceInvadersState>): SpaceInvadersState {
  return { ...resetSpaceInvaders(), aliens: gridOf(), alienMoveCountdown: 5, alienShotCountdown: 5, ...extra };
}

describe('Space Invaders reset and schedule', () => {
  it('starts with the cannon at (9, 5) and 24 aliens moving left', () => {
    const obs = observeSpaceInvaders(resetSpaceInvaders());
    expect(channelSums(obs)).toEqual([1, 24, 24, 0, 0, 0]);
    expect(lit(obs, 0)).toEqual([[9, 5]]);
  });

  it('under no-op: a shot on step 11, the first move on step 13, death on step 17', () => {
    let s = resetSpaceInvaders();
    let total = 0;
    for (let t = 1; t <= 17; t++) {
      const r = stepSpaceInvaders(s, noop, true);
      s = r.game;
      total += r.reward;
      if (t === 11) expect(cellsOf(s.enemyBullets)).toEqual([[3, 5]]);
      if (t === 12) expect(cellsOf(s.aliens)).toEqual(cellsOf(alienBlock()));
      if (t === 13) expect(new Set(cellsOf(s.aliens).map(([, col]) => col))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
      expect(s.terminal).toBe(t === 17);
    }
    expect(total).toBe(0);
  });

  it('with fire held: bullets every 5 steps, hits on steps 6, 12 and 16, death on step 18', () => {
    let s = resetSpaceInvaders();
    const rewards: number[] = [];
    for (let t = 1; t <= 18; t++) {
      const r = stepSpaceInvaders(s, fire, true);
      s = r.game;
      rewards.push(r.reward);
      // A new bullet shows at (8, 5) exactly on the firing steps.
      expect(s.friendlyBullets[8 * 10 + 5]).toBe([1, 6, 11, 16].includes(t));
      expect(s.terminal).toBe(t === 18);
    }
    expect(rewards.flatMap((r, i) => (r > 0 ? [i + 1] : []))).toEqual([6, 12, 16]);
    expect(rewards.reduce((a, b) => a + b)).toBe(3);
  });

  it('fire has a 5-step cooldown', () => {
    let s = resetSpaceInvaders();
    const cooldowns: number[] = [];
    for (let t = 1; t <= 6; t++) {
      s = stepSpaceInvaders(s, fire, true).game;
      cooldowns.push(s.shotCooldown);
    }
    expect(cooldowns).toEqual([4, 3, 2, 1, 0, 4]);
  });
});

describe('Space Invaders aliens', () => {
  it('speed up as fewer remain: the move period is min(aliens, interval)', () => {
    // Three aliens: the block moves on steps 1, 4, 7, 10.
    let s = scene({ aliens: gridOf([0, 4], [0, 5], [0, 6]), alienMoveCountdown: 0, alienShotCountdown: 50 });
    const moves: number[] = [];
    for (let t = 1; t <= 10; t++) {
      const before = cellsOf(s.aliens);
      s = stepSpaceInvaders(s, noop, true).game;
      if (JSON.stringify(cellsOf(s.aliens)) !== JSON.stringify(before)) moves.push(t);
    }
    expect(moves).toEqual([1, 4, 7, 10]);
    // A full wave moves only every 12 steps.
    let full = scene({ aliens: alienBlock(), alienMoveCountdown: 0, alienShotCountdown: 50 });
    full = stepSpaceInvaders(full, noop, true).game;
    expect(full.alienMoveCountdown).toBe(11);
    // One alien moves every step.
    const one = stepSpaceInvaders(scene({ aliens: gridOf([0, 5]), alienMoveCountdown: 0 }), noop, true).game;
    expect(one.alienMoveCountdown).toBe(0);
  });

  it('the nearest column shoots, ties to the left, from its lowest alien', () => {
    const s = scene({ aliens: gridOf([1, 4], [2, 4], [6, 6]), cannon: 5, alienShotCountdown: 0, alienMoveCountdown: 5 });
    expect(cellsOf(stepSpaceInvaders(s, noop, true).game.enemyBullets)).toEqual([[2, 4]]);
  });

  it('an alien stepping down and a bullet flying up swap cells without a hit', () => {
    const s = scene({ aliens: gridOf([3, 0]), alienDirection: -1, alienMoveCountdown: 0, alienShotCountdown: 5, friendlyBullets: gridOf([4, 0]), cannon: 5 });
    const { game, reward } = stepSpaceInvaders(s, noop, true);
    expect(reward).toBe(0);
    expect(cellsOf(game.aliens)).toEqual([[4, 0]]);
    expect(cellsOf(game.friendlyBullets)).toEqual([[3, 0]]);
    expect(game.alienDirection).toBe(1);
    expect(game.alienMoveCountdown).toBe(0);
  });

  it('a sideways hit on the last alien brings a new wave and ramps the interval', () => {
    const s = scene({ aliens: gridOf([3, 5]), alienDirection: -1, alienMoveCountdown: 0, friendlyBullets: gridOf([4, 4]), cannon: 9 });
    const { game, reward } = stepSpaceInvaders(s, noop, true);
    expect(reward).toBe(1);
    expect(cellsOf(game.aliens)).toEqual(cellsOf(alienBlock()));
    expect([game.alienMoveInterval, game.rampCounter, game.alienMoveCountdown]).toEqual([11, 1, 0]);
    const flat = stepSpaceInvaders(s, noop, false).game;
    expect([flat.alienMoveInterval, flat.rampCounter]).toEqual([12, 0]);
  });

  it('ramping stops at an interval of 6', () => {
    const s = scene({ aliens: gridOf([3, 5]), alienMoveCountdown: 0, friendlyBullets: gridOf([4, 4]), alienMoveInterval: 6, rampCounter: 6 });
    const game = stepSpaceInvaders(s, noop, true).game;
    expect([game.alienMoveInterval, game.rampCounter]).toEqual([6, 6]);
  });

  it('pays for every alien hit in one step', () => {
    const s = scene({ aliens: gridOf([2, 2], [2, 6], [0, 0]), friendlyBullets: gridOf([3, 2], [3, 6]), alienMoveCountdown: 4 });
    const { game, reward } = stepSpaceInvaders(s, noop, true);
    expect(reward).toBe(2);
    expect(cellsOf(game.aliens)).toEqual([[0, 0]]);
    expect(cellsOf(game.friendlyBullets)).toEqual([]);
  });
});

describe('Space Invaders deaths', () => {
  it('an enemy bullet in row 9 is safe to step under; one in row 8 is not', () => {
    const safe = stepSpaceInvaders(scene({ aliens: gridOf([0, 0]), enemyBullets: gridOf([9, 4]), cannon: 5 }), left, true).game;
    expect(safe.terminal).toBe(false);
    expect(cellsOf(safe.enemyBullets)).toEqual([]);
    const fatal = stepSpaceInvaders(scene({ aliens: gridOf([0, 0]), enemyBullets: gridOf([8, 4]), cannon: 5 }), left, true).game;
    expect(fatal.terminal).toBe(true);
  });

  it('a reversal with an alien in row 9 ends the game (and wraps it to row 0)', () => {
    const game = stepSpaceInvaders(scene({ aliens: gridOf([9, 0], [0, 9]), alienDirection: -1, alienMoveCountdown: 0 }), noop, true).game;
    expect(game.terminal).toBe(true);
    expect(cellsOf(game.aliens)).toEqual([
      [0, 0],
      [1, 9],
    ]);
  });

  it('an alien moving onto the cannon, or the cannon moving onto an alien, ends the game', () => {
    expect(stepSpaceInvaders(scene({ aliens: gridOf([9, 3]), alienDirection: -1, alienMoveCountdown: 0, cannon: 2 }), noop, true).game.terminal).toBe(true);
    expect(stepSpaceInvaders(scene({ aliens: gridOf([9, 4]), alienMoveCountdown: 3, cannon: 5 }), left, true).game.terminal).toBe(true);
  });

  it('the env reports the death as a termination and pays nothing after it', () => {
    const env = spaceInvadersEnv({ stickyProbability: 0 });
    const rng = createRng('si-end');
    const end = env.step(arcadeState(scene({ aliens: gridOf([9, 4]), alienMoveCountdown: 3, cannon: 5 })), 1, rng);
    expect([end.terminated, end.truncated]).toEqual([true, false]);
    const after = env.step(end.state, 3, rng);
    expect([after.reward, after.terminated]).toEqual([0, true]);
  });
});

describe('Space Invaders observation', () => {
  it('lights the direction channel of the moving block', () => {
    const obs = observeSpaceInvaders(scene({ aliens: gridOf([2, 3]), alienDirection: 1, friendlyBullets: gridOf([5, 5]), enemyBullets: gridOf([6, 6]) }));
    expect(lit(obs, 1)).toEqual([[2, 3]]);
    expect(lit(obs, 2)).toEqual([]);
    expect(lit(obs, 3)).toEqual([[2, 3]]);
    expect(lit(obs, 4)).toEqual([[5, 5]]);
    expect(lit(obs, 5)).toEqual([[6, 6]]);
    // Row-major, channels last: (row * 10 + col) * C + channel.
    expect(obs[(2 * 10 + 3) * C + 3]).toBe(1);
  });
});
