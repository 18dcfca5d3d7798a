/**
 * What every arcade game shares: registration, checkEnv, determinism, the action sets, sticky
 * actions, the frozen terminal state, the observation layout and the truncation limit.
 */
import { describe, expect, it } from 'vitest';
import { ARCADE_DEFAULTS, arcadeEnv, arcadeState, resolveArcadeOptions, type ArcadeOptions, type TimeLimitedArcadeEnv } from '../../environments/arcade/arcade-env';
import { asterixEnv, asterixGame } from '../../environments/arcade/asterix';
import { breakoutEnv, breakoutGame } from '../../environments/arcade/breakout';
import { freewayEnv, freewayGame } from '../../environments/arcade/freeway';
import { pongEnv } from '../../environments/arcade/pong';
import { makeSeaquest, seaquestEnv, seaquestGame, type SeaquestState } from '../../environments/arcade/seaquest';
import { spaceInvadersEnv, spaceInvadersGame } from '../../environments/arcade/space-invaders';
import { checkEnv } from '../../environments/core/check-env';
import { listWorlds, requireWorld } from '../../environments/core/registry';
import { createRng, type Rng } from '../../environments/core/rng';
import { isTimeLimited } from '../../environments/core/time-limit';
import type { AnyEnv } from '../../environments/core/registry';
import '../../environments/index';

const MAKERS: Record<string, (o?: Partial<ArcadeOptions>) => AnyEnv> = {
  breakout: breakoutEnv,
  'space-invaders': spaceInvadersEnv,
  freeway: freewayEnv,
  asterix: asterixEnv,
  seaquest: seaquestEnv,
  pong: pongEnv,
};

function scripted(values: number[]): Rng {
  let i = 0;
  const next = () => values[i++ % values.length];
  return { next, int: (n) => Math.floor(next() * n), state: () => ({ c: 0, s0: 0, s1: 0, s2: 0 }) };
}

/** Plays `steps` seeded random actions (resetting on the end) and records everything observable. */
function trace(env: AnyEnv, seed: string, steps: number): { obs: number[][]; rewards: number[]; ends: string } {
  const envRng = createRng(`${seed}/env`);
  const actionRng = createRng(`${seed}/actions`);
  const n = (env.actionSpace as { n: number }).n;
  const start = env.reset(envRng);
  let state = start.state;
  const out = { obs: [Array.from(start.obs as Float32Array)], rewards: [] as number[], ends: '' };
  for (let t = 0; t < steps; t++) {
    const r = env.step(state, actionRng.int(n), envRng);
    out.obs.push(Array.from(r.obs as Float32Array));
    out.rewards.push(r.reward);
    out.ends += r.terminated ? 'T' : r.truncated ? 't' : '.';
    state = r.terminated || r.truncated ? env.reset(envRng).state : r.state;
  }
  return out;
}

