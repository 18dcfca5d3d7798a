/**
 * The registry of worlds: one list that the pages, the CLI (`npm run rl -- --world ...`), the
 * benchmarks and the `checkEnv` test all read, so a world added once shows up everywhere.
 *
 * Entries hold factories, not envs: each caller gets a fresh env, and a world's model is built
 * only when something asks for it.
 */
import type { Env, TabularModel } from './types';

/** The folders of environments/ (ARCHITECTURE.md section 1). */
export type WorldFamily = 'gridworld' | 'pomdp' | 'arcade' | 'classic';

/**
 * Any env, whatever its state, observation and action types. `any` rather than `unknown` on
 * purpose: callers pass the env on to generic code (the runner, checkEnv) that infers the types,
 * and `unknown` would force a cast at every call site.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyEnv = Env<any, any, any>;

export interface WorldEntry {
  /** `<family>/<name>`, e.g. `gridworld/fig-19-10`. */
  readonly id: string;
  /** A short human title; defaults to the id. */
  readonly title?: string;
  readonly description: string;
  readonly family: WorldFamily;
  /** A fresh env, time limit included. */
  create(): AnyEnv;
  /** The exact tabular model, for worlds that have one. */
  model?(): TabularModel;
}

const worlds = new Map<string, WorldEntry>();

export function registerWorld(entry: WorldEntry): WorldEntry {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/.test(entry.id)) {
    throw new Error(`world id '${entry.id}' must look like 'family/kebab-case-name'`);
  }
  if (worlds.has(entry.id)) throw new Error(`world '${entry.id}' is already registered`);
  const frozen = Object.freeze({ ...entry });
  worlds.set(entry.id, frozen);
  return frozen;
}

/** Every registered world in registration order, optionally of one family. */
export function listWorlds(family?: WorldFamily): WorldEntry[] {
  const all = [...worlds.values()];
  return family === undefined ? all : all.filter((w) => w.family === family);
}

export function getWorld(id: string): WorldEntry | undefined {
  return worlds.get(id);
}

/** Like getWorld, but a missing id is an error that lists what exists (for the CLI and URLs). */
export function requireWorld(id: string): WorldEntry {
  const world = worlds.get(id);
  if (!world) throw new Error(`unknown world '${id}'; known worlds: ${[...worlds.keys()].join(', ')}`);
  return world;
}
