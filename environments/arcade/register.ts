/** Registers the arcade worlds (imported by environments/index.ts, after the classic worlds). */
import { getWorld, registerWorld, type AnyEnv } from '../core/registry';
import { ASTERIX_ID, makeAsterix } from './asterix';
import { BREAKOUT_ID, makeBreakout } from './breakout';
import { FREEWAY_ID, makeFreeway } from './freeway';
import { makePong, PONG_ID } from './pong';
import { makeSeaquest, SEAQUEST_ID } from './seaquest';
import { makeSpaceInvaders, SPACE_INVADERS_ID } from './space-invaders';

interface ArcadeWorld {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly create: () => AnyEnv;
}

// Defaults throughout: sticky actions 0.1, ramping on, minimal action set, 10,000-step truncation.
const ARCADE_WORLDS: readonly ArcadeWorld[] = [
  {
    id: BREAKOUT_ID,
    title: 'Breakout',
    description: 'MinAtar Breakout (10x10, 4 channels): bounce the ball into three rows of bricks, +1 a brick, a new wall when all are gone, ends when the ball gets past the paddle.',
    create: () => makeBreakout(),
  },
  {
    id: SPACE_INVADERS_ID,
    title: 'Space Invaders',
    description: 'MinAtar Space Invaders (10x10, 6 channels): shoot the marching aliens, +1 each; they speed up as they thin out; ends when a bullet or an alien reaches the cannon.',
    create: () => makeSpaceInvaders(),
  },
  {
    id: FREEWAY_ID,
    title: 'Freeway',
    description: 'MinAtar Freeway (10x10, 7 channels): walk the chicken across eight lanes of traffic, +1 a crossing; cars send it back; the game ends after 2501 steps.',
    create: () => makeFreeway(),
  },
  {
    id: ASTERIX_ID,
    title: 'Asterix',
    description: 'MinAtar Asterix (10x10, 4 channels): collect gold (+1) and dodge the enemies streaming across the rows, faster and faster; ends on touching an enemy.',
    create: () => makeAsterix(),
  },
  {
    id: SEAQUEST_ID,
    title: 'Seaquest',
    description: 'MinAtar Seaquest (10x10, 10 channels): shoot fish and enemy subs (+1), rescue divers, surface for oxygen with at least one aboard; ends on a hit, on running out of oxygen, or surfacing empty.',
    create: () => makeSeaquest(),
  },
  {
    id: PONG_ID,
    title: 'Pong',
    description: 'Pong on a 10x10 court: the right paddle against a scripted opponent, +1 for a point won, -1 for a point lost, first to 5.',
    create: () => makePong(),
  },
];

for (const world of ARCADE_WORLDS) {
  // A module evaluates once, but a second copy (a test that resets modules, HMR) must not throw.
  if (getWorld(world.id)) continue;
  registerWorld({ ...world, family: 'arcade' });
}

/** An arcade game's registry id: 'arcade/breakout', ... */
export type ArcadeWorldId = `arcade/${string}`;

/** Whether `world` names a registered arcade game. */
export function isArcadeWorldId(world: unknown): world is ArcadeWorldId {
  return typeof world === 'string' && getWorld(world)?.family === 'arcade';
}

/** Every arcade game's id, in registration order. */
export const ARCADE_WORLD_IDS: readonly ArcadeWorldId[] = ARCADE_WORLDS.map((w) => w.id as ArcadeWorldId);
