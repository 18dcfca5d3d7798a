/**
 * Asterix (MinAtar; rules in shared/reference/minatar-rules.md section 5, written from the rules).
 *
 * Description: the player moves freely in rows 1-8 while enemies and gold stream across the rows
 *   from either side, at most one thing per row. Touching gold collects it; touching an enemy
 *   ends the game. Spawns and moves come faster as the game goes on (ramping).
 * Actions: discrete(5), MinAtar's minimal set: 0 noop, 1 left, 2 up, 3 right, 4 down (full-set
 *   0-4). Fire does nothing in this game.
 * Observations: 10x10x4 binary planes, channels last: 0 player, 1 enemy, 2 trail (the cell
 *   behind every enemy and gold, not wrapped), 3 gold.
 * Rewards: +1 per gold collected (also on the step the player dies).
 * Episode end: `terminated` when the player and an enemy share a cell, checked before and after
 *   the entities move. No time limit in the rules; `makeAsterix` adds a 10,000-step truncation.
 * Starting state: player at (5, 5), no entities; spawn every 10 steps (first on step 11), move
 *   every 5 steps (first on step 6). No randomness at reset.
 * Randomness: per spawn attempt, one uniform for the side, one for the kind (gold with
 *   probability 1/3), then a uniform choice among the empty rows (no draw when exactly one row is
 *   empty, none made when all are full), in that order.
 * Difficulty ramping (on by default): every 102 steps the spawn interval drops by 1 (10 -> 1) and,
 *   every other time, the move interval (5 -> 1). Off: 10 and 5 for ever.
 * Parameters: the shared arcade options (arcade-env.ts).
 */
import type { Rng } from '../core/rng';
import { ARCADE_ACTION, arcadeEnv, emptyPlanes, light, makeArcade, type ArcadeGame, type ArcadeOptions, type Mutable, type PlanesShape } from './arcade-env';

export const ASTERIX_ID = 'arcade/asterix';
export const ASTERIX_CHANNELS = ['player', 'enemy', 'trail', 'gold'] as const;
export const ASTERIX_ACTIONS = ['noop', 'left', 'up', 'right', 'down'] as const;

const SIZE = 10;
const LAST = SIZE - 1;
const SHAPE: PlanesShape = { height: SIZE, width: SIZE, channels: ASTERIX_CHANNELS.length };
const SLOTS = 8;
const RAMP_PERIOD = 100;

/** An enemy or a piece of gold; slot i holds at most one, in row i + 1. */
export interface AsterixEntity {
  readonly col: number;
  /** +1 moves right, -1 left. */
  readonly direction: number;
  readonly gold: boolean;
}

/** Plain data: what the renderer draws from (`observeAsterix` gives its planes). */
export interface AsterixState {
  readonly playerRow: number;
  readonly playerCol: number;
  /** Eight slots; slot i is row i + 1, null when empty. */
  readonly slots: readonly (AsterixEntity | null)[];
  /** A spawn attempt happens on the step this is 0 (then reloaded with spawnInterval). */
  readonly spawnCountdown: number;
  readonly spawnInterval: number;
  /** Entities move on the step this is 0 (then reloaded with moveInterval). */
  readonly moveCountdown: number;
  readonly moveInterval: number;
  /** Counts down to the next ramp; a ramp happens on the step after it reaches -1. */
  readonly rampCountdown: number;
  /** Ramps so far (0..9). */
  readonly rampCounter: number;
  readonly terminal: boolean;
}

export function resetAsterix(_rng?: Rng): AsterixState {
  return {
    playerRow: 5,
    playerCol: 5,
    slots: new Array<AsterixEntity | null>(SLOTS).fill(null),
    spawnCountdown: 10,
    spawnInterval: 10,
    moveCountdown: 5,
    moveInterval: 5,
    rampCountdown: RAMP_PERIOD,
    rampCounter: 0,
    terminal: false,
  };
}

