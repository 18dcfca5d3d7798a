/**
 * checkEnv: the contract every world must keep, checked mechanically (Gymnasium's check_env, for
 * Floe's pure-state envs). The test suite runs it on every registered world.
 *
 * It returns a list of problems rather than throwing at the first, so one run shows everything
 * wrong with a new env. Checks:
 * - reset and step return observations inside the observation space and states that are plain
 *   data (they are posted to workers and stored as snapshots);
 * - the same seed gives the same episode twice (actions drawn from a separate seeded stream);
 * - `step` never mutates the state it was given (compared structurally before and after);
 * - rewards are finite, the end flags are booleans, info values are numbers;
 * - a tabular model, when given, has proper distributions in every row.
 */
import { createRng, type Rng } from './rng';
import { contains, type Space } from './spaces';
import type { Env, StepResult, TabularModel } from './types';

export interface CheckEnvOptions {
  readonly seed: string | number;
  /** Steps per run (episodes restart on their end). Default 500. */
  readonly steps?: number;
  /** The env's exact model, checked row by row. */
  readonly model?: TabularModel;
}

/** At most this many problems are listed; the rest are counted. */
const MAX_PROBLEMS = 25;

export function checkEnv<S, O, A>(env: Env<S, O, A>, options: CheckEnvOptions): string[] {
  const problems: string[] = [];
  const report = (message: string) => {
    if (!problems.includes(message)) problems.push(message);
  };
  const steps = options.steps ?? 500;

  const first = run(env, options.seed, steps, report);
  const second = run(env, options.seed, steps, () => {});
  if (first && second) {
    const n = Math.min(first.length, second.length);
    for (let i = 0; i < n; i++) {
      if (first[i].text !== second[i].text) {
        report(`two runs with seed ${String(options.seed)} differ at ${first[i].label}: ${first[i].text} vs ${second[i].text}`);
        break;
      }
    }
    if (first.length !== second.length) report(`two runs with seed ${String(options.seed)} have different lengths`);
  }
  if (options.model) checkModel(options.model, env.actionSpace, report);

  if (problems.length > MAX_PROBLEMS) {
    const more = problems.length - MAX_PROBLEMS;
    return [...problems.slice(0, MAX_PROBLEMS), `... and ${more} more`];
  }
  return problems;
}

interface TraceLine {
  readonly label: string;
  readonly text: string;
}

/** One seeded run; returns a trace (one line per reset and step) to compare, or null if it threw. */
function run<S, O, A>(env: Env<S, O, A>, seed: string | number, steps: number, report: (m: string) => void): TraceLine[] | null {
  const envRng = createRng(`${String(seed)}/check-env/dynamics`);
  const actionRng = createRng(`${String(seed)}/check-env/actions`);
  const trace: TraceLine[] = [];
  const checkState = (where: string, s: unknown, o: unknown) => {
    const impure = impurity(s, 'state');
    if (impure) report(`${where} state is not plain data: ${impure}`);
    if (!contains(env.observationSpace, o)) report(`${where} observation ${show(o)} is outside the observation space`);
  };
  /** Resets and checks; null when reset threw (already reported). Boxed, as a state may be null. */
  const reset = (label: string): { state: S } | null => {
    let start: { state: S; obs: O };
    try {
      start = env.reset(envRng);
    } catch (err) {
      report(`${label} threw: ${message(err)}`);
      return null;
    }
    checkState('reset', start.state, start.obs);
    trace.push({ label, text: `${show(start.state)} ${show(start.obs)}` });
    return { state: start.state };
  };

  const first = reset('reset');
  if (first === null) return null;
  let state = first.state;
  for (let t = 1; t <= steps; t++) {
    const action = sampleAction(env.actionSpace, actionRng) as A;
    const before = clone(state);
    let result: StepResult<S, O>;
    try {
      result = env.step(state, action, envRng);
    } catch (err) {
      report(`step threw at step ${t} (action ${show(action)}): ${message(err)}`);
      return null;
    }
    if (!equal(before, state)) report(`step mutated its input state at step ${t}: ${show(before)} became ${show(state)}`);
    checkState('step', result.state, result.obs);
    if (typeof result.reward !== 'number' || !Number.isFinite(result.reward)) report(`step ${t} reward is not a finite number: ${show(result.reward)}`);
    if (typeof result.terminated !== 'boolean') report(`step ${t} terminated is not a boolean: ${show(result.terminated)}`);
    if (typeof result.truncated !== 'boolean') report(`step ${t} truncated is not a boolean: ${show(result.truncated)}`);
    if (result.info !== undefined) {
      for (const [key, value] of Object.entries(result.info)) {
        if (typeof value !== 'number' || Number.isNaN(value)) report(`step info.${key} is not a number: ${show(value)}`);
      }
    }
    trace.push({
      label: `step ${t}`,
      text: `action ${show(action)} -> state ${show(result.state)}, obs ${show(result.obs)}, reward ${result.reward}, terminated ${result.terminated}, truncated ${result.truncated}, info ${show(result.info)}`,
    });
    if (result.terminated || result.truncated) {
      const again = reset(`the reset after step ${t}`);
      if (again === null) return null;
      state = again.state;
    } else {
      state = result.state;
    }
  }
  return trace;
}

