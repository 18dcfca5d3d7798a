/**
 * The offline module session (agents/runner/offline-session.ts): bad configs and datasets get
 * one message naming the field, training steps give the shared charts' metrics and are the same
 * for the same seed, rollouts follow the return-to-go rule at two targets with attention maps,
 * recording from the value-iteration expert and from a pretrained Breakout agent, and no tensor
 * outlives the session.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { datasetToJson } from '../../agents/offline/dataset-file';
import { datasetStats } from '../../agents/offline/dataset-stats';
import type { Dataset } from '../../agents/offline/dataset-types';
import { createOfflineSession, OfflineSession } from '../../agents/runner/offline-session';
import { datasetDocument, type RolloutAnswer } from '../../agents/runner/offline/offline-protocol';
import { createModuleSession, type ModuleRunConfig } from '../../agents/runner/worker-session';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld';
import { ICE_RUN_SPEC } from './offline-fixtures';

/** A small decision transformer: the session's behaviour, not the model's size, is under test. */
const SMALL_DT = { contextLength: 4, width: 16, heads: 2, layers: 1, maxTimestep: 21, returnScale: 5, batchSize: 16 };
const SMALL_BC = { hiddenLayers: 1, hiddenUnits: 16, batchSize: 16, learningRate: 0.01 };

const empty = (world: string): Dataset => ({ world, input: { kind: 'one-hot', size: 16 }, nActions: 4, source: { kind: 'person' }, episodes: [] });

function config(dataset: Dataset, overrides: Partial<ModuleRunConfig> = {}, env: unknown = ICE_RUN_SPEC): ModuleRunConfig {
  return { module: 'offline', world: { dataset: datasetDocument(dataset), env }, agent: 'dt', options: SMALL_DT, seed: 3, ...overrides };
}

/** Expert episodes of the deterministic ice run with random actions mixed in: recorded through the session itself. */
function recorded(randomRate: number, episodes: number, seed: number): Dataset {
  const recorder = createOfflineSession(config(empty(ICE_RUN_SPEC.name)));
  try {
    return recorder.query({ type: 'record', episodes, randomRate, seed }) as Dataset;
  } finally {
    recorder.dispose();
  }
}

function merged(...datasets: Dataset[]): Dataset {
  return { ...datasets[0], source: { kind: 'agent', agent: 'value-iteration at several random-action rates' }, episodes: datasets.flatMap((d) => d.episodes) };
}

let mixed: Dataset;

beforeAll(async () => {
  expect(await initBackend('wasm')).toBe('wasm');
  mixed = merged(recorded(0, 10, 1), recorded(0.5, 10, 2), recorded(1, 10, 3));
});

