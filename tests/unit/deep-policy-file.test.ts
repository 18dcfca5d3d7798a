/** Policy files (agents/deep/policy-file.ts): the acting networks only, reloaded to the same outputs, bad files refused. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { exportPolicy, loadPolicy } from '../../agents/deep/policy-file';
import { createDeepSession } from '../../agents/runner/deep-session';
import { readNetwork } from '../../agents/runner/network-reading';

const provenance = { command: 'npm run -s rl -- train ...', seed: 1, frames: 300, averageReturn: 21.5, episodes: 12 };
const runs = [
  { agent: 'dqn' as const, options: { hidden: [16], learningStarts: 50, batchSize: 8, bufferSize: 500 } },
  { agent: 'reinforce' as const, options: { hiddenUnits: 16, baseline: 'learned-value' } },
  { agent: 'actor-critic' as const, options: { hiddenUnits: 16, architecture: 'shared', nEnvs: 2 } },
  { agent: 'ppo' as const, options: { hiddenUnits: 16, nEnvs: 2, rolloutLength: 32, minibatches: 2 } },
];
const observations = [new Float32Array([0, 0, 0.05, 0]), new Float32Array([0.5, -1, -0.1, 0.3])];
const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('policy files', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  for (const run of runs) {
    it(`${run.agent}: a loaded policy reads the same outputs, and the file is smaller than the run's`, () => {
      const session = createDeepSession({ world: 'cartpole', agent: run.agent, options: run.options, seed: 2 });
      session.step(300);
      const file = viaJson(exportPolicy(session.learner, 'cartpole', provenance));
      const before = tf.memory().numTensors;
      const { agent, world, provenance: loadedProvenance } = loadPolicy(file);
      expect([world, loadedProvenance]).toEqual(['cartpole', provenance]);
      for (const obs of observations) expect(readNetwork(agent, obs)).toEqual(readNetwork(session.learner, obs));
      expect(JSON.stringify(file).length).toBeLessThan(JSON.stringify(session.learner.save()).length);
      agent.dispose();
      expect(tf.memory().numTensors).toBe(before);
      session.dispose();
    });
  }

  it('refuses a damaged file with one message and leaks nothing', () => {
    const session = createDeepSession({ world: 'cartpole', agent: 'dqn', options: runs[0].options, seed: 2 });
    const file = viaJson(exportPolicy(session.learner, 'cartpole', provenance));
    session.dispose();
    const before = tf.memory().numTensors;
    const broken = (edit: (f: Record<string, unknown>) => void) => {
      const copy = viaJson(file) as unknown as Record<string, unknown>;
      edit(copy);
      return copy;
    };
    expect(() => loadPolicy(broken((f) => (f.format = 'floe-run')))).toThrow("policy file: format must be 'floe-policy', got \"floe-run\"");
    expect(() => loadPolicy(broken((f) => (f.agent = 'alphazero')))).toThrow('policy file: agent must name a deep agent, got "alphazero"');
    expect(() => loadPolicy(broken((f) => (f.networks = [])))).toThrow('policy file: 0 networks, but a dqn with this config has 1');
    expect(() => loadPolicy(broken((f) => ((f.networks as { shapes: number[][] }[])[0].shapes[0] = [4, 17])))).toThrow(/^policy file: networks\[0\]: /);
    expect(() => loadPolicy(broken((f) => ((f.provenance as Record<string, unknown>).frames = -1)))).toThrow('policy file: provenance.frames must be a whole number, got -1');
    expect(() => loadPolicy(broken((f) => ((f.config as Record<string, unknown>).learningRate = 'fast')))).toThrow(/^policy file: config: /);
    expect(tf.memory().numTensors).toBe(before);
  });
});
