/**
 * CartPole: the cart-and-pole balancing task of Barto, Sutton & Anderson (1983), with the
 * dynamics and constants of Gymnasium's CartPole-v1.
 *
 * Description: a pole is hinged on top of a cart that rolls without friction along a track. The
 *   pole starts nearly upright; the agent pushes the cart left or right to keep it balanced and
 *   the cart on the track.
 * Actions: discrete(2): 0 pushes the cart left (force -forceMagnitude), 1 pushes it right
 *   (force +forceMagnitude). There is no "do nothing".
 * Observations: Float32Array [x, xDot, theta, thetaDot], box([4], -Infinity, Infinity):
 *   x        cart position on the track (m), 0 at the centre, positive to the right;
 *   xDot     cart velocity (m/s);
 *   theta    pole angle from the vertical (rad). SIGN CONVENTION: theta > 0 means the pole leans
 *            to the RIGHT, toward +x: its tip is at x + 2l sin(theta), with y up. A renderer must
 *            draw it at that angle (cartPoleGeometry() gives the tip), not mirrored;
 *   thetaDot pole angular velocity (rad/s), positive when the pole rotates toward +x.
 *   The state keeps float64 numbers; only the observation is rounded to float32.
 * Rewards: +1 for every step, including the step that terminates (as Gymnasium). Stepping a state
 *   that is already past a threshold (Gymnasium's "steps beyond terminated") pays 0 and
 *   terminates again.
 * Episode end: `terminated` when |theta| > thetaThreshold (12 degrees = 12 * 2 * pi / 360 rad) or
 *   |x| > xThreshold (2.4 m) after the step. This env never truncates: `makeCartPole` adds the
 *   500-step time limit (`maxSteps`), the only source of `truncated`.
 * Starting state: each of x, xDot, theta, thetaDot uniform in [-resetRange, resetRange] (0.05),
 *   drawn from the Rng in that order.
 *
 * Equations of motion (Florian 2007's correction of Barto et al.; no friction). With
 *   F = ±forceMagnitude, m_c = massCart, m_p = massPole, m_total = m_c + m_p,
 *   l = halfPoleLength (the distance from the pivot to the pole's centre of mass), g = gravity:
 *
 *   temp     = (F + m_p l thetaDot² sin(theta)) / m_total
 *   thetaAcc = (g sin(theta) − cos(theta) · temp) / (l (4/3 − m_p cos²(theta) / m_total))
 *   xAcc     = temp − m_p l thetaAcc cos(theta) / m_total
 *
 * then one step of length tau (0.02 s). Euler (the default, as Gymnasium) moves the positions
 * with the OLD velocities:
 *   x' = x + tau xDot,  xDot' = xDot + tau xAcc,  theta' = theta + tau thetaDot,  thetaDot' = thetaDot + tau thetaAcc
 * Semi-implicit Euler updates the velocities first and moves the positions with the NEW ones:
 *   xDot' = xDot + tau xAcc,  x' = x + tau xDot',  thetaDot' = thetaDot + tau thetaAcc,  theta' = theta + tau thetaDot'
 *
 * Params: CartPoleParams below, every field optional with Gymnasium's value as default and
 *   validated by resolveCartPoleParams (unknown keys are errors, so a typo in a saved config
 *   does not silently fall back to a default).
 * Version history: v1 (Floe): Gymnasium CartPole-v1's dynamics, thresholds, reward and 500-step
 *   limit. Differences: the observation space is unbounded in all four coordinates (Gymnasium
 *   bounds x by ±4.8 and theta by ±24 degrees); resets draw from Floe's Rng, so a seed gives
 *   other starts than in Gymnasium.
 */
import type { Rng } from '../core/rng';
import { box, discrete } from '../core/spaces';
import { withTimeLimit, type TimeLimitedEnv } from '../core/time-limit';
import type { Env, StepResult } from '../core/types';

/** Plain, frozen data: what the worker posts to the renderer. */
export interface CartPoleState {
  /** Cart position (m), positive to the right. */
  readonly x: number;
  /** Cart velocity (m/s). */
  readonly xDot: number;
  /** Pole angle from the vertical (rad); positive leans right, toward +x. */
  readonly theta: number;
  /** Pole angular velocity (rad/s); positive rotates toward +x. */
  readonly thetaDot: number;
}

export type CartPoleIntegrator = 'euler' | 'semi-implicit-euler';

