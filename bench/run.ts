/**
 * `npm run bench`: throughput and memory tables (ARCHITECTURE.md section 8): the tabular path and
 * the deep networks, and the learning-speed table of CartPole to solved.
 * Markdown on stdout and in bench/results/latest.md (git-ignored); progress on stderr.
 * Run with `node --expose-gc` (the npm script does) so the heap numbers follow a full GC.
 *
 * Sections (names for --only / --skip): q-learning, value-iteration, heap, deep-updates,
 * cartpole, arcade-env, arcade-dqn, breakout-curve, compare-pool, dqn-seeds, decision-transformer
 * (training steps and decisions a second of the decision transformer, wasm and cpu), mnist1d
 * (MNIST-1D MLP and conv-net training steps a second next to a bare tfjs loop, wasm and cpu). The first four take about a minute on two
 * cores; cartpole trains every CartPole preset on 5 seeds and takes about 5 minutes; the arcade
 * tables (bench/arcade.ts) half a minute; breakout-curve trains the pretrained agents' A2C
 * recipe on Breakout for 480k frames (about 6 minutes); compare-pool times the compare page's
 * worker pool against one worker (half a minute); dqn-seeds runs the DQN learning test's config
 * on 30 seeds (about 20 minutes).
 *
 *   npm run bench                                   every section
 *   npm run bench -- --skip cartpole,breakout-curve the quick tables only
 *   npm run bench -- --only cartpole [--seeds 1,2,3] [--presets cartpole-dqn,cartpole-ppo] [--train-average]
 *
 * --train-average: each CartPole run that solves trains on until its training 100-episode
 * average reaches 475 too (at most twice its budget), to measure that step as well (slower).
 *
 * Benchmarks measure; nothing here asserts a time.
 */
import { initBackend } from '../agents/core/tf-backend';
import { DEEP_PRESETS, getPreset } from '../agents/deep/config/presets';
import { cartpoleSection, DEFAULT_SETTINGS, solvePreset, type PresetSolve } from './cartpole-solve';
import { arcadeDqnTable, arcadeEnvTable, breakoutCurveTable } from './arcade';
import { comparePoolTable } from './compare-pool';
import { dqnSeedsTable } from './dqn-seeds';
import { deepUpdateRates } from './deep-updates';
import { decisionTransformerTable } from './decision-transformer';
import { mnist1dTable } from './mnist1d';
import { heapGrowth } from './heap';
import { bookWorld, randomWorld, type BenchWorld } from './maps';
import { apiRunner, bareRunner } from './q-learning';
import { machineLine, megabytes, rate, table, writeLatest } from './report';
import { interleavedRates } from './timing';
import { bareSweepRunner, convergence, solverSweepRunner } from './value-iteration';

const RUNS = 5;
const RUN_MS = 1000;

function progress(text: string): void {
  process.stderr.write(`bench: ${text}\n`);
}

function qLearningTable(worlds: readonly BenchWorld[]): string {
  const rows = worlds.map((world) => {
    progress(`Q-learning on ${world.name} (${RUNS} runs of ${RUN_MS} ms each, API and bare interleaved)`);
    const [api, bare] = interleavedRates([apiRunner(world.model), bareRunner(world.model)], RUNS, RUN_MS);
    return [
      world.name,
      String(world.model.nS),
      `${rate(api.median)} (${rate(api.min)}-${rate(api.max)})`,
      `${rate(bare.median)} (${rate(bare.min)}-${rate(bare.max)})`,
      (api.median / bare.median).toFixed(2),
    ];
  });
  return [
    '## Tabular Q-learning: env steps per second',
    '',
    'API: makeGridworld + createLearner + createLearnerSession, `step(n)` in ~3 ms chunks into a MetricsLog with the trail on, as the worker runs it.',
    'Bare: the same epsilon-greedy Q-learning (epsilon 0.1, alpha 0.1) as one loop over the same outcome table, seedrandom alea, Float64Array q.',
    `Median of ${RUNS} runs of ${RUN_MS / 1000} s after a warm-up (min-max in brackets). Figure of merit: API / bare (aim >= 0.33).`,
    '',
    table(['world', 'states', 'API steps/s', 'bare steps/s', 'API / bare'], rows),
  ].join('\n');
}

