/**
 * A worker of the compare page's pool (worker-pool.ts speaks to it; compare-protocol.ts has the
 * payloads): it runs one task, configuration c on seed k, at a time, flat out in time-sized
 * chunks, and answers pause, resume and stop between chunks.
 *
 * - Tabular learners run through task-run.ts's TaskRun (no TensorFlow.js). Deep agents load
 *   agents/runner/experiment/task.ts and the backend on first use (dynamic imports, so a worker
 *   that only ever runs tabular tasks never loads tfjs), once per worker.
 * - Chunks: TaskRun.step(n) calls with n adapted to take a few ms each, for about CHUNK_MS a tick;
 *   ticks are scheduled with setTimeout, not a MessageChannel (see train.worker.ts: messages posted
 *   to ourselves starve the page's messages, so a pause would wait).
 * - Progress goes out at most every PROGRESS_INTERVAL_MS, and once more when the task ends, then
 *   'done' with the TaskResult. After 'stop' nothing more is said about that task.
 */
import { isDeepConfig } from '../../../agents/runner/experiment/spec';
import { TaskRun } from '../../../agents/runner/experiment/task-run';
import { CHUNK_MS, PROGRESS_INTERVAL_MS, viewOf, type CompareTaskPayload, type FromCompareWorker, type ToCompareWorker } from './compare-protocol';

interface Current {
  readonly taskId: number;
  /** Null while a deep task waits for tfjs and its backend. */
  run: TaskRun | null;
  backend: string | null;
}

let current: Current | null = null;
let paused = false;
let timer: ReturnType<typeof setTimeout> | null = null;
let lastPost = 0;
/** Env steps per step() call, adapted so that one call takes a few milliseconds. */
let stepsPerCall = 64;
/** TensorFlow.js and its backend, started by the first deep task of this worker. */
let backendReady: Promise<string> | null = null;

function post(message: FromCompareWorker): void {
  self.postMessage(message);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function postProgress(task: Current, run: TaskRun): void {
  lastPost = performance.now();
  post({ type: 'progress', taskId: task.taskId, data: { progress: run.progress(), view: viewOf(run.snapshot()), backend: task.backend } });
}

function finish(task: Current): void {
  task.run?.dispose();
  if (current === task) current = null;
}

function schedule(): void {
  if (timer !== null || paused || current?.run == null) return;
  timer = setTimeout(tick, 0);
}

function tick(): void {
  timer = null;
  const task = current;
  const run = task?.run;
  if (!task || !run || paused) return;
  try {
    const start = performance.now();
    let now = start;
    do {
      run.step(stepsPerCall);
      const elapsed = performance.now() - now;
      now += elapsed;
      if (elapsed < 2) stepsPerCall = Math.min(stepsPerCall * 2, 1 << 16);
      else if (elapsed > 6) stepsPerCall = Math.max(1, Math.floor(stepsPerCall / 2));
    } while (!run.done && now - start < CHUNK_MS);
    if (run.done) {
      postProgress(task, run);
      const result = run.result();
      finish(task);
      post({ type: 'done', taskId: task.taskId, result });
      return;
    }
    if (now - lastPost >= PROGRESS_INTERVAL_MS) postProgress(task, run);
  } catch (error) {
    finish(task);
    post({ type: 'failed', taskId: task.taskId, message: message(error) });
    return;
  }
  schedule();
}

async function deepRun(payload: CompareTaskPayload): Promise<{ run: TaskRun; backend: string }> {
  const [runtime, experimentTask] = await Promise.all([import('./deep-runtime'), import('../../../agents/runner/experiment/task')]);
  backendReady ??= runtime.startBackend('auto');
  let backend: string;
  try {
    backend = await backendReady;
  } catch (error) {
    backendReady = null; // the next deep task tries again
    throw error;
  }
  return { run: experimentTask.createTaskRun(payload.experiment, payload.configIndex, payload.seedIndex), backend };
}

async function start(taskId: number, payload: CompareTaskPayload): Promise<void> {
  const task: Current = { taskId, run: null, backend: null };
  current = task;
  // The pool starts tasks only while it is not paused (a worker freed during a pause kept its flag).
  paused = false;
  lastPost = 0;
  try {
    const config = payload.experiment.configs[payload.configIndex];
    if (config !== undefined && !isDeepConfig(config)) {
      task.run = new TaskRun(payload.experiment, payload.configIndex, payload.seedIndex);
    } else {
      const deep = await deepRun(payload);
      if (current !== task) {
        deep.run.dispose(); // stopped while tfjs loaded
        return;
      }
      task.run = deep.run;
      task.backend = deep.backend;
    }
  } catch (error) {
    if (current === task) {
      current = null;
      post({ type: 'failed', taskId, message: message(error) });
    }
    return;
  }
  postProgress(task, task.run);
  schedule();
}

self.onmessage = (event: MessageEvent<ToCompareWorker>) => {
  const data = event.data;
  switch (data.type) {
    case 'start':
      if (current) finish(current);
      void start(data.taskId, data.payload);
      break;
    case 'pause':
      paused = true;
      break;
    case 'resume':
      paused = false;
      schedule();
      break;
    case 'stop':
      if (current?.taskId === data.taskId) finish(current);
      break;
  }
};
