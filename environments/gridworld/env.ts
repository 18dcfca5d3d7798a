/**
 * The penguin gridworld as an Env: the MDPs of *Understanding Deep Learning*, chapter 19.
 *
 * Description: a penguin slides over a grid of ice. Holes cost, fish pay, walls block, and the
 * ice may make it slip to another move than the one it chose (the spec's slip model).
 * Actions: `mdp` mode: up = 0, right = 1, down = 2, left = 3. Markov (reward) process modes:
 *   one action, 0, which lets the penguin random-walk.
 * Observations: the cell index 0..rows*cols-1, row-major from the top left (the state itself).
 * Rewards: per the spec's reward timing (`leave`: the tile left, the book; `arrive`: the tile
 *   arrived in, the notebooks) plus `stepReward`. See model.ts for the exact rules.
 * Episode end: `terminated` when a terminal tile ends the episode (acting on it with `leave`,
 *   arriving on it with `arrive`). This env never truncates: `makeGridworld` adds the spec's
 *   `maxSteps` time limit, the only source of `truncated`.
 * Params: a GridworldSpec (validated by parseGridworldSpec) or a model built from one.
 * Info: `{ intended, actual, slipped }`: the chosen action, the move that happened (-1: sent
 *   elsewhere without moving) and whether the ice turned one into the other.
 * Version history: v1, spec version 1.
 */
import type { Rng } from '../core/rng';
import { discrete } from '../core/spaces';
import { startClock, withTimeLimit, type TimeLimitedEnv, type TimeLimitedState } from '../core/time-limit';
import type { Env, StepResult } from '../core/types';
import { buildModel, isGridModel, type GridModel } from './model';
import type { GridworldSpec } from './spec';

export interface GridEnv extends Env<number, number, number> {
  readonly model: GridModel;
  /** Start an episode in a chosen cell (Monte Carlo exploring starts): any non-wall, non-terminal cell. */
  resetAt(cell: number): { state: number; obs: number };
}

/** The gridworld with the spec's time limit: what the registry and the runner use. */
export interface TimeLimitedGridEnv extends TimeLimitedEnv<number, number, number> {
  readonly model: GridModel;
  readonly inner: GridEnv;
  resetAt(cell: number): { state: TimeLimitedState<number>; obs: number };
}

export interface GridEnvOptions {
  /** Env id; the registry passes `gridworld/<presetId>`. Default `gridworld`. */
  readonly id?: string;
}

export function gridworldEnv(specOrModel: GridworldSpec | GridModel, options: GridEnvOptions = {}): GridEnv {
  const model = isGridModel(specOrModel) ? specOrModel : buildModel(specOrModel);
  const { nS, nA, starts } = model;
  const { offsets, cumulative, prob, next, reward, terminated, info } = model.table;
  const nStarts = starts.length;

  function step(state: number, action: number, rng: Rng): StepResult<number, number> {
    // Integer range checks are cheap next to a wrong index into the flat table.
    if (!(state >= 0 && state < nS && state === (state | 0))) throw new Error(`gridworld state must be a cell index in 0..${nS - 1}, got ${state}`);
    if (!(action >= 0 && action < nA && action === (action | 0))) throw new Error(`gridworld action must be an integer in 0..${nA - 1}, got ${action}`);
    const k = state * nA + action;
    let i = offsets[k];
    const last = offsets[k + 1] - 1;
    // One uniform draw picks the outcome by a short scan of the cumulative probabilities; the
    // last entry catches any rounding shortfall.
    const u = rng.next();
    while (i < last && u >= cumulative[i]) i++;
    let to = next[i];
    if (to < 0) {
      // "Some start": the draw's position inside this outcome's slice picks which, uniformly.
      const low = cumulative[i] - prob[i];
      to = starts[Math.min(nStarts - 1, Math.max(0, Math.floor(((u - low) / prob[i]) * nStarts)))];
    }
    return { state: to, obs: to, reward: reward[i], terminated: terminated[i] === 1, truncated: false, info: info[i] };
  }

  return {
    id: options.id ?? 'gridworld',
    observationSpace: discrete(nS),
    actionSpace: discrete(nA),
    model,
    reset(rng: Rng) {
      // Always one draw, even with a single start: adding a start tile in the editor then leaves
      // the rest of the dynamics stream where it was.
      const s = starts[rng.int(nStarts)];
      return { state: s, obs: s };
    },
    resetAt(cell: number) {
      if (!(Number.isInteger(cell) && cell >= 0 && cell < nS)) throw new Error(`resetAt needs a cell index in 0..${nS - 1}, got ${cell}`);
      if (model.tiles[cell].wall) throw new Error(`resetAt(${cell}): the penguin cannot start inside a wall`);
      if (model.terminal(cell)) throw new Error(`resetAt(${cell}): the cell is terminal, so an episode there would be over before it began`);
      return { state: cell, obs: cell };
    },
    step,
  };
}

/** The gridworld wrapped in the spec's `maxSteps` time limit, with its model alongside. */
export function makeGridworld(specOrModel: GridworldSpec | GridModel, options: GridEnvOptions = {}): TimeLimitedGridEnv {
  const inner = gridworldEnv(specOrModel, options);
  const limited = withTimeLimit(inner, inner.model.spec.maxSteps);
  return {
    ...limited,
    inner,
    model: inner.model,
    resetAt(cell: number) {
      const start = inner.resetAt(cell);
      return { state: startClock(start.state), obs: start.obs };
    },
  };
}
