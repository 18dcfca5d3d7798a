/**
 * Monte Carlo control (eq 19.13): play a whole episode, then move each q(s,a) towards the
 * return that followed it.
 *
 *   G_t = r_t + gamma * G_{t+1}                 (computed backwards from the episode's end)
 *   q(s_t,a_t) <- q(s_t,a_t) + step * (G_t - q(s_t,a_t))
 *
 * Variants (section 19.3.2):
 * - `exploring-starts`: every episode starts in a random state with a random first action (the
 *   session arranges it, see `wantsExploringStart`), then the agent acts greedily.
 * - `on-policy`: the agent acts with its exploring policy (epsilon-greedy or Boltzmann) and
 *   learns that policy's values.
 * - `off-policy`: it acts with the exploring policy b and learns the greedy target policy pi with
 *   weighted importance sampling: W = prod pi(a|s) / b(a|s) over the steps after t, and
 *   step = W / C(s,a) with C the sum of the weights seen (Sutton and Barto, section 5.7).
 *   Going backwards, the first action pi would not take ends the update (W becomes 0).
 *   NOTE: pi is the greedy policy of q as it was while the episode was played. Sutton and
 *   Barto's box re-takes the argmax after each update inside the backward pass; then a lucky
 *   return makes its own action greedy and lets earlier steps count, an unlucky one stops them,
 *   and on worlds with near-ties (the book's slippery corners) the estimates drift upwards.
 *
 * `visit`: `first` updates (s,a) only at its first visit in the episode; `every` at every visit.
 * (Off-policy, the backward pass often stops before it reaches an early first visit; in worlds
 * where the agent can loop for long, `every`, Sutton and Barto's version, learns more reliably.)
 * `stepSize`: `sample-average` (1/N(s,a), or W/C(s,a) off-policy) or `constant` (alpha; off-policy
 * W/C(s,a) with C a sum of weights that forgets at rate alpha, which tends to alpha when W = 1).
 *
 * NOTE: when an episode is cut by the time limit (truncated), the return is bootstrapped with the
 * target policy's value of the last state (`bootstrapTruncated`): the time limit is not part of
 * the world, and pretending the episode ended there would make every late state look worthless.
 * Terminated episodes are never bootstrapped.
 */
import type { Rng } from '../../environments/core/rng';
import type { Transition } from '../../environments/core/types';
import type { ActMode, AgentFile, MonteCarloExplanation } from '../core/agent';
import { countGreedy, maxValue, TIE_TOLERANCE } from '../core/exploration';
import { scheduleValue, type Schedule } from '../core/schedules';
import { resolveConfig, type FieldSpecs } from './config';
import {
  alphaSchedule,
  checkDims,
  checkSavedDims,
  EXPLORATION_DEFAULTS,
  EXPLORATION_FIELDS,
  ExplorationPolicy,
  greedyAction,
  greedyTable,
  readInteger,
  readTable,
  STEP_SIZE_DEFAULTS,
  STEP_SIZE_FIELDS,
  type ExplorationConfig,
  type StepSizeConfig,
  type TabularDims,
  type TabularLearner,
} from './learner';
import { AGENT_FILE_VERSION } from './td-learner';

export type MonteCarloVariant = 'exploring-starts' | 'on-policy' | 'off-policy';

export interface MonteCarloConfig extends StepSizeConfig, ExplorationConfig {
  /** Discount factor gamma (the chapter uses 0.9). */
  readonly gamma: number;
  /** exploring-starts (random first state and action, then greedy), on-policy (exploring policy) or off-policy (importance sampling). */
  readonly variant: MonteCarloVariant;
  /** first: update (s,a) at its first visit in an episode only; every: at every visit. */
  readonly visit: 'first' | 'every';
  /** sample-average: step 1/N(s,a) (off-policy W/C(s,a)); constant: alpha (off-policy W/C with C forgetting at rate alpha). */
  readonly stepSize: 'sample-average' | 'constant';
  /** Bootstrap the return of a time-limited (truncated) episode with the last state's value. */
  readonly bootstrapTruncated: boolean;
  /** Every q(s,a) starts here. */
  readonly initialQ: number;
}

export const MONTE_CARLO_DEFAULTS: MonteCarloConfig = {
  gamma: 0.9,
  variant: 'on-policy',
  visit: 'first',
  stepSize: 'sample-average',
  bootstrapTruncated: true,
  ...STEP_SIZE_DEFAULTS,
  ...EXPLORATION_DEFAULTS,
  initialQ: 0,
};

