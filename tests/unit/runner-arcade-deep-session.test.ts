/** Deep agents on the arcade games (agents/runner/deep-session.ts): planes in, a conv layer, every game. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { Dqn } from '../../agents/deep/dqn';
import { createDeepSession, deepWorld } from '../../agents/runner/deep-session';
import { listWorlds } from '../../environments';

const arcade = listWorlds('arcade').map((w) => w.id as `arcade/${string}`);

describe('deep sessions on the arcade games', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('every game gives 10x10 planes with its channels and its minimal action set', () => {
    expect(arcade).toEqual(['arcade/breakout', 'arcade/space-invaders', 'arcade/freeway', 'arcade/asterix', 'arcade/seaquest', 'arcade/pong']);
    const channels = arcade.map((id) => deepWorld(id).dims);
    expect(channels.map((d) => (d.input.kind === 'planes' ? d.input.channels : 0))).toEqual([4, 6, 7, 4, 10, 4]);
    expect(channels.map((d) => d.nActions)).toEqual([3, 4, 3, 5, 6, 3]);
    expect(() => deepWorld('arcade/tetris')).toThrow("unknown world 'arcade/tetris'; the arcade games are arcade/breakout, arcade/space-invaders");
  });

  it("MinAtar's DQN (conv 16 3x3, dense 128) trains on Breakout without leaking tensors", () => {
    const session = createDeepSession({
      world: 'arcade/breakout',
      agent: 'dqn',
      options: { convFilters: 16, hidden: [128], learningStarts: 64, batchSize: 8, bufferSize: 1000 },
      seed: 1,
    });
    const learner = session.learner as Dqn;
    expect(learner.networks[0].layers.map((l) => `${l.kind} ${l.shape.join('x')}`)).toEqual(['conv 8x8x16', 'dense 128', 'output 3']);
    session.step(70);
    const before = tf.memory().numTensors;
    const rows = session.step(100);
    expect(tf.memory().numTensors).toBe(before);
    expect(rows.some((r) => r['losses/td_loss'] !== undefined)).toBe(true);
    session.dispose();
  });

  it('A2C with a conv trunk steps Space Invaders over 4 copies', () => {
    const session = createDeepSession({
      world: 'arcade/space-invaders',
      agent: 'actor-critic',
      options: { convFilters: 8, hiddenLayers: 1, hiddenUnits: 32, nEnvs: 4, architecture: 'shared' },
      seed: 2,
    });
    const rows = session.step(20);
    expect(session.globalStep).toBe(80);
    expect(rows.some((r) => r['losses/policy_loss'] !== undefined)).toBe(true);
    session.dispose();
  });

  it('a conv layer on a vector input is refused with one message', () => {
    expect(() => createDeepSession({ world: 'cartpole', agent: 'dqn', options: { convFilters: 16 }, seed: 1 })).toThrow(/conv layers need 'planes' input, got 'vector' input/);
  });
});