/** One step on a full-set action (rules section 5.5). Pure: `prev` is never changed. */
export function stepAsterix(prev: AsterixState, action: number, rng: Rng, ramping: boolean): { game: AsterixState; reward: number } {
  const s: Mutable<AsterixState> = { ...prev };
  const slots = prev.slots.slice();
  let reward = 0;

  if (s.spawnCountdown === 0) {
    s.spawnCountdown = s.spawnInterval;
    const right = rng.next() < 0.5;
    const gold = rng.next() < 1 / 3;
    const empty: number[] = [];
    for (let i = 0; i < SLOTS; i++) if (slots[i] === null) empty.push(i);
    if (empty.length > 0) {
      // With one empty row there is nothing to choose, and MinAtar draws nothing.
      const slot = empty.length === 1 ? empty[0] : empty[rng.int(empty.length)];
      slots[slot] = { col: right ? 0 : LAST, direction: right ? 1 : -1, gold };
    }
  }

  if (action === ARCADE_ACTION.left) s.playerCol = Math.max(0, s.playerCol - 1);
  else if (action === ARCADE_ACTION.right) s.playerCol = Math.min(LAST, s.playerCol + 1);
  else if (action === ARCADE_ACTION.up) s.playerRow = Math.max(1, s.playerRow - 1);
  else if (action === ARCADE_ACTION.down) s.playerRow = Math.min(LAST - 1, s.playerRow + 1);

  /** Gold on the player is collected; an enemy on the player ends the game (and stays). */
  const touch = (i: number) => {
    const e = slots[i];
    if (e === null || i + 1 !== s.playerRow || e.col !== s.playerCol) return;
    if (e.gold) {
      slots[i] = null;
      reward += 1;
    } else {
      s.terminal = true;
    }
  };

  // NOTE: contact is checked before the move too, so nothing passes through the player.
  for (let i = 0; i < SLOTS; i++) touch(i);

  if (s.moveCountdown === 0) {
    s.moveCountdown = s.moveInterval;
    for (let i = 0; i < SLOTS; i++) {
      const e = slots[i];
      if (e === null) continue;
      const col = e.col + e.direction;
      slots[i] = col < 0 || col > LAST ? null : { ...e, col };
      touch(i);
    }
  }

  s.spawnCountdown -= 1;
  s.moveCountdown -= 1;

  if (ramping && (s.spawnInterval > 1 || s.moveInterval > 1)) {
    if (s.rampCountdown >= 0) {
      s.rampCountdown -= 1;
    } else {
      // The move interval drops on every other ramp only (when the counter is odd).
      if (s.moveInterval > 1 && s.rampCounter % 2 === 1) s.moveInterval -= 1;
      if (s.spawnInterval > 1) s.spawnInterval -= 1;
      s.rampCounter += 1;
      s.rampCountdown = RAMP_PERIOD;
    }
  }
  s.slots = slots;
  return { game: s, reward };
}

export function observeAsterix(s: AsterixState): Float32Array {
  const obs = emptyPlanes(SHAPE);
  light(obs, SHAPE, s.playerRow, s.playerCol, 0);
  s.slots.forEach((e, i) => {
    if (e === null) return;
    light(obs, SHAPE, i + 1, e.col, e.gold ? 3 : 1);
    // Not wrapped: a trail off the grid is simply not drawn.
    light(obs, SHAPE, i + 1, e.col - e.direction, 2);
  });
  return obs;
}

export const asterixGame: ArcadeGame<AsterixState> = Object.freeze({
  id: ASTERIX_ID,
  title: 'Asterix',
  height: SIZE,
  width: SIZE,
  channels: ASTERIX_CHANNELS,
  minimalActions: [ARCADE_ACTION.noop, ARCADE_ACTION.left, ARCADE_ACTION.up, ARCADE_ACTION.right, ARCADE_ACTION.down],
  reset: resetAsterix,
  step: stepAsterix,
  observe: observeAsterix,
  info: (s: AsterixState) => ({ ramp: s.rampCounter }),
});

/** Asterix without a time limit. */
export const asterixEnv = (options: Partial<ArcadeOptions> = {}) => arcadeEnv(asterixGame, options);
/** Asterix with its truncation limit (`maxSteps`, 10,000): what the registry uses. */
export const makeAsterix = (options: Partial<ArcadeOptions> = {}) => makeArcade(asterixGame, options);