export const MONTE_CARLO_FIELDS: FieldSpecs<MonteCarloConfig> = {
  gamma: { type: 'number', min: 0, max: 1, doc: 'Discount factor gamma (the chapter uses 0.9).' },
  variant: {
    type: 'enum',
    options: ['exploring-starts', 'on-policy', 'off-policy'],
    doc: 'exploring-starts (random first state and action, then greedy), on-policy (exploring policy) or off-policy (weighted importance sampling, greedy target).',
  },
  visit: { type: 'enum', options: ['first', 'every'], doc: 'first: update (s,a) at its first visit in an episode only; every: at every visit.' },
  stepSize: { type: 'enum', options: ['sample-average', 'constant'], doc: 'sample-average: 1/N(s,a) (off-policy W/C(s,a)); constant: alpha (off-policy W/C with C forgetting at rate alpha).' },
  bootstrapTruncated: { type: 'boolean', doc: "Bootstrap the return of a time-limited (truncated) episode with the last state's value." },
  ...STEP_SIZE_FIELDS,
  ...EXPLORATION_FIELDS,
  initialQ: { type: 'number', doc: 'Every q(s,a) starts here.' },
};

type Update = MonteCarloExplanation['updates'][number];

export class MonteCarlo implements TabularLearner {
  readonly name = 'monte-carlo';
  readonly nS: number;
  readonly nA: number;
  readonly config: MonteCarloConfig;
  readonly q: Float64Array;
  /** N(s,a) visits counted (on-policy, exploring starts) or C(s,a) weights summed (off-policy). */
  readonly counts: Float64Array;
  steps = 0;
  private readonly explorer: ExplorationPolicy;
  private readonly alphaSchedule: Schedule;
  private readonly probs: Float64Array;

  // The episode so far, grown by doubling. behaviourProb[t] = b(a_t|s_t) when a_t was chosen.
  private length = 0;
  private states = new Int32Array(64);
  private actions = new Int32Array(64);
  private rewards = new Float64Array(64);
  private behaviourProbs = new Float64Array(64);
  private targetProbs = new Float64Array(64);
  // First-visit bookkeeping without clearing per episode: seenIn[sa] = episode stamp.
  private episodeStamp = 1;
  private readonly seenIn: Int32Array;
  private readonly firstTime: Int32Array;
  private lastExplanation: MonteCarloExplanation | null = null;

  constructor(dims: TabularDims, config: Partial<MonteCarloConfig> = {}) {
    checkDims('monte-carlo', dims);
    this.nS = dims.nS;
    this.nA = dims.nA;
    this.config = resolveConfig('monte-carlo', MONTE_CARLO_FIELDS, MONTE_CARLO_DEFAULTS, config);
    this.q = new Float64Array(dims.nS * dims.nA).fill(this.config.initialQ);
    this.counts = new Float64Array(dims.nS * dims.nA);
    this.explorer = new ExplorationPolicy(this.config, dims.nA);
    this.alphaSchedule = alphaSchedule(this.config);
    this.probs = new Float64Array(dims.nA);
    this.seenIn = new Int32Array(dims.nS * dims.nA);
    this.firstTime = new Int32Array(dims.nS * dims.nA);
  }

  wantsExploringStart(): boolean {
    return this.config.variant === 'exploring-starts';
  }

  act(obs: number, rng: Rng, mode: ActMode): number {
    // Exploring starts explores through the start only; afterwards it follows the greedy policy.
    if (mode === 'greedy' || this.config.variant === 'exploring-starts') return greedyAction(this.q, obs, this.nA, rng);
    return this.explorer.act(this.q, obs, this.steps, rng);
  }

  /** Records the step; at the episode's end, learns from the whole episode. */
  observe(t: Transition<number, number>, _rng: Rng): void {
    if (this.length === this.states.length) this.grow();
    const i = this.length++;
    this.states[i] = t.obs;
    this.actions[i] = t.action;
    this.rewards[i] = t.reward;
    this.behaviourProbs[i] = this.behaviourProb(t.obs, t.action);
    this.targetProbs[i] = this.greedyProb(t.obs, t.action);
    this.steps++;
    if (t.terminated || t.truncated) {
      // NOTE: bootstrap through truncation only; a terminated episode's return ends with its last reward.
      const tail = !t.terminated && this.config.bootstrapTruncated ? this.targetValue(t.nextObs) : 0;
      this.learnFromEpisode(tail);
    }
  }

