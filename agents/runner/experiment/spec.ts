/**
 * The experiment file of the compare feature (issue 6): one world, 2 to 6 agent configurations,
 * the seeds every configuration runs, the steps of each run and the curve's resolution. Plain
 * JSON, so it goes to a worker, into a file, into IndexedDB and into a URL unchanged.
 *
 * ```json
 * { "format": "floe-experiment", "version": 1, "name": "cliff",
 *   "world": { "kind": "gridworld", "preset": "cliff-walk" },
 *   "configs": [ { "label": "Q-learning", "agent": "q-learning", "options": { "alpha": 0.5 } },
 *                { "label": "SARSA", "agent": "sarsa", "options": { "alpha": 0.5 } } ],
 *   "seeds": 5, "steps": 20000, "points": 100, "threshold": -30 }
 * ```
 *
 * - world: `{kind: 'gridworld', preset: id}` (a GRIDWORLD_PRESETS id), `{kind: 'gridworld',
 *   spec}` (a gridworld spec, checked by parseGridworldSpec), `{kind: 'cartpole'}` or
 *   `{kind: 'arcade', id}` ('breakout' or 'arcade/breakout'). Tabular agents need a gridworld.
 * - configs: 2 to 6 of `{label, agent, options?}`: a tabular learner (agents/tabular/registry.ts,
 *   planning methods excluded: they learn nothing from steps) or a deep agent
 *   (agents/deep/catalogue.ts). Options are the agent's own (its field table checks them; deep
 *   list fields such as dqn's `hidden` as "64,64" or [64, 64]); unset ones take the agent's
 *   defaults, and gamma the gridworld's own, as in every session. Labels are distinct.
 * - seeds: a count n (default 5: seeds 0 to n-1) or an explicit list of distinct integers in
 *   [0, 2^31 - 1] (deep agents seed their initial weights with it). Run (config c, seed k) uses
 *   master seed seeds[k] for every c: common random numbers.
 * - steps: environment steps of every run; points (default 100, at most steps): buckets of the
 *   learning curve; threshold (optional): the return that counts as "reached" in the results.
 *
 * Validation never throws: `parseExperiment` answers `{ok: false, error}` with one precise line
 * naming the first problem (`experiment: configs[2].agent 'sarsaa' is not an agent; agents are
 * ...`). Unknown keys, and `__proto__`, `constructor` and `prototype` anywhere, are refused.
 *
 * This module imports no tfjs (only the deep agents' catalogue), so a page's form can use it.
 */
import { ARCADE_WORLD_IDS, isArcadeWorldId, type ArcadeWorldId } from '../../../environments/arcade/register';
import { GRIDWORLD_PRESETS, parseGridworldSpec, type GridworldSpec } from '../../../environments/gridworld';
import { DEEP_AGENT_NAMES, isDeepAgentName, resolvePageOptions, type DeepAgentName } from '../../deep/catalogue';
import { resolveConfig, type ConfigValue, type FieldSpecs } from '../../tabular/config';
import { getTabularAgent, isTabularAgentName, TABULAR_AGENT_NAMES } from '../../tabular/registry';

export const EXPERIMENT_FORMAT = 'floe-experiment';
export const EXPERIMENT_VERSION = 1;
export const MIN_CONFIGS = 2;
export const MAX_CONFIGS = 6;
export const DEFAULT_SEEDS = 5;
export const MAX_SEEDS = 100;
export const DEFAULT_POINTS = 100;
export const MAX_POINTS = 1000;
export const MAX_STEPS = 100_000_000;
export const MAX_LABEL_LENGTH = 80;
/** The largest seed: deep agents' weight initialisers take seeds up to 2^31 - 1. */
export const MAX_SEED = 2 ** 31 - 1;
/** Text longer than this is refused before JSON.parse (a gridworld spec is a few kB). */
export const MAX_EXPERIMENT_CHARS = 1_000_000;

export type ExperimentWorld =
  | { readonly kind: 'gridworld'; readonly preset: string }
  | { readonly kind: 'gridworld'; readonly spec: GridworldSpec }
  | { readonly kind: 'cartpole' }
  | { readonly kind: 'arcade'; readonly id: ArcadeWorldId };

export type AgentOptionValue = number | string | boolean | readonly number[];

export interface ExperimentConfig {
  /** Shown in the legend and the results table; distinct within an experiment. */
  readonly label: string;
  /** A tabular learner or a deep agent name. */
  readonly agent: string;
  /** The agent's options as given (only the keys set); checked by the agent's field table. */
  readonly options: Readonly<Record<string, AgentOptionValue>>;
}

