import { describe, expect, it } from 'vitest';
import {
  CARTPOLE_DEFAULTS,
  cartPoleEnv,
  cartPoleGeometry,
  makeCartPole,
  resolveCartPoleParams,
  type CartPoleState,
} from '../../environments/classic/cartpole';
import { checkEnv } from '../../environments/core/check-env';
import { listWorlds, requireWorld } from '../../environments/core/registry';
import { createRng } from '../../environments/core/rng';
import { contains } from '../../environments/core/spaces';
import { startClock, unwrapEnv } from '../../environments/core/time-limit';
import '../../environments/index';

const TWELVE_DEGREES = (12 * 2 * Math.PI) / 360;
const rng = createRng('cartpole-test');
const state = (x: number, xDot: number, theta: number, thetaDot: number): CartPoleState => Object.freeze({ x, xDot, theta, thetaDot });

/**
 * The textbook equations written out again, independently of the env, with Gymnasium's constants:
 * g = 9.8, m_c = 1, m_p = 0.1, l = 0.5, tau = 0.02.
 */
function expectedStep(s: CartPoleState, force: number, integrator: 'euler' | 'semi-implicit-euler'): CartPoleState {
  const g = 9.8;
  const mCart = 1.0;
  const mPole = 0.1;
  const l = 0.5;
  const tau = 0.02;
  const mTotal = mCart + mPole;
  const temp = (force + mPole * l * s.thetaDot ** 2 * Math.sin(s.theta)) / mTotal;
  const thetaAcc = (g * Math.sin(s.theta) - Math.cos(s.theta) * temp) / (l * (4 / 3 - (mPole * Math.cos(s.theta) ** 2) / mTotal));
  const xAcc = temp - (mPole * l * thetaAcc * Math.cos(s.theta)) / mTotal;
  if (integrator === 'euler') {
    return { x: s.x + tau * s.xDot, xDot: s.xDot + tau * xAcc, theta: s.theta + tau * s.thetaDot, thetaDot: s.thetaDot + tau * thetaAcc };
  }
  const xDot = s.xDot + tau * xAcc;
  const thetaDot = s.thetaDot + tau * thetaAcc;
  return { x: s.x + tau * xDot, xDot, theta: s.theta + tau * thetaDot, thetaDot };
}

function expectClose(actual: CartPoleState, expected: CartPoleState, digits = 12) {
  expect(actual.x).toBeCloseTo(expected.x, digits);
  expect(actual.xDot).toBeCloseTo(expected.xDot, digits);
  expect(actual.theta).toBeCloseTo(expected.theta, digits);
  expect(actual.thetaDot).toBeCloseTo(expected.thetaDot, digits);
}

