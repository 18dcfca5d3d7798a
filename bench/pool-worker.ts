/**
 * A Node worker thread speaking the worker pool's protocol (src/lib/loop/worker-pool.ts) for the
 * pool benchmark: each 'start' runs one experiment task to the end with TaskRun and answers
 * 'done'. The browser's compare worker speaks the same protocol; this one needs no pausing.
 */
import { parentPort } from 'node:worker_threads';
import { runTask, type Experiment } from '../agents/runner/experiment';

parentPort?.on('message', (message: { type: string; taskId: number; payload: { experiment: Experiment; configIndex: number; seedIndex: number } }) => {
  if (message.type !== 'start') return;
  const { experiment, configIndex, seedIndex } = message.payload;
  try {
    parentPort?.postMessage({ type: 'done', taskId: message.taskId, result: runTask(experiment, configIndex, seedIndex) });
  } catch (error) {
    parentPort?.postMessage({ type: 'failed', taskId: message.taskId, message: (error as Error).message });
  }
});
