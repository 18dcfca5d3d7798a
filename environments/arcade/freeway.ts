/**
 * Freeway (MinAtar; rules in shared/reference/minatar-rules.md section 4, written from the rules).
 *
 * Description: a chicken in column 4 crosses eight lanes of traffic (rows 1-8, one car each) from
 *   the bottom row to the top. A car that meets the chicken sends it back to the bottom; reaching
 *   the top scores and re-randomises every car's speed and direction.
 * Actions: discrete(3), MinAtar's minimal set: 0 noop, 1 up, 2 down (full-set 0, 2, 4). The
 *   chicken moves at most once every 3 steps (a cooldown; a blocked down move still spends it).
 * Observations: 10x10x7 binary planes, channels last: 0 chicken, 1 car, 2-6 speed1-speed5: the
 *   cell behind each car (wrapping round the row) in the channel of its speed. speed1 is the
 *   fastest (a car with |v| = k moves every k + 1 steps).
 * Rewards: +1 per crossing. Collisions cost only the way back.
 * Episode end: `terminated` on step 2501, always (T counts 2500 down to -1). That limit is part
 *   of MinAtar's rules and MinAtar reports it as a termination, so Floe does too: the clock is
 *   part of the game's state (`timeLeft`), and an agent scored on "crossings within the time" has
 *   nothing to gain after it. Caveat: the clock is not in the observation, so to an agent the
 *   end looks like an unpredictable event; that is the original benchmark's setting.
 *   `makeFreeway` still wraps the usual 10,000-step truncation limit, which never fires.
 * Starting state: chicken at (9, 4) with cooldown 3; every car at column 0 with a random speed
 *   1..5 and direction (8 integer draws, then 8 uniform draws; the same on each crossing).
 * Parameters: the shared arcade options (arcade-env.ts). No ramping (the switch is ignored).
 * Ambiguity resolved: a direction draw of exactly 0.5 (upstream gives speed 0) moves left here.
 */
import type { Rng } from '../core/rng';
import { ARCADE_ACTION, arcadeEnv, emptyPlanes, light, makeArcade, type ArcadeGame, type ArcadeOptions, type PlanesShape } from './arcade-env';

export const FREEWAY_ID = 'arcade/freeway';
export const FREEWAY_CHANNELS = ['chicken', 'car', 'speed1', 'speed2', 'speed3', 'speed4', 'speed5'] as const;
export const FREEWAY_ACTIONS = ['noop', 'up', 'down'] as const;
/** Steps per episode: the game terminates on step FREEWAY_EPISODE_STEPS. */
export const FREEWAY_EPISODE_STEPS = 2501;

const SIZE = 10;
const LAST = SIZE - 1;
const SHAPE: PlanesShape = { height: SIZE, width: SIZE, channels: FREEWAY_CHANNELS.length };
const CHICKEN_COL = 4;
const MOVE_COOLDOWN = 3;
const CARS = 8;
const TIME = 2500;

/** Car i drives in row i + 1. */
export interface FreewayCar {
  readonly col: number;
  /** Signed speed: +-1..5, positive moves right. |speed| = k moves every k + 1 steps. */
  readonly speed: number;
  /** The car moves on the step this is 0 (then reloaded with |speed|). */
  readonly countdown: number;
}

/** Plain data: what the renderer draws from (`observeFreeway` gives its planes). */
export interface FreewayState {
  /** The chicken's row; it is always in column 4. */
  readonly chickenRow: number;
  /** Steps until the chicken can move again. */
  readonly moveCooldown: number;
  /** Eight cars; car i is in row i + 1. */
  readonly cars: readonly FreewayCar[];
  /** The episode clock T: the game ends on the step it goes below 0. */
  readonly timeLeft: number;
  readonly terminal: boolean;
}

