/**
 * The arcade page's modes: Play (a person or the agent at one game), Duel (the person and the agent
 * on the same seeded game, side by side) and, for Pong, Match (the person against the agent).
 */
import type { ArcadeGameInfo } from './catalogue';

export type ArcadeMode = 'play' | 'duel' | 'match';

export const MODE_TITLES: Readonly<Record<ArcadeMode, string>> = { play: 'Play', duel: 'Duel', match: 'Match' };

/** Steps a second in a duel or a match: the Play tab's, and a fast one for long duels. */
export const MODE_SPEEDS = [4, 8, 12, 20, 40] as const;
export type ModeSpeed = (typeof MODE_SPEEDS)[number];

/** The modes a game offers: Match only where two paddles meet (Pong). */
export function modesFor(game: ArcadeGameInfo): readonly ArcadeMode[] {
  return game.slug === 'pong' ? ['play', 'duel', 'match'] : ['play', 'duel'];
}