describe('offline session config', () => {
  it('refuses bad configs with one message naming the field', () => {
    const before = tf.memory().numTensors;
    const make = (c: unknown) => () => createOfflineSession(c as ModuleRunConfig);
    expect(make({ ...config(mixed), agent: 'cql' })).toThrow("offline: agent must be 'bc' or 'dt', got \"cql\"");
    expect(make({ ...config(mixed), seed: -1 })).toThrow('offline: seed must be a whole number from 0 to 2147483647, got -1');
    expect(make({ ...config(mixed), world: { dataset: datasetDocument(mixed), env: ICE_RUN_SPEC, extra: 1 } })).toThrow('offline: world has an unknown field "extra"; it has dataset, env and baseline');
    expect(make(config(mixed, {}, 'ice-rink'))).toThrow(/^offline: world\.env: offline world: unknown world "ice-rink"; a world is a gridworld preset \(fig-19-3-mdp, fig-19-10, /);
    expect(make(config(mixed, {}, 'arcade/tetris'))).toThrow(/^offline: world\.env: offline world: unknown arcade game "arcade\/tetris"; the games are arcade\/breakout, /);
    expect(make(config(mixed, {}, 'fig-19-1-markov-process'))).toThrow('offline: world.env: offline world: "fig-19-1-markov-process" is a Markov process without actions; a learner needs a world with a choice of moves');
    expect(make(config(mixed, { options: { ...SMALL_DT, seed: 4 } }))).toThrow("offline: options: offline: options.seed is not an option: the run's seed seeds the learner");
    expect(make(config(mixed, { options: { dropout: 0.1 } }))).toThrow("offline: options: unknown option 'dropout' for decision-transformer");
    expect(make(config(mixed, { agent: 'bc', options: { batchSize: 0 } }))).toThrow('offline: options: behaviour-cloning config: batchSize must be an integer in [1, 65536], got 0');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a bad dataset, or one of another world, with the parser\'s message', () => {
    const file = datasetToJson(mixed);
    const badAction = { ...file, episodes: [{ ...file.episodes[0], actions: file.episodes[0].actions.map((a, t) => (t === 1 ? 7 : a)) }] };
    expect(() => createOfflineSession({ ...config(mixed), world: { dataset: badAction, env: ICE_RUN_SPEC } })).toThrow('offline: world.dataset: dataset: episode 0 step 1 action 7 is not below nActions 4');
    expect(() => createOfflineSession({ ...config(mixed), world: { dataset: { ...file, format: 'floe-run' }, env: ICE_RUN_SPEC } })).toThrow("offline: world.dataset: dataset: format must be 'floe-dataset', got \"floe-run\"");
    expect(() => createOfflineSession(config(mixed, {}, 'fig-19-10'))).toThrow(
      'offline: world.dataset: offline world: the dataset was recorded in "Ice run (deterministic)", but the world to act in is "fig-19-10"',
    );
    expect(() => createOfflineSession(config({ ...mixed, world: 'arcade/breakout' }, {}, 'arcade/breakout'))).toThrow(
      'offline: world.dataset: offline world: the dataset\'s input {"kind":"one-hot","size":16} is not what "arcade/breakout" shows, {"kind":"planes","height":10,"width":10,"channels":4}',
    );
  });

  it('is the worker\'s module session, and an empty dataset records but does not train', () => {
    const session = createModuleSession(config(empty(ICE_RUN_SPEC.name))) as OfflineSession;
    expect(session).toBeInstanceOf(OfflineSession);
    expect(session.units).toEqual(['step']);
    expect(session.snapshot()).toMatchObject({ kind: 'offline', agent: 'dt', trainable: false, learner: { steps: 0, loss: null }, dataset: { episodes: 0, meanReturn: null } });
    expect(() => session.step(1)).toThrow('offline: the dataset has no episodes yet: record some (or open a dataset) before training or running a learner');
    expect(() => session.query({ type: 'rollout', seed: 1 })).toThrow('offline: the dataset has no episodes yet');
    expect(() => session.query({ type: 'rewind' })).toThrow('offline: unknown question type "rewind"; the offline session answers \'rollout\' and \'record\'');
    expect(() => session.query({ type: 'rollout', seed: 1.5 })).toThrow('offline: rollout seed must be a whole number from 0 to 2,147,483,647, got 1.5');
    expect(() => session.query({ type: 'record', episodes: 3, randomRate: 2, seed: 1 })).toThrow('offline: record randomRate must be a number from 0 to 1, got 2');
    expect(() => session.backupState()).toThrow('offline: offline learners learn from a dataset with gradient steps');
    expect(() => session.saveRun()).toThrow('offline: an offline run is not saved as a run file');
    session.dispose();
    expect(() => session.step(1)).toThrow('offline: the session was used after dispose()');
  });
});

describe('offline session training', () => {
  it('takes gradient steps with the charts\' metrics; the same seed gives the same rows', () => {
    const run = (seed: number) => {
      const session = createOfflineSession(config(mixed, { seed }));
      const rows = [...session.step(30), ...session.step(1, 'step')];
      const snapshot = session.snapshot();
      session.dispose();
      return { rows, snapshot };
    };
    const a = run(3);
    expect(a.rows).toHaveLength(31);
    expect(Object.keys(a.rows[0]).sort()).toEqual(['charts/accuracy', 'charts/baseline_accuracy', 'global_step', 'losses/bc_loss', 'losses/dt_loss', 'losses/grad_norm']);
    expect(a.rows.map((row) => row.global_step)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    const mean = (rows: typeof a.rows, key: string) => rows.reduce((sum, row) => sum + row[key], 0) / rows.length;
    expect(mean(a.rows.slice(-10), 'losses/dt_loss')).toBeLessThan(mean(a.rows.slice(0, 10), 'losses/dt_loss'));
    expect(a.snapshot).toMatchObject({ trainable: true, learner: { steps: 31, loss: a.rows[30]['losses/dt_loss'] }, baseline: { steps: 31, loss: a.rows[30]['losses/bc_loss'] } });
    const stats = datasetStats(mixed);
    expect(a.snapshot.dataset).toEqual({ world: mixed.world, source: mixed.source, episodes: 30, steps: stats.steps, meanReturn: stats.meanReturn, minReturn: stats.minReturn, maxReturn: stats.maxReturn });
    expect(run(3)).toEqual(a);
    expect(run(4).rows).not.toEqual(a.rows);
  });

  it('trains behaviour cloning alone, and the decision transformer without its baseline when asked', () => {
    const bc = createOfflineSession(config(mixed, { agent: 'bc', options: SMALL_BC }));
    expect(Object.keys(bc.step(2)[0]).sort()).toEqual(['charts/accuracy', 'global_step', 'losses/bc_loss']);
    expect(bc.snapshot().baseline).toBeNull();
    expect(() => bc.query({ type: 'rollout', seed: 1, learner: 'baseline' })).toThrow('offline: there is no baseline: it trains beside the decision transformer only');
    bc.dispose();
    const alone = createOfflineSession({ ...config(mixed), world: { dataset: datasetDocument(mixed), env: ICE_RUN_SPEC, baseline: false } });
    expect(Object.keys(alone.step(1)[0])).not.toContain('losses/bc_loss');
    alone.dispose();
  });
});

describe('offline session rollouts', () => {
  it('counts the return-to-go down from two targets, with attention over R/s/a tokens, the same for the same seed', () => {
    const session = createOfflineSession(config(mixed));
    session.step(40);
    const rollout = (target: number, seed = 5) => session.query({ type: 'rollout', seed, target }) as RolloutAnswer;
    for (const target of [-6, 1.8]) {
      const answer = rollout(target);
      expect(answer.learner).toBe('dt');
      expect(answer.target).toBe(target);
      expect(answer.steps.length).toBeGreaterThan(0);
      expect(answer.steps.length).toBeLessThanOrEqual(ICE_RUN_SPEC.maxSteps);
      let returnToGo = target;
      answer.steps.forEach((step, t) => {
        // NOTE: R_t is what the model was told before acting; the reward comes off after.
        expect(step.returnToGo).toBeCloseTo(returnToGo, 10);
        returnToGo -= step.reward;
        expect(step.move).not.toBeNull();
        expect(typeof step.frame).toBe('number');
        const attention = step.attention!;
        expect(attention.weights).toHaveLength(SMALL_DT.layers);
        expect(attention.weights[0]).toHaveLength(SMALL_DT.heads);
        const seen = Math.min(t + 1, SMALL_DT.contextLength);
        expect(attention.tokens).toHaveLength(3 * seen - 1);
        expect(attention.tokens.at(-1)).toEqual({ kind: 'state', timestep: t });
        expect(attention.tokens[0]).toEqual({ kind: 'return-to-go', timestep: t + 1 - seen });
        for (const row of attention.weights.flat()) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      });
      expect(answer.return).toBeCloseTo(answer.steps.reduce((sum, step) => sum + step.reward, 0), 10);
      expect(answer.finalFrame).toBe(answer.terminated ? 15 : answer.finalFrame);
      expect(rollout(target)).toEqual(answer);
    }
    // Behaviour cloning beside it acts without a return-to-go or attention.
    const baseline = session.query({ type: 'rollout', seed: 5, learner: 'baseline' }) as RolloutAnswer;
    expect(baseline).toMatchObject({ learner: 'bc', target: null });
    expect(baseline.steps.every((step) => step.returnToGo === null && step.attention === null)).toBe(true);
    // The default target is the dataset's best return; attention can be left out.
    const best = session.query({ type: 'rollout', seed: 5, attention: false, maxSteps: 3 }) as RolloutAnswer;
    expect(best.target).toBe(datasetStats(mixed).maxReturn);
    expect(best.steps.length).toBeLessThanOrEqual(3);
    expect(best.steps.every((step) => step.attention === null)).toBe(true);
    session.dispose();
  });
});

describe('offline session recording', () => {
  it('records the value-iteration expert on a gridworld preset, mixed with random actions, the same for the same seed', () => {
    const preset = GRIDWORLD_PRESETS['fig-19-10'];
    const session = createOfflineSession(config(empty('fig-19-10'), {}, 'fig-19-10'));
    const record = (randomRate: number, seed: number) => session.query({ type: 'record', episodes: 20, randomRate, seed }) as Dataset;
    const expert = record(0, 1);
    expect(expert).toMatchObject({ world: 'fig-19-10', input: { kind: 'one-hot', size: 16 }, nActions: 4, source: { kind: 'agent', agent: 'value-iteration' } });
    expect(expert.episodes).toHaveLength(20);
    expect(expert.episodes.every((e) => e.states !== undefined && e.states.length === e.actions.length)).toBe(true);
    expect(record(0, 1)).toEqual(expert);
    const noisy = record(0.5, 1);
    expect(noisy.source).toEqual({ kind: 'mixture', agent: 'value-iteration', randomRate: 0.5 });
    // The book's world pays +3 for leaving the fish: the expert gets there more often than a half-random penguin.
    const fishRate = (d: Dataset) => d.episodes.filter((e) => e.terminated).length;
    expect(fishRate(expert)).toBeGreaterThan(fishRate(noisy));
    expect(preset.spec.maxSteps).toBeGreaterThanOrEqual(Math.max(...expert.episodes.map((e) => e.actions.length)));
    expect(() => session.query({ type: 'record', episodes: 1, randomRate: 0, seed: 1, policy: {} })).toThrow('offline: a gridworld records from value iteration; leave the policy file out');
    session.dispose();
  });

  it('records Breakout from the shipped pretrained agent and refuses a policy of another game, leaking nothing', () => {
    const policy = JSON.parse(readFileSync(new URL('../../public/pretrained/breakout.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const breakout: Dataset = { world: 'arcade/breakout', input: { kind: 'planes', height: 10, width: 10, channels: 4 }, nActions: 3, source: { kind: 'person' }, episodes: [] };
    const before = tf.memory().numTensors;
    const session = createOfflineSession(config(breakout, { agent: 'bc', options: SMALL_BC }, 'arcade/breakout'));
    const dataset = session.query({ type: 'record', episodes: 2, randomRate: 0.1, seed: 2, policy, maxSteps: 60 }) as Dataset;
    expect(dataset).toMatchObject({ world: 'arcade/breakout', nActions: 3, source: { kind: 'mixture', agent: 'pretrained actor-critic', randomRate: 0.1 } });
    expect(dataset.episodes).toHaveLength(2);
    expect(dataset.episodes[0].observations[0]).toBeInstanceOf(Float32Array);
    expect(dataset.episodes.every((e) => e.actions.length <= 60)).toBe(true);
    expect(() => session.query({ type: 'record', episodes: 1, randomRate: 0, seed: 1 })).toThrow('offline: recording Breakout needs an expert: give a policy file trained on it');
    expect(() => session.query({ type: 'record', episodes: 1, randomRate: 0, seed: 1, policy: { ...policy, world: 'arcade/freeway' } })).toThrow(
      'offline: the policy file\'s agent was trained on "arcade/freeway", not on Breakout',
    );
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('offline session tensors', () => {
  it('leaves numTensors unchanged after 1,000 steps of both learners, rollouts, a recording and dispose', () => {
    const before = tf.memory().numTensors;
    for (const agent of ['dt', 'bc'] as const) {
      const session = createOfflineSession(config(mixed, { agent, options: agent === 'dt' ? SMALL_DT : SMALL_BC }));
      const created = tf.memory().numTensors;
      session.step(1000);
      for (const seed of [1, 2]) session.query({ type: 'rollout', seed, target: 1, mode: 'sample' });
      if (agent === 'dt') session.query({ type: 'rollout', seed: 3, learner: 'baseline' });
      session.query({ type: 'record', episodes: 2, randomRate: 0.2, seed: 1 });
      session.snapshot();
      expect(tf.memory().numTensors).toBe(created);
      session.dispose();
      session.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