describe('CartPole dynamics', () => {
  const known = state(0.01, -0.2, 0.03, 0.15);

  for (const integrator of ['euler', 'semi-implicit-euler'] as const) {
    it(`${integrator}: one step with force +10 and -10 matches the equations`, () => {
      const env = cartPoleEnv({ integrator });
      expectClose(env.step(known, 1, rng).state, expectedStep(known, 10, integrator));
      expectClose(env.step(known, 0, rng).state, expectedStep(known, -10, integrator));
    });
  }

  it('matches numbers computed by hand (Python, float64) for a known state', () => {
    const env = cartPoleEnv();
    // xAcc = 9.733990366142898, thetaAcc = -14.153481745508994 under F = +10.
    expectClose(env.step(known, 1, rng).state, state(0.006, -0.005320192677142066, 0.033, -0.1330696349101799));
    // xAcc = -9.776920276374332, thetaAcc = 15.099715341293374 under F = -10.
    expectClose(env.step(known, 0, rng).state, state(0.006, -0.39553840552748665, 0.033, 0.4519943068258675));
    const semi = cartPoleEnv({ integrator: 'semi-implicit-euler' });
    expectClose(semi.step(known, 1, rng).state, state(0.009893596146457158, -0.005320192677142066, 0.0273386073017964, -0.1330696349101799));
    // From rest, pushing right: temp = 10 / 1.1, thetaAcc = -14.634146..., xAcc = 9.756097...
    expectClose(env.step(state(0, 0, 0, 0), 1, rng).state, state(0, 0.1951219512195122, 0, -0.2926829268292683));
  });

  it('pushing right accelerates the cart right and tips the pole left; gravity tips a leaning pole further', () => {
    const env = cartPoleEnv();
    const right = env.step(state(0, 0, 0, 0), 1, rng).state;
    expect(right.xDot).toBeGreaterThan(0);
    expect(right.thetaDot).toBeLessThan(0);
    const left = env.step(state(0, 0, 0, 0), 0, rng).state;
    expect(left.xDot).toBeCloseTo(-right.xDot, 15);
    expect(left.thetaDot).toBeCloseTo(-right.thetaDot, 15);
    // A pole leaning right (theta > 0) with no push worth mentioning falls further right.
    const noPush = cartPoleEnv({ forceMagnitude: 0 });
    expect(noPush.step(state(0, 0, 0.1, 0), 1, rng).state.thetaDot).toBeGreaterThan(0);
  });

  it('returns the observation as Float32Array [x, xDot, theta, thetaDot] inside the space', () => {
    const env = cartPoleEnv();
    const r = env.step(known, 1, rng);
    expect(r.obs).toBeInstanceOf(Float32Array);
    expect(Array.from(r.obs)).toEqual(Array.from(Float32Array.of(r.state.x, r.state.xDot, r.state.theta, r.state.thetaDot)));
    expect(contains(env.observationSpace, r.obs)).toBe(true);
    expect(env.observationSpace).toEqual({ kind: 'box', shape: [4], low: -Infinity, high: Infinity });
    expect(env.actionSpace).toEqual({ kind: 'discrete', n: 2 });
    expect(Array.from(env.observe(known))).toEqual(Array.from(Float32Array.of(0.01, -0.2, 0.03, 0.15)));
  });
});

describe('CartPole rewards and episode end', () => {
  const env = cartPoleEnv();

  it('pays 1 per step, the terminating step included', () => {
    const r = env.step(state(0, 0, 0.01, 0), 1, rng);
    expect(r).toMatchObject({ reward: 1, terminated: false, truncated: false });
    const falling = env.step(state(0, 0, TWELVE_DEGREES - 1e-4, 1), 1, rng);
    expect(falling.state.theta).toBeGreaterThan(TWELVE_DEGREES);
    expect(falling).toMatchObject({ reward: 1, terminated: true, truncated: false });
  });

  it('terminates strictly past 12 degrees either way', () => {
    // Zero velocities: Euler leaves theta and x where they are for one step.
    expect(env.step(state(0, 0, TWELVE_DEGREES, 0), 1, rng).terminated).toBe(false);
    expect(env.step(state(0, 0, -TWELVE_DEGREES, 0), 0, rng).terminated).toBe(false);
    expect(env.step(state(0, 0, TWELVE_DEGREES + 1e-9, 0), 1, rng).terminated).toBe(true);
    expect(env.step(state(0, 0, -TWELVE_DEGREES - 1e-9, 0), 0, rng).terminated).toBe(true);
    expect(TWELVE_DEGREES).toBe(CARTPOLE_DEFAULTS.thetaThreshold);
  });

  it('terminates strictly past 2.4 m either way', () => {
    expect(env.step(state(2.4, 0, 0, 0), 1, rng).terminated).toBe(false);
    expect(env.step(state(-2.4, 0, 0, 0), 0, rng).terminated).toBe(false);
    expect(env.step(state(2.39, 1, 0, 0), 1, rng)).toMatchObject({ terminated: true, reward: 1 }); // x -> 2.41
    expect(env.step(state(-2.39, -1, 0, 0), 0, rng)).toMatchObject({ terminated: true, reward: 1 });
  });

  it('pays 0 for steps taken after the end (Gymnasium) and stays terminated', () => {
    expect(env.step(state(3, 0, 0, 0), 1, rng)).toMatchObject({ reward: 0, terminated: true, truncated: false });
  });

  it('truncates at 500 steps, not terminated, when the pole never falls', () => {
    expect(makeCartPole().maxSteps).toBe(500);
    // Zero gravity and no push: from rest the system stays at rest forever.
    const still = makeCartPole({ gravity: 0, forceMagnitude: 0 });
    let s = startClock(state(0, 0, 0, 0));
    for (let t = 1; t <= 500; t++) {
      const last = still.step(s, t % 2, rng);
      expect(last.reward).toBe(1);
      expect(last.terminated).toBe(false);
      expect(last.truncated).toBe(t === 500);
      s = last.state;
    }
    expect(s.elapsed).toBe(500);
    expect(s.inner).toEqual({ x: 0, xDot: 0, theta: 0, thetaDot: 0 });
  });

  it('lasts about 20 steps under a uniformly random policy (200 seeded episodes)', () => {
    const limited = makeCartPole();
    const envRng = createRng('random-policy/env');
    const actionRng = createRng('random-policy/actions');
    let total = 0;
    for (let episode = 0; episode < 200; episode++) {
      let { state: s } = limited.reset(envRng);
      for (;;) {
        const r = limited.step(s, actionRng.int(2), envRng);
        total += r.reward;
        s = r.state;
        if (r.terminated || r.truncated) break;
      }
    }
    const mean = total / 200;
    expect(mean).toBeGreaterThan(12);
    expect(mean).toBeLessThan(35);
  });
});

