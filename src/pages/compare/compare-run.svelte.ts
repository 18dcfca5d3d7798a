/**
 * One compare run on the page: a WorkerPool of compare workers (all cores but one), one task per
 * (configuration, seed), submitted seed by seed so that every configuration's first seeds come in
 * early. The tasks' state is plain `$state.raw` data replaced on every message; the page derives
 * curves and tables from it (results.ts).
 */
// Types only from task.ts: importing its code would bring TensorFlow.js into the page.
import type { TaskResult } from '../../../agents/runner/experiment/task';
import type { Experiment } from '../../../agents/runner/experiment/spec';
import type { CompareProgress, CompareTaskPayload, CompareView } from '../../lib/loop/compare-protocol';
import { poolSize, WorkerPool, type PoolWorkerPort, type TaskHandle } from '../../lib/loop/worker-pool';
import { initialTasks, type TaskState } from './results';

export type RunPhase = 'idle' | 'running' | 'paused' | 'finished';

/** What a configuration's small multiple shows: the latest view of one of its runs. */
export interface ConfigView {
  readonly seedIndex: number;
  readonly view: CompareView;
  readonly backend: string | null;
}

type Port = PoolWorkerPort<CompareTaskPayload, CompareProgress, TaskResult>;

function browserWorker(): Port {
  // A plain URL on purpose: Vite recognises `new Worker(new URL(..., import.meta.url))` and bundles the worker.
  return new Worker(new URL('../../lib/loop/compare.worker.ts', import.meta.url), { type: 'module', name: 'floe-compare' }) as unknown as Port;
}

export class CompareRun {
  experiment = $state.raw<Experiment | null>(null);
  /** tasks[configIndex][seedIndex]. */
  tasks = $state.raw<TaskState[][]>([]);
  views = $state.raw<(ConfigView | null)[]>([]);
  phase = $state<RunPhase>('idle');
  /** Messages of failed runs, one line each. */
  failures = $state.raw<string[]>([]);
  workers = $state(0);
  /** Wall-clock seconds from Run to the last task's end (pauses included). */
  elapsedSeconds = $state<number | null>(null);

  private pool: WorkerPool<CompareTaskPayload, CompareProgress, TaskResult> | null = null;
  private handles: TaskHandle[][] = [];
  private startedAt = 0;

  constructor(
    private readonly makeWorker: () => Port = browserWorker,
    private readonly cores: () => number | undefined = () => navigator.hardwareConcurrency,
  ) {}

  start(experiment: Experiment): void {
    this.dispose();
    const pool = new WorkerPool<CompareTaskPayload, CompareProgress, TaskResult>(poolSize(this.cores()), this.makeWorker);
    this.pool = pool;
    this.workers = pool.size;
    this.experiment = experiment;
    this.tasks = initialTasks(experiment);
    this.views = experiment.configs.map(() => null);
    this.failures = [];
    this.elapsedSeconds = null;
    this.phase = 'running';
    this.startedAt = performance.now();
    this.handles = experiment.configs.map(() => []);
    // experimentTasks' order (task.ts): seed by seed, every configuration for each seed.
    const order = experiment.seeds.flatMap((_, seedIndex) => experiment.configs.map((__, configIndex) => ({ configIndex, seedIndex })));
    for (const { configIndex, seedIndex } of order) {
      const handle = pool.submit(
        { experiment, configIndex, seedIndex },
        {
          onProgress: (data) => this.onProgress(pool, configIndex, seedIndex, data),
          onDone: (result) => this.onDone(pool, configIndex, seedIndex, result),
          onError: (message) => this.onError(pool, configIndex, seedIndex, message),
        },
      );
      this.handles[configIndex][seedIndex] = handle;
    }
  }

  pause(): void {
    if (this.phase !== 'running' || !this.pool) return;
    this.pool.pauseAll();
    this.phase = 'paused';
  }

  resume(): void {
    if (this.phase !== 'paused' || !this.pool) return;
    this.pool.resumeAll();
    this.phase = 'running';
  }

  /** Stops configuration c: its queued and running tasks are cancelled; its finished runs stay in the results. */
  stopConfig(configIndex: number): void {
    const row = this.tasks[configIndex];
    if (!row || !this.pool) return;
    row.forEach((task, seedIndex) => {
      if (task.status === 'queued' || task.status === 'running') this.handles[configIndex][seedIndex]?.cancel();
    });
    this.tasks = this.tasks.map((r, c) =>
      c === configIndex ? r.map((t): TaskState => (t.status === 'queued' || t.status === 'running' ? { status: 'stopped', progress: null, result: null } : t)) : r,
    );
    this.settle();
  }

  /** Whether configuration c still has runs to go. */
  isActive(configIndex: number): boolean {
    return (this.tasks[configIndex] ?? []).some((t) => t.status === 'queued' || t.status === 'running');
  }

  dispose(): void {
    this.pool?.dispose();
    this.pool = null;
    this.handles = [];
  }

  private setTask(configIndex: number, seedIndex: number, task: TaskState): void {
    this.tasks = this.tasks.map((row, c) => (c === configIndex ? row.map((t, k) => (k === seedIndex ? task : t)) : row));
  }

  private onProgress(pool: object, configIndex: number, seedIndex: number, data: CompareProgress): void {
    if (pool !== this.pool) return;
    this.setTask(configIndex, seedIndex, { status: 'running', progress: data.progress, result: null });
    if (data.view) this.views = this.views.map((v, c) => (c === configIndex ? { seedIndex, view: data.view as CompareView, backend: data.backend } : v));
  }

  private onDone(pool: object, configIndex: number, seedIndex: number, result: TaskResult): void {
    if (pool !== this.pool) return;
    const previous = this.tasks[configIndex][seedIndex];
    this.setTask(configIndex, seedIndex, { status: 'done', progress: previous.progress, result });
    this.settle();
  }

  private onError(pool: object, configIndex: number, seedIndex: number, message: string): void {
    if (pool !== this.pool) return;
    this.setTask(configIndex, seedIndex, { status: 'failed', progress: null, result: null });
    const label = this.experiment?.configs[configIndex]?.label ?? `configuration ${configIndex + 1}`;
    this.failures = [...this.failures, `${label}, seed ${this.experiment?.seeds[seedIndex] ?? seedIndex}: ${message}`];
    this.settle();
  }

  /** Every task has ended: the run is finished and the workers go. */
  private settle(): void {
    if (this.tasks.some((row) => row.some((t) => t.status === 'queued' || t.status === 'running'))) return;
    this.elapsedSeconds = (performance.now() - this.startedAt) / 1000;
    this.phase = 'finished';
    this.dispose();
  }
}
