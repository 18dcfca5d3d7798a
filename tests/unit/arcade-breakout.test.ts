/**
 * Breakout's rules, case by case (shared/reference/minatar-rules.md section 2.8): each case builds
 * the state by hand and checks the exact cells, rewards and flags after the step.
 */
import { describe, expect, it } from 'vitest';
import { ARCADE_ACTION, arcadeState } from '../../environments/arcade/arcade-env';
import { breakoutEnv, breakoutWall, observeBreakout, resetBreakout, stepBreakout, type BreakoutState } from '../../environments/arcade/breakout';
import { createRng, type Rng } from '../../environments/core/rng';

const { noop, left, right } = ARCADE_ACTION;
const C = 4;

/** The [row, col] cells lit in one channel. */
function lit(obs: Float32Array, channel: number): [number, number][] {
  const cells: [number, number][] = [];
  for (let cell = 0; cell < 100; cell++) if (obs[cell * C + channel] === 1) cells.push([Math.floor(cell / 10), cell % 10]);
  return cells;
}

const bricksAt = (...cells: [number, number][]) => {
  const bricks = new Array<boolean>(100).fill(false);
  for (const [row, col] of cells) bricks[row * 10 + col] = true;
  return bricks;
};
const brickCount = (s: BreakoutState) => s.bricks.filter(Boolean).length;

/** An Rng whose draws are the given values in turn. */
function scripted(values: number[]): Rng {
  let i = 0;
  const next = () => values[i++ % values.length];
  return { next, int: (n) => Math.floor(next() * n), state: () => ({ c: 0, s0: 0, s1: 0, s2: 0 }) };
}

type Dir = 'UL' | 'UR' | 'DR' | 'DL';
const DIRS: Record<Dir, [number, number]> = { UL: [-1, -1], UR: [-1, 1], DR: [1, 1], DL: [1, -1] };

/** A mid-game state: full wall, paddle at 4, the ball where a case puts it. */
function ball(row: number, col: number, dir: Dir, extra: Partial<BreakoutState> = {}): BreakoutState {
  const [dRow, dCol] = DIRS[dir];
  return { paddle: 4, ballRow: row, ballCol: col, ballDRow: dRow, ballDCol: dCol, trailRow: row, trailCol: col, bricks: breakoutWall(), strike: false, terminal: false, ...extra };
}

function where(s: BreakoutState): [number, number, Dir] {
  const dir = (Object.keys(DIRS) as Dir[]).find((d) => DIRS[d][0] === s.ballDRow && DIRS[d][1] === s.ballDCol);
  return [s.ballRow, s.ballCol, dir as Dir];
}

describe('Breakout reset', () => {
  it('puts the ball on row 3 at column 0 (DR) or 9 (DL) with a fair coin, on top of a brick', () => {
    const leftStart = resetBreakout(scripted([0.2]));
    const rightStart = resetBreakout(scripted([0.7]));
    expect(where(leftStart)).toEqual([3, 0, 'DR']);
    expect(where(rightStart)).toEqual([3, 9, 'DL']);
    const obs = observeBreakout(rightStart);
    expect(lit(obs, 0)).toEqual([[9, 4]]);
    expect(lit(obs, 1)).toEqual([[3, 9]]);
    expect(lit(obs, 2)).toEqual([[3, 9]]);
    expect(lit(obs, 3)).toHaveLength(30);
    expect(lit(obs, 3)).toContainEqual([3, 9]);
    expect(lit(obs, 3).every(([row]) => row >= 1 && row <= 3)).toBe(true);
  });

  it('draws both starts from a seeded Rng', () => {
    const starts = new Set(Array.from({ length: 40 }, (_, i) => resetBreakout(createRng(i)).ballCol));
    expect([...starts].sort()).toEqual([0, 9]);
  });
});

