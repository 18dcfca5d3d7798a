/**
 * Space Invaders (MinAtar; rules in shared/reference/minatar-rules.md section 3, written from the
 * rules).
 *
 * Description: a cannon on the bottom row shoots at a block of aliens that marches sideways,
 *   steps down and reverses at each wall, and shoots back. The block moves faster as it thins out
 *   (the move period is min(aliens left, interval)); a cleared wave is replaced by a new one.
 * Actions: discrete(4), MinAtar's minimal set: 0 noop, 1 left, 2 right, 3 fire (full-set 0, 1, 3,
 *   5). Fire works only when the shot cooldown is 0 and then sets it to 5.
 * Observations: 10x10x6 binary planes, channels last: 0 cannon (row 9), 1 alien, 2 alien_left
 *   (every alien while the block moves left), 3 alien_right, 4 friendly_bullet, 5 enemy_bullet.
 * Rewards: +1 per alien hit; several in one step are possible.
 * Episode end: `terminated` when an enemy bullet reaches the cannon, an alien shares the cannon's
 *   cell, or the block reverses while an alien is in row 9. No time limit in the rules;
 *   `makeSpaceInvaders` adds a 10,000-step truncation limit.
 * Starting state: cannon at column 5; 24 aliens in rows 0-3 x columns 2-7 moving left; move
 *   countdown 12, shot countdown 10. No randomness at all (only sticky actions add some).
 * Difficulty ramping (on by default): each cleared wave lowers the alien move interval by 1,
 *   12 -> 6. Off: the interval stays 12 (the speed-up as aliens thin out still happens).
 * Parameters: the shared arcade options (arcade-env.ts).
 * Quirks kept for fidelity: an alien stepping down and a bullet flying up swap cells without a
 *   hit; the shooting alien is picked by nearest column (ties to the left), then lowest row.
 */
import type { Rng } from '../core/rng';
import { ARCADE_ACTION, arcadeEnv, emptyPlanes, light, makeArcade, type ArcadeGame, type ArcadeOptions, type Mutable, type PlanesShape } from './arcade-env';

export const SPACE_INVADERS_ID = 'arcade/space-invaders';
export const SPACE_INVADERS_CHANNELS = ['cannon', 'alien', 'alien_left', 'alien_right', 'friendly_bullet', 'enemy_bullet'] as const;
export const SPACE_INVADERS_ACTIONS = ['noop', 'left', 'right', 'fire'] as const;

const SIZE = 10;
const LAST = SIZE - 1;
const SHAPE: PlanesShape = { height: SIZE, width: SIZE, channels: SPACE_INVADERS_CHANNELS.length };
const SHOT_COOLDOWN = 5;
const ALIEN_SHOT_INTERVAL = 10;
const START_MOVE_INTERVAL = 12;
const MIN_MOVE_INTERVAL = 6;

/** Plain data: what the renderer draws from (`observeSpaceInvaders` gives its planes). */
export interface SpaceInvadersState {
  /** Cannon column; the cannon is always in row 9. */
  readonly cannon: number;
  /** 100 cells, row-major: true where an alien is. */
  readonly aliens: readonly boolean[];
  /** -1 while the block moves left, +1 right. */
  readonly alienDirection: number;
  /** 100 cells, row-major: at most one bullet of each kind per cell. */
  readonly friendlyBullets: readonly boolean[];
  readonly enemyBullets: readonly boolean[];
  /** Steps until the cannon can fire again. */
  readonly shotCooldown: number;
  /** The block moves on the step this is 0 (then reloaded with min(aliens, interval)). */
  readonly alienMoveCountdown: number;
  readonly alienMoveInterval: number;
  /** The aliens shoot on the step this is 0 (then reloaded with 10). */
  readonly alienShotCountdown: number;
  /** Waves cleared with ramping on, up to 6. */
  readonly rampCounter: number;
  readonly terminal: boolean;
}

