/**
 * `rl compare --config experiment.json`: the compare page's experiment, headless. Every
 * (configuration, seed) task runs one after another through the same runTask the page's
 * workers run, then `summarize` gives the same numbers the page's chart and results table show;
 * for tabular agents with the same seeds they are the browser's, bit for bit.
 *
 * stdout is deterministic (tabular agents: byte for byte; deep agents: on the same backend):
 * wall-clock seconds go to stdout only with --timing, as a separate `timing` field per
 * configuration; progress, with the seconds, goes to stderr.
 */
import { DEEP_AGENT_NAMES } from '../../../agents/deep/catalogue';
import {
  experimentTasks,
  finalReturn,
  isDeepConfig,
  parseExperiment,
  runTask,
  summarize,
  type Experiment,
  type ExperimentWorld,
  type Spread,
  type TaskResult,
} from '../../../agents/runner/experiment';
import { readTextFile } from '../files';
import { UsageError, required, type ParsedOptions } from '../args';
import { CONVENTIONS, digitsFrom, DIGITS_OPTION, HELP_OPTION, optionLines, type CliIo, type Command } from '../command';
import { backendFrom, backendLine, BACKEND_OPTION, startBackend } from '../deep';
import { formatJson, roundTo, type Json } from '../output';

/** Seconds between in-task progress lines on stderr (a line at the end of every task too). */
const PROGRESS_SECONDS = 2;

const options = [
  { name: 'config', value: '<experiment.json>', doc: "the experiment file (format 'floe-experiment', version 1; see below)" },
  BACKEND_OPTION,
  { name: 'timing', doc: 'add each configuration\'s wall-clock seconds (a "timing" field; not reproducible, so off by default)' },
  { name: 'per-seed', doc: 'add each seed\'s own curve and episode count ("perSeed")' },
  { name: 'quiet', doc: 'no progress on stderr' },
  DIGITS_OPTION,
  HELP_OPTION,
];

function help(): string {
  return [
    'Usage: npm run rl -- compare --config <experiment.json> [--backend wasm|cpu] [--timing] [--per-seed] [--quiet]',
    '',
    'Runs every configuration of an experiment with every seed (common random numbers: seed k is the master',
    'seed of every configuration\'s k-th run) and prints, per configuration, the results table and the learning',
    'curve: the mean over seeds per bucket with a 95% confidence band (Student t, n - 1 degrees of freedom).',
    '',
    'Experiment file:',
    '  { "format": "floe-experiment", "version": 1, "name": "optional",',
    '    "world": { "kind": "gridworld", "preset": "cliff-walk" } | { "kind": "gridworld", "spec": { gridworld spec } }',
    '           | { "kind": "cartpole" } | { "kind": "arcade", "id": "breakout" },',
    '    "configs": [ { "label": "Q-learning", "agent": "q-learning", "options": { "alpha": 0.5 } }, ... 2 to 6 ],',
    '    "seeds": 5 (a count: seeds 0..4; the default) or [3, 17, 42],',
    '    "steps": 20000 (env steps per run), "points": 100 (curve buckets; default 100), "threshold": -30 (optional) }',
    `Agents: tabular learners (gridworlds only) or deep agents (${DEEP_AGENT_NAMES.join(', ')}; --backend).`,
    '',
    'Output: { "world", "steps", "points", "seeds", "threshold", "bucketEnds", "configs": [ { "label", "agent", "options",',
    '  "results": { "finalReturn", "stepsToThreshold", "auc", "episodes" }, "curve": { "mean", "lower", "upper", "n" } } ] }',
    'Each results entry is { "n": seeds counted, "mean", "sd", "ci95": half-width of the 95% interval } across seeds;',
    'stepsToThreshold adds "reached" of "of" seeds (null without a threshold).',
    '- curve bucket b: the mean undiscounted return of the episodes that ended in steps (bucketEnds[b-1], bucketEnds[b]];',
    '  an empty bucket carries the previous value forward; null before the first episode ends.',
    '- finalReturn: mean of the last 10% of buckets; stepsToThreshold: end of the first bucket >= threshold;',
    '  auc: trapezoid area under the curve / steps (the average return over training); episodes: per run.',
    'Same file, same output byte for byte (deep agents: on the same backend); --timing adds the non-reproducible seconds.',
    '',
    'Options:',
    ...optionLines(options),
    '',
    ...CONVENTIONS,
    '',
    'Example: npm run -s rl -- compare --config cliff.json --quiet',
  ].join('\n');
}

function readExperiment(path: string): Experiment {
  const text = readTextFile(path, 'experiment file');
  const parsed = parseExperiment(text);
  if (!parsed.ok) throw new UsageError(parsed.error);
  return parsed.experiment;
}

