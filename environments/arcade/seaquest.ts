/**
 * Seaquest (MinAtar; rules in shared/reference/minatar-rules.md section 6, written from the rules).
 *
 * Description: a submarine shoots fish and enemy subs (which shoot back) while rescuing divers.
 *   Oxygen runs down under water; surfacing refills it but needs at least one diver aboard, and
 *   surfacing with all six pays a bonus for the oxygen left.
 * Actions: discrete(6), all of MinAtar's actions: 0 noop, 1 left, 2 up, 3 right, 4 down, 5 fire.
 *   Fire works once every 5 steps; left and right also turn the submarine.
 * Observations: 10x10x10 binary planes, channels last: 0 sub_front, 1 sub_back, 2
 *   friendly_bullet, 3 trail (behind fish, enemy subs and divers; not wrapped), 4 enemy_bullet,
 *   5 enemy_fish, 6 enemy_sub, 7 oxygen_gauge (row 9 from the left, one cell per 20 oxygen), 8
 *   diver_gauge (row 9, columns 9 - k .. 8 for k divers), 9 diver. (MinAtar spells channels 7 and
 *   8 "guage"; Floe spells them correctly.)
 * Rewards: +1 per fish or enemy sub destroyed; floor(oxygen / 20) (0..10) when surfacing with 6
 *   divers.
 * Episode end: `terminated` when a fish, enemy sub or enemy bullet reaches the submarine's front
 *   cell, when oxygen is 0 or less (the sub survives 200 steps under water from a refill and the
 *   end comes on the 201st), or when it surfaces with exactly 0 divers. There are no lives: every
 *   one of these ends the episode, as in MinAtar. No time limit in the rules (a sub that stays on
 *   the surface lives for ever); `makeSeaquest` adds a 10,000-step truncation limit.
 * Starting state: submarine at (0, 5) facing left, oxygen 200, no divers; first enemy spawn attempt
 *   on step 21 (every 20 steps), first diver on step 31 (every 30). No randomness at reset.
 * Randomness: per enemy attempt a uniform for the side, a uniform for the kind (enemy sub with
 *   probability 1/3), a row 1..8; per diver a uniform for the side and a row; enemy draws first.
 * Difficulty ramping (on by default): each surfacing lowers the enemy spawn interval by 1 (20 -> 1)
 *   and on every other surfacing the enemy move interval (5 -> 2). Off: 20 and 5 for ever.
 * Parameters: the shared arcade options (arcade-env.ts).
 * Quirks kept for fidelity: after a 6-diver surfacing the diver count becomes -1 (reset to 0,
 *   then lowered like every surfacing), so surfacing again with no pickup is not terminal; an
 *   enemy sub destroyed by moving into a bullet still fires if its shot countdown is 0.
 */
import type { Rng } from '../core/rng';
import { ARCADE_ACTION, arcadeEnv, emptyPlanes, light, makeArcade, type ArcadeGame, type ArcadeOptions, type Mutable, type PlanesShape } from './arcade-env';

export const SEAQUEST_ID = 'arcade/seaquest';
export const SEAQUEST_CHANNELS = [
  'sub_front',
  'sub_back',
  'friendly_bullet',
  'trail',
  'enemy_bullet',
  'enemy_fish',
  'enemy_sub',
  'oxygen_gauge',
  'diver_gauge',
  'diver',
] as const;
export const SEAQUEST_ACTIONS = ['noop', 'left', 'up', 'right', 'down', 'fire'] as const;

const SIZE = 10;
const LAST = SIZE - 1;
const SHAPE: PlanesShape = { height: SIZE, width: SIZE, channels: SEAQUEST_CHANNELS.length };
const MAX_OXYGEN = 200;
const MAX_DIVERS = 6;
const SHOT_COOLDOWN = 5;
const ENEMY_SHOT_INTERVAL = 10;
const DIVER_SPAWN_INTERVAL = 30;
const DIVER_MOVE_INTERVAL = 5;
const START_SPAWN_INTERVAL = 20;
const START_MOVE_INTERVAL = 5;
const MIN_MOVE_INTERVAL = 2;

/** A bullet: it moves one column in `direction` every step. */
export interface SeaquestBullet {
  readonly row: number;
  readonly col: number;
  /** +1 right, -1 left. */
  readonly direction: number;
}