describe('arcade registration', () => {
  const create = (id: string) => requireWorld(id).create() as TimeLimitedArcadeEnv<{ readonly terminal: boolean }>;

  it('registers the six games in the arcade family, each time-limited at 10,000 steps', () => {
    const ids = listWorlds('arcade').map((w) => w.id);
    expect(ids).toEqual(['arcade/breakout', 'arcade/space-invaders', 'arcade/freeway', 'arcade/asterix', 'arcade/seaquest', 'arcade/pong']);
    for (const id of ids) {
      const env = create(id);
      expect(isTimeLimited(env)).toBe(true);
      expect(env.maxSteps).toBe(10_000);
      expect(env.id).toBe(id);
    }
  });

  it('has the MinAtar channel counts and minimal action sets', () => {
    const shape = (id: string) => {
      const env = create(id);
      return [env.observationSpace, env.actionSpace, env.actionNames];
    };
    expect(shape('arcade/breakout')).toEqual([{ kind: 'box', shape: [10, 10, 4], low: 0, high: 1 }, { kind: 'discrete', n: 3 }, ['noop', 'left', 'right']]);
    expect(shape('arcade/space-invaders')).toEqual([{ kind: 'box', shape: [10, 10, 6], low: 0, high: 1 }, { kind: 'discrete', n: 4 }, ['noop', 'left', 'right', 'fire']]);
    expect(shape('arcade/freeway')).toEqual([{ kind: 'box', shape: [10, 10, 7], low: 0, high: 1 }, { kind: 'discrete', n: 3 }, ['noop', 'up', 'down']]);
    expect(shape('arcade/asterix')).toEqual([{ kind: 'box', shape: [10, 10, 4], low: 0, high: 1 }, { kind: 'discrete', n: 5 }, ['noop', 'left', 'up', 'right', 'down']]);
    expect(shape('arcade/seaquest')).toEqual([{ kind: 'box', shape: [10, 10, 10], low: 0, high: 1 }, { kind: 'discrete', n: 6 }, ['noop', 'left', 'up', 'right', 'down', 'fire']]);
    expect(shape('arcade/pong')).toEqual([{ kind: 'box', shape: [10, 10, 4], low: 0, high: 1 }, { kind: 'discrete', n: 3 }, ['noop', 'up', 'down']]);
  });

  it('maps agent actions to full-set actions, or takes all six with the full set', () => {
    expect(spaceInvadersEnv().actionMap).toEqual([0, 1, 3, 5]);
    expect(freewayEnv().actionMap).toEqual([0, 2, 4]);
    const full = breakoutEnv({ actionSet: 'full' });
    expect([full.actionSpace, full.actionNames]).toEqual([{ kind: 'discrete', n: 6 }, ['noop', 'left', 'up', 'right', 'down', 'fire']]);
    // Full-set 'right' (3) moves Breakout's paddle; 'up' (2) does nothing.
    const s = arcadeState({ ...breakoutGame.reset(createRng(1)) });
    expect(full.step(s, 3, scripted([0.5])).state.game.paddle).toBe(5);
    expect(full.step(s, 2, scripted([0.5])).state.game.paddle).toBe(4);
  });
});

describe('checkEnv on every arcade game', () => {
  for (const world of listWorlds('arcade')) {
    it(`${world.id} passes with the registry defaults`, () => {
      expect(checkEnv(world.create(), { seed: 'arcade', steps: 3000 })).toEqual([]);
    });
  }
  for (const [name, make] of Object.entries(MAKERS)) {
    it(`${name} passes without sticky actions or ramping, on the full action set`, () => {
      expect(checkEnv(make({ stickyProbability: 0, ramping: false, actionSet: 'full' }), { seed: 'arcade-variant', steps: 1000 })).toEqual([]);
    });
  }
});

describe('arcade determinism', () => {
  for (const [name, make] of Object.entries(MAKERS)) {
    it(`${name}: the same seed and actions give the same 1,000 steps; another seed differs`, () => {
      const a = trace(make(), 'same', 1000);
      const b = trace(make(), 'same', 1000);
      expect(b.rewards).toEqual(a.rewards);
      expect(b.ends).toEqual(a.ends);
      expect(b.obs).toEqual(a.obs);
      const c = trace(make(), 'other', 1000);
      expect(JSON.stringify(c.obs)).not.toEqual(JSON.stringify(a.obs));
    });
  }
});

describe('sticky actions', () => {
  it('repeat the last executed action when the draw falls below p', () => {
    const env = breakoutEnv({ stickyProbability: 0.1 });
    const start = arcadeState(breakoutGame.reset(createRng(3)), 1); // last executed: left
    const stuck = env.step(start, 2, scripted([0.09]));
    expect([stuck.info?.sticky, stuck.info?.executedAction, stuck.state.game.paddle, stuck.state.lastAction]).toEqual([1, 1, 3, 1]);
    const free = env.step(start, 2, scripted([0.1]));
    expect([free.info?.sticky, free.info?.executedAction, free.state.game.paddle, free.state.lastAction]).toEqual([0, 3, 5, 3]);
  });

  it('chain: with p = 1 the first executed action (no-op after reset) repeats for ever', () => {
    const env = asterixEnv({ stickyProbability: 1 });
    const rng = createRng('always-sticky');
    let { state } = env.reset(rng);
    for (let t = 0; t < 9; t++) {
      const r = env.step(state, 1 + (t % 4), rng);
      expect(r.info?.executedAction).toBe(0);
      state = r.state;
    }
    expect([state.game.playerRow, state.game.playerCol]).toEqual([5, 5]);
  });

  it('are off with p = 0: the chosen action always runs', () => {
    const env = spaceInvadersEnv({ stickyProbability: 0 });
    const rng = createRng('never-sticky');
    let { state } = env.reset(rng);
    for (let t = 0; t < 50; t++) {
      const action = t % 4;
      const r = env.step(state, action, rng);
      expect([r.info?.sticky, r.info?.executedAction]).toEqual([0, env.actionMap[action]]);
      state = r.state;
      if (r.terminated) break;
    }
  });

  it('happen about p of the time, and the draw is made even with p = 0', () => {
    const env = breakoutEnv({ stickyProbability: 0.1 });
    const rng = createRng('sticky-rate');
    let sticky = 0;
    let { state } = env.reset(rng);
    for (let t = 0; t < 5000; t++) {
      const r = env.step(state, t % 3, rng);
      sticky += r.info?.sticky ?? 0;
      state = r.terminated ? env.reset(rng).state : r.state;
    }
    expect(sticky / 5000).toBeGreaterThan(0.08);
    expect(sticky / 5000).toBeLessThan(0.12);
    // With the draw always made, p = 0 and p = 0.1 see the same world under no-op (the sticky
    // repeat of a no-op is a no-op): Seaquest's spawns land identically.
    const run = (p: number) => {
      const e = seaquestEnv({ stickyProbability: p });
      const r = createRng('aligned');
      let s = e.reset(r).state;
      for (let t = 0; t < 120; t++) s = arcadeState<SeaquestState>({ ...e.step(s, 0, r).state.game, subRow: 0 });
      return s.game;
    };
    expect(run(0.1)).toEqual(run(0));
    expect(run(0).fish.length + run(0).enemySubs.length + run(0).diverList.length).toBeGreaterThan(0);
  });
});

