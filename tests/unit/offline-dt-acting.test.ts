/**
 * Acting with the decision transformer (agents/offline/decision-transformer/runtime.ts): the
 * return-to-go bookkeeping, the context window, greedy and sampled actions, the attention
 * readout, and no leaks over whole episodes.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { DecisionTransformerTrainer, type DecisionTransformerConfig, type DecisionTransformerRuntime } from '../../agents/offline/decision-transformer';
import { createRng } from '../../environments/core/rng';
import type { Env } from '../../environments/core/types';
import type { Observation } from '../../agents/deep/types';
import { makeGridworld } from '../../environments/gridworld';
import { ICE_RUN_SPEC, mixedQualityGridDataset, playEpisodes } from './offline-fixtures';

const small: Partial<DecisionTransformerConfig> = { contextLength: 3, width: 16, heads: 2, layers: 2, maxTimestep: 20, returnScale: 5, batchSize: 8, seed: 5 };
const dataset = mixedQualityGridDataset({ episodesPerRate: 4 });
const env = makeGridworld(ICE_RUN_SPEC) as unknown as Env<unknown, Observation, number>;

beforeAll(async () => {
  expect(await initBackend('wasm')).toBe('wasm');
});

function player(runtime: DecisionTransformerRuntime, target: number, mode: 'greedy' | 'explore', seed: number) {
  const rng = createRng(seed);
  return {
    start: () => runtime.reset(target),
    act: (observation: Observation) => runtime.act(observation, rng, mode),
    reward: (reward: number) => runtime.observe({ reward }),
  };
}

describe('decision transformer runtime', () => {
  it('starts from the target return and subtracts each reward as it arrives', () => {
    const trainer = new DecisionTransformerTrainer(dataset, small);
    const runtime = trainer.runtime(1.8);
    const rng = createRng(1);
    expect(runtime.returnToGo).toBe(1.8);
    runtime.act(0, rng, 'greedy');
    runtime.observe({ reward: -0.2 });
    expect(runtime.returnToGo).toBeCloseTo(2.0, 12);
    runtime.act(1, rng, 'greedy');
    runtime.observe({ reward: 2.8 });
    expect(runtime.returnToGo).toBeCloseTo(-0.8, 12);
    expect(runtime.timestep).toBe(2);
    runtime.reset(-3);
    expect(runtime.returnToGo).toBe(-3);
    expect(runtime.timestep).toBe(0);
    expect(runtime.targetReturn).toBe(-3);
    trainer.dispose();
  });

  it('insists on act, observe, act, ... and on finite targets and rewards', () => {
    const trainer = new DecisionTransformerTrainer(dataset, small);
    const runtime = trainer.runtime(0);
    const rng = createRng(1);
    expect(() => runtime.observe({ reward: 1 })).toThrow('decision transformer: act before observing a reward');
    runtime.act(0, rng, 'greedy');
    expect(() => runtime.act(1, rng, 'greedy')).toThrow("decision transformer: observe the last action's reward before acting again");
    expect(() => runtime.observe({ reward: Number.NaN })).toThrow('decision transformer: reward must be a finite number, got NaN');
    expect(() => runtime.reset(Infinity)).toThrow('decision transformer: the target return must be a finite number, got Infinity');
    expect(() => trainer.runtime(Number.NaN)).toThrow('the target return must be a finite number');
    runtime.reset(0);
    expect(() => runtime.act(16, rng, 'greedy')).toThrow('encodeBatch: observation 0 is 16, expected an integer state in [0, 16)');
    // The failed act changed nothing: the runtime still expects an observation.
    expect(runtime.attention()).toBeNull();
    // Nor does one with a full context: the oldest step stays.
    for (let t = 0; t < 4; t++) {
      runtime.act(t, rng, 'greedy');
      runtime.observe({ reward: 0 });
    }
    const tokensBefore = runtime.attention()?.tokens;
    expect(() => runtime.act(-1, rng, 'greedy')).toThrow('encodeBatch: observation 2 is -1');
    expect(runtime.attention()?.tokens).toEqual(tokensBefore);
    expect(runtime.timestep).toBe(4);
    expect(() => runtime.act(0, rng, 'sample' as never)).toThrow("decision transformer: mode must be 'greedy' or 'explore', got \"sample\"");
    trainer.dispose();
  });

  it('acts the same for the same seed, greedy without drawing, sampled with one draw per step', () => {
    const trainer = new DecisionTransformerTrainer(dataset, small);
    trainer.trainSteps(20);
    const play = (mode: 'greedy' | 'explore', seed: number) => {
      const runtime = trainer.runtime(1.8);
      const actions: number[] = [];
      const p = player(runtime, 1.8, mode, seed);
      playEpisodes(env, { ...p, act: (o) => (actions.push(p.act(o)), actions[actions.length - 1]) }, 3, 7);
      return actions;
    };
    expect(play('greedy', 1)).toEqual(play('greedy', 2));
    expect(play('explore', 1)).toEqual(play('explore', 1));
    trainer.dispose();
  });

  it('reads the attention of the newest state token over the real tokens of its context, per layer and head', () => {
    const trainer = new DecisionTransformerTrainer(dataset, small);
    trainer.trainSteps(10);
    const runtime = trainer.runtime(1.8);
    const rng = createRng(3);
    expect(runtime.attention()).toBeNull();
    runtime.act(0, rng, 'greedy');
    let map = runtime.attention();
    // First step: R_0 and s_0 only.
    expect(map?.tokens).toEqual([
      { kind: 'return-to-go', timestep: 0 },
      { kind: 'state', timestep: 0 },
    ]);
    runtime.observe({ reward: -0.2 });
    for (let t = 1; t < 5; t++) {
      runtime.act(t % 4, rng, 'greedy');
      runtime.observe({ reward: -0.2 });
    }
    runtime.act(5, rng, 'greedy');
    map = runtime.attention();
    // Context 3: timesteps 3, 4 and 5; a_5 is not yet visible to s_5.
    expect(map?.tokens.map((token) => `${token.kind}@${token.timestep}`)).toEqual([
      'return-to-go@3',
      'state@3',
      'action@3',
      'return-to-go@4',
      'state@4',
      'action@4',
      'return-to-go@5',
      'state@5',
    ]);
    expect(map?.weights).toHaveLength(small.layers as number);
    for (const layer of map?.weights ?? []) {
      expect(layer).toHaveLength(small.heads as number);
      for (const head of layer) {
        expect(head).toHaveLength(8);
        expect(head.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
        for (const w of head) expect(w).toBeGreaterThan(0);
      }
    }
    trainer.dispose();
  });

  it('leaks no tensors acting over whole episodes, greedy and sampled, with attention readouts', () => {
    const trainer = new DecisionTransformerTrainer(dataset, small);
    trainer.trainSteps(5);
    const before = tf.memory().numTensors;
    const runtime = trainer.runtime(0.5);
    const p = player(runtime, 0.5, 'explore', 4);
    const returns = playEpisodes(env, { ...p, act: (o) => (runtime.attention(), p.act(o)) }, 20, 3);
    playEpisodes(env, player(runtime, 0.5, 'greedy', 4), 20, 3);
    expect(returns).toHaveLength(20);
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before - 3 * trainer.model.variables.length);
  });
});