describe('Breakout bricks', () => {
  it('a brick hit pays +1, removes the brick and bounces the ball sideways (moving left)', () => {
    const { game, reward } = stepBreakout(ball(4, 5, 'UL'), noop);
    expect(reward).toBe(1);
    expect(game.bricks[3 * 10 + 4]).toBe(false);
    expect(brickCount(game)).toBe(29);
    expect(where(game)).toEqual([4, 4, 'DL']);
    expect([game.trailRow, game.trailCol]).toEqual([4, 5]);
    expect(game.strike).toBe(true);
  });

  it('a brick hit moving right removes the brick up and to the right', () => {
    const { game, reward } = stepBreakout(ball(4, 5, 'UR'), noop);
    expect(reward).toBe(1);
    expect(game.bricks[3 * 10 + 6]).toBe(false);
    expect(where(game)).toEqual([4, 6, 'DR']);
  });

  it('a wall clamp and a brick hit in one step', () => {
    const { game, reward } = stepBreakout(ball(4, 0, 'UL'), noop);
    expect(reward).toBe(1);
    expect(game.bricks[3 * 10 + 0]).toBe(false);
    expect(where(game)).toEqual([4, 0, 'DR']);
    const mirror = stepBreakout(ball(4, 9, 'UR'), noop);
    expect(mirror.reward).toBe(1);
    expect(where(mirror.game)).toEqual([4, 9, 'DL']);
  });

  it('the strike flag ignores a second contact on the next step, then clears', () => {
    let s = ball(2, 5, 'UL', { bricks: bricksAt([1, 4], [3, 3]) });
    let r = stepBreakout(s, noop);
    expect([r.reward, ...where(r.game)]).toEqual([1, 2, 4, 'DL']);
    expect(r.game.bricks[14]).toBe(false);
    s = r.game;
    r = stepBreakout(s, noop);
    expect([r.reward, ...where(r.game)]).toEqual([0, 3, 3, 'DL']);
    expect(r.game.bricks[33]).toBe(true);
    expect(r.game.strike).toBe(true);
    r = stepBreakout(r.game, noop);
    expect(where(r.game)).toEqual([4, 2, 'DL']);
    expect(r.game.strike).toBe(false);
  });

  it('after a bounce the ball may overlap another brick without hitting it', () => {
    const { game, reward } = stepBreakout(ball(2, 5, 'UL', { bricks: bricksAt([1, 4], [2, 4]) }), noop);
    expect(reward).toBe(1);
    expect(where(game)).toEqual([2, 4, 'DL']);
    expect(game.bricks[24]).toBe(true);
  });

  it('with the strike flag already set the ball passes into the brick', () => {
    const { game, reward } = stepBreakout(ball(4, 5, 'UL', { strike: true }), noop);
    expect(reward).toBe(0);
    expect(where(game).slice(0, 2)).toEqual([3, 4]);
    expect(game.bricks[34]).toBe(true);
    expect(game.strike).toBe(true);
  });

  it('clearing every brick brings a new wall when the ball comes down to the paddle row, hit or miss', () => {
    const miss = stepBreakout(ball(8, 5, 'DR', { bricks: bricksAt(), paddle: 0 }), noop);
    expect(miss.game.terminal).toBe(true);
    expect(lit(observeBreakout(miss.game), 3)).toHaveLength(30);
    const hit = stepBreakout(ball(8, 5, 'DR', { bricks: bricksAt(), paddle: 6 }), noop);
    expect(where(hit.game)).toEqual([8, 6, 'UL']);
    expect(brickCount(hit.game)).toBe(30);
    const high = stepBreakout(ball(5, 5, 'DR', { bricks: bricksAt() }), noop);
    expect(brickCount(high.game)).toBe(0);
  });

  it('the last brick removed leaves an empty board until the refill', () => {
    const { game, reward } = stepBreakout(ball(4, 5, 'UL', { bricks: bricksAt([3, 4]) }), noop);
    expect(reward).toBe(1);
    expect(brickCount(game)).toBe(0);
  });
});

