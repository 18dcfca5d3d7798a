/**
 * The shared layer of the arcade games: MinAtar's environment wrapper (Young & Tian 2019, section
 * 1 of shared/reference/minatar-rules.md) written as a pure Floe env.
 *
 * A game (`ArcadeGame`) knows only its own rules: it steps on MinAtar's six full-set actions and
 * draws its planes. This file adds what every game shares:
 * - the action set: agent action i executes `actionMap[i]`, MinAtar's minimal set by default (the
 *   `-v1` ids) or all six (`actionSet: 'full'`, the `-v0` ids and the paper's setting);
 * - sticky actions: with probability `stickyProbability` (0.1) the previous executed action
 *   repeats instead of the chosen one;
 * - the frozen terminal state: stepping a finished game pays 0 and changes nothing;
 * - the difficulty-ramping switch, passed to the game;
 * - the time limit (`makeArcade`), the only source of `truncated`.
 *
 * Observations: Float32Array of height*width*C binary values, row-major, channels last: the value
 * of (row, col, channel) is at (row * width + col) * C + channel. This is the 'planes' input of
 * agents/deep/types.ts, with height = width = 10 for the MinAtar games.
 *
 * info (flat numbers): executedAction (the full-set action that ran), sticky (1 when it was a
 * repeat), plus the game's own extras (ramp level, oxygen, time left, scores).
 *
 * Randomness: per step, the sticky draw (one uniform) comes first, then whatever the game draws,
 * all from the step's Rng (MinAtar's order). The sticky draw is made on every step, even with
 * p = 0 and on a finished game, as MinAtar does: switching sticky actions off then leaves the
 * game's own draws (enemy spawns, car speeds) exactly where they were, so a seed gives the same
 * world with and without stickiness.
 *
 * Deliberate difference from MinAtar: MinAtar's "last executed action" survives resets, so the
 * first step of an episode can repeat the previous episode's last action. Here it lives in the
 * state and starts at no-op on every reset, because a pure `reset(rng)` has no previous episode
 * to read it from. The effect is one possibly different action per episode, with probability p.
 */
import type { Rng } from '../core/rng';
import { box, discrete } from '../core/spaces';
import { withTimeLimit, type TimeLimitedEnv } from '../core/time-limit';
import type { Env, StepResult } from '../core/types';

/** MinAtar's six actions, by index: the "full" action set every game accepts. */
export const ARCADE_FULL_ACTIONS = ['noop', 'left', 'up', 'right', 'down', 'fire'] as const;
export type ArcadeActionName = (typeof ARCADE_FULL_ACTIONS)[number];

/** Full-set indices by name, for games and tests: `ARCADE_ACTION.fire === 5`. */
export const ARCADE_ACTION = Object.freeze({ noop: 0, left: 1, up: 2, right: 3, down: 4, fire: 5 } as const);

