/**
 * The tuned deep presets (agents/deep/config/presets.ts): every preset's options pass its agent's
 * own config checks and build a session on its world, the lookups, the recorded benchmark
 * figures agree with themselves, and one preset learns CartPole well above random play within a
 * small budget (the full solve is the benchmark's: `npm run bench -- --only cartpole`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { getDeepAgentInfo } from '../../agents/deep/catalogue';
import { DEEP_PRESET_IDS, DEEP_PRESETS, getPreset, presetsFor } from '../../agents/deep/config/presets';
import { createDeepSession } from '../../agents/runner/deep-session';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

describe('deep presets as data', () => {
  it('has unique ids of the form <world>-<algorithm>, and one preset for each benchmarked algorithm on CartPole', () => {
    expect(new Set(DEEP_PRESET_IDS).size).toBe(DEEP_PRESETS.length);
    for (const preset of DEEP_PRESETS) expect(preset.id.startsWith(`${preset.world}-`)).toBe(true);
    expect(DEEP_PRESETS.filter((p) => p.world === 'cartpole').map((p) => p.title)).toEqual(['DQN', 'double DQN', 'A2C', 'PPO']);
  });

  it.each(DEEP_PRESETS.map((p) => [p.id, p] as const))("%s: its options resolve through the agent's own config checks, unchanged", (_id, preset) => {
    const resolved = getDeepAgentInfo(preset.agent).resolve(preset.options);
    for (const [key, value] of Object.entries(preset.options)) expect(resolved[key], key).toEqual(value);
    expect(Number.isInteger(preset.steps) && preset.steps > 0).toBe(true);
  });

  it('double DQN is the DQN preset with double targets', () => {
    const dqn = getPreset('cartpole-dqn');
    const double = getPreset('cartpole-double-dqn');
    expect(double.options).toEqual({ ...dqn.options, double: true });
    expect(getDeepAgentInfo('dqn').resolve(dqn.options).double).toBe(false);
  });

  it('looks presets up by id and by world and agent', () => {
    expect(getPreset('cartpole-ppo').agent).toBe('ppo');
    expect(() => getPreset('cartpole-sac')).toThrow(`unknown preset 'cartpole-sac'; presets are ${DEEP_PRESET_IDS.join(', ')}`);
    expect(presetsFor('cartpole', 'dqn').map((p) => p.id)).toEqual(['cartpole-dqn', 'cartpole-double-dqn']);
    expect(presetsFor('cartpole', 'actor-critic').map((p) => p.id)).toEqual(['cartpole-a2c']);
    expect(presetsFor('cartpole', 'reinforce')).toEqual([]);
    expect(presetsFor('fig-19-10', 'dqn')).toEqual([]);
  });

  it.each(DEEP_PRESETS.filter((p) => p.measured !== null).map((p) => [p.id, p] as const))('%s: the recorded benchmark figures agree with the per-seed ones', (_id, preset) => {
    const m = preset.measured!;
    expect(m.stepsPerSeed).toHaveLength(m.seeds.length);
    expect(m.secondsPerSeed).toHaveLength(m.seeds.length);
    expect(m.solvedSeeds).toBe(m.stepsPerSeed.filter((s) => s !== null).length);
    m.stepsPerSeed.forEach((steps, i) => expect(steps === null).toBe(m.secondsPerSeed[i] === null));
    // Unsolved seeds count as slower than any solved one; fewer than half solved: no median.
    const medianOf = (values: readonly (number | null)[]) => {
      const value = median(values.map((v) => v ?? Infinity));
      return Number.isFinite(value) ? value : null;
    };
    expect(m.medianSteps).toBe(medianOf(m.stepsPerSeed));
    expect(m.medianSeconds).toBeCloseTo(medianOf(m.secondsPerSeed) ?? NaN, 6);
    for (const steps of m.stepsPerSeed) if (steps !== null) expect(steps).toBeLessThanOrEqual(preset.steps);
    expect(m.command).toMatch(/^npm run bench -- --only cartpole/);
  });
});

describe('deep presets on their world (wasm)', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it.each(DEEP_PRESETS.map((p) => [p.id, p] as const))('%s builds a session on its world and steps', (_id, preset) => {
    const session = createDeepSession({ world: preset.world, agent: preset.agent, options: preset.options, seed: 1 });
    try {
      session.step(2, 'env-step');
      expect(session.globalStep).toBe(2 * session.agent.nEnvs);
    } finally {
      session.dispose();
    }
  });

  it('the A2C preset lifts CartPole well above random play (about 22) within 12k steps, seed 1', () => {
    const preset = getPreset('cartpole-a2c');
    const session = createDeepSession({ world: 'cartpole', agent: preset.agent, options: preset.options, seed: 1 });
    try {
      session.step(12_000 / session.agent.nEnvs, 'env-step');
      const returns = session.snapshot().episodeReturns.slice(-20);
      const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
      expect(mean).toBeGreaterThan(100);
    } finally {
      session.dispose();
    }
  });
});