export interface CartPoleParams {
  /** Gravitational acceleration g (m/s²). Default 9.8. */
  readonly gravity: number;
  /** Cart mass m_c (kg). Default 1.0. */
  readonly massCart: number;
  /** Pole mass m_p (kg). Default 0.1. */
  readonly massPole: number;
  /** l: half the pole's length (m), pivot to centre of mass; the pole is 2l long. Default 0.5. */
  readonly halfPoleLength: number;
  /** Magnitude of the push each action applies (N). Default 10. */
  readonly forceMagnitude: number;
  /** Seconds per step. Default 0.02. */
  readonly tau: number;
  /** `euler` (Gymnasium's default) or `semi-implicit-euler`. Default `euler`. */
  readonly integrator: CartPoleIntegrator;
  /** |theta| beyond this (rad) terminates. Default 12 degrees = 12 * 2 * pi / 360. */
  readonly thetaThreshold: number;
  /** |x| beyond this (m) terminates. Default 2.4. */
  readonly xThreshold: number;
  /** Each state variable starts uniform in [-resetRange, resetRange]. Default 0.05. */
  readonly resetRange: number;
  /** The time limit `makeCartPole` adds (the bare env ignores it). Default 500 (CartPole-v1). */
  readonly maxSteps: number;
}

export const CARTPOLE_DEFAULTS: Readonly<CartPoleParams> = Object.freeze({
  gravity: 9.8,
  massCart: 1.0,
  massPole: 0.1,
  halfPoleLength: 0.5,
  forceMagnitude: 10,
  tau: 0.02,
  integrator: 'euler',
  thetaThreshold: (12 * 2 * Math.PI) / 360,
  xThreshold: 2.4,
  resetRange: 0.05,
  maxSteps: 500,
});

export const CARTPOLE_ID = 'classic/cartpole';
export const CARTPOLE_ACTIONS = ['push left', 'push right'] as const;

const INTEGRATORS: readonly CartPoleIntegrator[] = ['euler', 'semi-implicit-euler'];

/** Which numeric params must be > 0 and which may be 0. */
const POSITIVE = ['massCart', 'massPole', 'halfPoleLength', 'tau', 'thetaThreshold', 'xThreshold'] as const;
const NON_NEGATIVE = ['gravity', 'forceMagnitude', 'resetRange'] as const;

/** Defaults filled in and every field checked; throws one precise message for the first problem. */
export function resolveCartPoleParams(params: Partial<CartPoleParams> = {}): Readonly<CartPoleParams> {
  for (const key of Object.keys(params)) {
    if (!Object.hasOwn(CARTPOLE_DEFAULTS, key)) {
      throw new Error(`unknown CartPole parameter '${key}'; known: ${Object.keys(CARTPOLE_DEFAULTS).join(', ')}`);
    }
  }
  // `undefined` means "use the default", as an omitted key does.
  const defined = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as Partial<CartPoleParams>;
  const p: CartPoleParams = { ...CARTPOLE_DEFAULTS, ...defined };
  for (const key of POSITIVE) {
    const v: unknown = p[key];
    if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) throw new Error(`CartPole ${key} must be a finite number > 0, got ${show(v)}`);
  }
  for (const key of NON_NEGATIVE) {
    const v: unknown = p[key];
    if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0)) throw new Error(`CartPole ${key} must be a finite number >= 0, got ${show(v)}`);
  }
  if (p.thetaThreshold > Math.PI) throw new Error(`CartPole thetaThreshold must be at most pi (180 degrees), got ${p.thetaThreshold}`);
  if (!INTEGRATORS.includes(p.integrator)) {
    throw new Error(`CartPole integrator must be one of ${INTEGRATORS.map((i) => `'${i}'`).join(', ')}, got ${JSON.stringify(p.integrator)}`);
  }
  if (!(Number.isInteger(p.maxSteps) && p.maxSteps >= 1)) throw new Error(`CartPole maxSteps must be a positive integer, got ${show(p.maxSteps)}`);
  return Object.freeze(p);
}

/** A value as a message shows it: strings quoted, so '1' and 1 read differently. */
function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

export interface CartPoleEnv extends Env<CartPoleState, Float32Array, number> {
  /** The resolved, frozen params (pass them to cartPoleGeometry). */
  readonly params: Readonly<CartPoleParams>;
  observe(state: CartPoleState): Float32Array;
}

/** CartPole with its time limit: what the registry and the runner use. */
export interface TimeLimitedCartPoleEnv extends TimeLimitedEnv<CartPoleState, Float32Array, number> {
  readonly params: Readonly<CartPoleParams>;
  readonly inner: CartPoleEnv;
}

/** The observation of a state: a fresh Float32Array [x, xDot, theta, thetaDot]. */
export function cartPoleObservation(state: CartPoleState): Float32Array {
  return Float32Array.of(state.x, state.xDot, state.theta, state.thetaDot);
}

/** Whether the state is past a threshold (the episode is over once a step lands here). */
export function cartPoleOutOfBounds(state: CartPoleState, params: Readonly<CartPoleParams> = CARTPOLE_DEFAULTS): boolean {
  // NOTE: strict inequalities, as Gymnasium: exactly 12 degrees or exactly 2.4 m is still alive.
  return state.x < -params.xThreshold || state.x > params.xThreshold || state.theta < -params.thetaThreshold || state.theta > params.thetaThreshold;
}