/** New speeds and directions for all cars, columns kept: 8 magnitudes first, then 8 directions. */
function randomiseCars(cols: readonly number[], rng: Rng): FreewayCar[] {
  const magnitudes = cols.map(() => 1 + rng.int(5));
  return cols.map((col, i) => {
    const speed = magnitudes[i] * (rng.next() > 0.5 ? 1 : -1);
    return { col, speed, countdown: Math.abs(speed) };
  });
}

export function resetFreeway(rng: Rng): FreewayState {
  return {
    chickenRow: LAST,
    moveCooldown: MOVE_COOLDOWN,
    cars: randomiseCars(new Array<number>(CARS).fill(0), rng),
    timeLeft: TIME,
    terminal: false,
  };
}

/** One step on a full-set action (rules section 4.5). Pure: `s` is never changed. */
export function stepFreeway(s: FreewayState, action: number, rng: Rng): { game: FreewayState; reward: number } {
  let row = s.chickenRow;
  let cooldown = s.moveCooldown;
  let reward = 0;
  if (action === ARCADE_ACTION.up && cooldown === 0) {
    cooldown = MOVE_COOLDOWN;
    row = Math.max(0, row - 1);
  } else if (action === ARCADE_ACTION.down && cooldown === 0) {
    cooldown = MOVE_COOLDOWN;
    row = Math.min(LAST, row + 1);
  }

  let cars: readonly FreewayCar[] = s.cars;
  // NOTE: the crossing is scored before the cars move, so the reward stands whatever they do.
  if (row === 0) {
    reward = 1;
    cars = randomiseCars(
      cars.map((c) => c.col),
      rng,
    );
    row = LAST;
  }

  const moved: FreewayCar[] = [];
  for (let i = 0; i < cars.length; i++) {
    const car = cars[i];
    const carRow = i + 1;
    // The chicken stepped onto the car, or the car stands on it.
    if (carRow === row && car.col === CHICKEN_COL) row = LAST;
    if (car.countdown === 0) {
      const col = (car.col + Math.sign(car.speed) + SIZE) % SIZE;
      if (carRow === row && col === CHICKEN_COL) row = LAST;
      moved.push({ col, speed: car.speed, countdown: Math.abs(car.speed) });
    } else {
      moved.push({ col: car.col, speed: car.speed, countdown: car.countdown - 1 });
    }
  }

  const timeLeft = s.timeLeft - 1;
  return {
    game: { chickenRow: row, moveCooldown: Math.max(0, cooldown - 1), cars: moved, timeLeft, terminal: timeLeft < 0 },
    reward,
  };
}

export function observeFreeway(s: FreewayState): Float32Array {
  const obs = emptyPlanes(SHAPE);
  light(obs, SHAPE, s.chickenRow, CHICKEN_COL, 0);
  s.cars.forEach((car, i) => {
    light(obs, SHAPE, i + 1, car.col, 1);
    // The trail wraps, so it is always drawn; it sits behind the car, in its speed's channel.
    const behind = (car.col - Math.sign(car.speed) + SIZE) % SIZE;
    light(obs, SHAPE, i + 1, behind, 1 + Math.abs(car.speed));
  });
  return obs;
}

export const freewayGame: ArcadeGame<FreewayState> = Object.freeze({
  id: FREEWAY_ID,
  title: 'Freeway',
  height: SIZE,
  width: SIZE,
  channels: FREEWAY_CHANNELS,
  minimalActions: [ARCADE_ACTION.noop, ARCADE_ACTION.up, ARCADE_ACTION.down],
  reset: resetFreeway,
  step: (s: FreewayState, action: number, rng: Rng) => stepFreeway(s, action, rng),
  observe: observeFreeway,
  info: (s: FreewayState) => ({ timeLeft: Math.max(0, s.timeLeft) }),
});

/** Freeway without the truncation wrapper (its own 2501-step end is a termination). */
export const freewayEnv = (options: Partial<ArcadeOptions> = {}) => arcadeEnv(freewayGame, options);
/** Freeway with the shared truncation wrapper (never reached: the game terminates on step 2501). */
export const makeFreeway = (options: Partial<ArcadeOptions> = {}) => makeArcade(freewayGame, options);