function valueIterationTable(world: BenchWorld): string {
  progress(`value iteration on ${world.name}`);
  const [solver, bare] = interleavedRates([solverSweepRunner(world.model), bareSweepRunner(world.model)], RUNS, RUN_MS, 300);
  const solved = convergence(world.model, 1e-8);
  return [
    '## Value iteration (synchronous sweeps, gamma 0.9)',
    '',
    `Sweeps per second: median of ${RUNS} runs of ${RUN_MS / 1000} s. Converge: \`solve()\` from v = 0 until no value changes by 1e-8 in a sweep, median of 3.`,
    '',
    table(
      ['map', 'states', 'solver sweeps/s', 'bare sweeps/s', 'solver / bare', 'sweeps to 1e-8', 'time to 1e-8'],
      [
        [
          world.name,
          String(world.model.nS),
          rate(solver.median),
          rate(bare.median),
          (solver.median / bare.median).toFixed(2),
          `${solved.sweeps}${solved.converged ? '' : ' (not converged)'}`,
          `${solved.medianMs.toFixed(0)} ms`,
        ],
      ],
    ),
  ].join('\n');
}

function heapTable(world: BenchWorld): string {
  progress(`heap after 100 thousand and 10 million Q-learning steps on ${world.name}`);
  const heap = heapGrowth(world.model);
  const note = heap.gcAvailable ? 'after a full GC (node --expose-gc)' : 'WITHOUT a forced GC: run with node --expose-gc for meaningful numbers';
  return [
    '## Heap over a long Q-learning run',
    '',
    `\`process.memoryUsage().heapUsed\` ${note}; one session stepped as the worker steps it.`,
    '',
    table(
      ['world', 'heap after 100 k steps', 'heap after 10 M steps', 'ratio'],
      [[world.name, megabytes(heap.afterSmall), megabytes(heap.afterLarge), (heap.afterLarge / heap.afterSmall).toFixed(3)]],
    ),
  ].join('\n');
}

async function deepUpdatesTable(): Promise<string> {
  progress('deep network updates per second on each backend (wasm, cpu)');
  const rows = await deepUpdateRates(['wasm', 'cpu'], RUNS, RUN_MS);
  return [
    '## Deep networks: gradient updates per second (batch 32, Adam, loss read back)',
    '',
    'Floe: agents/deep/network.ts (its conv is the im2col one). Bare: tf.layers with the same shapes and optimizer.minimize. ' +
      `Median of ${RUNS} runs of ${RUN_MS / 1000} s, interleaved. In Node only wasm and cpu exist; the /backends page measures the same updates on the browser backends (webgl, webgpu).`,
    '',
    table(
      ['backend', 'network', 'Floe updates/s', 'bare tfjs updates/s', 'Floe / bare'],
      rows.map((r) => [r.backend, r.net, rate(r.floe), r.bare === null ? `cannot train (${r.bareError})` : rate(r.bare), r.bare === null ? '-' : (r.floe / r.bare).toFixed(2)]),
    ),
  ].join('\n');
}

const CARTPOLE_SEEDS = [1, 2, 3, 4, 5];

async function cartpoleTable(seeds: readonly number[], presetIds: readonly string[] | undefined, trainAverage: boolean): Promise<string> {
  const presets = presetIds === undefined ? DEEP_PRESETS.filter((p) => p.world === 'cartpole') : presetIds.map(getPreset);
  const backend = await initBackend('wasm');
  const results: PresetSolve[] = [];
  const settings = { ...DEFAULT_SETTINGS, movingAverageFactor: trainAverage ? 2 : 0 };
  for (const preset of presets) {
    progress(`CartPole to solved: ${preset.id}, seeds ${seeds.join(', ')}, at most ${preset.steps} env steps each (${backend})`);
    results.push(solvePreset(preset, seeds, { ...settings, onEvaluation: (text: string) => progress(`  ${preset.id} ${text}`) }));
  }
  return cartpoleSection(results, settings, backend);
}