  /** b(a|s) of the policy that chose the action (this step's schedule values; q is fixed within an episode). */
  private behaviourProb(s: number, a: number): number {
    if (this.config.variant === 'exploring-starts') return 1; // unused: no importance sampling
    this.explorer.probs(this.q, s, this.steps, this.probs);
    return this.probs[a];
  }

  /** pi_target(a|s) of the greedy target policy, ties sharing the probability. */
  private greedyProb(s: number, a: number): number {
    const offset = s * this.nA;
    const best = maxValue(this.q, offset, this.nA);
    return this.q[offset + a] >= best - TIE_TOLERANCE ? 1 / countGreedy(this.q, offset, this.nA, best) : 0;
  }

  /** v(s) under the policy being learned: the greedy max, or the exploring policy's expectation. */
  private targetValue(s: number): number {
    if (this.config.variant !== 'on-policy') return maxValue(this.q, s * this.nA, this.nA);
    this.explorer.probs(this.q, s, this.steps, this.probs);
    let value = 0;
    for (let a = 0; a < this.nA; a++) value += this.probs[a] * this.q[s * this.nA + a];
    return value;
  }

  private learnFromEpisode(tail: number): void {
    const { nA, q, counts } = this;
    const { gamma, visit, stepSize, variant } = this.config;
    const offPolicy = variant === 'off-policy';
    const alpha = scheduleValue(this.alphaSchedule, this.steps);
    const T = this.length;

    // Mark the first visit of each (s,a) in this episode.
    const stamp = this.episodeStamp++;
    for (let t = 0; t < T; t++) {
      const sa = this.states[t] * nA + this.actions[t];
      if (this.seenIn[sa] !== stamp) {
        this.seenIn[sa] = stamp;
        this.firstTime[sa] = t;
      }
    }

    const updates: Update[] = [];
    let G = tail;
    let W = 1; // importance weight of the steps after t (stays 1 on-policy)
    for (let t = T - 1; t >= 0; t--) {
      G = this.rewards[t] + gamma * G;
      const s = this.states[t];
      const sa = s * nA + this.actions[t];
      if (visit === 'every' || this.firstTime[sa] === t) {
        let step: number;
        if (stepSize === 'sample-average') {
          counts[sa] += W;
          step = W / counts[sa]; // 1/N(s,a) on-policy, W/C(s,a) off-policy
        } else if (!offPolicy) {
          counts[sa] += 1;
          step = alpha;
        } else {
          // Constant-step weighted IS: C forgets old weights at rate alpha, so old returns (from
          // older target policies) fade; step = W/C tends to alpha when every W is 1. A plain
          // alpha*W step would overshoot whenever W > 1/alpha.
          counts[sa] = (1 - alpha) * counts[sa] + W;
          step = W / counts[sa];
        }
        const oldValue = q[sa];
        q[sa] = oldValue + step * (G - oldValue);
        updates.push({ state: s, action: this.actions[t], return: G, weight: W, stepSize: step, oldValue, newValue: q[sa] });
      }
      if (offPolicy) {
        // If the greedy target policy would not take a_t, nothing earlier counts (W becomes 0).
        const targetProb = this.targetProbs[t];
        if (targetProb === 0) break;
        W *= targetProb / this.behaviourProbs[t];
      }
    }
    updates.reverse(); // shown in episode order
    this.lastExplanation = { kind: 'monte-carlo', algorithm: `monte-carlo/${variant}/${visit}-visit`, gamma, updates };
    this.length = 0;
  }

  private grow(): void {
    const size = this.states.length * 2;
    const resize = <T extends Int32Array | Float64Array>(old: T, fresh: T): T => {
      fresh.set(old);
      return fresh;
    };
    this.states = resize(this.states, new Int32Array(size));
    this.actions = resize(this.actions, new Int32Array(size));
    this.rewards = resize(this.rewards, new Float64Array(size));
    this.behaviourProbs = resize(this.behaviourProbs, new Float64Array(size));
    this.targetProbs = resize(this.targetProbs, new Float64Array(size));
  }

  /** Learning happens at the episode's end, inside `observe`. */
  update(): null {
    return null;
  }

  /** A new episode: whatever was recorded of an unfinished one is dropped. */
  reset(): void {
    this.length = 0;
  }