/** A fresh wave: rows 0-3 x columns 2-7. */
export function alienBlock(): boolean[] {
  const aliens = new Array<boolean>(SIZE * SIZE).fill(false);
  for (let row = 0; row < 4; row++) for (let col = 2; col < 8; col++) aliens[row * SIZE + col] = true;
  return aliens;
}

const emptyCells = () => new Array<boolean>(SIZE * SIZE).fill(false);

export function resetSpaceInvaders(_rng?: Rng): SpaceInvadersState {
  return {
    cannon: 5,
    aliens: alienBlock(),
    alienDirection: -1,
    friendlyBullets: emptyCells(),
    enemyBullets: emptyCells(),
    shotCooldown: 0,
    alienMoveCountdown: START_MOVE_INTERVAL,
    alienMoveInterval: START_MOVE_INTERVAL,
    alienShotCountdown: ALIEN_SHOT_INTERVAL,
    rampCounter: 0,
    terminal: false,
  };
}

/** One step on a full-set action (rules section 3.5). Pure: `prev` is never changed. */
export function stepSpaceInvaders(prev: SpaceInvadersState, action: number, ramping: boolean): { game: SpaceInvadersState; reward: number } {
  const s: Mutable<SpaceInvadersState> = { ...prev };
  let reward = 0;
  const cannonCell = () => LAST * SIZE + s.cannon;

  let fired = false;
  if (action === ARCADE_ACTION.fire && s.shotCooldown === 0) {
    fired = true;
    s.shotCooldown = SHOT_COOLDOWN;
  } else if (action === ARCADE_ACTION.left) s.cannon = Math.max(0, s.cannon - 1);
  else if (action === ARCADE_ACTION.right) s.cannon = Math.min(LAST, s.cannon + 1);

  // Friendly bullets fly up one row (row 0 leaves); a new one starts at (9, c), so it shows at (8, c).
  const friendly = emptyCells();
  for (let i = SIZE; i < SIZE * SIZE; i++) if (prev.friendlyBullets[i]) friendly[i - SIZE] = true;
  if (fired) friendly[(LAST - 1) * SIZE + s.cannon] = true;
  // Enemy bullets fall one row (row 9 leaves).
  const enemy = emptyCells();
  for (let i = 0; i < LAST * SIZE; i++) if (prev.enemyBullets[i]) enemy[i + SIZE] = true;
  if (enemy[cannonCell()]) s.terminal = true;
  if (s.aliens[cannonCell()]) s.terminal = true;

  if (s.alienMoveCountdown === 0) {
    // NOTE: the period follows the alien count before this step's hits: fewer aliens, faster block.
    s.alienMoveCountdown = Math.min(countAliens(s.aliens), s.alienMoveInterval);
    const edge = s.alienDirection < 0 ? 0 : LAST;
    if (anyInColumn(s.aliens, edge)) {
      s.alienDirection = -s.alienDirection;
      if (anyInRow(s.aliens, LAST)) s.terminal = true;
      s.aliens = shiftDown(s.aliens);
    } else {
      s.aliens = shiftSideways(s.aliens, s.alienDirection);
    }
    if (s.aliens[cannonCell()]) s.terminal = true;
  }

  if (s.alienShotCountdown === 0) {
    s.alienShotCountdown = ALIEN_SHOT_INTERVAL;
    const shooter = shootingAlien(s.aliens, s.cannon);
    // The bullet starts on its shooter's cell; it first moves on the next step.
    if (shooter >= 0) enemy[shooter] = true;
  }

  let hit: boolean[] | null = null; // the aliens, copied at the first hit
  for (let i = 0; i < SIZE * SIZE; i++) {
    if (s.aliens[i] && friendly[i]) {
      hit ??= s.aliens.slice();
      hit[i] = false;
      friendly[i] = false;
      reward += 1;
    }
  }
  if (hit) s.aliens = hit;

  s.shotCooldown = Math.max(0, s.shotCooldown - 1);
  s.alienMoveCountdown -= 1;
  s.alienShotCountdown -= 1;

  if (!s.aliens.includes(true)) {
    if (ramping && s.alienMoveInterval > MIN_MOVE_INTERVAL) {
      s.alienMoveInterval -= 1;
      s.rampCounter += 1;
    }
    // Direction, countdowns, cooldown and bullets carry over into the new wave.
    s.aliens = alienBlock();
  }
  s.friendlyBullets = friendly;
  s.enemyBullets = enemy;
  return { game: s, reward };
}