/** The accelerations at a state under a force F (the equations in the doc block above). */
export function cartPoleAccelerations(state: CartPoleState, force: number, params: Readonly<CartPoleParams> = CARTPOLE_DEFAULTS): { xAcc: number; thetaAcc: number } {
  const { gravity, massCart, massPole, halfPoleLength } = params;
  const totalMass = massCart + massPole;
  const poleMassLength = massPole * halfPoleLength;
  const sin = Math.sin(state.theta);
  const cos = Math.cos(state.theta);
  const temp = (force + poleMassLength * state.thetaDot * state.thetaDot * sin) / totalMass;
  const thetaAcc = (gravity * sin - cos * temp) / (halfPoleLength * (4 / 3 - (massPole * cos * cos) / totalMass));
  const xAcc = temp - (poleMassLength * thetaAcc * cos) / totalMass;
  return { xAcc, thetaAcc };
}

export function cartPoleEnv(params: Partial<CartPoleParams> = {}): CartPoleEnv {
  const p = resolveCartPoleParams(params);
  const { forceMagnitude, tau, resetRange } = p;
  const semiImplicit = p.integrator === 'semi-implicit-euler';
  const uniform = (rng: Rng) => -resetRange + 2 * resetRange * rng.next();

  function step(state: CartPoleState, action: number, _rng: Rng): StepResult<CartPoleState, Float32Array> {
    if (action !== 0 && action !== 1) throw new Error(`CartPole action must be 0 (push left) or 1 (push right), got ${String(action)}`);
    const { x, xDot, theta, thetaDot } = state;
    if (!(Number.isFinite(x) && Number.isFinite(xDot) && Number.isFinite(theta) && Number.isFinite(thetaDot))) {
      throw new Error(`CartPole state must hold four finite numbers, got ${JSON.stringify(state)}`);
    }
    const alreadyOver = cartPoleOutOfBounds(state, p);
    const force = action === 1 ? forceMagnitude : -forceMagnitude;
    const { xAcc, thetaAcc } = cartPoleAccelerations(state, force, p);
    let next: CartPoleState;
    if (semiImplicit) {
      const newXDot = xDot + tau * xAcc;
      const newThetaDot = thetaDot + tau * thetaAcc;
      next = Object.freeze({ x: x + tau * newXDot, xDot: newXDot, theta: theta + tau * newThetaDot, thetaDot: newThetaDot });
    } else {
      // NOTE: explicit Euler moves the positions with the velocities from BEFORE the step.
      next = Object.freeze({ x: x + tau * xDot, xDot: xDot + tau * xAcc, theta: theta + tau * thetaDot, thetaDot: thetaDot + tau * thetaAcc });
    }
    return {
      state: next,
      obs: cartPoleObservation(next),
      // NOTE: the step that lets the pole fall still pays 1 (Gymnasium); only steps taken after
      // the end pay 0.
      reward: alreadyOver ? 0 : 1,
      terminated: alreadyOver || cartPoleOutOfBounds(next, p),
      truncated: false, // the 500-step limit comes only from withTimeLimit()
    };
  }

  return {
    id: CARTPOLE_ID,
    observationSpace: box([4], -Infinity, Infinity),
    actionSpace: discrete(2),
    params: p,
    reset(rng: Rng) {
      // Four draws in a fixed order, so a seed always gives the same start.
      const x = uniform(rng);
      const xDot = uniform(rng);
      const theta = uniform(rng);
      const thetaDot = uniform(rng);
      const state: CartPoleState = Object.freeze({ x, xDot, theta, thetaDot });
      return { state, obs: cartPoleObservation(state) };
    },
    step,
    observe: cartPoleObservation,
  };
}

/** CartPole wrapped in its `maxSteps` time limit (500 by default), with its params alongside. */
export function makeCartPole(params: Partial<CartPoleParams> = {}): TimeLimitedCartPoleEnv {
  const inner = cartPoleEnv(params);
  return { ...withTimeLimit(inner, inner.params.maxSteps), inner, params: inner.params };
}

/** Where a renderer draws the pole, in track coordinates: metres, x to the right, y UP. */
export interface CartPoleGeometry {
  /** The pivot on top of the cart: (x, 0). */
  readonly pivotX: number;
  readonly pivotY: number;
  /** The pole's free end: (x + 2l sin(theta), 2l cos(theta)). */
  readonly tipX: number;
  readonly tipY: number;
  /** 2l, the whole pole. */
  readonly poleLength: number;
}

/**
 * The pole's pivot and tip for drawing. theta > 0 puts the tip at larger x (right of the pivot).
 * Screen coordinates usually grow downward: draw the tip at screenY = pivotScreenY - tipY * scale,
 * and do not negate the x offset (the mirrored pole is the bug issue 4 warns about).
 */
export function cartPoleGeometry(state: CartPoleState, params: Pick<CartPoleParams, 'halfPoleLength'> = CARTPOLE_DEFAULTS): CartPoleGeometry {
  const poleLength = 2 * params.halfPoleLength;
  return {
    pivotX: state.x,
    pivotY: 0,
    tipX: state.x + poleLength * Math.sin(state.theta),
    tipY: poleLength * Math.cos(state.theta),
    poleLength,
  };
}
