/**
 * The arcade page's view of the games: title, description, channels with their colours, the
 * minimal action set and the keys that play it. Everything comes from the world registry, so a
 * game registered there appears here.
 */
import { ARCADE_WORLD_IDS, type ArcadeWorldId } from '../../../environments/arcade/register';
import type { TimeLimitedArcadeEnv } from '../../../environments/arcade';
import { requireWorld } from '../../../environments/core/registry';

export interface ArcadeGameInfo {
  readonly id: ArcadeWorldId;
  /** The id without 'arcade/': the page's hash. */
  readonly slug: string;
  readonly title: string;
  readonly description: string;
  readonly channels: readonly string[];
  /** One colour per channel; later channels are drawn over earlier ones. */
  readonly colors: readonly number[];
  /** The minimal action set: agent action i is actionNames[i] ('noop' is always 0). */
  readonly actionNames: readonly string[];
}

/** Channel colours on the dark court, by channel name (the same object looks the same in every game). */
const CHANNEL_COLORS: Readonly<Record<string, number>> = {
  paddle: 0x5aa9e6, cannon: 0x5aa9e6, player: 0x5aa9e6, chicken: 0xf2d15c, sub_front: 0xf2d15c, sub_back: 0xd6b23f,
  ball: 0xffffff, trail: 0x4f6479, brick: 0xe07a3f, opponent: 0xe05a5a,
  alien: 0x7fd36b, alien_left: 0x6cbf5a, alien_right: 0x5aa84b, friendly_bullet: 0xffffff, enemy_bullet: 0xff6b6b,
  car: 0xe05a5a, speed1: 0x3a4e63, speed2: 0x445c74, speed3: 0x4f6a85, speed4: 0x5a7896, speed5: 0x6586a7,
  enemy: 0xe05a5a, gold: 0xf2c94c, enemy_fish: 0xe07a3f, enemy_sub: 0xe05a5a,
  oxygen_gauge: 0x6fcf97, diver_gauge: 0x56ccf2, diver: 0x56ccf2,
};
const FALLBACK_COLOR = 0xb0bec5;

/** Keys for each action name; 'noop' is what happens with no key down. */
export const ACTION_KEYS: Readonly<Record<string, readonly string[]>> = {
  left: ['ArrowLeft'],
  right: ['ArrowRight'],
  up: ['ArrowUp'],
  down: ['ArrowDown'],
  fire: [' ', 'Spacebar'],
};

/** What a key shows on screen. */
export const ACTION_LABELS: Readonly<Record<string, string>> = { noop: 'wait', left: '←', right: '→', up: '↑', down: '↓', fire: 'fire (space)' };

function info(id: ArcadeWorldId): ArcadeGameInfo {
  const entry = requireWorld(id);
  const env = entry.create() as TimeLimitedArcadeEnv<{ terminal: boolean }>;
  return {
    id,
    slug: id.slice('arcade/'.length),
    title: entry.title ?? id,
    description: entry.description ?? '',
    channels: env.channels,
    colors: env.channels.map((c) => CHANNEL_COLORS[c] ?? FALLBACK_COLOR),
    actionNames: env.actionNames,
  };
}

export const ARCADE_GAMES: readonly ArcadeGameInfo[] = ARCADE_WORLD_IDS.map(info);

/** The game a page hash names ('#breakout'), else the first. */
export function gameFromHash(hash: string): ArcadeGameInfo {
  const slug = hash.replace(/^#/, '');
  return ARCADE_GAMES.find((g) => g.slug === slug) ?? ARCADE_GAMES[0];
}

/** The agent action a key plays in a game, or null (not one of its keys). */
export function actionForKey(game: ArcadeGameInfo, key: string): number | null {
  const index = game.actionNames.findIndex((name) => ACTION_KEYS[name]?.includes(key));
  return index < 0 ? null : index;
}
