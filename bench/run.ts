/**
 * `npm run bench`: throughput and memory tables (ARCHITECTURE.md section 8): the tabular path and the deep networks.
 * Markdown on stdout and in bench/results/latest.md (git-ignored); progress on stderr.
 * Run with `node --expose-gc` (the npm script does) so the heap numbers follow a full GC.
 *
 * Benchmarks measure; nothing here asserts a time. About a minute on two cores.
 */
import { deepUpdateRates } from './deep-updates';
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
      `Median of ${RUNS} runs of ${RUN_MS / 1000} s, interleaved. In Node only wasm and cpu exist; the browser backends (webgl, webgpu) have no benchmark yet.`,
    '',
    table(
      ['backend', 'network', 'Floe updates/s', 'bare tfjs updates/s', 'Floe / bare'],
      rows.map((r) => [r.backend, r.net, rate(r.floe), r.bare === null ? `cannot train (${r.bareError})` : rate(r.bare), r.bare === null ? '-' : (r.floe / r.bare).toFixed(2)]),
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  const started = performance.now();
  const book = bookWorld();
  const big = randomWorld(64);
  const sections = [`# Floe benchmarks\n\n${machineLine()}`, qLearningTable([book, big]), valueIterationTable(big), heapTable(book), await deepUpdatesTable()];
  const markdown = `${sections.join('\n\n')}\n\nTotal bench time ${((performance.now() - started) / 1000).toFixed(0)} s.\n`;
  process.stdout.write(markdown);
  progress(`wrote ${writeLatest(markdown)}`);
}

await main();