describe('CartPole reset, purity and determinism', () => {
  it('resets each variable uniformly in [-0.05, 0.05] and freezes the state', () => {
    const env = cartPoleEnv();
    const r = createRng(7);
    let largest = 0;
    for (let i = 0; i < 500; i++) {
      const { state: s, obs } = env.reset(r);
      expect(Object.isFrozen(s)).toBe(true);
      for (const v of [s.x, s.xDot, s.theta, s.thetaDot]) {
        expect(Math.abs(v)).toBeLessThanOrEqual(0.05);
        largest = Math.max(largest, Math.abs(v));
      }
      expect(obs).toEqual(env.observe(s));
    }
    expect(largest).toBeGreaterThan(0.049);
  });

  it('gives the same episode for the same seed', () => {
    const run = () => {
      const env = makeCartPole();
      const r = createRng('same');
      let { state: s } = env.reset(r);
      const trace: string[] = [JSON.stringify(s)];
      for (let t = 0; t < 300; t++) {
        const step = env.step(s, t % 3 === 0 ? 1 : 0, r);
        trace.push(JSON.stringify([step.state, Array.from(step.obs), step.reward, step.terminated, step.truncated]));
        s = step.terminated || step.truncated ? env.reset(r).state : step.state;
      }
      return trace;
    };
    expect(run()).toEqual(run());
  });

  it('never mutates the state it is given and returns a new frozen one', () => {
    const env = cartPoleEnv();
    const s = { x: 0.1, xDot: 0.2, theta: -0.03, thetaDot: 0.4 };
    const copy = { ...s };
    const r = env.step(s, 1, rng);
    expect(s).toEqual(copy);
    expect(r.state).not.toBe(s);
    expect(Object.isFrozen(r.state)).toBe(true);
  });

  it('rejects bad actions and states with precise messages', () => {
    const env = cartPoleEnv();
    expect(() => env.step(state(0, 0, 0, 0), 2, rng)).toThrow('CartPole action must be 0 (push left) or 1 (push right), got 2');
    expect(() => env.step(state(NaN, 0, 0, 0), 0, rng)).toThrow('CartPole state must hold four finite numbers');
  });
});