  dispose(): void {}

  explain(): MonteCarloExplanation | null {
    return this.lastExplanation;
  }

  currentEpsilon(): number | null {
    return this.config.variant === 'exploring-starts' ? 0 : this.explorer.epsilonAt(this.steps);
  }

  currentTemperature(): number | null {
    return this.config.variant === 'exploring-starts' ? null : this.explorer.temperatureAt(this.steps);
  }

  policyTable(mode: ActMode, out: Float64Array = new Float64Array(this.nS * this.nA)): Float64Array {
    if (mode === 'greedy' || this.config.variant === 'exploring-starts') return greedyTable(this.q, this.nA, out);
    return this.explorer.table(this.q, this.steps, out);
  }

  save(): AgentFile {
    const n = this.length;
    return {
      format: 'floe-agent',
      version: AGENT_FILE_VERSION,
      agent: this.name,
      config: { ...this.config },
      state: {
        nS: this.nS,
        nA: this.nA,
        steps: this.steps,
        q: Array.from(this.q),
        counts: Array.from(this.counts),
        // The unfinished episode, so that a restored agent learns from it exactly as this one would.
        episodeStates: Array.from(this.states.subarray(0, n)),
        episodeActions: Array.from(this.actions.subarray(0, n)),
        episodeRewards: Array.from(this.rewards.subarray(0, n)),
        episodeBehaviourProbs: Array.from(this.behaviourProbs.subarray(0, n)),
        episodeTargetProbs: Array.from(this.targetProbs.subarray(0, n)),
      },
    };
  }

  /** Puts a saved state back (used by loadTabularAgent). Throws, changing nothing, on bad input. */
  restore(state: Readonly<Record<string, unknown>>): void {
    const agent = this.name;
    checkSavedDims(agent, state, this);
    const steps = readInteger(agent, state, 'steps', 0);
    const q = readTable(agent, state, 'q', this.q.length);
    const counts = readTable(agent, state, 'counts', this.counts.length);
    const n = Array.isArray(state.episodeStates) ? state.episodeStates.length : -1;
    if (n < 0) throw new Error(`${agent} file: state.episodeStates must be an array of numbers`);
    const episodeStates = readTable(agent, state, 'episodeStates', n);
    const episodeActions = readTable(agent, state, 'episodeActions', n);
    const episodeRewards = readTable(agent, state, 'episodeRewards', n);
    const episodeBehaviourProbs = readTable(agent, state, 'episodeBehaviourProbs', n);
    const episodeTargetProbs = readTable(agent, state, 'episodeTargetProbs', n);
    for (let i = 0; i < n; i++) {
      if (!(Number.isInteger(episodeStates[i]) && episodeStates[i] >= 0 && episodeStates[i] < this.nS)) {
        throw new Error(`${agent} file: state.episodeStates[${i}] must be a state in [0, ${this.nS - 1}], got ${episodeStates[i]}`);
      }
      if (!(Number.isInteger(episodeActions[i]) && episodeActions[i] >= 0 && episodeActions[i] < this.nA)) {
        throw new Error(`${agent} file: state.episodeActions[${i}] must be an action in [0, ${this.nA - 1}], got ${episodeActions[i]}`);
      }
      if (!(episodeBehaviourProbs[i] > 0 && episodeBehaviourProbs[i] <= 1)) {
        throw new Error(`${agent} file: state.episodeBehaviourProbs[${i}] must be in (0, 1], got ${episodeBehaviourProbs[i]}`);
      }
      if (!(episodeTargetProbs[i] >= 0 && episodeTargetProbs[i] <= 1)) {
        throw new Error(`${agent} file: state.episodeTargetProbs[${i}] must be in [0, 1], got ${episodeTargetProbs[i]}`);
      }
    }
    for (let i = 0; i < counts.length; i++) {
      if (counts[i] < 0) throw new Error(`${agent} file: state.counts[${i}] must be >= 0, got ${counts[i]}`);
    }
    this.q.set(q);
    this.counts.set(counts);
    this.steps = steps;
    this.length = 0;
    while (this.states.length < n) this.grow();
    this.states.set(episodeStates);
    this.actions.set(episodeActions);
    this.rewards.set(episodeRewards);
    this.behaviourProbs.set(episodeBehaviourProbs);
    this.targetProbs.set(episodeTargetProbs);
    this.length = n;
    this.lastExplanation = null;
  }
}
