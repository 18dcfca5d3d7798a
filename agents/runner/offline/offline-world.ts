/**
 * The world an offline dataset came from, as the offline session (../offline-session.ts) and the
 * offline page name it: a gridworld preset's id ('fig-19-10'), a gridworld spec (a world of the
 * person's own, or one a page defines), 'cartpole', or an arcade game's id ('arcade/breakout').
 *
 * `resolveOfflineWorld` checks the name or spec once and gives everything the session needs to
 * act in that world again: a fresh env, the input the learners read it with, the action count,
 * the dataset world name it expects, and for gridworlds the model (the expert and the heatmap
 * use it). The dataset's `world` is the preset's id, the spec's name, 'cartpole' or the game's
 * id, so a dataset names the world it can be replayed in.
 *
 * No tfjs here: the page uses the same resolution to run the world a person plays.
 */
import '../../../environments/arcade/register';
import '../../../environments/classic/register';
import { getWorld, listWorlds } from '../../../environments/core/registry';
import type { Env } from '../../../environments/core/types';
import { GRIDWORLD_PRESETS, makeGridworld, parseGridworldSpec, type GridModel, type GridworldSpec } from '../../../environments/gridworld';
import type { InputSpec, Observation } from '../../deep/types';
import type { Dataset } from '../../offline/dataset-types';
import { gridCellOf, inputSpecOfSpace } from '../../offline/recorder';

/** How a config names the world: a gridworld preset id, a gridworld spec, 'cartpole' or an arcade id. */
export type OfflineWorldSpec = string | GridworldSpec;

export type OfflineWorldKind = 'gridworld' | 'cartpole' | 'arcade';

export interface OfflineWorld {
  readonly kind: OfflineWorldKind;
  /** The dataset world name: the preset id, the spec's name, 'cartpole' or the arcade id. */
  readonly name: string;
  /** A human title ('Dynamic programming (fig 19.10, problem 19.3)', 'Breakout', 'CartPole'). */
  readonly title: string;
  /** The registry id for CartPole and the arcade ('classic/cartpole', 'arcade/breakout'); null for gridworlds. */
  readonly registryId: string | null;
  readonly input: InputSpec;
  readonly nActions: number;
  /** Gridworlds: the spec and its exact model (value iteration, the visit heatmap); null otherwise. */
  readonly grid: { readonly spec: GridworldSpec; readonly model: GridModel } | null;
  /** A fresh env with its time limit; its observations are what the dataset holds. */
  makeEnv(): Env<unknown, Observation, number>;
  /** What a page draws for a state: the cell for gridworlds, else the observation's numbers (CartPole's 4, the game's planes). */
  frameOf(state: unknown, observation: Observation): number | number[];
}

const CARTPOLE_REGISTRY_ID = 'classic/cartpole';

function fail(message: string): never {
  throw new Error(`offline world: ${message}`);
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}...` : value);
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'an array' : 'an object';
  return String(value);
}

/** The gridworld presets a learner can act in: those with a choice of actions (not the Markov processes). */
export function offlineGridPresetIds(): string[] {
  return Object.values(GRIDWORLD_PRESETS)
    .filter((preset) => preset.spec.mode === 'mdp')
    .map((preset) => preset.id);
}

function gridWorld(spec: GridworldSpec, name: string, title: string): OfflineWorld {
  const model = makeGridworld(spec).model;
  if (model.nA < 2) fail(`${show(name)} is a Markov process without actions; a learner needs a world with a choice of moves`);
  return {
    kind: 'gridworld',
    name,
    title,
    registryId: null,
    input: { kind: 'one-hot', size: model.nS },
    nActions: model.nA,
    grid: { spec, model },
    // The plain gridworld: observations are cell indices, which the one-hot input reads.
    makeEnv: () => makeGridworld(model) as unknown as Env<unknown, Observation, number>,
    frameOf: (state) => gridCellOf(state),
  };
}

function registryWorld(id: string, kind: 'cartpole' | 'arcade', name: string): OfflineWorld {
  const entry = getWorld(id)!;
  const probe = entry.create() as Env<unknown, Observation, number>;
  if (probe.actionSpace.kind !== 'discrete') fail(`${id} has continuous actions; the offline learners choose among discrete ones`);
  return {
    kind,
    name,
    title: entry.title ?? id,
    registryId: id,
    input: inputSpecOfSpace(probe.observationSpace),
    nActions: probe.actionSpace.n,
    grid: null,
    makeEnv: () => entry.create() as Env<unknown, Observation, number>,
    frameOf: (_state, observation) => (typeof observation === 'number' ? observation : Array.from(observation)),
  };
}

/** Checks a world name or spec and resolves it; one message naming what is accepted otherwise. */
export function resolveOfflineWorld(world: unknown): OfflineWorld {
  if (typeof world === 'string') {
    if (world === 'cartpole' || world === CARTPOLE_REGISTRY_ID) return registryWorld(CARTPOLE_REGISTRY_ID, 'cartpole', 'cartpole');
    if (world.startsWith('arcade/')) {
      if (getWorld(world)?.family !== 'arcade') fail(`unknown arcade game ${show(world)}; the games are ${listWorlds('arcade').map((w) => w.id).join(', ')}`);
      return registryWorld(world, 'arcade', world);
    }
    const id = world.startsWith('gridworld/') ? world.slice('gridworld/'.length) : world;
    const preset = Object.hasOwn(GRIDWORLD_PRESETS, id) ? GRIDWORLD_PRESETS[id] : undefined;
    if (!preset) {
      fail(`unknown world ${show(world)}; a world is a gridworld preset (${offlineGridPresetIds().join(', ')}), a gridworld spec, 'cartpole' or an arcade game (${listWorlds('arcade').map((w) => w.id).join(', ')})`);
    }
    return gridWorld(preset.spec, preset.id, preset.title);
  }
  if (typeof world !== 'object' || world === null || Array.isArray(world)) {
    fail(`a world is a gridworld preset id, a gridworld spec, 'cartpole' or an arcade game id, got ${show(world)}`);
  }
  const parsed = parseGridworldSpec(world);
  if (!parsed.ok) fail(`the gridworld spec is not valid: ${parsed.error}`);
  return gridWorld(parsed.spec, parsed.spec.name, parsed.spec.name);
}

/**
 * Whether a dataset was recorded in `world`: the same world name, input and action count.
 * Throws one message naming the first difference.
 */
export function checkDatasetWorld(dataset: Dataset, world: OfflineWorld): void {
  if (dataset.world !== world.name) fail(`the dataset was recorded in ${show(dataset.world)}, but the world to act in is ${show(world.name)}`);
  if (JSON.stringify(dataset.input) !== JSON.stringify(world.input)) {
    fail(`the dataset's input ${JSON.stringify(dataset.input)} is not what ${show(world.name)} shows, ${JSON.stringify(world.input)}`);
  }
  if (dataset.nActions !== world.nActions) fail(`the dataset has ${dataset.nActions} actions, but ${show(world.name)} has ${world.nActions}`);
}