/** A checked experiment, with every default filled in: valid input to parseExperiment again. */
export interface Experiment {
  readonly format: typeof EXPERIMENT_FORMAT;
  readonly version: typeof EXPERIMENT_VERSION;
  readonly name?: string;
  readonly world: ExperimentWorld;
  readonly configs: readonly ExperimentConfig[];
  /** The master seeds, one per run of each configuration (a count in the file becomes 0..n-1). */
  readonly seeds: readonly number[];
  readonly steps: number;
  readonly points: number;
  readonly threshold?: number;
}

export type ExperimentParse = { readonly ok: true; readonly experiment: Experiment } | { readonly ok: false; readonly error: string };

const TOP_KEYS = ['format', 'version', 'name', 'world', 'configs', 'seeds', 'steps', 'points', 'threshold'] as const;
const CONFIG_KEYS = ['label', 'agent', 'options'] as const;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The learners a compare runs: tabular learners (not planning methods), then the deep agents. */
export const TABULAR_LEARNER_NAMES = TABULAR_AGENT_NAMES.filter((name) => getTabularAgent(name).kind === 'learner');
export const EXPERIMENT_AGENT_NAMES: readonly string[] = [...TABULAR_LEARNER_NAMES, ...DEEP_AGENT_NAMES];

/** Thrown inside this module only, to stop at the first problem; never escapes it. */
class ExperimentError extends Error {}

function fail(message: string): never {
  throw new ExperimentError(`experiment: ${message}`);
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}...` : value}'`;
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function plainObject(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(`${where} must be an object, got ${show(value)}`);
  return value as Record<string, unknown>;
}

/** Refuses forbidden keys first (they could pollute prototypes), then keys not in `known`. */
function checkKeys(object: Record<string, unknown>, known: readonly string[], where: string): void {
  for (const key of Object.keys(object)) {
    if (FORBIDDEN_KEYS.has(key)) fail(`${where} has the forbidden key '${key}'`);
  }
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) fail(`${where} has an unknown key '${key}'; keys are ${known.join(', ')}`);
  }
}

/** An own key with a value (undefined, as code-built objects have it, counts as absent). */
function has(object: Record<string, unknown>, key: string): boolean {
  return Object.hasOwn(object, key) && object[key] !== undefined;
}

function integerIn(value: unknown, where: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`${where} must be an integer from ${min} to ${max}, got ${show(value)}`);
  }
  return value;
}

function readWorld(raw: unknown): ExperimentWorld {
  const world = plainObject(raw, 'world');
  for (const key of Object.keys(world)) if (FORBIDDEN_KEYS.has(key)) fail(`world has the forbidden key '${key}'`);
  const kind = world.kind;
  if (kind === 'cartpole') {
    checkKeys(world, ['kind'], 'world');
    return { kind: 'cartpole' };
  }
  if (kind === 'arcade') {
    checkKeys(world, ['kind', 'id'], 'world');
    const id = world.id;
    const full = typeof id === 'string' ? (id.startsWith('arcade/') ? id : `arcade/${id}`) : undefined;
    if (full === undefined || !isArcadeWorldId(full)) {
      fail(`world.id ${show(id)} is not an arcade game; games are ${ARCADE_WORLD_IDS.map((g) => g.slice('arcade/'.length)).join(', ')}`);
    }
    return { kind: 'arcade', id: full };
  }
  if (kind === 'gridworld') {
    checkKeys(world, ['kind', 'preset', 'spec'], 'world');
    if (has(world, 'preset') === has(world, 'spec')) fail("a gridworld world needs exactly one of 'preset' (a preset id) and 'spec' (a gridworld spec)");
    if (has(world, 'preset')) {
      const preset = world.preset;
      const id = typeof preset === 'string' && preset.startsWith('gridworld/') ? preset.slice('gridworld/'.length) : preset;
      if (typeof id !== 'string' || !Object.hasOwn(GRIDWORLD_PRESETS, id)) {
        fail(`world.preset ${show(preset)} is not a gridworld preset; presets are ${Object.keys(GRIDWORLD_PRESETS).join(', ')}`);
      }
      return { kind: 'gridworld', preset: id };
    }
    const parsed = parseGridworldSpec(world.spec);
    if (!parsed.ok) fail(`world.spec: ${parsed.error}`);
    if (parsed.spec.mode !== 'mdp') fail(`world.spec '${parsed.spec.name}' is a ${parsed.spec.mode}: the penguin has no choices to learn; agents need a decision process (mode 'mdp')`);
    return { kind: 'gridworld', spec: parsed.spec };
  }
  fail(`world.kind must be 'gridworld', 'cartpole' or 'arcade', got ${show(kind)}`);
}

