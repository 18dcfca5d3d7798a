/**
 * The POMDP module session (agents/runner/pomdp-session.ts): its snapshot, the exact belief of
 * the watched episode, determinism per seed, questions, no tensor leaks, and one precise message
 * for each bad config.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { createPomdpSession, type PomdpSnapshot } from '../../agents/runner/pomdp-session';
import { createModuleSession, type ModuleRunConfig } from '../../agents/runner/worker-session';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld';
import { pomdpObserver } from '../../environments/pomdp/observation';
import { POMDP_PRESETS } from '../../environments/pomdp/presets';
import { buildModel } from '../../environments/gridworld/model';

const small = { hiddenLayers: 1, hiddenUnits: 8 };
const config = (agent: string, options: Record<string, unknown> = small, seed = 3, world: unknown = 'fig-19-4'): ModuleRunConfig => ({ module: 'pomdp', world, agent, options, seed });

beforeAll(async () => {
  await initBackend('wasm');
});

function expectBelief(snapshot: PomdpSnapshot): void {
  const belief = snapshot.belief as number[];
  expect(belief).toHaveLength(snapshot.nS);
  expect(belief.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  expect(belief.every((p) => p >= 0 && p <= 1)).toBe(true);
  // The penguin is where the belief says it may be.
  expect(belief[snapshot.state]).toBeGreaterThan(0);
}

describe('createPomdpSession on fig 19.4', () => {
  it('registers as module "pomdp": the worker builds it from a ModuleRunConfig', () => {
    const session = createModuleSession(config('reinforce')) as ReturnType<typeof createPomdpSession>;
    expect(session.units).toEqual(['env-step', 'episode']);
    expect(session.snapshot().kind).toBe('pomdp');
    session.dispose();
  });

  it('snapshot: the penguin, its view, the belief, the policy per view with its exact value, and the section 19.5 numbers', () => {
    const session = createPomdpSession(config('reinforce'));
    const start = session.snapshot();
    // Episodes start in book state 3 or 9 (cells 2, 8), which look the same: belief 1/2 each.
    expect([2, 8]).toContain(start.state);
    expect(start.observation.rows).toEqual(['###', '#..', '#.#']);
    expect(start.observation.id).toBe(0);
    expect(start.belief?.[2]).toBeCloseTo(0.5, 12);
    expect(start.belief?.[8]).toBeCloseTo(0.5, 12);
    expect(start.elapsed).toBe(0);
    expect(start.memory).toBe('memoryless');

    session.step(30);
    const s = session.snapshot();
    expect([s.nS, s.nA, s.nEnvs, s.globalStep]).toEqual([16, 4, 1, 30]);
    expectBelief(s);
    const observer = pomdpObserver(buildModel(POMDP_PRESETS['fig-19-4'].spec), POMDP_PRESETS['fig-19-4'].observation);
    expect(s.policy).toHaveLength(observer.nIds);
    for (const row of s.policy as number[][]) {
      expect(row).toHaveLength(4);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    // The untrained policy is near uniform: its exact value lies between the extremes.
    expect(s.policyValue).toBeGreaterThan(-11);
    expect(s.policyValue).toBeLessThan(2.715);
    expect(s.action?.kind).toBe('probabilities');
    expect(s.action?.values).toHaveLength(4);
    expect(s.analysis.bestDeterministic?.value).toBeCloseTo(1.215, 12);
    expect(s.analysis.bestStochastic?.value).toBeCloseTo(1.78488, 5);
    expect(s.analysis.fullState).toBeCloseTo(2.715, 12);
    expect(s.analysis.notes).toEqual([]);
    // Plain data: survives a structured clone unchanged.
    expect(structuredClone(s)).toEqual(s);
    session.dispose();
  });

  it('the belief follows the watched episode step by step; a step that disambiguates makes it certain', () => {
    const session = createPomdpSession(config('reinforce'));
    let certain = false;
    for (let k = 0; k < 200; k++) {
      session.step(1);
      const s = session.snapshot();
      expectBelief(s);
      if (s.elapsed > 0 && s.observation.id !== 0 && (s.belief as number[])[s.state] === 1) certain = true;
    }
    expect(certain).toBe(true);
    session.dispose();
  });

  it("step units: 'episode' runs whole episodes; each finished episode adds a return row and an exact-value row", () => {
    const session = createPomdpSession(config('reinforce'));
    const rows = session.step(3, 'episode');
    const returns = rows.filter((r) => r['charts/episodic_return'] !== undefined);
    const values = rows.filter((r) => r['charts/memoryless_value'] !== undefined);
    expect(returns).toHaveLength(3);
    expect(values).toHaveLength(3);
    expect(session.episode).toBe(3);
    expect(session.snapshot().episodeReturns).toHaveLength(3);
    expect(() => session.step(1, 'sweep')).toThrow("a POMDP session steps in 'env-step' or 'episode' units, got 'sweep'");
    session.dispose();
  });

  it('same seed, same rows and snapshot; another seed differs', () => {
    const run = (agent: string, options: Record<string, unknown>, seed: number) => {
      const session = createPomdpSession(config(agent, options, seed));
      const rows = session.step(300);
      const text = JSON.stringify({ rows, snapshot: session.snapshot(), evaluation: session.query({ kind: 'evaluate', episodes: 20, seed: 5 }) });
      session.dispose();
      return text;
    };
    for (const [agent, options] of [
      ['reinforce', { ...small, episodesPerUpdate: 2 }],
      ['actor-critic', { ...small, nEnvs: 2 }],
      ['recurrent-reinforce', { hiddenSize: 4, episodesPerUpdate: 2 }],
      ['drqn', { hiddenSize: 4, learningStarts: 50, batchSize: 2 }],
    ] as const) {
      const a = run(agent, options, 3);
      expect(run(agent, options, 3)).toBe(a);
      expect(run(agent, options, 4)).not.toBe(a);
    }
  });

  it('an evaluation changes nothing in the run', () => {
    const plain = createPomdpSession(config('recurrent-reinforce', { hiddenSize: 4, episodesPerUpdate: 2 }));
    const asked = createPomdpSession(config('recurrent-reinforce', { hiddenSize: 4, episodesPerUpdate: 2 }));
    plain.step(100);
    asked.step(50);
    const evaluation = asked.query({ kind: 'evaluate', episodes: 30, seed: 1 }) as { episodes: number; meanDiscountedReturn: number };
    expect(evaluation.episodes).toBe(30);
    expect(Number.isFinite(evaluation.meanDiscountedReturn)).toBe(true);
    asked.step(50);
    expect(JSON.stringify(asked.snapshot())).toBe(JSON.stringify(plain.snapshot()));
    plain.dispose();
    asked.dispose();
  });

  it('history stacking and recurrent agents: no policy table, an action reading, advice on a person\'s episode', () => {
    const stacked = createPomdpSession(config('reinforce', { ...small, history: 3, previousAction: true }));
    stacked.step(20);
    const s = stacked.snapshot();
    expect([s.memory, s.history, s.policy, s.policyValue]).toEqual(['history', 3, null, null]);
    expect(s.action?.values).toHaveLength(4);
    const observer = stacked.world.observer;
    const view = (cell: number) => Array.from(observer.vector(cell));
    const advice = stacked.query({ kind: 'advice', observations: [view(2), view(6)], actions: [2] }) as { kind: string; values: number[] };
    expect(advice.kind).toBe('probabilities');
    expect(advice.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    stacked.dispose();

    const drqn = createPomdpSession(config('drqn', { hiddenSize: 4 }));
    drqn.step(10);
    expect(drqn.snapshot().memory).toBe('recurrent');
    expect(drqn.snapshot().action?.kind).toBe('q-values');
    expect((drqn.query({ kind: 'advice', observations: [view(2)], actions: [] }) as { values: number[] }).values).toHaveLength(4);
    drqn.dispose();
  });

  it('no tensor leaks: stepping, snapshots, questions and dispose free everything', () => {
    for (const [agent, options] of [
      ['reinforce', { ...small, episodesPerUpdate: 2 }],
      ['actor-critic', { ...small, nEnvs: 2 }],
      ['reinforce', { ...small, history: 2 }],
      ['recurrent-reinforce', { hiddenSize: 4, episodesPerUpdate: 2 }],
      ['drqn', { hiddenSize: 4, learningStarts: 20, batchSize: 2 }],
    ] as const) {
      const before = tf.memory().numTensors;
      const session = createPomdpSession(config(agent, options));
      session.step(20);
      const built = tf.memory().numTensors;
      session.step(300);
      session.snapshot();
      session.refresh();
      session.snapshot();
      session.query({ kind: 'evaluate', episodes: 10 });
      session.query({ kind: 'advice', observations: [Array.from(session.world.observer.vector(8))], actions: [] });
      expect(tf.memory().numTensors, `${agent} while running`).toBe(built);
      session.dispose();
      expect(tf.memory().numTensors, `${agent} after dispose`).toBe(before);
    }
  });

  it('reads the network at most every outputsEveryMs, and afresh after refresh()', () => {
    let clock = 0;
    const session = createPomdpSession(config('reinforce', { ...small, episodesPerUpdate: 1, learningRate: 0.05 }), { outputsEveryMs: 200, now: () => clock });
    const first = session.snapshot().policy;
    session.step(5, 'episode');
    expect(session.snapshot().policy).toEqual(first);
    clock = 250;
    const second = session.snapshot().policy;
    expect(second).not.toEqual(first);
    session.step(5, 'episode');
    session.refresh();
    expect(session.snapshot().policy).not.toEqual(second);
    session.dispose();
  });
});

describe('createPomdpSession on other worlds', () => {
  it('a gridworld preset through a window of radius 0 with hidden holes: belief and analysis', () => {
    const session = createPomdpSession(config('actor-critic', small, 2, { gridworld: 'fig-19-10', observation: { radius: 0, hiddenLooks: ['hole'] } }));
    session.step(50);
    const s = session.snapshot();
    expect(s.world).toBe('gridworld/fig-19-10');
    expect(s.observation.rows).toHaveLength(1);
    expectBelief(s);
    // Memory can only help: full state >= best stochastic memoryless >= best deterministic memoryless.
    const { fullState, bestStochastic, bestDeterministic } = s.analysis;
    expect(fullState as number).toBeGreaterThanOrEqual(bestStochastic?.value as number);
    expect(bestStochastic?.value as number).toBeGreaterThanOrEqual(bestDeterministic?.value as number);
    expect(s.policyValue).not.toBeNull();
    session.dispose();
  });

  it('with noise: the belief still sums to 1; memoryless values are not computed, and the notes say why', () => {
    const session = createPomdpSession(config('reinforce', small, 2, { gridworld: 'fig-19-10', observation: { radius: 1, noise: 0.2 } }));
    for (let k = 0; k < 40; k++) {
      session.step(1);
      expectBelief(session.snapshot());
    }
    const s = session.snapshot();
    expect(s.policyValue).toBeNull();
    expect(s.policy).not.toBeNull();
    expect(s.analysis.bestDeterministic).toBeNull();
    expect(s.analysis.notes.join(' ')).toContain('with noise a cell shows many views');
    const rows = session.step(2, 'episode');
    expect(rows.some((r) => r['charts/memoryless_value'] !== undefined)).toBe(false);
    session.dispose();
  });

  it('a world over 400 cells has no belief', () => {
    const big = { ...GRIDWORLD_PRESETS['fig-19-10'].spec, map: Array.from({ length: 21 }, (_, r) => (r === 0 ? 'S' : '.').padEnd(20, '.') + (r === 20 ? 'F' : '.')) };
    const session = createPomdpSession(config('reinforce', small, 1, { gridworld: big, observation: { radius: 1 } }));
    expect(session.snapshot().nS).toBe(441);
    expect(session.snapshot().belief).toBeNull();
    session.dispose();
  });
});

describe('bad configs and questions get one precise message', () => {
  it.each([
    [config('reinforce', small, 1, 'fig-19-5'), "pomdp world: unknown POMDP preset 'fig-19-5'; presets are fig-19-4"],
    [config('reinforce', small, 1, { gridworld: 'nope' }), "pomdp world: unknown gridworld preset 'nope'"],
    [config('reinforce', small, 1, { gridworld: 'fig-19-1-markov-process' }), 'is a markov-process, with no actions to choose; pick an MDP'],
    [config('reinforce', small, 1, { gridworld: 'fig-19-10', observation: { radius: -1 } }), 'pomdp world: pomdp observation radius must be an integer in 0..64, got -1'],
    [config('reinforce', small, 1, { gridworld: 'fig-19-10', view: 3 }), "pomdp world: unknown field 'view'; fields are gridworld, observation"],
    [config('reinforce', small, 1, 42), 'pomdp world must be a POMDP preset id or { gridworld, observation }, got number'],
    [config('dqn'), "pomdp agent: unknown agent 'dqn'; agents are reinforce, actor-critic, recurrent-reinforce, drqn"],
    [config('reinforce', { history: 0 }), 'pomdp options: history must be an integer in 1..16 (views stacked), got 0'],
    [config('reinforce', { previousAction: 'yes' }), 'pomdp options: previousAction must be true or false, got "yes"'],
    [config('drqn', { history: 2 }), 'pomdp options: history stacking is for the memoryless agents; drqn has its own memory'],
    [config('reinforce', { learningRate: 2 }), 'reinforce config: learningRate'],
    [config('recurrent-reinforce', { hiddenUnits: 8 }), "unknown option 'hiddenUnits'"],
    [config('reinforce', small, -1), 'pomdp run config: seed must be a whole number, 0 or more, got -1'],
    [{ ...config('reinforce'), module: 'offline' }, "pomdp run config: module must be 'pomdp', got \"offline\""],
  ])('%j', (bad, message) => {
    const before = tf.memory().numTensors;
    expect(() => createPomdpSession(bad as ModuleRunConfig)).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    [{ kind: 'evaluate', episodes: 0 }, 'pomdp evaluate: episodes must be an integer in 1..10000, got 0'],
    [{ kind: 'evaluate', mode: 'best' }, `pomdp evaluate: mode must be 'sample' or 'greedy', got "best"`],
    [{ kind: 'evaluate', seed: 1.5 }, 'pomdp evaluate: seed must be a whole number, 0 or more, got 1.5'],
    [{ kind: 'advice', observations: [], actions: [] }, 'pomdp advice: observations must be a non-empty list of views'],
    [{ kind: 'advice', observations: [[1, 0]], actions: [] }, 'pomdp advice: observations[0] must be a view of 27 zeros and ones'],
    [{ kind: 'advice', observations: [[], []], actions: [] }, 'pomdp advice: actions must hold one action per step taken (1), got 0'],
    [{ kind: 'belief' }, `pomdp question: kind must be 'evaluate' or 'advice', got "belief"`],
    ['evaluate', 'pomdp question must be an object with a kind'],
  ])('question %j', (question, message) => {
    const session = createPomdpSession(config('reinforce'));
    expect(() => session.query(question)).toThrow(message);
    session.dispose();
  });

  it('saveRun and backupState say why not', () => {
    const session = createPomdpSession(config('reinforce'));
    expect(() => session.saveRun()).toThrow('not saved: POMDP runs cannot be saved to a file yet');
    expect(() => session.backupState(0)).toThrow('there is no model backup to step');
    session.dispose();
  });
});