function countAliens(aliens: readonly boolean[]): number {
  let n = 0;
  for (const a of aliens) if (a) n++;
  return n;
}

function anyInColumn(cells: readonly boolean[], col: number): boolean {
  for (let row = 0; row < SIZE; row++) if (cells[row * SIZE + col]) return true;
  return false;
}

function anyInRow(cells: readonly boolean[], row: number): boolean {
  for (let col = 0; col < SIZE; col++) if (cells[row * SIZE + col]) return true;
  return false;
}

/** Every alien one row down; row 9 wraps to row 0 (visible only in a terminal frame). */
function shiftDown(cells: readonly boolean[]): boolean[] {
  const out = emptyCells();
  for (let i = 0; i < SIZE * SIZE; i++) if (cells[i]) out[(i + SIZE) % (SIZE * SIZE)] = true;
  return out;
}

/** Every alien one column in `direction`; the reversal test guarantees none leaves the grid. */
function shiftSideways(cells: readonly boolean[], direction: number): boolean[] {
  const out = emptyCells();
  for (let i = 0; i < SIZE * SIZE; i++) if (cells[i]) out[i + direction] = true;
  return out;
}

/** The cell of the alien that shoots: nearest column to the cannon (ties to the left), lowest alien in it; -1 if none. */
export function shootingAlien(aliens: readonly boolean[], cannon: number): number {
  let bestCol = -1;
  for (let col = 0; col < SIZE; col++) {
    if (!anyInColumn(aliens, col)) continue;
    // Strictly closer only: scanning left to right, a tie keeps the smaller column.
    if (bestCol < 0 || Math.abs(col - cannon) < Math.abs(bestCol - cannon)) bestCol = col;
  }
  if (bestCol < 0) return -1;
  for (let row = LAST; row >= 0; row--) if (aliens[row * SIZE + bestCol]) return row * SIZE + bestCol;
  return -1;
}

export function observeSpaceInvaders(s: SpaceInvadersState): Float32Array {
  const obs = emptyPlanes(SHAPE);
  const C = SHAPE.channels;
  light(obs, SHAPE, LAST, s.cannon, 0);
  const directionChannel = s.alienDirection < 0 ? 2 : 3;
  for (let i = 0; i < SIZE * SIZE; i++) {
    if (s.aliens[i]) {
      obs[i * C + 1] = 1;
      obs[i * C + directionChannel] = 1;
    }
    if (s.friendlyBullets[i]) obs[i * C + 4] = 1;
    if (s.enemyBullets[i]) obs[i * C + 5] = 1;
  }
  return obs;
}

export const spaceInvadersGame: ArcadeGame<SpaceInvadersState> = Object.freeze({
  id: SPACE_INVADERS_ID,
  title: 'Space Invaders',
  height: SIZE,
  width: SIZE,
  channels: SPACE_INVADERS_CHANNELS,
  minimalActions: [ARCADE_ACTION.noop, ARCADE_ACTION.left, ARCADE_ACTION.right, ARCADE_ACTION.fire],
  reset: resetSpaceInvaders,
  step: (s: SpaceInvadersState, action: number, _rng: Rng, ramping: boolean) => stepSpaceInvaders(s, action, ramping),
  observe: observeSpaceInvaders,
  info: (s: SpaceInvadersState) => ({ ramp: s.rampCounter }),
});

/** Space Invaders without a time limit. */
export const spaceInvadersEnv = (options: Partial<ArcadeOptions> = {}) => arcadeEnv(spaceInvadersGame, options);
/** Space Invaders with its truncation limit (`maxSteps`, 10,000): what the registry uses. */
export const makeSpaceInvaders = (options: Partial<ArcadeOptions> = {}) => makeArcade(spaceInvadersGame, options);
