/**
 * The optimisation page's module session (session.ts), as plain data: its configs, as the page
 * builds them, and its snapshots, as the worker posts them. Types, constants and one pure helper
 * only, so the page imports them without pulling the session (or tfjs) in.
 *
 * One module, 'optimisation', three tasks (the config's `agent`), one per part of the page:
 *
 *   { module: 'optimisation', agent: 'race', seed,
 *     world: { landscape, start: [phi0, phi1] }, options: { racers: RacerConfig[], steps } }
 *   { module: 'optimisation', agent: 'backprop', seed,
 *     world: { beta: [4], omega: [4], x, y }, options: {} }
 *   { module: 'optimisation', agent: 'initialisation', seed,
 *     world: { weightVariances, layers, width, inputSize, batch }, options: {} }
 *
 * Every world field has a default (the book's numbers), so `world: {}` runs the book's case.
 */
import type { BackpropToyInputs, ToyPass, ToyQuantity } from '../m2/backprop-toy';
import type { InitialisationProfile } from '../m2/initialisation';
import type { LandscapeId } from '../m2/landscapes';
import type { RaceSnapshot, RacerConfig } from '../m2/optimiser-race';

export const OPTIMISATION_MODULE = 'optimisation';

export type OptimisationTask = 'race' | 'backprop' | 'initialisation';
export const OPTIMISATION_TASKS: readonly OptimisationTask[] = ['race', 'backprop', 'initialisation'];

/**
 * The identity of a run: task, world, options and seed. Every snapshot carries the key of the
 * config that made it, so a page can tell a frame of the run it asked for from a late frame of
 * the one before (JSON of plain data: the same after the trip to the worker).
 */
export function runKey(config: { readonly agent: string; readonly world: unknown; readonly options: unknown; readonly seed: number }): string {
  return JSON.stringify([config.agent, config.world, config.options, config.seed]);
}

// ---------------------------------------------------------------- the optimiser race (ch. 6)

export interface RaceWorld {
  readonly landscape: LandscapeId;
  /** Where every racer starts, [phi0, phi1]. */
  readonly start: readonly [number, number];
}

export interface RaceOptions {
  /** One to twelve racers (supervised/m2/optimiser-race.ts). */
  readonly racers: readonly RacerConfig[];
  /** The race's length in steps (racers with their own maxSteps rest earlier). Default 100. */
  readonly steps?: number;
}

export const DEFAULT_RACE_STEPS = 100;
export const MAX_RACE_STEPS = 5000;

export interface RaceSessionSnapshot extends RaceSnapshot {
  readonly kind: 'race';
  readonly runKey: string;
  /** The race's length in steps. */
  readonly budget: number;
  /** Every racer has stopped, rested or run the whole race. */
  readonly finished: boolean;
}

// ---------------------------------------------------------------- the backprop stepper (section 7.3)

/** Any of the A.4 inputs; the rest keep the notebook's values. */
export interface BackpropWorld {
  readonly beta?: readonly number[];
  readonly omega?: readonly number[];
  readonly x?: number;
  readonly y?: number;
}

/** A value not yet computed: what it is and how it will be computed, without its number. */
export interface UpcomingQuantity {
  readonly name: string;
  readonly symbol: string;
  readonly formula: string;
  readonly pass: ToyPass;
}

/** A computed value; parameter derivatives come with their central finite difference. */
export interface RevealedQuantity extends ToyQuantity {
  /** For 'parameter' values: (l[p + h] - l[p - h]) / 2h with h = 1e-6, to compare with. */
  readonly finiteDifference: number | null;
}

export interface BackpropSessionSnapshot {
  readonly kind: 'backprop';
  readonly runKey: string;
  readonly inputs: BackpropToyInputs;
  /** The values computed so far, in the order of the passes (forward, backward, parameters). */
  readonly revealed: RevealedQuantity[];
  /** The values still to come, in order. */
  readonly upcoming: UpcomingQuantity[];
  /** How many values there are in all (23: 8 forward, 7 backward, 8 parameter derivatives). */
  readonly total: number;
}

// ---------------------------------------------------------------- initialisation (section 7.5, fig. 7.7)

export interface InitialisationWorld {
  /** The weight variances sigma^2 to propagate, one per step (at most 8). Default fig. 7.7's five. */
  readonly weightVariances?: readonly number[];
  /** Hidden layers K. Default 50. */
  readonly layers?: number;
  /** Units per hidden layer D_h. Default 100. */
  readonly width?: number;
  /** Input size D_i. Default 100. */
  readonly inputSize?: number;
  /** Examples the variances are taken over. Default 100. */
  readonly batch?: number;
}

export const MAX_WEIGHT_VARIANCES = 8;

export interface InitialisationSessionSnapshot {
  readonly kind: 'initialisation';
  readonly runKey: string;
  readonly weightVariances: number[];
  readonly layers: number;
  readonly width: number;
  /** He initialisation for this width, 2 / D_h (eq. 7.31). */
  readonly heVariance: number;
  /** The profiles computed so far, in the order of weightVariances. */
  readonly profiles: InitialisationProfile[];
}

/** `query`: the profile of one more sigma^2 on the run's network and data (the run is not touched). */
export interface ProfileQuestion {
  readonly kind: 'profile';
  readonly weightVariance: number;
}

export type OptimisationSnapshot = RaceSessionSnapshot | BackpropSessionSnapshot | InitialisationSessionSnapshot;
