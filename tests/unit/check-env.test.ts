import { describe, expect, it } from 'vitest';
import { checkEnv } from '../../environments/core/check-env';
import { getWorld, listWorlds, registerWorld, requireWorld } from '../../environments/core/registry';
import { discrete } from '../../environments/core/spaces';
import type { Env, TabularModel } from '../../environments/core/types';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld/presets';
import '../../environments/index';

interface Walker {
  readonly position: number;
  readonly trail: number[];
}

/** A correct little env: walk along 0..9 by the action minus one; 9 terminates. */
function walker(overrides: Partial<Env<Walker, number, number>> = {}): Env<Walker, number, number> {
  return {
    id: 'test/walker',
    observationSpace: discrete(10),
    actionSpace: discrete(3),
    reset: (rng) => {
      const position = rng.int(3);
      return { state: { position, trail: [position] }, obs: position };
    },
    step(state, action, rng) {
      const noise = rng.next() < 0.1 ? 1 : 0;
      const position = Math.max(0, Math.min(9, state.position + action - 1 + noise));
      return {
        state: { position, trail: [...state.trail, position] },
        obs: position,
        reward: position === 9 ? 1 : 0,
        terminated: position === 9,
        truncated: false,
        info: { noise },
      };
    },
    ...overrides,
  };
}

describe('checkEnv on every registered world', () => {
  const worlds = listWorlds();

  it('has every gridworld preset registered', () => {
    const ids = worlds.map((w) => w.id);
    for (const id of Object.keys(GRIDWORLD_PRESETS)) expect(ids).toContain(`gridworld/${id}`);
  });

  for (const world of worlds) {
    it(`${world.id} passes`, () => {
      expect(checkEnv(world.create(), { seed: 'check', steps: 2000, model: world.model?.() })).toEqual([]);
    });
  }
});

describe('checkEnv finds broken envs', () => {
  it('accepts a correct env', () => {
    expect(checkEnv(walker(), { seed: 1 })).toEqual([]);
  });

  it('finds a step that mutates its input state', () => {
    const base = walker();
    const env = walker({
      step(state, action, rng) {
        state.trail.push(-1);
        return base.step(state, action, rng);
      },
    });
    expect(checkEnv(env, { seed: 1 }).some((p) => p.startsWith('step mutated its input state at step 1'))).toBe(true);
  });

  it('finds hidden state that makes two runs differ', () => {
    let calls = 0;
    const base = walker();
    const env = walker({
      step(state, action, rng) {
        calls++;
        const r = base.step(state, action, rng);
        return calls === 700 ? { ...r, reward: 5 } : r;
      },
    });
    const problems = checkEnv(env, { seed: 1, steps: 500 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^two runs with seed 1 differ at step 200: /);
  });

  it('finds non-finite rewards, bad flags, bad info and observations outside the space', () => {
    const base = walker();
    const env = walker({
      step(state, action, rng) {
        const r = base.step(state, action, rng);
        return { ...r, obs: 10, reward: NaN, terminated: 0 as unknown as boolean, info: { bad: 'x' as unknown as number } };
      },
    });
    const problems = checkEnv(env, { seed: 1, steps: 10 });
    expect(problems).toContain('step observation 10 is outside the observation space');
    expect(problems).toContain('step 1 reward is not a finite number: NaN');
    expect(problems).toContain('step 1 terminated is not a boolean: 0');
    expect(problems).toContain('step info.bad is not a number: "x"');
  });

  it('finds states that are not plain data and envs that throw', () => {
    const classy = walker({
      reset: () => ({ state: { position: 0, trail: [], at: new Date(0) } as unknown as Walker, obs: 0 }),
    });
    expect(checkEnv(classy, { seed: 1, steps: 1 })).toContain('reset state is not plain data: state.at is a class instance, not a plain object');
    const throwing = walker({
      step: () => {
        throw new Error('nope');
      },
    });
    const problems = checkEnv(throwing, { seed: 1 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^step threw at step 1 \(action \d\): nope$/);
  });

  it('finds bad rows in a tabular model', () => {
    const model: TabularModel = {
      nS: 2,
      nA: 2,
      P: (s, a) => (s === 0 && a === 1 ? [{ next: 1, prob: 0.7 }] : s === 1 && a === 0 ? [{ next: 2, prob: 1 }, { next: 0, prob: -0 }] : [{ next: 0, prob: 1 }]),
      r: (s) => (s === 1 ? Infinity : 0),
      terminal: () => false,
    };
    const problems = checkEnv(walker(), { seed: 1, steps: 1, model });
    expect(problems).toContain('model has nA = 2 but the action space has 3 actions');
    expect(problems).toContain('model P(0, 1) sums to 0.7, not 1');
    expect(problems).toContain('model P(1, 0) has next state 2 outside 0..1');
    expect(problems).toContain('model r(1, 0) is not a finite number: Infinity');
    const probs: TabularModel = { ...model, nA: 3, P: () => [{ next: 0, prob: 1.5 }, { next: 1, prob: -0.5 }], r: () => 0 };
    expect(checkEnv(walker(), { seed: 1, steps: 1, model: probs })).toContain('model P(0, 0) has probability 1.5 outside [0, 1]');
  });
});

describe('registry', () => {
  it('looks worlds up by id and lists them by family', () => {
    const world = getWorld('gridworld/fig-19-10');
    expect(world?.family).toBe('gridworld');
    expect(world?.title).toBe(GRIDWORLD_PRESETS['fig-19-10'].title);
    expect(world?.create().id).toBe('gridworld/fig-19-10');
    expect(world?.model?.().nS).toBe(16);
    expect(getWorld('gridworld/nope')).toBeUndefined();
    expect(() => requireWorld('gridworld/nope')).toThrow(/^unknown world 'gridworld\/nope'; known worlds: gridworld\/fig-19-1-markov-process, /);
    expect(listWorlds('gridworld').length).toBe(Object.keys(GRIDWORLD_PRESETS).length);
    expect(listWorlds('arcade').every((w) => w.family === 'arcade')).toBe(true);
  });

  it('gives a fresh env per create() and refuses duplicate or malformed ids', () => {
    const world = requireWorld('gridworld/cliff-walk');
    expect(world.create()).not.toBe(world.create());
    const entry = { id: 'gridworld/fig-19-10', description: '', family: 'gridworld' as const, create: () => walker() };
    expect(() => registerWorld(entry)).toThrow("world 'gridworld/fig-19-10' is already registered");
    expect(() => registerWorld({ ...entry, id: 'Bad Id' })).toThrow("world id 'Bad Id' must look like 'family/kebab-case-name'");
  });
});
