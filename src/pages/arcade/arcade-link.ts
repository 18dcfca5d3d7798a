/**
 * The arcade page in the URL, as the gridworld page does it: `#s=<base64url JSON>` (url-state.ts)
 * holds the game, the game's seed, the mode (play, duel or a Pong match; left out for play, so
 * links from before modes still read) and the training run (agent, options, seed), so a link
 * reproduces the setup. A page with everything at its defaults keeps the short `#breakout`.
 * Reading never throws: a broken, hostile or foreign-version link gives one message, and the
 * page keeps its defaults.
 */
import { isDeepAgentName, resolvePageOptions } from '../../../agents/deep/catalogue';
import { decodeHashState, encodeHashState } from '../../lib/url-state';
import { MAX_SEED } from '../../lib/loop/seeded-episodes';
import { ARCADE_GAMES } from './catalogue';
import { modesFor, type ArcadeMode } from './modes';

/** The link version this page writes and reads. */
export const ARCADE_LINK_VERSION = 1;

type OptionValue = number | string | boolean;

export interface ArcadeLinkState {
  /** The game's slug: 'breakout', ... */
  readonly game: string;
  /** The person's game seed. */
  readonly seed: number;
  readonly mode: ArcadeMode;
  readonly agent: string;
  readonly options: Readonly<Record<string, OptionValue>>;
  /** The training run's seed. */
  readonly trainingSeed: number;
}

export type ArcadeLinkRead = { readonly ok: true; readonly state: ArcadeLinkState } | { readonly ok: 'game'; readonly game: string } | { readonly ok: false; readonly error: string } | { readonly ok: 'none' };

/** The hash for a state: `#<game>` when the rest is `defaults` for that game, else `#s=...`. */
export function arcadeHash(state: ArcadeLinkState, defaults: Omit<ArcadeLinkState, 'game' | 'mode'>): string {
  const plain = state.mode === 'play' && state.seed === defaults.seed && state.trainingSeed === defaults.trainingSeed && state.agent === defaults.agent && JSON.stringify(state.options) === JSON.stringify(defaults.options);
  if (plain) return `#${state.game}`;
  const { mode, ...rest } = state;
  return encodeHashState({ v: ARCADE_LINK_VERSION, ...rest, ...(mode === 'play' ? {} : { mode }) });
}

function isSeed(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_SEED;
}

/** What a hash says: a full state, just a game, nothing, or one message. */
export function readArcadeHash(hash: string): ArcadeLinkRead {
  if (hash === '' || hash === '#') return { ok: 'none' };
  if (!hash.startsWith('#s=')) {
    const slug = hash.slice(1);
    return ARCADE_GAMES.some((g) => g.slug === slug) ? { ok: 'game', game: slug } : { ok: false, error: `arcade link: no game '${slug.slice(0, 40)}'; games are ${ARCADE_GAMES.map((g) => g.slug).join(', ')}` };
  }
  const decoded = decodeHashState(hash);
  if (decoded.ok === 'empty') return { ok: 'none' };
  if (decoded.ok === false) return { ok: false, error: `arcade ${decoded.error}` };
  const value = decoded.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'arcade link: the state must be an object' };
  const v = value as Record<string, unknown>;
  const known = ['v', 'game', 'seed', 'mode', 'agent', 'options', 'trainingSeed'];
  const extra = Object.keys(v).find((key) => !known.includes(key));
  if (extra !== undefined) return { ok: false, error: `arcade link: unknown key '${extra.slice(0, 40)}'` };
  if (v.v !== ARCADE_LINK_VERSION) {
    const newer = typeof v.v === 'number' && v.v > ARCADE_LINK_VERSION;
    return { ok: false, error: `arcade link: version ${JSON.stringify(v.v)} ${newer ? 'comes from a newer Floe' : 'is not one this Floe reads'}; this page reads version ${ARCADE_LINK_VERSION}` };
  }
  if (typeof v.game !== 'string' || !ARCADE_GAMES.some((g) => g.slug === v.game)) return { ok: false, error: `arcade link: game must be one of ${ARCADE_GAMES.map((g) => g.slug).join(', ')}` };
  const modes = modesFor(ARCADE_GAMES.find((g) => g.slug === v.game)!);
  const mode = v.mode ?? 'play';
  if (!modes.includes(mode as ArcadeMode)) return { ok: false, error: `arcade link: mode must be one of ${modes.join(', ')} for ${v.game}, got ${JSON.stringify(mode).slice(0, 40)}` };
  if (!isSeed(v.seed)) return { ok: false, error: `arcade link: seed must be a whole number from 0 to ${MAX_SEED}` };
  if (!isSeed(v.trainingSeed)) return { ok: false, error: `arcade link: trainingSeed must be a whole number from 0 to ${MAX_SEED}` };
  if (typeof v.agent !== 'string' || !isDeepAgentName(v.agent)) return { ok: false, error: 'arcade link: agent must name a deep agent' };
  const options = v.options;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return { ok: false, error: 'arcade link: options must be an object' };
  const clean: Record<string, OptionValue> = {};
  for (const [key, item] of Object.entries(options)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') return { ok: false, error: `arcade link: option '${key}' is not allowed` };
    if (!(typeof item === 'number' || typeof item === 'string' || typeof item === 'boolean')) return { ok: false, error: `arcade link: option '${key.slice(0, 40)}' must be a number, text or a switch` };
    clean[key] = item;
  }
  try {
    resolvePageOptions(v.agent, clean); // the agent's own checks: unknown keys, ranges
  } catch (error) {
    return { ok: false, error: `arcade link: ${(error as Error).message}` };
  }
  return { ok: true, state: { game: v.game, seed: v.seed, mode: mode as ArcadeMode, agent: v.agent, options: clean, trainingSeed: v.trainingSeed } };
}
