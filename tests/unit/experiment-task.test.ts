/**
 * Running an experiment's tasks (agents/runner/experiment/task.ts): common random numbers,
 * determinism whatever the chunking, pausing, and the classic result on the cliff walk: over
 * 3 seeds SARSA (safe path) earns more online than Q-learning (cliff edge).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { checkExperiment } from '../../agents/runner/experiment/spec';
import { summarize } from '../../agents/runner/experiment/stats';
import { createTaskRun, experimentTasks, runTask, TaskRun, type TaskProgress, type TaskResult } from '../../agents/runner/experiment/task';

const cliff = (configs: unknown[], extra: Record<string, unknown> = {}) =>
  checkExperiment({ format: 'floe-experiment', version: 1, world: { kind: 'gridworld', preset: 'cliff-walk' }, configs, seeds: 3, steps: 3000, points: 20, ...extra });

const Q = { label: 'Q-learning', agent: 'q-learning', options: { alpha: 0.5, epsilon: 0.1 } };
const SARSA = { label: 'SARSA', agent: 'sarsa', options: { alpha: 0.5, epsilon: 0.1 } };

/** The deterministic part of a result (wall-clock seconds left out). */
function numbers(result: TaskResult): Omit<TaskResult, 'wallSeconds'> {
  const { wallSeconds: _, ...rest } = result;
  return rest;
}

describe('tasks', () => {
  it('lists every (configuration, seed) once, seed by seed', () => {
    expect(experimentTasks(cliff([Q, SARSA], { seeds: 2 }))).toEqual([
      { configIndex: 0, seedIndex: 0 },
      { configIndex: 1, seedIndex: 0 },
      { configIndex: 0, seedIndex: 1 },
      { configIndex: 1, seedIndex: 1 },
    ]);
  });

  it('common random numbers: two configurations with the same agent and options give bit-identical curves', () => {
    const experiment = cliff([Q, { ...Q, label: 'Q-learning again' }]);
    for (let k = 0; k < 3; k++) {
      const a = runTask(experiment, 0, k);
      const b = runTask(experiment, 1, k);
      expect(b.seed).toBe(experiment.seeds[k]);
      expect(b.curve).toEqual(a.curve);
      expect(b.episodes).toBe(a.episodes);
      expect(Object.is(a.curve[19], b.curve[19])).toBe(true);
    }
    // The seed follows the seed index only: the same configuration in another slot runs the same.
    const swapped = cliff([SARSA, Q]);
    expect(numbers(runTask(swapped, 1, 2))).toEqual({ ...numbers(runTask(experiment, 0, 2)), configIndex: 1 });
    // ...and another seed gives another run.
    expect(runTask(experiment, 0, 1).curve).not.toEqual(runTask(experiment, 0, 0).curve);
  });

  it('a tabular configuration run twice gives identical numbers, whatever the chunk size', () => {
    const experiment = cliff([Q, SARSA], { steps: 2003, points: 7 });
    const first = runTask(experiment, 1, 0);
    expect(first.curve).toHaveLength(7);
    expect(first.steps).toBe(2003);
    expect(first.wallSeconds).toBeGreaterThanOrEqual(0);
    for (const chunkSteps of [1, 13, 2003, 10_000]) expect(numbers(runTask(experiment, 1, 0, { chunkSteps }))).toEqual(numbers(first));
  });

  it('steps in chunks: progress with the closed buckets, pausable, and the same result as one go', () => {
    const experiment = cliff([Q, SARSA], { steps: 1000, points: 10 }); // buckets of 100 steps
    let ticks = 0;
    const run = new TaskRun(experiment, 0, 2, { clock: () => (ticks += 5) });
    expect(run.seed).toBe(2);
    const p1 = run.step(250);
    expect(p1).toMatchObject({ configIndex: 0, seedIndex: 2, seed: 2, stepsDone: 250, steps: 1000, done: false });
    expect(p1.curve).toHaveLength(2);
    expect(() => run.result()).toThrow('the run has taken 250 of 1000 steps');
    // Paused: nothing happens between calls; then on to the end (never past it).
    const p2 = run.step(5000);
    expect(p2).toMatchObject({ stepsDone: 1000, done: true });
    expect(p2.curve.slice(0, 2)).toEqual(p1.curve);
    expect(run.step(10).stepsDone).toBe(1000);
    const result = run.result();
    expect(numbers(result)).toEqual(numbers(runTask(experiment, 0, 2)));
    expect(result.curve).toEqual(p2.curve);
    expect(result.episodes).toBe(p2.episodes);
    // Two timed steps of 5 fake milliseconds each (the third had nothing to do).
    expect(result.wallSeconds).toBe(0.01);
    expect(run.snapshot()).toMatchObject({ kind: 'learner', globalStep: 1000 });
    run.dispose();
    run.dispose();
    expect(() => run.step(1)).toThrow('disposed');
  });

  it('reports progress after every chunk, ending with the whole curve', () => {
    const experiment = cliff([Q, SARSA], { steps: 1000, points: 10 });
    const frames: TaskProgress[] = [];
    const result = runTask(experiment, 1, 1, { chunkSteps: 300, onProgress: (p) => frames.push(p) });
    expect(frames.map((f) => f.stepsDone)).toEqual([300, 600, 900, 1000]);
    expect(frames.map((f) => f.curve.length)).toEqual([3, 6, 9, 10]);
    expect(frames.at(-1)?.done).toBe(true);
    expect(frames.at(-1)?.curve).toEqual(result.curve);
    // Every frame is plain data (a worker posts it).
    expect(structuredClone(frames[1])).toEqual(frames[1]);
  });

  it('refuses indices outside the experiment', () => {
    const experiment = cliff([Q, SARSA]);
    expect(() => new TaskRun(experiment, 2, 0)).toThrow('task: configIndex must be an integer from 0 to 1, got 2');
    expect(() => new TaskRun(experiment, 0, 3)).toThrow('task: seedIndex must be an integer from 0 to 2, got 3');
    expect(() => new TaskRun({ ...experiment, version: 2 } as never, 0, 0)).toThrow('experiment: version 2 was written by a newer Floe');
  });

  it('Q-learning vs SARSA on the cliff walk over 3 seeds: two curves, a filled results table, SARSA ahead online', () => {
    const experiment = cliff([Q, SARSA], { steps: 10_000, points: 20, threshold: -30 });
    const results = experimentTasks(experiment).map(({ configIndex, seedIndex }) => runTask(experiment, configIndex, seedIndex));
    const summary = summarize(experiment, results);
    expect(summary.configs.map((c) => c.label)).toEqual(['Q-learning', 'SARSA']);
    for (const config of summary.configs) {
      expect(config.seeds).toEqual([0, 1, 2]);
      expect(config.curve.mean).toHaveLength(20);
      // After the first bucket every seed has finished an episode: a full band.
      expect(config.curve.n.slice(1)).toEqual(Array(19).fill(3));
      for (let b = 1; b < 20; b++) expect(config.curve.lower[b]).toBeLessThanOrEqual(config.curve.upper[b] as number);
      const { finalReturn, auc, episodes, stepsToThreshold } = config.results;
      for (const spread of [finalReturn, auc, episodes]) {
        expect(spread.n).toBe(3);
        expect(Number.isFinite(spread.mean)).toBe(true);
        expect(Number.isFinite(spread.ci95)).toBe(true);
      }
      expect(stepsToThreshold?.of).toBe(3);
    }
    const [q, sarsa] = summary.configs;
    // The textbook's picture (Sutton & Barto, fig 6.4): with epsilon 0.1 the cliff edge costs Q-learning online.
    expect(sarsa.results.finalReturn.mean as number).toBeGreaterThan((q.results.finalReturn.mean as number) + 10);
    expect(sarsa.results.stepsToThreshold?.reached).toBe(3);
    // Episodes along the edge are shorter: Q-learning finishes more of them.
    expect(q.results.episodes.mean as number).toBeGreaterThan(sarsa.results.episodes.mean as number);
  });
});