/** A fish or a diver: it moves one column when `moveCountdown` is 0. */
export interface SeaquestMover extends SeaquestBullet {
  readonly moveCountdown: number;
}

/** An enemy sub also shoots when `shotCountdown` is 0 (then every 11 steps). */
export interface SeaquestEnemySub extends SeaquestMover {
  readonly shotCountdown: number;
}

/** Plain data: what the renderer draws from (`observeSeaquest` gives its planes). */
export interface SeaquestState {
  /** The submarine's front cell; only it collides and picks up. Row 0 is the surface. */
  readonly subRow: number;
  readonly subCol: number;
  /** -1 facing left (back cell at col + 1), +1 facing right (back cell at col - 1). */
  readonly subFacing: number;
  readonly oxygen: number;
  /** Divers aboard, normally 0..6; -1 and below after a 6-diver surfacing (the MinAtar quirk). */
  readonly divers: number;
  /** True while the sub has surfaced and not dived since (surfacing counts only once). */
  readonly surfaced: boolean;
  /** The lists keep creation order; new items are appended. */
  readonly friendlyBullets: readonly SeaquestBullet[];
  readonly enemyBullets: readonly SeaquestBullet[];
  readonly fish: readonly SeaquestMover[];
  readonly enemySubs: readonly SeaquestEnemySub[];
  readonly diverList: readonly SeaquestMover[];
  readonly enemySpawnInterval: number;
  readonly enemySpawnCountdown: number;
  readonly diverSpawnCountdown: number;
  readonly enemyMoveInterval: number;
  readonly shotCooldown: number;
  /** Successful surfacings with ramping on, up to 19. */
  readonly rampCounter: number;
  readonly terminal: boolean;
}

export function resetSeaquest(_rng?: Rng): SeaquestState {
  return {
    subRow: 0,
    subCol: 5,
    subFacing: -1,
    oxygen: MAX_OXYGEN,
    divers: 0,
    // NOTE: true, so sitting on the surface at the start does not count as surfacing.
    surfaced: true,
    friendlyBullets: [],
    enemyBullets: [],
    fish: [],
    enemySubs: [],
    diverList: [],
    enemySpawnInterval: START_SPAWN_INTERVAL,
    enemySpawnCountdown: START_SPAWN_INTERVAL,
    diverSpawnCountdown: DIVER_SPAWN_INTERVAL,
    enemyMoveInterval: START_MOVE_INTERVAL,
    shotCooldown: 0,
    rampCounter: 0,
    terminal: false,
  };
}

const offGrid = (col: number) => col < 0 || col > LAST;