describe('Breakout walls and paddle', () => {
  it('slides along a side wall for one step', () => {
    expect(where(stepBreakout(ball(6, 0, 'UL'), noop).game)).toEqual([5, 0, 'UR']);
    expect(where(stepBreakout(ball(6, 9, 'UR'), noop).game)).toEqual([5, 9, 'UL']);
  });

  it('bounces out of the corner and dwells two steps on the ceiling', () => {
    const corner = stepBreakout(ball(0, 0, 'UL', { bricks: bricksAt() }), noop).game;
    expect(where(corner)).toEqual([0, 0, 'DR']);
    expect([corner.trailRow, corner.trailCol]).toEqual([0, 0]);
    let s = ball(1, 4, 'UR', { bricks: bricksAt() });
    const path: [number, number, Dir][] = [];
    for (let i = 0; i < 3; i++) {
      s = stepBreakout(s, noop).game;
      path.push(where(s));
    }
    expect(path).toEqual([
      [0, 5, 'UR'],
      [0, 6, 'DR'],
      [1, 7, 'DR'],
    ]);
  });

  it('centre hits slide along row 8; edge hits send the ball back', () => {
    expect(where(stepBreakout(ball(8, 4, 'DR'), noop).game)).toEqual([8, 5, 'UR']);
    expect(where(stepBreakout(ball(8, 3, 'DR'), noop).game)).toEqual([8, 4, 'UL']);
    expect(where(stepBreakout(ball(8, 5, 'DL'), noop).game)).toEqual([8, 4, 'UR']);
  });

  it('moves the paddle before the ball, so moving into place counts', () => {
    const { game } = stepBreakout(ball(8, 3, 'DR', { paddle: 5 }), left);
    expect(game.paddle).toBe(4);
    expect(where(game)).toEqual([8, 4, 'UL']);
  });

  it('handles the paddle at the walls', () => {
    expect(where(stepBreakout(ball(8, 0, 'DL', { paddle: 0 }), noop).game)).toEqual([8, 0, 'UR']);
    const missLeft = stepBreakout(ball(8, 0, 'DL', { paddle: 1 }), noop).game;
    expect([missLeft.terminal, missLeft.ballRow, missLeft.ballCol]).toEqual([true, 9, 0]);
    expect(where(stepBreakout(ball(8, 9, 'DR', { paddle: 9 }), noop).game)).toEqual([8, 9, 'UL']);
    const missRight = stepBreakout(ball(8, 9, 'DR', { paddle: 8 }), noop).game;
    expect([missRight.terminal, missRight.ballRow, missRight.ballCol]).toEqual([true, 9, 9]);
  });

  it('clamps the paddle to the grid', () => {
    expect(stepBreakout(ball(5, 5, 'UL', { paddle: 0 }), left).game.paddle).toBe(0);
    expect(stepBreakout(ball(5, 5, 'UL', { paddle: 9 }), right).game.paddle).toBe(9);
  });
});

describe('Breakout episode end', () => {
  it('losing the ball ends the episode, and a finished game stays frozen', () => {
    const env = breakoutEnv({ stickyProbability: 0 });
    const rng = createRng('breakout-end');
    const first = env.step(arcadeState(ball(8, 5, 'DR', { paddle: 0 })), 0, rng);
    expect([first.reward, first.terminated, first.truncated]).toEqual([0, true, false]);
    expect([first.state.game.ballRow, first.state.game.ballCol]).toEqual([9, 6]);
    for (let i = 0; i < 3; i++) {
      const again = env.step(first.state, 2, rng);
      expect([again.reward, again.terminated]).toEqual([0, true]);
      expect(again.state.game).toBe(first.state.game);
      expect(Array.from(again.obs)).toEqual(Array.from(first.obs));
    }
  });

  it('no-op from the left start: terminal on step 6 at (9, 6), return 0', () => {
    let s = resetBreakout(scripted([0.2]));
    let total = 0;
    for (let t = 1; t <= 6; t++) {
      const r = stepBreakout(s, noop);
      total += r.reward;
      s = r.game;
      expect(s.terminal).toBe(t === 6);
    }
    expect([s.ballRow, s.ballCol, total]).toEqual([9, 6, 0]);
  });

  it('no-op from the right start: a centre hit, a wall slide, one brick, terminal on step 16', () => {
    let s = resetBreakout(scripted([0.7]));
    const rewards: number[] = [];
    const seen = new Map<number, [number, number, Dir]>();
    for (let t = 1; t <= 16; t++) {
      const r = stepBreakout(s, noop);
      rewards.push(r.reward);
      s = r.game;
      seen.set(t, where(s));
      expect(s.terminal).toBe(t === 16);
    }
    expect(seen.get(6)).toEqual([8, 3, 'UL']);
    expect(seen.get(10)).toEqual([4, 0, 'UR']);
    expect(seen.get(11)).toEqual([4, 1, 'DR']);
    expect(rewards[10]).toBe(1);
    expect(rewards.reduce((a, b) => a + b)).toBe(1);
    expect([s.ballRow, s.ballCol]).toEqual([9, 6]);
  });

  it('never mutates the state it steps', () => {
    const s = ball(4, 5, 'UL');
    const before = JSON.stringify(s);
    stepBreakout(s, left);
    expect(JSON.stringify(s)).toBe(before);
  });
});