describe('CartPole params', () => {
  it("uses Gymnasium CartPole-v1's values by default", () => {
    expect(resolveCartPoleParams()).toEqual({
      gravity: 9.8,
      massCart: 1,
      massPole: 0.1,
      halfPoleLength: 0.5,
      forceMagnitude: 10,
      tau: 0.02,
      integrator: 'euler',
      thetaThreshold: TWELVE_DEGREES,
      xThreshold: 2.4,
      resetRange: 0.05,
      maxSteps: 500,
    });
    expect(makeCartPole({ maxSteps: 200 }).maxSteps).toBe(200);
    expect(makeCartPole({ tau: 0.01 }).params.tau).toBe(0.01);
  });

  it('rejects bad params with precise messages', () => {
    expect(() => cartPoleEnv({ massPole: 0 })).toThrow('CartPole massPole must be a finite number > 0, got 0');
    expect(() => cartPoleEnv({ tau: Infinity })).toThrow('CartPole tau must be a finite number > 0, got Infinity');
    expect(() => cartPoleEnv({ gravity: -1 })).toThrow('CartPole gravity must be a finite number >= 0, got -1');
    expect(() => cartPoleEnv({ forceMagnitude: NaN })).toThrow('CartPole forceMagnitude must be a finite number >= 0, got NaN');
    expect(() => cartPoleEnv({ thetaThreshold: 4 })).toThrow('CartPole thetaThreshold must be at most pi (180 degrees), got 4');
    expect(() => cartPoleEnv({ integrator: 'rk4' as 'euler' })).toThrow(`CartPole integrator must be one of 'euler', 'semi-implicit-euler', got "rk4"`);
    expect(() => makeCartPole({ maxSteps: 2.5 })).toThrow('CartPole maxSteps must be a positive integer, got 2.5');
    expect(() => cartPoleEnv({ length: 1 } as never)).toThrow(/^unknown CartPole parameter 'length'; known: gravity, massCart, /);
    expect(() => cartPoleEnv({ massCart: '1' as unknown as number })).toThrow('CartPole massCart must be a finite number > 0, got "1"');
  });
});

describe('cartPoleGeometry', () => {
  it('puts the tip of a pole leaning right (theta > 0) at larger x', () => {
    const g = cartPoleGeometry(state(0.5, 0, 0.2, 0), CARTPOLE_DEFAULTS);
    expect(g.pivotX).toBe(0.5);
    expect(g.pivotY).toBe(0);
    expect(g.tipX).toBeGreaterThan(g.pivotX);
    expect(g.tipX).toBeCloseTo(0.5 + Math.sin(0.2), 15);
    expect(g.tipY).toBeCloseTo(Math.cos(0.2), 15);
    expect(g.poleLength).toBe(1);
    const leftward = cartPoleGeometry(state(0.5, 0, -0.2, 0));
    expect(leftward.tipX).toBeLessThan(leftward.pivotX);
    expect(cartPoleGeometry(state(0, 0, 0, 0), { halfPoleLength: 2 })).toEqual({ pivotX: 0, pivotY: 0, tipX: 0, tipY: 4, poleLength: 4 });
  });

  it('agrees with the dynamics: a right-leaning pole left alone falls to the right', () => {
    const env = cartPoleEnv({ forceMagnitude: 0 });
    let s = state(0, 0, 0.05, 0);
    for (let t = 0; t < 10; t++) s = env.step(s, 0, rng).state;
    const g = cartPoleGeometry(s, env.params);
    expect(g.tipX - g.pivotX).toBeGreaterThan(cartPoleGeometry(state(0, 0, 0.05, 0)).tipX);
  });
});

describe('CartPole in the registry', () => {
  it('is registered as classic/cartpole, after the gridworlds, and passes checkEnv', () => {
    const world = requireWorld('classic/cartpole');
    expect(world.family).toBe('classic');
    expect(listWorlds('classic').map((w) => w.id)).toEqual(['classic/cartpole']);
    expect(listWorlds()[0].family).toBe('gridworld');
    const env = world.create();
    expect(env.id).toBe('classic/cartpole');
    expect(unwrapEnv(env)).toBe((env as ReturnType<typeof makeCartPole>).inner);
    expect(checkEnv(env, { seed: 'cartpole', steps: 3000 })).toEqual([]);
  });
});
