/** The deep agents on a gridworld behind the GridSession surface the training worker steps. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { createGridDeepSession } from '../../agents/runner/grid-deep-session';
import { deepAgentOptions } from '../../agents/runner/deep-session';
import type { SessionConfig } from '../../agents/runner/grid-session';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld';

const fig = GRIDWORLD_PRESETS['fig-19-10'].spec;
const small = { hidden: '16', learningStarts: 50, batchSize: 16, bufferSize: 500, targetSyncEvery: 50 };
const config = (agent: string, options: SessionConfig['options'] = {}, seed = 3): SessionConfig => ({ world: fig, agent, options, seed });

beforeAll(async () => {
  await initBackend('wasm');
});

function run(cfg: SessionConfig, steps: number): string {
  const session = createGridDeepSession(cfg);
  const rows = session.step(steps);
  session.step(1, 'episode');
  const text = JSON.stringify({ rows, snapshot: session.snapshot() });
  session.dispose();
  return text;
}

describe('createGridDeepSession', () => {
  it('same seed, same rows and snapshot; another seed differs', () => {
    const a = run(config('dqn', small), 300);
    expect(run(config('dqn', small), 300)).toBe(a);
    expect(run(config('dqn', small, 4), 300)).not.toBe(a);
  });

  it('reads the network for every cell: values nS, policy and q nS x nA, policy rows sum to 1', () => {
    const session = createGridDeepSession(config('dqn', small));
    session.step(200);
    const s = session.snapshot();
    session.dispose();
    expect(s.kind).toBe('deep');
    expect([s.nS, s.nA]).toEqual([16, 4]);
    expect(s.values).toHaveLength(16);
    expect(s.q).toHaveLength(64);
    expect(s.policy).toHaveLength(64);
    for (let c = 0; c < 16; c++) expect(s.policy.slice(c * 4, c * 4 + 4).reduce((x, y) => x + y, 0)).toBeCloseTo(1, 5);
    expect(s.globalStep).toBe(200);
    expect(s.state).toBeGreaterThanOrEqual(0);
    expect(s.lastLoss).not.toBeNull();
  });

  it.each([
    ['actor-critic', {}, true],
    ['ppo', {}, true],
    ['reinforce', { baseline: 'none' }, false],
    ['reinforce', { baseline: 'learned-value' }, true],
  ] as const)('%s %j: softmax policy per cell; values %s', (agent, options, hasValues) => {
    const session = createGridDeepSession(config(agent, options));
    session.step(50);
    const s = session.snapshot();
    session.dispose();
    expect(s.policy).toHaveLength(64);
    expect(s.q).toBeNull();
    if (hasValues) expect(s.values).toHaveLength(16);
    else expect(s.values).toBeNull();
  });

  it('reads the network at most every outputsEveryMs, and afresh after refresh()', () => {
    let clock = 0;
    const session = createGridDeepSession(config('dqn', { ...small, learningStarts: 1, batchSize: 4 }), { outputsEveryMs: 200, now: () => clock });
    const first = session.snapshot().q;
    session.step(100);
    expect(session.snapshot().q).toEqual(first);
    clock = 250;
    const second = session.snapshot().q;
    expect(second).not.toEqual(first);
    session.step(100);
    session.refresh();
    expect(session.snapshot().q).not.toEqual(second);
    session.dispose();
  });

  it('dispose frees every tensor it made', () => {
    const before = tf.memory().numTensors;
    const session = createGridDeepSession(config('dqn', small));
    session.step(300);
    session.snapshot();
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('backupState says why there is none; hidden sizes as text are checked', () => {
    const session = createGridDeepSession(config('dqn', small));
    expect(() => session.backupState(0)).toThrow(/no model backup/);
    session.dispose();
    expect(deepAgentOptions('dqn', { hidden: '32, 8' }).hidden).toEqual([32, 8]);
    expect(() => deepAgentOptions('dqn', { hidden: '32,x' })).toThrow(/hidden must be comma-separated positive integers/);
  });
});