/** One step on a full-set action (rules section 6.5). Pure: `prev` is never changed. */
export function stepSeaquest(prev: SeaquestState, action: number, rng: Rng, ramping: boolean): { game: SeaquestState; reward: number } {
  const s: Mutable<SeaquestState> = { ...prev };
  // Fresh lists of fresh items: the step below edits them in place.
  const friendly = prev.friendlyBullets.map((b) => ({ ...b }));
  const enemyBullets = prev.enemyBullets.map((b) => ({ ...b }));
  const fish = prev.fish.map((f) => ({ ...f }));
  const subs = prev.enemySubs.map((e) => ({ ...e }));
  const divers = prev.diverList.map((d) => ({ ...d }));
  let reward = 0;
  const onFront = (o: { row: number; col: number }) => o.row === s.subRow && o.col === s.subCol;

  if (s.enemySpawnCountdown === 0) {
    const right = rng.next() < 0.5;
    const isSub = rng.next() < 1 / 3;
    const row = 1 + rng.int(8);
    const direction = right ? 1 : -1;
    // Only enemies meeting head-on block a spawn; same-direction ones may even share a cell.
    const conflict = fish.some((f) => f.row === row && f.direction !== direction) || subs.some((e) => e.row === row && e.direction !== direction);
    if (!conflict) {
      const base = { row, col: right ? 0 : LAST, direction, moveCountdown: s.enemyMoveInterval };
      if (isSub) subs.push({ ...base, shotCountdown: ENEMY_SHOT_INTERVAL });
      else fish.push(base);
    }
    s.enemySpawnCountdown = s.enemySpawnInterval;
  }
  if (s.diverSpawnCountdown === 0) {
    const right = rng.next() < 0.5;
    const row = 1 + rng.int(8);
    divers.push({ row, col: right ? 0 : LAST, direction: right ? 1 : -1, moveCountdown: DIVER_MOVE_INTERVAL });
    s.diverSpawnCountdown = DIVER_SPAWN_INTERVAL;
  }

  if (action === ARCADE_ACTION.fire && s.shotCooldown === 0) {
    friendly.push({ row: s.subRow, col: s.subCol, direction: s.subFacing });
    s.shotCooldown = SHOT_COOLDOWN;
  } else if (action === ARCADE_ACTION.left) {
    s.subCol = Math.max(0, s.subCol - 1);
    s.subFacing = -1;
  } else if (action === ARCADE_ACTION.right) {
    s.subCol = Math.min(LAST, s.subCol + 1);
    s.subFacing = 1;
  } else if (action === ARCADE_ACTION.up) s.subRow = Math.max(0, s.subRow - 1);
  else if (action === ARCADE_ACTION.down) s.subRow = Math.min(LAST - 1, s.subRow + 1);

  // Friendly bullets, newest first: each hits the first fish, else the first enemy sub, on its cell.
  for (let i = friendly.length - 1; i >= 0; i--) {
    const b = friendly[i];
    b.col += b.direction;
    if (offGrid(b.col)) {
      friendly.splice(i, 1);
      continue;
    }
    const f = fish.findIndex((x) => x.row === b.row && x.col === b.col);
    const e = f >= 0 ? -1 : subs.findIndex((x) => x.row === b.row && x.col === b.col);
    if (f >= 0) fish.splice(f, 1);
    else if (e >= 0) subs.splice(e, 1);
    else continue;
    friendly.splice(i, 1);
    reward += 1;
  }

  // Divers, newest first. A full submarine lets them pass.
  const pickUp = (i: number) => {
    divers.splice(i, 1);
    s.divers += 1;
  };
  for (let i = divers.length - 1; i >= 0; i--) {
    const d = divers[i];
    if (onFront(d) && s.divers < MAX_DIVERS) pickUp(i);
    else if (d.moveCountdown === 0) {
      d.moveCountdown = DIVER_MOVE_INTERVAL;
      d.col += d.direction;
      if (offGrid(d.col)) divers.splice(i, 1);
      else if (onFront(d) && s.divers < MAX_DIVERS) pickUp(i);
    } else d.moveCountdown -= 1;
  }

  // Enemy subs, newest first; a sub that moves into a friendly bullet dies with it.
  for (let i = subs.length - 1; i >= 0; i--) {
    const e = subs[i];
    if (onFront(e)) s.terminal = true;
    if (e.moveCountdown === 0) {
      e.moveCountdown = s.enemyMoveInterval;
      e.col += e.direction;
      if (offGrid(e.col)) subs.splice(i, 1);
      else if (onFront(e)) s.terminal = true;
      else {
        const b = friendly.findIndex((x) => x.row === e.row && x.col === e.col);
        if (b >= 0) {
          subs.splice(i, 1);
          friendly.splice(b, 1);
          reward += 1;
        }
      }
    } else e.moveCountdown -= 1;
    // NOTE: runs even for a sub just removed above (the "shot after death" quirk).
    if (e.shotCountdown === 0) {
      e.shotCountdown = ENEMY_SHOT_INTERVAL;
      enemyBullets.push({ row: e.row, col: e.col, direction: e.direction });
    } else e.shotCountdown -= 1;
  }

  // Enemy bullets, newest first (so a bullet fired above moves in the same step).
  for (let i = enemyBullets.length - 1; i >= 0; i--) {
    const b = enemyBullets[i];
    if (onFront(b)) s.terminal = true;
    b.col += b.direction;
    if (offGrid(b.col)) enemyBullets.splice(i, 1);
    else if (onFront(b)) s.terminal = true;
  }

  // Fish, newest first: as the enemy subs, without shooting.
  for (let i = fish.length - 1; i >= 0; i--) {
    const f = fish[i];
    if (onFront(f)) s.terminal = true;
    if (f.moveCountdown === 0) {
      f.moveCountdown = s.enemyMoveInterval;
      f.col += f.direction;
      if (offGrid(f.col)) fish.splice(i, 1);
      else if (onFront(f)) s.terminal = true;
      else {
        const b = friendly.findIndex((x) => x.row === f.row && x.col === f.col);
        if (b >= 0) {
          fish.splice(i, 1);
          friendly.splice(b, 1);
          reward += 1;
        }
      }
    } else f.moveCountdown -= 1;
  }

  if (s.enemySpawnCountdown > 0) s.enemySpawnCountdown -= 1;
  if (s.diverSpawnCountdown > 0) s.diverSpawnCountdown -= 1;
  if (s.shotCooldown > 0) s.shotCooldown -= 1;

  // NOTE: checked before the surfacing refill: rising on the step oxygen hits 0 still ends the game.
  if (s.oxygen <= 0) s.terminal = true;

  if (s.subRow > 0) {
    s.oxygen -= 1;
    s.surfaced = false;
  } else if (!s.surfaced) {
    if (s.divers === 0) s.terminal = true;
    else {
      s.surfaced = true;
      if (s.divers === MAX_DIVERS) {
        s.divers = 0;
        reward += Math.floor((s.oxygen * 10) / MAX_OXYGEN);
      }
      s.oxygen = MAX_OXYGEN;
      // NOTE: also after a 6-diver surfacing, which leaves -1 (the MinAtar quirk, kept).
      s.divers -= 1;
      if (ramping && (s.enemySpawnInterval > 1 || s.enemyMoveInterval > MIN_MOVE_INTERVAL)) {
        if (s.enemyMoveInterval > MIN_MOVE_INTERVAL && s.rampCounter % 2 === 1) s.enemyMoveInterval -= 1;
        if (s.enemySpawnInterval > 1) s.enemySpawnInterval -= 1;
        s.rampCounter += 1;
      }
    }
  }

  s.friendlyBullets = friendly;
  s.enemyBullets = enemyBullets;
  s.fish = fish;
  s.enemySubs = subs;
  s.diverList = divers;
  return { game: s, reward };
}