function checkModel(model: TabularModel, actionSpace: Space, report: (m: string) => void): void {
  if (!(Number.isInteger(model.nS) && model.nS > 0)) return report(`model nS must be a positive integer, got ${show(model.nS)}`);
  if (!(Number.isInteger(model.nA) && model.nA > 0)) return report(`model nA must be a positive integer, got ${show(model.nA)}`);
  if (actionSpace.kind === 'discrete' && actionSpace.n !== model.nA) report(`model has nA = ${model.nA} but the action space has ${actionSpace.n} actions`);
  for (let s = 0; s < model.nS; s++) {
    if (typeof model.terminal(s) !== 'boolean') report(`model terminal(${s}) is not a boolean`);
    for (let a = 0; a < model.nA; a++) {
      const r = model.r(s, a);
      if (typeof r !== 'number' || !Number.isFinite(r)) report(`model r(${s}, ${a}) is not a finite number: ${show(r)}`);
      let sum = 0;
      for (const { next, prob } of model.P(s, a)) {
        if (!(Number.isInteger(next) && next >= 0 && next < model.nS)) report(`model P(${s}, ${a}) has next state ${show(next)} outside 0..${model.nS - 1}`);
        if (!(prob >= 0 && prob <= 1)) report(`model P(${s}, ${a}) has probability ${show(prob)} outside [0, 1]`);
        sum += prob;
      }
      if (!(Math.abs(sum - 1) <= 1e-9)) report(`model P(${s}, ${a}) sums to ${sum}, not 1`);
    }
  }
}

function sampleAction(space: Space, rng: Rng): unknown {
  if (space.kind === 'discrete') return rng.int(space.n);
  const size = space.shape.reduce((a, b) => a * b, 1);
  // Unbounded boxes get uniform values in [-1, 1): enough to exercise step().
  const low = Number.isFinite(space.low) ? space.low : -1;
  const high = Number.isFinite(space.high) ? space.high : 1;
  return Array.from({ length: size }, () => low + (high - low) * rng.next());
}

// ---- plain-data helpers -----------------------------------------------------------------------

function isTypedArray(x: unknown): x is ArrayLike<number> & { slice(): unknown } {
  return ArrayBuffer.isView(x) && !(x instanceof DataView);
}

/** Why `x` is not plain data (primitives, arrays, typed arrays, plain objects), or null. */
function impurity(x: unknown, path: string, depth = 0): string | null {
  if (depth > 50) return `${path} nests too deeply (a cycle?)`;
  if (x === null || ['number', 'string', 'boolean', 'undefined'].includes(typeof x)) return null;
  if (typeof x === 'function' || typeof x === 'symbol' || typeof x === 'bigint') return `${path} is a ${typeof x}`;
  if (isTypedArray(x)) return null;
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) {
      const inner = impurity(x[i], `${path}[${i}]`, depth + 1);
      if (inner) return inner;
    }
    return null;
  }
  const proto = Object.getPrototypeOf(x) as unknown;
  if (proto !== Object.prototype && proto !== null) return `${path} is a class instance, not a plain object`;
  for (const [key, value] of Object.entries(x as Record<string, unknown>)) {
    const inner = impurity(value, `${path}.${key}`, depth + 1);
    if (inner) return inner;
  }
  return null;
}

function clone<T>(x: T, depth = 0): T {
  if (x === null || typeof x !== 'object' || depth > 50) return x;
  if (isTypedArray(x)) return x.slice() as T;
  if (Array.isArray(x)) return x.map((v) => clone(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(x as Record<string, unknown>)) out[key] = clone(value, depth + 1);
  return out as T;
}

function equal(a: unknown, b: unknown, depth = 0): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || depth > 50) return false;
  if (isTypedArray(a) || isTypedArray(b)) {
    if (!isTypedArray(a) || !isTypedArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const key of ka) {
    if (!Object.hasOwn(b, key) || !equal((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

function show(x: unknown): string {
  if (typeof x === 'number') return String(x); // JSON would print NaN and Infinity as null
  if (isTypedArray(x)) return `[${Array.from(x).join(',')}]`;
  try {
    const text = JSON.stringify(x, (_key, value: unknown) => (isTypedArray(value) ? Array.from(value) : value));
    if (text === undefined) return String(x);
    return text.length > 120 ? `${text.slice(0, 120)}...` : text;
  } catch {
    return String(x);
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
