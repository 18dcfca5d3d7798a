/**
 * `--env`: a preset id (`fig-19-10`, or its registry id `gridworld/fig-19-10`) or the path of a
 * gridworld spec JSON file. Presets come from the world registry, the one list the pages, the
 * CLI and the benchmarks share; spec files pass the same validator as the editor and URLs.
 */
import { statSync } from 'node:fs';
import { readTextFile } from './files';
import { buildModel, getWorld, listWorlds, parseGridworldSpec, type GridModel, type GridworldSpec, type TabularModel } from '../../environments';
import { UsageError } from './args';

export interface LoadedEnv {
  /** The registry id (`gridworld/fig-19-10`) or the file path as given. */
  readonly id: string;
  readonly spec: GridworldSpec;
  readonly model: GridModel;
}

const PREFIX = 'gridworld/';

/** Short ids of every gridworld preset in registration order: `fig-19-10`, ... */
export function presetIds(): string[] {
  return listWorlds('gridworld').map((world) => world.id.slice(PREFIX.length));
}

function isGridModel(model: TabularModel): model is GridModel {
  return typeof (model as Partial<GridModel>).outcomes === 'function' && typeof (model as Partial<GridModel>).spec === 'object';
}

function fromRegistry(id: string): LoadedEnv | undefined {
  const world = getWorld(id);
  if (world === undefined) return undefined;
  const model = world.model?.();
  if (model === undefined || !isGridModel(model)) throw new UsageError(`world '${id}' has no gridworld model; these commands need a gridworld`);
  return { id, spec: model.spec, model };
}

function fromFile(path: string): LoadedEnv {
  const text = readTextFile(path, 'spec file');
  const parsed = parseGridworldSpec(text);
  if (!parsed.ok) throw new UsageError(`spec file '${path}': ${parsed.error}`);
  return { id: path, spec: parsed.spec, model: buildModel(parsed.spec) };
}

/** Whether `text` reads as a file path rather than a preset name. */
function looksLikePath(text: string): boolean {
  return text.endsWith('.json') || text.includes('/') || text.includes('\\') || text.startsWith('.');
}

function pathExists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

export function loadEnv(arg: string): LoadedEnv {
  const preset = fromRegistry(arg.startsWith(PREFIX) ? arg : PREFIX + arg);
  if (preset !== undefined) return preset;
  if (pathExists(arg) || (looksLikePath(arg) && !arg.startsWith(PREFIX))) return fromFile(arg);
  throw new UsageError(`unknown env '${arg}'; presets are ${presetIds().join(', ')} (or give the path of a gridworld spec .json file)`);
}