/** Oxygen-gauge cells lit: one per 20 oxygen, 0..10. */
export function oxygenGaugeCells(oxygen: number): number {
  return Math.floor((Math.max(0, oxygen) * 10) / MAX_OXYGEN);
}

export function observeSeaquest(s: SeaquestState): Float32Array {
  const obs = emptyPlanes(SHAPE);
  light(obs, SHAPE, s.subRow, s.subCol, 0);
  light(obs, SHAPE, s.subRow, s.subCol - s.subFacing, 1);
  for (const b of s.friendlyBullets) light(obs, SHAPE, b.row, b.col, 2);
  for (const b of s.enemyBullets) light(obs, SHAPE, b.row, b.col, 4);
  const withTrail = (o: SeaquestBullet, channel: number) => {
    light(obs, SHAPE, o.row, o.col, channel);
    light(obs, SHAPE, o.row, o.col - o.direction, 3);
  };
  for (const f of s.fish) withTrail(f, 5);
  for (const e of s.enemySubs) withTrail(e, 6);
  for (const d of s.diverList) withTrail(d, 9);
  const oxygenCells = oxygenGaugeCells(s.oxygen);
  for (let col = 0; col < oxygenCells; col++) light(obs, SHAPE, LAST, col, 7);
  // k divers light columns 9 - k .. 8; column 9 is never lit, nothing for k <= 0.
  for (let col = LAST - Math.min(s.divers, MAX_DIVERS); col < LAST; col++) light(obs, SHAPE, LAST, col, 8);
  return obs;
}

export const seaquestGame: ArcadeGame<SeaquestState> = Object.freeze({
  id: SEAQUEST_ID,
  title: 'Seaquest',
  height: SIZE,
  width: SIZE,
  channels: SEAQUEST_CHANNELS,
  minimalActions: [ARCADE_ACTION.noop, ARCADE_ACTION.left, ARCADE_ACTION.up, ARCADE_ACTION.right, ARCADE_ACTION.down, ARCADE_ACTION.fire],
  reset: resetSeaquest,
  step: stepSeaquest,
  observe: observeSeaquest,
  info: (s: SeaquestState) => ({ oxygen: s.oxygen, divers: s.divers, ramp: s.rampCounter }),
});

/** Seaquest without a time limit. */
export const seaquestEnv = (options: Partial<ArcadeOptions> = {}) => arcadeEnv(seaquestGame, options);
/** Seaquest with its truncation limit (`maxSteps`, 10,000): what the registry uses. */
export const makeSeaquest = (options: Partial<ArcadeOptions> = {}) => makeArcade(seaquestGame, options);