describe('deep agents', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  const tiny = { version: 1, name: 'tiny', map: ['S..F'], rewardTiming: 'leave', slip: { model: 'deterministic' }, mode: 'mdp', gamma: 0.9, maxSteps: 20 };

  it('runs a deep configuration through the deep session: same seed, same numbers; tensors freed', () => {
    const experiment = checkExperiment({
      format: 'floe-experiment',
      version: 1,
      world: { kind: 'gridworld', spec: tiny },
      configs: [
        { label: 'dqn', agent: 'dqn', options: { hidden: [8], learningStarts: 50, batchSize: 8 } },
        { label: 'a2c', agent: 'actor-critic', options: { nEnvs: 3, hiddenUnits: 8 } },
      ],
      seeds: [4],
      steps: 301,
      points: 10,
    });
    const before = tf.memory().numTensors;
    const a = runTask(experiment, 0, 0);
    const b = runTask(experiment, 0, 0, { chunkSteps: 7 });
    expect(numbers(b)).toEqual(numbers(a));
    expect(a.episodes).toBeGreaterThan(0);
    // nEnvs 3: whole batches of 3 steps, 101 of them (303 steps), episodes ending after step 301 left out.
    const run = createTaskRun(experiment, 1, 0);
    expect(run.step(1).stepsDone).toBe(3);
    while (!run.done) run.step(50);
    const c = run.result();
    run.dispose();
    expect(c.steps).toBe(301);
    expect(c.curve).toHaveLength(10);
    expect(numbers(runTask(experiment, 1, 0))).toEqual(numbers(c));
    expect(tf.memory().numTensors).toBe(before);
  });
});
