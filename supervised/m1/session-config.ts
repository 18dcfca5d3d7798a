/**
 * Checks a functions-page ModuleRunConfig (session-types.ts) and fills in its defaults, with one
 * precise message naming the field for anything wrong: `functions: world.points must be ...`.
 */
import type { ModuleRunConfig } from '../../agents/runner/worker-session';
import { resolveOptimiserConfig, type ResolvedOptimiserConfig } from '../core';
import { DEFAULT_HEAD_SETTINGS, isHeadId, HEAD_IDS, MAX_KAPPA, type HeadId, type HeadSettings } from './heads';
import { LINEAR_START } from './linear-regression';
import { DEFAULT_LAB_POINTS, MAX_LAB_POINTS } from './loss-lab-data';
import {
  DEFAULT_HIDDEN_UNITS,
  DEFAULT_LAB_OPTIMISER,
  DEFAULT_LINEAR_OPTIMISER,
  FUNCTIONS_MODULE,
  FUNCTIONS_TASKS,
  MAX_HIDDEN_UNITS,
  type FunctionsTask,
} from './session-types';

export const MAX_LINEAR_STEPS = 100_000;

export function fail(message: string): never {
  throw new Error(`functions: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function onlyFields(record: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(record)) {
    if (!allowed.includes(key)) fail(`${where} has an unknown field ${show(key)}; it has ${allowed.join(', ')}`);
  }
}

function wholeNumber(value: unknown, fallback: number, min: number, max: number, where: string): number {
  if (value === undefined) return fallback;
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)) fail(`${where} must be a whole number from ${min} to ${max.toLocaleString('en')}, got ${show(value)}`);
  return value;
}

function positiveNumber(value: unknown, fallback: number, max: number, where: string): number {
  if (value === undefined) return fallback;
  if (!(typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= max)) fail(`${where} must be a number in (0, ${max}], got ${show(value)}`);
  return value;
}

function optimiser(value: unknown, fallback: unknown, where: string): ResolvedOptimiserConfig {
  try {
    return resolveOptimiserConfig(value ?? fallback);
  } catch (error) {
    fail(`${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

interface CommonConfig {
  readonly task: FunctionsTask;
  readonly world: Record<string, unknown>;
  readonly options: Record<string, unknown>;
  readonly seed: number;
}

function checkCommon(config: ModuleRunConfig): CommonConfig {
  if (!isRecord(config)) fail('the config must be { module, world, agent, options, seed }');
  if (config.module !== FUNCTIONS_MODULE) fail(`module must be '${FUNCTIONS_MODULE}', got ${show(config.module)}`);
  if (!FUNCTIONS_TASKS.includes(config.agent as FunctionsTask)) fail(`agent must be ${FUNCTIONS_TASKS.map((t) => `'${t}'`).join(' or ')}, got ${show(config.agent)}`);
  if (!(typeof config.seed === 'number' && Number.isInteger(config.seed) && config.seed >= 0 && config.seed <= 2 ** 31 - 1)) {
    fail(`seed must be a whole number from 0 to ${2 ** 31 - 1}, got ${show(config.seed)}`);
  }
  if (!isRecord(config.world)) fail(`world must be an object, got ${show(config.world)}`);
  if (!isRecord(config.options)) fail(`options must be an object, got ${show(config.options)}`);
  return { task: config.agent as FunctionsTask, world: config.world, options: config.options, seed: config.seed };
}

export interface LinearRegressionConfig {
  readonly start: readonly [number, number];
  readonly optimiser: ResolvedOptimiserConfig;
  readonly maxSteps: number;
  readonly tolerance: number;
}

export function checkLinearRegressionConfig(config: ModuleRunConfig): LinearRegressionConfig {
  const { task, world, options } = checkCommon(config);
  if (task !== 'linear-regression') fail(`agent must be 'linear-regression' here, got ${show(task)}`);
  onlyFields(world, ['start'], 'world');
  onlyFields(options, ['optimiser', 'maxSteps', 'tolerance'], 'options');
  const start = world.start ?? LINEAR_START;
  if (!(Array.isArray(start) && start.length === 2 && start.every((v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 1e6))) {
    fail(`world.start must be [phi0, phi1], two finite numbers of size at most 1e6, got ${show(start)}`);
  }
  return {
    start: [start[0], start[1]],
    optimiser: optimiser(options.optimiser, DEFAULT_LINEAR_OPTIMISER, 'options.optimiser'),
    maxSteps: wholeNumber(options.maxSteps, 2000, 1, MAX_LINEAR_STEPS, 'options.maxSteps'),
    tolerance: positiveNumber(options.tolerance, 1e-6, 1, 'options.tolerance'),
  };
}

export interface LossLabConfig {
  readonly head: HeadId;
  readonly points: number;
  readonly settings: HeadSettings;
  readonly hidden: number;
  readonly optimiser: ResolvedOptimiserConfig;
  readonly seed: number;
}

export function checkLossLabConfig(config: ModuleRunConfig): LossLabConfig {
  const { task, world, options, seed } = checkCommon(config);
  if (task !== 'loss-lab') fail(`agent must be 'loss-lab' here, got ${show(task)}`);
  onlyFields(world, ['head', 'points', 'sigma', 'kappa'], 'world');
  onlyFields(options, ['hidden', 'optimiser'], 'options');
  if (!isHeadId(world.head)) fail(`world.head must be one of ${HEAD_IDS.join(', ')}, got ${show(world.head)}`);
  return {
    head: world.head,
    points: wholeNumber(world.points, DEFAULT_LAB_POINTS, 2, MAX_LAB_POINTS, 'world.points'),
    settings: {
      sigma: positiveNumber(world.sigma, DEFAULT_HEAD_SETTINGS.sigma, 100, 'world.sigma'),
      kappa: positiveNumber(world.kappa, DEFAULT_HEAD_SETTINGS.kappa, MAX_KAPPA, 'world.kappa'),
    },
    hidden: wholeNumber(options.hidden, DEFAULT_HIDDEN_UNITS, 1, MAX_HIDDEN_UNITS, 'options.hidden'),
    optimiser: optimiser(options.optimiser, DEFAULT_LAB_OPTIMISER, 'options.optimiser'),
    seed,
  };
}

/** Which task a config asks for (after the common checks). */
export function taskOf(config: ModuleRunConfig): FunctionsTask {
  return checkCommon(config).task;
}
