/**
 * A compare run: an experiment of the compare page and the results of its finished runs, as the
 * library keeps it (kind 'run') and as it is exported.
 *
 *   { format: 'floe-compare-run', version: 1, experiment: Experiment, results: TaskResult[], savedAt }
 *
 * The experiment is checked by checkExperiment (agents/runner/experiment/spec.ts), the gate every
 * experiment passes through. Each result must belong to the experiment: its configIndex and
 * seedIndex in range (each pair at most once), its seed the experiment's seed for that index, its
 * curve `points` long of finite numbers or null. Opening a run recomputes the statistics from the
 * results (summarize), so nothing is re-run. Version 1 is the first; there is nothing to migrate.
 *
 * Importing this module registers the format with the validator (once).
 */
import { checkExperiment, type Experiment } from '../../../agents/runner/experiment/spec';
import type { TaskResult } from '../../../agents/runner/experiment/task-run';
import type { FormatChecker } from './format-types';
import { checkDate } from './records';
import { formatChecker, registerFormat } from './validate';

export const COMPARE_RUN_FORMAT = 'floe-compare-run';
export const COMPARE_RUN_VERSION = 1;
const LABEL = 'compare run';

export interface CompareRunFile {
  readonly format: typeof COMPARE_RUN_FORMAT;
  readonly version: typeof COMPARE_RUN_VERSION;
  readonly experiment: Experiment;
  readonly results: readonly TaskResult[];
  /** When it was saved (ISO 8601). */
  readonly savedAt: string;
}

const TOP_KEYS = new Set(['format', 'version', 'experiment', 'results', 'savedAt']);
const RESULT_KEYS = ['configIndex', 'seedIndex', 'seed', 'steps', 'curve', 'episodes', 'wallSeconds'] as const;

function fail(message: string): never {
  throw new Error(`${LABEL}: ${message}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function integerIn(value: unknown, where: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`${where} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)?.slice(0, 40) ?? 'nothing'}`);
  }
  return value;
}

function checkResult(value: unknown, index: number, experiment: Experiment, seen: Set<string>): TaskResult {
  const where = `results[${index}]`;
  if (!isRecord(value)) fail(`${where} must be an object`);
  for (const key of Object.keys(value)) {
    if (!(RESULT_KEYS as readonly string[]).includes(key)) fail(`${where} has an unknown key ${JSON.stringify(key).slice(0, 80)}`);
  }
  for (const key of RESULT_KEYS) if (value[key] === undefined) fail(`${where}.${key} is missing`);
  const configIndex = integerIn(value.configIndex, `${where}.configIndex`, 0, experiment.configs.length - 1);
  const seedIndex = integerIn(value.seedIndex, `${where}.seedIndex`, 0, experiment.seeds.length - 1);
  const pair = `${configIndex}/${seedIndex}`;
  if (seen.has(pair)) fail(`${where} repeats configuration ${configIndex}, seed index ${seedIndex}`);
  seen.add(pair);
  const seed = value.seed;
  if (seed !== experiment.seeds[seedIndex]) fail(`${where}.seed is ${JSON.stringify(seed)?.slice(0, 40)}, but the experiment's seed ${seedIndex} is ${experiment.seeds[seedIndex]}`);
  const steps = integerIn(value.steps, `${where}.steps`, 0, experiment.steps);
  const episodes = integerIn(value.episodes, `${where}.episodes`, 0, experiment.steps);
  const wallSeconds = value.wallSeconds;
  if (typeof wallSeconds !== 'number' || !Number.isFinite(wallSeconds) || wallSeconds < 0) fail(`${where}.wallSeconds must be a finite number >= 0`);
  const curve = value.curve;
  if (!Array.isArray(curve)) fail(`${where}.curve must be an array`);
  if (curve.length !== experiment.points) fail(`${where}.curve has ${curve.length} values, expected ${experiment.points} (the experiment's points)`);
  const checked: (number | null)[] = [];
  for (let i = 0; i < curve.length; i++) {
    const v: unknown = curve[i];
    if (v !== null && (typeof v !== 'number' || !Number.isFinite(v))) fail(`${where}.curve[${i}] must be a finite number or null`);
    checked.push(v);
  }
  return { configIndex, seedIndex, seed: seed as number, steps, curve: checked, episodes, wallSeconds };
}

/** Checks a compare run document (format and version already checked) and returns a fresh copy. */
export function checkCompareRun(document: Readonly<Record<string, unknown>>): CompareRunFile {
  for (const key of Object.keys(document)) {
    if (!TOP_KEYS.has(key)) fail(`unknown key ${JSON.stringify(key).slice(0, 80)}; a compare run has format, version, experiment, results and savedAt`);
  }
  if (document.experiment === undefined) fail('experiment is missing');
  let experiment: Experiment;
  try {
    experiment = checkExperiment(document.experiment);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const results = document.results;
  if (!Array.isArray(results)) fail('results must be an array');
  const most = experiment.configs.length * experiment.seeds.length;
  if (results.length > most) fail(`results has ${results.length} entries, at most ${most} (configurations × seeds)`);
  const seen = new Set<string>();
  const checked = results.map((r: unknown, i) => checkResult(r, i, experiment, seen));
  let savedAt: string;
  try {
    savedAt = checkDate(document.savedAt, 'savedAt');
  } catch (error) {
    fail((error as Error).message);
  }
  return { format: COMPARE_RUN_FORMAT, version: COMPARE_RUN_VERSION, experiment, results: checked, savedAt };
}

/** A compare run document for an experiment and its finished results (checked: a bad one throws). */
export function makeCompareRun(experiment: Experiment, results: readonly TaskResult[], savedAt: Date): CompareRunFile {
  return checkCompareRun({ format: COMPARE_RUN_FORMAT, version: COMPARE_RUN_VERSION, experiment, results, savedAt: savedAt.toISOString() });
}

export const compareRunFormat: FormatChecker<CompareRunFile> = {
  label: LABEL,
  kind: 'run',
  version: COMPARE_RUN_VERSION,
  check: (document) => checkCompareRun(document),
  defaultName: (file) => `${file.experiment.name ?? 'compare run'}: ${file.experiment.configs.map((c) => c.label).join(', ')}, ${file.experiment.seeds.length} seeds`,
};

// Registered once, however many modules import this one (and Vite's hot reload).
if (!formatChecker(COMPARE_RUN_FORMAT)) registerFormat(COMPARE_RUN_FORMAT, compareRunFormat);
