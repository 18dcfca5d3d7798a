/**
 * Breakout (MinAtar; rules in shared/reference/minatar-rules.md section 2, written from the rules).
 *
 * Description: a paddle on the bottom row bounces a ball that always moves diagonally into three
 *   rows of bricks. A brick hit removes the brick and bounces the ball back down; once every brick
 *   is gone a new wall appears (when the ball next comes down to the paddle row).
 * Actions: discrete(3), MinAtar's minimal set: 0 noop, 1 left, 2 right (full-set 0, 1, 3). The
 *   paddle moves one column, before the ball moves.
 * Observations: 10x10x4 binary planes, channels last: 0 paddle (row 9), 1 ball, 2 trail (the
 *   ball's cell before the last step; the ball's own cell right after reset), 3 brick.
 * Rewards: +1 per brick removed, at most one per step.
 * Episode end: `terminated` when the ball reaches the bottom row without meeting the paddle. No
 *   time limit in the rules; `makeBreakout` adds a 10,000-step truncation limit.
 * Starting state: paddle at column 4, bricks filling rows 1-3, the ball in row 3 at column 0
 *   moving down-right or column 9 moving down-left (one fair coin, the only random draw). The
 *   ball starts on top of a brick without hitting it (a MinAtar quirk, kept).
 * Parameters: the shared arcade options (arcade-env.ts): stickyProbability (0.1), actionSet,
 *   maxSteps. Breakout has no difficulty ramping.
 * Quirks kept for fidelity: a second brick contact on the very next step is ignored and the ball
 *   passes into that brick's cell (the strike flag); the ball dwells two steps on the ceiling row.
 */
import type { Rng } from '../core/rng';
import { ARCADE_ACTION, arcadeEnv, emptyPlanes, light, makeArcade, type ArcadeGame, type ArcadeOptions, type PlanesShape } from './arcade-env';

export const BREAKOUT_ID = 'arcade/breakout';
export const BREAKOUT_CHANNELS = ['paddle', 'ball', 'trail', 'brick'] as const;
export const BREAKOUT_ACTIONS = ['noop', 'left', 'right'] as const;

const SIZE = 10;
const SHAPE: PlanesShape = { height: SIZE, width: SIZE, channels: BREAKOUT_CHANNELS.length };
const LAST = SIZE - 1;

/** Plain data: what the renderer draws from (`observeBreakout` gives its planes). */
export interface BreakoutState {
  /** Paddle column; the paddle is always in row 9. */
  readonly paddle: number;
  readonly ballRow: number;
  readonly ballCol: number;
  /** Ball direction, each -1 or +1 (up is -1). */
  readonly ballDRow: number;
  readonly ballDCol: number;
  /** The ball's cell before the last step. */
  readonly trailRow: number;
  readonly trailCol: number;
  /** 100 cells, row-major (row * 10 + col): true where a brick stands. */
  readonly bricks: readonly boolean[];
  /** True if the previous step ended with a brick contact: a second contact then does nothing. */
  readonly strike: boolean;
  readonly terminal: boolean;
}

/** A new wall: rows 1-3 full. */
export function breakoutWall(): boolean[] {
  const bricks = new Array<boolean>(SIZE * SIZE).fill(false);
  for (let i = 1 * SIZE; i < 4 * SIZE; i++) bricks[i] = true;
  return bricks;
}

export function resetBreakout(rng: Rng): BreakoutState {
  const right = rng.int(2) === 1;
  const col = right ? LAST : 0;
  return {
    paddle: 4,
    ballRow: 3,
    ballCol: col,
    ballDRow: 1,
    ballDCol: right ? -1 : 1,
    trailRow: 3,
    trailCol: col,
    bricks: breakoutWall(),
    strike: false,
    terminal: false,
  };
}

/** One step on a full-set action (rules section 2.5). Pure: `s` is never changed. */
export function stepBreakout(s: BreakoutState, action: number): { game: BreakoutState; reward: number } {
  let paddle = s.paddle;
  if (action === ARCADE_ACTION.left) paddle = Math.max(0, paddle - 1);
  else if (action === ARCADE_ACTION.right) paddle = Math.min(LAST, paddle + 1);

  let dRow = s.ballDRow;
  let dCol = s.ballDCol;
  let row = s.ballRow + dRow;
  let col = s.ballCol + dCol;
  // Side walls clamp the column and flip; the row is kept, so the ball slides along the wall.
  if (col < 0 || col > LAST) {
    col = col < 0 ? 0 : LAST;
    dCol = -dCol;
  }

  let bricks = s.bricks; // copied only when it changes
  let reward = 0;
  let contact = false;
  let strike = s.strike;
  let terminal = false;
  // Exactly one of ceiling, brick, bottom applies, in this order.
  if (row < 0) {
    row = 0;
    dRow = -dRow;
  } else if (bricks[row * SIZE + col]) {
    contact = true;
    if (!strike) {
      reward = 1;
      strike = true;
      const fewer = bricks.slice();
      fewer[row * SIZE + col] = false;
      bricks = fewer;
      // NOTE: back to the old row but the new column: the ball moves sideways on a brick hit.
      row = s.ballRow;
      dRow = -dRow;
    }
    // With the strike flag already set the ball simply moves into the brick's cell.
  } else if (row === LAST) {
    // The refill happens before the paddle test, so even a miss shows a fresh wall.
    if (!bricks.includes(true)) bricks = breakoutWall();
    if (s.ballCol === paddle) {
      // Centre hit: the paddle was under the ball; it slides sideways along row 8.
      dRow = -dRow;
      row = LAST - 1;
    } else if (col === paddle) {
      // Edge hit: the ball goes back the way it came.
      dRow = -dRow;
      dCol = -dCol;
      row = LAST - 1;
    } else {
      terminal = true;
    }
  }
  if (!contact) strike = false;

  return {
    game: { paddle, ballRow: row, ballCol: col, ballDRow: dRow, ballDCol: dCol, trailRow: s.ballRow, trailCol: s.ballCol, bricks, strike, terminal },
    reward,
  };
}

export function observeBreakout(s: BreakoutState): Float32Array {
  const obs = emptyPlanes(SHAPE);
  light(obs, SHAPE, LAST, s.paddle, 0);
  light(obs, SHAPE, s.ballRow, s.ballCol, 1);
  light(obs, SHAPE, s.trailRow, s.trailCol, 2);
  for (let i = 0; i < s.bricks.length; i++) if (s.bricks[i]) obs[i * SHAPE.channels + 3] = 1;
  return obs;
}

export const breakoutGame: ArcadeGame<BreakoutState> = Object.freeze({
  id: BREAKOUT_ID,
  title: 'Breakout',
  height: SIZE,
  width: SIZE,
  channels: BREAKOUT_CHANNELS,
  minimalActions: [ARCADE_ACTION.noop, ARCADE_ACTION.left, ARCADE_ACTION.right],
  reset: resetBreakout,
  step: (s: BreakoutState, action: number) => stepBreakout(s, action),
  observe: observeBreakout,
});

/** Breakout without a time limit. */
export const breakoutEnv = (options: Partial<ArcadeOptions> = {}) => arcadeEnv(breakoutGame, options);
/** Breakout with its truncation limit (`maxSteps`, 10,000): what the registry uses. */
export const makeBreakout = (options: Partial<ArcadeOptions> = {}) => makeArcade(breakoutGame, options);