describe('arcade env contract', () => {
  it('rejects unknown or bad options and out-of-range actions', () => {
    expect(() => resolveArcadeOptions({ sticky: 0.1 } as never)).toThrow(/unknown arcade option 'sticky'/);
    expect(() => breakoutEnv({ stickyProbability: 1.5 })).toThrow(/stickyProbability/);
    expect(() => breakoutEnv({ actionSet: 'some' as never })).toThrow(/actionSet/);
    expect(() => breakoutEnv({ maxSteps: 0 })).toThrow(/maxSteps/);
    const env = breakoutEnv();
    const { state } = env.reset(createRng(1));
    expect(() => env.step(state, 3, createRng(1))).toThrow(/arcade\/breakout action must be an integer in 0..2/);
    expect(resolveArcadeOptions()).toEqual(ARCADE_DEFAULTS);
  });

  it('lays observations out row-major, channels last, and observe(state) recomputes them', () => {
    const env = breakoutEnv();
    const { state, obs } = env.reset(createRng(1));
    // The paddle at (9, 4) in channel 0 of 4.
    expect(obs[(9 * 10 + 4) * 4 + 0]).toBe(1);
    expect(obs.reduce((a, b) => a + b, 0)).toBe(1 + 1 + 1 + 30);
    expect(Array.from(env.observe(state))).toEqual(Array.from(obs));
    const size = (env: AnyEnv) => (env.reset(createRng(2)).obs as Float32Array).length;
    const sizes = [arcadeEnv(spaceInvadersGame), arcadeEnv(freewayGame), arcadeEnv(asterixGame), arcadeEnv(seaquestGame)].map(size);
    expect(sizes).toEqual([600, 700, 400, 1000]);
  });

  it('truncates at maxSteps (the only truncation), never on a terminating step', () => {
    // A submarine that stays on the surface lives for ever: only the limit ends the episode.
    const env = makeSeaquest({ maxSteps: 50, stickyProbability: 0 });
    const rng = createRng('surface');
    let { state } = env.reset(rng);
    for (let t = 1; t <= 50; t++) {
      const r = env.step(state, 0, rng);
      expect([r.terminated, r.truncated]).toEqual([false, t === 50]);
      state = { ...r.state, inner: { ...r.state.inner, game: { ...r.state.inner.game, fish: [], enemySubs: [], enemyBullets: [] } } };
    }
  });

  it('passes the ramping switch to the game', () => {
    const surfacing = (ramping: boolean) => {
      const env = arcadeEnv(seaquestGame, { ramping, stickyProbability: 0 });
      const s = arcadeState({ ...seaquestGame.reset(createRng(1)), subRow: 1, surfaced: false, divers: 2 });
      return env.step(s, 2, createRng(1)).state.game.enemySpawnInterval;
    };
    expect([surfacing(true), surfacing(false)]).toEqual([19, 20]);
  });
});
