/**
 * Checks an optimisation-page ModuleRunConfig (session-types.ts) and fills in its defaults, with
 * one precise message naming the field for anything wrong:
 * `optimisation: world.start must be [phi0, phi1] with finite numbers, got [1]`.
 *
 * The race's racers are checked by OptimiserRace itself (supervised/m2/optimiser-race.ts), whose
 * messages name the racer and its field; they come out under `options.` here.
 */
import type { ModuleRunConfig } from '../../agents/runner/worker-session';
import { BACKPROP_TOY_INPUTS } from '../data/book-data';
import type { BackpropToyInputs } from '../m2/backprop-toy';
import { FIG_7_7_WEIGHT_VARIANCES } from '../m2/initialisation';
import { LANDSCAPE_IDS, type LandscapeId } from '../m2/landscapes';
import type { RaceConfig, RacerConfig } from '../m2/optimiser-race';
import {
  DEFAULT_RACE_STEPS,
  MAX_RACE_STEPS,
  MAX_WEIGHT_VARIANCES,
  OPTIMISATION_MODULE,
  OPTIMISATION_TASKS,
  type OptimisationTask,
} from './session-types';

export function fail(message: string): never {
  throw new Error(`optimisation: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function onlyFields(record: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) fail(`${where} has an unknown field ${show(key)}; ${allowed.length > 0 ? `it has ${allowed.join(', ')}` : 'it has none'}`);
  }
}

function wholeNumber(value: unknown, fallback: number, min: number, max: number, where: string): number {
  if (value === undefined) return fallback;
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)) fail(`${where} must be a whole number from ${min} to ${max.toLocaleString('en')}, got ${show(value)}`);
  return value;
}

function finiteNumber(value: unknown, fallback: number, where: string): number {
  if (value === undefined) return fallback;
  if (!(typeof value === 'number' && Number.isFinite(value))) fail(`${where} must be a finite number, got ${show(value)}`);
  return value;
}

function point(value: unknown, fallback: readonly [number, number] | undefined, where: string): [number, number] {
  if (value === undefined && fallback !== undefined) return [fallback[0], fallback[1]];
  if (!(Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number' && Number.isFinite(v)))) {
    fail(`${where} must be [phi0, phi1] with finite numbers, got ${show(value)}`);
  }
  return [value[0], value[1]];
}

interface CommonConfig {
  readonly task: OptimisationTask;
  readonly world: Record<string, unknown>;
  readonly options: Record<string, unknown>;
  readonly seed: number;
}

function checkCommon(config: ModuleRunConfig): CommonConfig {
  if (!isRecord(config)) fail('the config must be { module, world, agent, options, seed }');
  if (config.module !== OPTIMISATION_MODULE) fail(`module must be '${OPTIMISATION_MODULE}', got ${show(config.module)}`);
  if (!OPTIMISATION_TASKS.includes(config.agent as OptimisationTask)) fail(`agent must be one of ${OPTIMISATION_TASKS.map((t) => `'${t}'`).join(', ')}, got ${show(config.agent)}`);
  if (!(typeof config.seed === 'number' && Number.isInteger(config.seed) && config.seed >= 0 && config.seed <= 2 ** 31 - 1)) {
    fail(`seed must be a whole number from 0 to ${2 ** 31 - 1}, got ${show(config.seed)}`);
  }
  if (!isRecord(config.world)) fail(`world must be an object, got ${show(config.world)}`);
  if (!isRecord(config.options)) fail(`options must be an object, got ${show(config.options)}`);
  return { task: config.agent as OptimisationTask, world: config.world, options: config.options, seed: config.seed };
}

/** The task a config names (after checking the fields every task shares). */
export function taskOf(config: ModuleRunConfig): OptimisationTask {
  return checkCommon(config).task;
}

function checkTask(config: ModuleRunConfig, task: OptimisationTask): CommonConfig {
  const common = checkCommon(config);
  if (common.task !== task) fail(`this session runs agent '${task}', got '${common.task}'`);
  return common;
}

export interface CheckedRaceConfig {
  readonly race: RaceConfig;
  readonly budget: number;
}

export function checkRaceConfig(config: ModuleRunConfig): CheckedRaceConfig {
  const { world, options, seed } = checkTask(config, 'race');
  onlyFields(world, ['landscape', 'start'], 'world');
  onlyFields(options, ['racers', 'steps'], 'options');
  if (!LANDSCAPE_IDS.includes(world.landscape as LandscapeId)) fail(`world.landscape must be one of ${LANDSCAPE_IDS.map((l) => `'${l}'`).join(', ')}, got ${show(world.landscape)}`);
  const start = point(world.start, undefined, 'world.start');
  if (!Array.isArray(options.racers)) fail(`options.racers must be an array of racers { label, optimiser, batchSize?, maxSteps? }, got ${show(options.racers)}`);
  const budget = wholeNumber(options.steps, DEFAULT_RACE_STEPS, 1, MAX_RACE_STEPS, 'options.steps');
  return { race: { landscape: world.landscape as LandscapeId, start, racers: options.racers as RacerConfig[], seed }, budget };
}

export function checkBackpropConfig(config: ModuleRunConfig): BackpropToyInputs {
  const { world, options } = checkTask(config, 'backprop');
  onlyFields(world, ['beta', 'omega', 'x', 'y'], 'world');
  onlyFields(options, [], 'options');
  const four = (name: 'beta' | 'omega'): number[] => {
    const value = world[name];
    if (value === undefined) return BACKPROP_TOY_INPUTS[name].slice();
    if (!(Array.isArray(value) && value.length === 4)) fail(`world.${name} must be an array of 4 numbers, got ${show(value)}`);
    return value.map((v, k) => {
      if (!(typeof v === 'number' && Number.isFinite(v))) fail(`world.${name}[${k}] must be a finite number, got ${show(v)}`);
      return v;
    });
  };
  return { beta: four('beta'), omega: four('omega'), x: finiteNumber(world.x, BACKPROP_TOY_INPUTS.x, 'world.x'), y: finiteNumber(world.y, BACKPROP_TOY_INPUTS.y, 'world.y') };
}

export interface CheckedInitialisationConfig {
  readonly weightVariances: number[];
  readonly layers: number;
  readonly width: number;
  readonly inputSize: number;
  readonly batch: number;
  readonly seed: number;
}

export function checkWeightVariance(value: unknown, where: string): number {
  if (!(typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 100)) fail(`${where} must be a number in (0, 100], got ${show(value)}`);
  return value;
}

export function checkInitialisationConfig(config: ModuleRunConfig): CheckedInitialisationConfig {
  const { world, options, seed } = checkTask(config, 'initialisation');
  onlyFields(world, ['weightVariances', 'layers', 'width', 'inputSize', 'batch'], 'world');
  onlyFields(options, [], 'options');
  let weightVariances: number[] = FIG_7_7_WEIGHT_VARIANCES.slice();
  if (world.weightVariances !== undefined) {
    const values = world.weightVariances;
    if (!(Array.isArray(values) && values.length >= 1 && values.length <= MAX_WEIGHT_VARIANCES)) {
      fail(`world.weightVariances must be an array of 1 to ${MAX_WEIGHT_VARIANCES} numbers, got ${show(values)}`);
    }
    weightVariances = values.map((v, k) => checkWeightVariance(v, `world.weightVariances[${k}]`));
  }
  return {
    weightVariances,
    layers: wholeNumber(world.layers, 50, 1, 200, 'world.layers'),
    width: wholeNumber(world.width, 100, 1, 400, 'world.width'),
    inputSize: wholeNumber(world.inputSize, 100, 1, 400, 'world.inputSize'),
    batch: wholeNumber(world.batch, 100, 1, 1000, 'world.batch'),
    seed,
  };
}