function worldName(world: ExperimentWorld): string {
  if (world.kind === 'cartpole') return 'cartpole (a continuous state)';
  if (world.kind === 'arcade') return `${world.id} (binary planes, far too many states for a table)`;
  return 'a gridworld';
}

/** The options object of a config, each value checked by the agent's own field table. */
function readOptions(raw: unknown, agent: string, where: string): Record<string, AgentOptionValue> {
  if (raw === undefined) return {};
  const options = plainObject(raw, where);
  for (const key of Object.keys(options)) if (FORBIDDEN_KEYS.has(key)) fail(`${where} has the forbidden key '${key}'`);
  const copy: Record<string, AgentOptionValue> = {};
  for (const [key, value] of Object.entries(options)) {
    const isNumberList = Array.isArray(value) && value.every((v) => typeof v === 'number');
    if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean' && !isNumberList) {
      fail(`${where}.${key} must be a number, a string or true/false, got ${show(value)}`);
    }
    copy[key] = isNumberList ? [...(value as number[])] : (value as number | string | boolean);
  }
  try {
    if (isDeepAgentName(agent)) {
      resolvePageOptions(agent, deepPageOptions(copy));
    } else {
      const entry = getTabularAgent(agent);
      const fields = entry.fields as FieldSpecs<Record<string, ConfigValue>>;
      for (const [key, value] of Object.entries(copy)) {
        // Own keys only: `toString` is in every object, but it is no option.
        if (!Object.hasOwn(fields, key)) fail(`${where}: unknown option '${key}' for ${agent}; options are ${Object.keys(fields).join(', ')}`);
        if (Array.isArray(value)) fail(`${where}.${key} must be a number, a string or true/false, got a list`);
      }
      resolveConfig(agent, fields, entry.defaults as Record<string, ConfigValue>, copy as Record<string, ConfigValue>);
    }
  } catch (error) {
    if (error instanceof ExperimentError) throw error;
    fail(`${where}: ${(error as Error).message}`);
  }
  return copy;
}

/** Deep list fields may be written [64, 64] in the file; the catalogue reads them as "64,64". */
export function deepPageOptions(options: Readonly<Record<string, AgentOptionValue>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).map(([key, value]) => [key, Array.isArray(value) ? value.join(',') : value]));
}

function readConfig(raw: unknown, index: number, world: ExperimentWorld): ExperimentConfig {
  const where = `configs[${index}]`;
  const config = plainObject(raw, where);
  checkKeys(config, CONFIG_KEYS, where);
  const label = config.label;
  if (typeof label !== 'string' || label.trim() === '') fail(`${where}.label must be a non-empty string, got ${show(label)}`);
  if (label.length > MAX_LABEL_LENGTH) fail(`${where}.label has ${label.length} characters, at most ${MAX_LABEL_LENGTH}`);
  const agent = config.agent;
  const agents = EXPERIMENT_AGENT_NAMES.join(', ');
  if (typeof agent !== 'string') fail(`${where}.agent must be an agent name, got ${show(agent)}; agents are ${agents}`);
  if (isTabularAgentName(agent) && getTabularAgent(agent).kind === 'dp') {
    fail(`${where}.agent '${agent}' is a planning method that learns nothing from steps; agents are ${agents}`);
  }
  if (!isTabularAgentName(agent) && !isDeepAgentName(agent)) fail(`${where}.agent ${show(agent)} is not an agent; agents are ${agents}`);
  if (isTabularAgentName(agent) && world.kind !== 'gridworld') {
    fail(`${where}.agent '${agent}' is tabular and needs a gridworld, not ${worldName(world)}; use a deep agent: ${DEEP_AGENT_NAMES.join(', ')}`);
  }
  return { label, agent, options: readOptions(config.options, agent, `${where}.options`) };
}

function readSeeds(raw: unknown): number[] {
  if (raw === undefined) return Array.from({ length: DEFAULT_SEEDS }, (_, k) => k);
  if (typeof raw === 'number') {
    const count = integerIn(raw, 'seeds (a count)', 1, MAX_SEEDS);
    return Array.from({ length: count }, (_, k) => k);
  }
  if (!Array.isArray(raw)) fail(`seeds must be a count or a list of integers, got ${show(raw)}`);
  if (raw.length < 1 || raw.length > MAX_SEEDS) fail(`seeds has ${raw.length} entries, expected 1 to ${MAX_SEEDS}`);
  const seen = new Set<number>();
  return raw.map((seed, k) => {
    const value = integerIn(seed, `seeds[${k}]`, 0, MAX_SEED);
    if (seen.has(value)) fail(`seeds[${k}] repeats seed ${value}; every seed must be distinct`);
    seen.add(value);
    return value;
  });
}