function worldJson(world: ExperimentWorld): Json {
  if (world.kind === 'gridworld') return 'preset' in world ? { kind: 'gridworld', preset: world.preset } : { kind: 'gridworld', name: world.spec.name };
  return world.kind === 'arcade' ? { kind: 'arcade', id: world.id } : { kind: 'cartpole' };
}

function rounded(value: number | null, digits: number): number | null {
  return value === null ? null : roundTo(value, digits);
}

function roundedList(values: readonly (number | null)[], digits: number): (number | null)[] {
  return values.map((v) => rounded(v, digits));
}

function spreadJson(spread: Spread, digits: number): Record<string, Json> {
  return { n: spread.n, mean: rounded(spread.mean, digits), sd: rounded(spread.sd, digits), ci95: rounded(spread.ci95, digits) };
}

function showNumber(value: number | null): string {
  return value === null ? 'none yet' : String(roundTo(value, 4));
}

async function run(parsed: ParsedOptions, io: CliIo): Promise<void> {
  const experiment = readExperiment(required(parsed, 'config', 'compare', '<experiment.json>'));
  const digits = digitsFrom(parsed);
  const quiet = parsed.flags.has('quiet');
  const deep = experiment.configs.some(isDeepConfig);
  if (!deep && parsed.values.has('backend')) throw new UsageError(`--backend applies to deep agents only (${DEEP_AGENT_NAMES.join(', ')}); every configuration here is tabular`);
  let backend: string | null = null;
  if (deep) {
    const used = await startBackend(backendFrom(parsed), 'compare', io);
    backendLine(used, 'compare', io, quiet);
    backend = used;
  }

  const tasks = experimentTasks(experiment);
  const results: TaskResult[] = [];
  tasks.forEach(({ configIndex, seedIndex }, t) => {
    const label = experiment.configs[configIndex].label;
    const seed = experiment.seeds[seedIndex];
    const where = `compare: task ${t + 1}/${tasks.length} (${label}, seed ${seed})`;
    let lastLine = performance.now();
    const result = runTask(experiment, configIndex, seedIndex, {
      onProgress: (progress) => {
        if (quiet || progress.done || performance.now() - lastLine < PROGRESS_SECONDS * 1000) return;
        lastLine = performance.now();
        io.stderr(`${where}: ${Math.round((100 * progress.stepsDone) / progress.steps)}% (${progress.stepsDone}/${progress.steps} steps, ${progress.episodes} episodes)\n`);
      },
    });
    results.push(result);
    if (!quiet) {
      io.stderr(`${where}: done, ${result.episodes} episodes, final return ${showNumber(finalReturn(result.curve))} (${result.wallSeconds.toFixed(2)} s)\n`);
    }
  });

  const summary = summarize(experiment, results);
  const configs = summary.configs.map((config, c) => {
    const r = config.results;
    const out: Record<string, Json> = {
      label: config.label,
      agent: config.agent,
      options: config.options as Json,
      results: {
        finalReturn: spreadJson(r.finalReturn, digits),
        stepsToThreshold: r.stepsToThreshold === null ? null : { reached: r.stepsToThreshold.reached, of: r.stepsToThreshold.of, ...spreadJson(r.stepsToThreshold, digits) },
        auc: spreadJson(r.auc, digits),
        episodes: spreadJson(r.episodes, digits),
      },
      curve: {
        mean: roundedList(config.curve.mean, digits),
        lower: roundedList(config.curve.lower, digits),
        upper: roundedList(config.curve.upper, digits),
        n: config.curve.n,
      },
    };
    if (parsed.flags.has('per-seed')) {
      out.perSeed = results
        .filter((result) => result.configIndex === c)
        .sort((a, b) => a.seedIndex - b.seedIndex)
        .map((result) => ({ seed: result.seed, episodes: result.episodes, curve: roundedList(result.curve, digits) }));
    }
    if (parsed.flags.has('timing')) out.timing = { wallSeconds: spreadJson(config.timing.wallSeconds, digits) };
    return out;
  });
  const document: Record<string, Json> = {
    ...(experiment.name === undefined ? {} : { name: experiment.name }),
    world: worldJson(experiment.world),
    steps: experiment.steps,
    points: experiment.points,
    seeds: [...experiment.seeds],
    threshold: experiment.threshold ?? null,
    ...(backend === null ? {} : { backend }),
    bucketEnds: summary.bucketEnds,
    configs,
  };
  io.stdout(formatJson(document) + '\n');
}

export const compareCommand: Command = {
  name: 'compare',
  summary: 'run an experiment (2 to 6 agent configurations x seeds on one world) and print curves with 95% bands and a results table',
  options,
  help,
  run,
};
