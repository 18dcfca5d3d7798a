/**
 * The seeds of the games a person plays on a page. Episode k of a seed draws from its own stream,
 * derived from the seed and k only: it starts the same (and, in the arcade, meets the same luck)
 * however long the earlier episodes ran, so a duel's round k is the Play tab's episode k.
 */
import { deriveRng, type Rng } from '../../../environments/core/rng';

/** The largest seed a page accepts: a 31-bit whole number, as typed into its seed field. */
export const MAX_SEED = 2 ** 31 - 1;

/** Why `seed` cannot seed a game (shown under the seed field), or null when it can. */
export function seedError(seed: number): string | null {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) return `The seed must be a whole number from 0 to ${MAX_SEED}.`;
  return null;
}

/** The random stream of episode `episode` (1 for the first) of `seed`. */
export function episodeRng(seed: number, episode: number): Rng {
  return deriveRng(seed, `episode-${episode}`);
}