const SECTIONS = ['q-learning', 'value-iteration', 'heap', 'deep-updates', 'cartpole', 'arcade-env', 'arcade-dqn', 'breakout-curve', 'compare-pool', 'dqn-seeds', 'decision-transformer', 'mnist1d'] as const;
/** The Breakout learning curve's length and reporting interval (frames). */
const BREAKOUT_CURVE = { frames: 480_000, every: 48_000 };
type Section = (typeof SECTIONS)[number];

interface BenchArgs {
  readonly sections: readonly Section[];
  readonly seeds: readonly number[];
  readonly presets: readonly string[] | undefined;
  readonly trainAverage: boolean;
}

/** `--only a,b`, `--skip a,b`, `--seeds 1,2,3`, `--presets id,id`, `--train-average` (cartpole); a bad argument throws one line. */
function parseArgs(argv: readonly string[]): BenchArgs {
  const values = new Map<string, string>();
  let trainAverage = false;
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i];
    if (name === '--train-average') {
      trainAverage = true;
      i--;
      continue;
    }
    if (!['--only', '--skip', '--seeds', '--presets'].includes(name)) throw new Error(`bench: unknown argument '${name}'; arguments are --only, --skip, --seeds, --presets, --train-average`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`bench: ${name} needs a value`);
    values.set(name, value);
  }
  const names = (flag: string): Section[] | undefined => {
    const text = values.get(flag);
    if (text === undefined) return undefined;
    return text.split(',').map((name) => {
      if (!(SECTIONS as readonly string[]).includes(name)) throw new Error(`bench: unknown section '${name}' in ${flag}; sections are ${SECTIONS.join(', ')}`);
      return name as Section;
    });
  };
  const only = names('--only');
  const skip = names('--skip') ?? [];
  const sections = (only ?? SECTIONS).filter((name) => !skip.includes(name));
  const seeds = (values.get('--seeds') ?? CARTPOLE_SEEDS.join(',')).split(',').map((text) => {
    if (!/^\d+$/.test(text)) throw new Error(`bench: --seeds must be comma-separated whole numbers, got '${values.get('--seeds')}'`);
    return Number(text);
  });
  const presets = values.get('--presets')?.split(',');
  presets?.forEach((id) => getPreset(id));
  return { sections, seeds, presets, trainAverage };
}

async function main(): Promise<void> {
  let args: BenchArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  const started = performance.now();
  const book = bookWorld();
  const big = randomWorld(64);
  const builders: Record<Section, () => string | Promise<string>> = {
    'q-learning': () => qLearningTable([book, big]),
    'value-iteration': () => valueIterationTable(big),
    heap: () => heapTable(book),
    'deep-updates': () => deepUpdatesTable(),
    cartpole: () => cartpoleTable(args.seeds, args.presets, args.trainAverage),
    'arcade-env': () => arcadeEnvTable(),
    'arcade-dqn': () => arcadeDqnTable(['wasm', 'cpu']),
    'breakout-curve': () => breakoutCurveTable(BREAKOUT_CURVE.frames, BREAKOUT_CURVE.every, progress),
    'compare-pool': () => comparePoolTable(),
    'dqn-seeds': () => dqnSeedsTable(progress),
    'decision-transformer': () => decisionTransformerTable(['wasm', 'cpu']),
    mnist1d: () => mnist1dTable(['wasm', 'cpu'], progress),
  };
  const sections = [`# Floe benchmarks\n\n${machineLine()}`];
  for (const name of args.sections) sections.push(await builders[name]());
  const markdown = `${sections.join('\n\n')}\n\nTotal bench time ${((performance.now() - started) / 1000).toFixed(0)} s.\n`;
  process.stdout.write(markdown);
  progress(`wrote ${writeLatest(markdown)}`);
}

await main();
