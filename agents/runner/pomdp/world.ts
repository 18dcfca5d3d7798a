/**
 * The world of a POMDP run, from the plain data a page or a test sends: a POMDP preset (fig 19.4,
 * with its own window), or any gridworld (a preset id or a whole spec) seen through a window the
 * run chooses. Both the training worker's session and the page's own game resolve the world here,
 * so they step the same model with the same observation function.
 *
 * World forms (`PomdpWorldInput`):
 * - 'fig-19-4': a POMDP preset's id (environments/pomdp/presets.ts);
 * - { gridworld: 'fig-19-10', observation: { radius: 1, ... } }: a gridworld preset's id;
 * - { gridworld: <GridworldSpec>, observation: {...} }: any spec that passes the validator.
 * Only MDP worlds (four actions): in a Markov process the penguin has no choice to learn.
 *
 * Aliased cells, for the page to mark: the preset's own list, else the cells that look the same
 * as another cell (the same noiseless view) whose best actions with the full state are all
 * different from theirs (the aliasing that costs a memoryless policy something). Above
 * ALIASING_ANALYSIS_CELLS cells the best actions are not computed and every cell that shares its
 * view is listed.
 *
 * Pure data and pure functions: no tfjs, so the page's bundle can resolve worlds too.
 */
import { GRIDWORLD_PRESETS, buildModel, parseGridworldSpec, type GridModel, type GridworldSpec } from '../../../environments/gridworld';
import { fullStateOptimalValues } from '../../../environments/pomdp/memoryless';
import { pomdpObserver, resolvePomdpObservationConfig, type PomdpObserver, type PomdpObservationConfig, type ResolvedPomdpObservationConfig } from '../../../environments/pomdp/observation';
import { POMDP_PRESETS } from '../../../environments/pomdp/presets';

/** A gridworld named by preset id or given whole, with the window the penguin sees it through. */
export interface PomdpGridworldInput {
  readonly gridworld: string | GridworldSpec;
  readonly observation?: PomdpObservationConfig;
}

export type PomdpWorldInput = string | PomdpGridworldInput;

export interface PomdpWorld {
  /** 'fig-19-4' for a POMDP preset, 'gridworld/<id>' for a gridworld preset, 'custom' for a spec. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The validated spec (defaults filled in). */
  readonly spec: GridworldSpec;
  readonly model: GridModel;
  readonly observation: ResolvedPomdpObservationConfig;
  readonly observer: PomdpObserver;
  /** Cells to mark as aliased (see the file's comment), ascending. */
  readonly aliasedCells: readonly number[];
}

/** Above this many cells the full-state best actions behind `aliasedCells` are not computed. */
export const ALIASING_ANALYSIS_CELLS = 100;

const WORLD_KEYS = ['gridworld', 'observation'];

/** The POMDP preset ids, then the gridworld presets a window can be put on (MDPs only). */
export function pomdpWorldChoices(): { readonly pomdp: readonly string[]; readonly gridworlds: readonly string[] } {
  return {
    pomdp: Object.keys(POMDP_PRESETS),
    gridworlds: Object.values(GRIDWORLD_PRESETS)
      .filter((preset) => preset.spec.mode === 'mdp')
      .map((preset) => preset.id),
  };
}

/** Resolves a world; throws one precise message naming the field at fault. */
export function resolvePomdpWorld(input: unknown): PomdpWorld {
  if (typeof input === 'string') {
    const preset = Object.hasOwn(POMDP_PRESETS, input) ? POMDP_PRESETS[input] : undefined;
    if (!preset) {
      throw new Error(`pomdp world: unknown POMDP preset '${input.slice(0, 60)}'; presets are ${Object.keys(POMDP_PRESETS).join(', ')} (or give { gridworld, observation })`);
    }
    const model = buildModel(preset.spec);
    const observer = pomdpObserver(model, preset.observation);
    return Object.freeze({
      id: preset.id,
      title: preset.title,
      description: preset.description,
      spec: model.spec,
      model,
      observation: observer.config,
      observer,
      aliasedCells: Object.freeze([...preset.aliasedCells].sort((a, b) => a - b)),
    });
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error(`pomdp world must be a POMDP preset id or { gridworld, observation }, got ${input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input}`);
  }
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!WORLD_KEYS.includes(key)) throw new Error(`pomdp world: unknown field '${key.slice(0, 40)}'; fields are ${WORLD_KEYS.join(', ')}`);
  }
  const { id, title, description, spec } = gridworldOf(raw.gridworld);
  if (spec.mode !== 'mdp') throw new Error(`pomdp world: gridworld '${title}' is a ${spec.mode}, with no actions to choose; pick an MDP`);
  const observation = resolveObservation(raw.observation);
  const model = buildModel(spec);
  const observer = pomdpObserver(model, observation);
  return Object.freeze({ id, title, description, spec: model.spec, model, observation: observer.config, observer, aliasedCells: Object.freeze(costlyAliasing(observer)) });
}

function gridworldOf(value: unknown): { id: string; title: string; description: string; spec: GridworldSpec } {
  if (typeof value === 'string') {
    const preset = Object.hasOwn(GRIDWORLD_PRESETS, value) ? GRIDWORLD_PRESETS[value] : undefined;
    if (!preset) throw new Error(`pomdp world: unknown gridworld preset '${value.slice(0, 60)}'; presets are ${Object.keys(GRIDWORLD_PRESETS).join(', ')}`);
    return { id: `gridworld/${preset.id}`, title: preset.title, description: preset.description, spec: preset.spec };
  }
  if (value === undefined) throw new Error('pomdp world: gridworld is missing (a gridworld preset id or a spec)');
  const parsed = parseGridworldSpec(value);
  if (!parsed.ok) throw new Error(`pomdp world: gridworld: ${parsed.error}`);
  return { id: 'custom', title: parsed.spec.name, description: 'A gridworld of your own, seen through a window.', spec: parsed.spec };
}

function resolveObservation(value: unknown): ResolvedPomdpObservationConfig {
  try {
    return resolvePomdpObservationConfig(value ?? {});
  } catch (error) {
    throw new Error(`pomdp world: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Cells that share their noiseless view with another cell whose full-state best actions are all
 * different; on big worlds, every cell that shares its view (see the file's comment).
 */
function costlyAliasing(observer: PomdpObserver): number[] {
  const { model, cellsOfId } = observer;
  const shared = cellsOfId.filter((cells) => cells.length > 1);
  if (model.nS > ALIASING_ANALYSIS_CELLS || !(model.spec.gamma < 1)) return shared.flat().sort((a, b) => a - b);
  const gamma = model.spec.gamma;
  const values = fullStateOptimalValues(model, gamma);
  const best = (s: number): number[] => {
    const q = Array.from({ length: model.nA }, (_, a) => model.r(s, a) + (model.terminal(s) ? 0 : gamma * model.P(s, a).reduce((sum, t) => sum + t.prob * values[t.next], 0)));
    const top = Math.max(...q);
    return q.flatMap((value, a) => (value >= top - 1e-9 ? [a] : []));
  };
  const marked = new Set<number>();
  for (const cells of shared) {
    const live = cells.filter((s) => !model.terminal(s));
    const actions = live.map(best);
    for (let i = 0; i < live.length; i++) {
      for (let j = i + 1; j < live.length; j++) {
        if (!actions[i].some((a) => actions[j].includes(a))) {
          marked.add(live[i]);
          marked.add(live[j]);
        }
      }
    }
  }
  return [...marked].sort((a, b) => a - b);
}