/** The height, width and channel count of an observation's planes. */
export interface PlanesShape {
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** One game's rules. `G` is its state: plain data, never mutated by `step`. */
export interface ArcadeGame<G extends { readonly terminal: boolean }> {
  /** Registry id, `arcade/<name>`. */
  readonly id: string;
  readonly title: string;
  readonly height: number;
  readonly width: number;
  /** Channel names, in observation order. */
  readonly channels: readonly string[];
  /** The minimal action set as full-set indices, in agent-action order. */
  readonly minimalActions: readonly number[];
  reset(rng: Rng): G;
  /**
   * One step on a full-set action (sticky actions already applied). Called only on a game that
   * is not terminal. Returns a new state; `game.terminal` reports the end.
   */
  step(game: G, action: number, rng: Rng, ramping: boolean): { game: G; reward: number };
  /** The planes of a state (a fresh array). */
  observe(game: G): Float32Array;
  /** Flat numeric extras for the UI (oxygen, time left, ramp level). */
  info?(game: G): Record<string, number>;
}

/** The env's state: the game's state plus the sticky-action memory. Plain data. */
export interface ArcadeState<G> {
  readonly game: G;
  /** The full-set action executed on the previous step (no-op after reset). */
  readonly lastAction: number;
}

export interface ArcadeOptions {
  /** Probability that the previous executed action repeats instead of the chosen one. 0 switches sticky actions off. Default 0.1 (MinAtar). */
  readonly stickyProbability: number;
  /** Difficulty ramping (Space Invaders, Asterix, Seaquest; the others ignore it). Default true (MinAtar). */
  readonly ramping: boolean;
  /** 'minimal' (MinAtar -v1, default) or 'full' (all six actions, MinAtar -v0). */
  readonly actionSet: 'minimal' | 'full';
  /** The truncation limit `makeArcade` adds; the bare env ignores it. Default 10,000 steps. */
  readonly maxSteps: number;
}

export const ARCADE_DEFAULTS: Readonly<ArcadeOptions> = Object.freeze({
  stickyProbability: 0.1,
  ramping: true,
  actionSet: 'minimal',
  maxSteps: 10_000,
});

/** Defaults filled in and every field checked; unknown keys are errors (a typo must not fall back silently). */
export function resolveArcadeOptions(options: Partial<ArcadeOptions> = {}): Readonly<ArcadeOptions> {
  for (const key of Object.keys(options)) {
    if (!Object.hasOwn(ARCADE_DEFAULTS, key)) throw new Error(`unknown arcade option '${key}'; known: ${Object.keys(ARCADE_DEFAULTS).join(', ')}`);
  }
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<ArcadeOptions>;
  const o: ArcadeOptions = { ...ARCADE_DEFAULTS, ...defined };
  const p: unknown = o.stickyProbability;
  if (!(typeof p === 'number' && p >= 0 && p <= 1)) throw new Error(`arcade stickyProbability must be a number in [0, 1], got ${JSON.stringify(p)}`);
  if (typeof o.ramping !== 'boolean') throw new Error(`arcade ramping must be true or false, got ${JSON.stringify(o.ramping)}`);
  if (o.actionSet !== 'minimal' && o.actionSet !== 'full') throw new Error(`arcade actionSet must be 'minimal' or 'full', got ${JSON.stringify(o.actionSet)}`);
  if (!(Number.isInteger(o.maxSteps) && o.maxSteps >= 1)) throw new Error(`arcade maxSteps must be a positive integer, got ${JSON.stringify(o.maxSteps)}`);
  return Object.freeze(o);
}

export interface ArcadeEnv<G extends { readonly terminal: boolean }> extends Env<ArcadeState<G>, Float32Array, number> {
  readonly game: ArcadeGame<G>;
  readonly options: Readonly<ArcadeOptions>;
  readonly planes: PlanesShape;
  readonly channels: readonly string[];
  /** Agent action i executes full-set action `actionMap[i]`. */
  readonly actionMap: readonly number[];
  /** Agent action i's name ('noop', 'left', ...). */
  readonly actionNames: readonly string[];
  observe(state: ArcadeState<G>): Float32Array;
}

/** An arcade env with its truncation limit: what the registry hands out. */
export interface TimeLimitedArcadeEnv<G extends { readonly terminal: boolean }> extends TimeLimitedEnv<ArcadeState<G>, Float32Array, number> {
  readonly inner: ArcadeEnv<G>;
  readonly game: ArcadeGame<G>;
  readonly options: Readonly<ArcadeOptions>;
  readonly planes: PlanesShape;
  readonly channels: readonly string[];
  readonly actionMap: readonly number[];
  readonly actionNames: readonly string[];
}

export function arcadeEnv<G extends { readonly terminal: boolean }>(game: ArcadeGame<G>, options: Partial<ArcadeOptions> = {}): ArcadeEnv<G> {
  const o = resolveArcadeOptions(options);
  const actionMap = o.actionSet === 'full' ? ARCADE_FULL_ACTIONS.map((_, i) => i) : [...game.minimalActions];
  const actionNames = actionMap.map((a) => ARCADE_FULL_ACTIONS[a]);
  const planes: PlanesShape = Object.freeze({ height: game.height, width: game.width, channels: game.channels.length });
  const p = o.stickyProbability;
  const observe = (state: ArcadeState<G>) => game.observe(state.game);

  function step(state: ArcadeState<G>, action: number, rng: Rng): StepResult<ArcadeState<G>, Float32Array> {
    if (!(Number.isInteger(action) && action >= 0 && action < actionMap.length)) {
      throw new Error(`${game.id} action must be an integer in 0..${actionMap.length - 1} (${actionNames.join(', ')}), got ${String(action)}`);
    }
    // NOTE: drawn on every step, before the game's own draws (see the doc block).
    const sticky = rng.next() < p;
    const executed = sticky ? state.lastAction : actionMap[action];
    // A finished game stays frozen: reward 0, terminated again (MinAtar section 1.2).
    const next = state.game.terminal ? { game: state.game, reward: 0 } : game.step(state.game, executed, rng, o.ramping);
    const info = { executedAction: executed, sticky: sticky ? 1 : 0 };
    return {
      state: { game: next.game, lastAction: executed },
      obs: game.observe(next.game),
      reward: next.reward,
      terminated: next.game.terminal,
      truncated: false, // only withTimeLimit truncates
      info: game.info ? { ...info, ...game.info(next.game) } : info,
    };
  }

  return {
    id: game.id,
    observationSpace: box([game.height, game.width, game.channels.length], 0, 1),
    actionSpace: discrete(actionMap.length),
    game,
    options: o,
    planes,
    channels: game.channels,
    actionMap,
    actionNames,
    reset(rng: Rng) {
      const start = game.reset(rng);
      return { state: { game: start, lastAction: ARCADE_ACTION.noop }, obs: game.observe(start) };
    },
    step,
    observe,
  };
}

/** The game wrapped in its `maxSteps` truncation limit (10,000 by default). */
export function makeArcade<G extends { readonly terminal: boolean }>(game: ArcadeGame<G>, options: Partial<ArcadeOptions> = {}): TimeLimitedArcadeEnv<G> {
  const inner = arcadeEnv(game, options);
  const { options: o, planes, channels, actionMap, actionNames } = inner;
  return { ...withTimeLimit(inner, o.maxSteps), inner, game, options: o, planes, channels, actionMap, actionNames };
}

/** A state to start from by hand (tests, a state picked in the UI): no sticky memory yet. */
export function arcadeState<G>(game: G, lastAction: number = ARCADE_ACTION.noop): ArcadeState<G> {
  return { game, lastAction };
}

// ---- helpers the games share ------------------------------------------------------------------

/** Lights (row, col) in `channel`; cells off the grid are ignored (trails drawn at an edge). */
export function light(obs: Float32Array, shape: PlanesShape, row: number, col: number, channel: number): void {
  if (row < 0 || row >= shape.height || col < 0 || col >= shape.width) return;
  obs[(row * shape.width + col) * shape.channels + channel] = 1;
}

/** Zeroed planes of a shape. */
export function emptyPlanes(shape: PlanesShape): Float32Array {
  return new Float32Array(shape.height * shape.width * shape.channels);
}

/** A type's fields without `readonly`: the games build their next state in a mutable copy. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