function readExperiment(raw: unknown): Experiment {
  const top = plainObject(raw, 'the experiment');
  checkKeys(top, TOP_KEYS, 'the top level');
  if (top.format !== EXPERIMENT_FORMAT) fail(`format must be '${EXPERIMENT_FORMAT}', got ${show(top.format)}`);
  if (typeof top.version === 'number' && Number.isInteger(top.version) && top.version > EXPERIMENT_VERSION) {
    fail(`version ${top.version} was written by a newer Floe; this one reads version ${EXPERIMENT_VERSION}: open it with the newer Floe, or update this one`);
  }
  if (top.version !== EXPERIMENT_VERSION) fail(`version ${show(top.version)} is not supported; expected version ${EXPERIMENT_VERSION}`);
  let name: string | undefined;
  if (has(top, 'name')) {
    if (typeof top.name !== 'string') fail(`name must be a string, got ${show(top.name)}`);
    if (top.name.length > 200) fail(`name has ${top.name.length} characters, at most 200`);
    name = top.name;
  }
  if (!has(top, 'world')) fail('world is missing');
  const world = readWorld(top.world);
  if (!Array.isArray(top.configs)) fail(`configs must be a list of ${MIN_CONFIGS} to ${MAX_CONFIGS} configurations, got ${show(top.configs)}`);
  if (top.configs.length < MIN_CONFIGS || top.configs.length > MAX_CONFIGS) {
    fail(`configs has ${top.configs.length} configurations, expected ${MIN_CONFIGS} to ${MAX_CONFIGS}`);
  }
  const configs = top.configs.map((config, index) => readConfig(config, index, world));
  configs.forEach((config, index) => {
    const first = configs.findIndex((other) => other.label === config.label);
    if (first !== index) fail(`configs[${index}].label '${config.label}' is also the label of configs[${first}]; labels must be distinct`);
  });
  const seeds = readSeeds(top.seeds);
  if (!has(top, 'steps')) fail('steps is missing (environment steps of every run)');
  const steps = integerIn(top.steps, 'steps', 1, MAX_STEPS);
  const points = has(top, 'points') ? integerIn(top.points, 'points', 1, MAX_POINTS) : DEFAULT_POINTS;
  if (points > steps) fail(`points (${points}) must be at most steps (${steps}): every bucket of the curve needs a step`);
  let threshold: number | undefined;
  if (has(top, 'threshold')) {
    if (typeof top.threshold !== 'number' || !Number.isFinite(top.threshold)) fail(`threshold must be a finite number, got ${show(top.threshold)}`);
    threshold = top.threshold;
  }
  return {
    format: EXPERIMENT_FORMAT,
    version: EXPERIMENT_VERSION,
    ...(name === undefined ? {} : { name }),
    world,
    configs,
    seeds,
    steps,
    points,
    ...(threshold === undefined ? {} : { threshold }),
  };
}

/**
 * Checks an experiment (a parsed object, or JSON text) and returns it with every default filled
 * in and nothing shared with the input; or the first problem as one line. Never throws.
 */
export function parseExperiment(input: unknown): ExperimentParse {
  let raw = input;
  if (typeof input === 'string') {
    if (input.length > MAX_EXPERIMENT_CHARS) return { ok: false, error: `experiment: the text has ${input.length} characters, at most ${MAX_EXPERIMENT_CHARS}` };
    try {
      raw = JSON.parse(input);
    } catch (error) {
      return { ok: false, error: `experiment: not valid JSON: ${(error as Error).message}` };
    }
  }
  try {
    return { ok: true, experiment: readExperiment(raw) };
  } catch (error) {
    if (error instanceof ExperimentError) return { ok: false, error: error.message };
    // A getter or proxy in a hand-built object threw: still an answer, never an exception.
    return { ok: false, error: `experiment: could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** parseExperiment for callers that want an exception (the experiment's message). */
export function checkExperiment(input: unknown): Experiment {
  const parsed = parseExperiment(input);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.experiment;
}

/** The gridworld spec of an experiment's world, or null for CartPole and the arcade games. */
export function gridworldSpecOf(world: ExperimentWorld): GridworldSpec | null {
  if (world.kind !== 'gridworld') return null;
  return 'preset' in world ? GRIDWORLD_PRESETS[world.preset].spec : world.spec;
}

/** Whether a config runs a deep agent (tfjs: the caller starts a backend first). */
export function isDeepConfig(config: ExperimentConfig): config is ExperimentConfig & { readonly agent: DeepAgentName } {
  return isDeepAgentName(config.agent);
}
