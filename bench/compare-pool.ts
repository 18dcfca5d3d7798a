/**
 * The compare page's worker pool (src/lib/loop/worker-pool.ts) against a single worker on the
 * same experiment: Q-learning, SARSA, expected SARSA and double Q-learning on the cliff walk,
 * 4 seeds each, 2M steps a run (16 tasks). The pool class is the page's own; the workers are
 * Node worker threads running the experiment core (bench/pool-worker.ts), as the page's Web
 * Workers do. Results are checked to be identical whatever the pool size.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { checkExperiment, type Experiment } from '../agents/runner/experiment/spec';
import { experimentTasks, type TaskResult } from '../agents/runner/experiment/task';
import { poolSize, WorkerPool, type PoolWorkerPort } from '../src/lib/loop/worker-pool';
import { table } from './report';

type Payload = { experiment: Experiment; configIndex: number; seedIndex: number };

/** A worker thread running bench/pool-worker.ts; tsx's loader is registered inside it first (execArgv's --import does not reach worker threads here). */
function threadWorker(): PoolWorkerPort<Payload, never, TaskResult> {
  const script = new URL('./pool-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(script)}); });`;
  const worker = new Worker(bootstrap, { eval: true });
  return {
    postMessage: (message) => worker.postMessage(message),
    addEventListener: (_type, listener) => worker.on('message', (data) => listener({ data })),
    terminate: () => void worker.terminate(),
  };
}

const EXPERIMENT = checkExperiment({
  format: 'floe-experiment',
  version: 1,
  world: { kind: 'gridworld', preset: 'cliff-walk' },
  configs: [
    { label: 'Q-learning', agent: 'q-learning', options: {} },
    { label: 'SARSA', agent: 'sarsa', options: {} },
    { label: 'expected SARSA', agent: 'expected-sarsa', options: {} },
    { label: 'double Q', agent: 'double-q-learning', options: {} },
  ],
  seeds: 4,
  steps: 2_000_000,
});

/** Every task of `experiment` on `pool`, in task order. */
function runAll(pool: WorkerPool<Payload, never, TaskResult>, experiment: Experiment): Promise<TaskResult[]> {
  return Promise.all(
    experimentTasks(experiment).map(
      (task) =>
        new Promise<TaskResult>((resolve, reject) => pool.submit({ experiment, ...task }, { onDone: resolve, onError: (message) => reject(new Error(message)) })),
    ),
  );
}

/**
 * Runs every task of the experiment on a pool of `size` workers; returns seconds and the results
 * in task order. The workers start (and load the code) on a small warm-up experiment first, so
 * the time is the running, as on a page whose pool is already up.
 */
async function runOnPool(experiment: Experiment, size: number): Promise<{ seconds: number; results: TaskResult[] }> {
  const pool = new WorkerPool<Payload, never, TaskResult>(size, threadWorker);
  try {
    await runAll(pool, { ...experiment, seeds: Array.from({ length: size }, (_, k) => k), steps: 1_000, points: 10 });
    const start = performance.now();
    const results = await runAll(pool, experiment);
    return { seconds: (performance.now() - start) / 1000, results };
  } finally {
    pool.dispose();
  }
}

export async function comparePoolTable(): Promise<string> {
  const cores = availableParallelism();
  const sizes = [...new Set([1, poolSize(cores), cores])];
  const runs: { size: number; seconds: number; results: TaskResult[] }[] = [];
  for (const size of sizes) runs.push({ size, ...(await runOnPool(EXPERIMENT, size)) });
  const strip = (results: TaskResult[]) => JSON.stringify(results.map(({ wallSeconds: _seconds, ...rest }) => rest));
  const identical = runs.every((r) => strip(r.results) === strip(runs[0].results));
  const tasks = runs[0].results.length;
  const steps = tasks * EXPERIMENT.steps;
  const rows = runs.map((r) => [
    `${r.size}${r.size === poolSize(cores) ? ' (the page: cores - 1)' : ''}`,
    r.seconds.toFixed(2),
    `${((steps / r.seconds) / 1e6).toFixed(2)} M`,
    `${(runs[0].seconds / r.seconds).toFixed(2)}x`,
  ]);
  return [
    `## Compare: worker pool against one worker (${tasks} tabular tasks of ${EXPERIMENT.steps.toLocaleString('en')} steps on the cliff walk; ${cores} cores)`,
    '',
    table(['workers', 'seconds', 'steps/s', 'speed-up'], rows),
    '',
    `Results identical across pool sizes: ${identical ? 'yes' : 'NO'}. Tasks are independent, so the design scales with workers until the cores run out (each worker runs one task at a time; the page keeps one core for itself).`,
  ].join('\n');
}
