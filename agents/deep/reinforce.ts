/**
 * REINFORCE (eqs 19.32-19.33) with baselines (19.35-19.39): a softmax policy pi(a|s, theta)
 * learned from whole episodes by
 *
 *   theta <- theta + alpha (1/I) sum_i sum_t gamma^t (G_it - b_it) d/dtheta log pi(a_it | s_it)
 *
 * where G_it is the return from step t on (`rewardToGo`, the usual choice) or the whole episode's
 * return (eq 19.33 as written: every step is credited with every reward), and b is a baseline.
 *
 * NOTE the gamma^t factor (`discountWeight`): eq 19.33 keeps it, since the discounted objective
 * weights late decisions less; most libraries drop it (a biased but lower-variance gradient).
 *
 * Baselines: any b that does not depend on the action a_t leaves the expected gradient unchanged
 * (eq 19.35: E[d/dtheta log pi] = 0) but changes its variance:
 * - 'none':          b = 0.
 * - 'mean-return':   b = a running mean of the returns G (eq 19.37), updated AFTER each batch so
 *                    that the batch's own returns never enter its baseline (which keeps it unbiased).
 * - 'learned-value': b = v(s_t, phi), a value network regressed on the returns (eqs 19.38-19.39).
 *                    It also lets a time-limited episode bootstrap: G at the cut is v(s_T), not 0
 *                    (bootstrap through truncation, never termination).
 * - 'optimal':       b = sum w G / sum w, w = |d/dtheta log pi(a_t|s_t)|^2 (gamma^2t with the
 *                    gamma^t factor), the variance-minimising constant of eq 19.36, estimated per
 *                    batch. Cheaply: the gradient is taken for the output layer only, where it has
 *                    a closed form, |d log pi / dW|^2 = (|h|^2 + 1) |e_a - pi|^2 (h: the last
 *                    hidden activations, e_a: the one-hot action). Estimated from the batch it
 *                    weights, it is very slightly biased (as the book's own estimate).
 *
 * The update's gradient is the mean of I per-episode gradients, each computed on its own
 * episode. Their spread is reported as 'charts/grad_variance' (the trace of their covariance:
 * the summed per-parameter sample variance), the quantity the baselines reduce.
 *
 * Learning happens in `update()` once `episodesPerUpdate` episodes are complete; `observe()` only
 * records. Without a learned value a truncated episode's return just stops at the cut.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../environments/core/rng';
import type { Metrics, Transition } from '../../environments/core/types';
import type { ActMode, Agent, AgentFile } from '../core/agent';
import { resolveConfig } from '../tabular/config';
import { Adam, type AdamState } from './adam';
import { argmaxRow, sampleCategorical } from './categorical';
import { REINFORCE_DEFAULTS, REINFORCE_FIELDS, type ReinforceBaseline, type ReinforceConfig } from './config/reinforce';
import { encodeBatch, Network } from './network';
import {
  agentFile,
  loadAgentFile,
  observationToJson,
  readArray,
  readFinite,
  readInteger,
  readNumbers,
  readObservation,
  readObservations,
  readWeights,
  saveNetwork,
} from './pg-file';
import { checkPolicyDims, chosenLogProbs, meanEntropy, mlpSpec, type PolicyDims } from './policy-value';
import { rewardToGo } from './returns';
import type { Observation } from './types';

export { describeReinforceConfig, REINFORCE_BASELINES, REINFORCE_DEFAULTS, REINFORCE_FIELDS, type ReinforceBaseline, type ReinforceConfig } from './config/reinforce';

/** One complete episode as REINFORCE keeps it. */
export interface ReinforceEpisode {
  readonly observations: Observation[];
  readonly actions: number[];
  readonly rewards: number[];
  /** The observation after the last step (bootstrapped through when the episode was truncated). */
  readonly finalObs: Observation;
  /** Cut by the time limit rather than ended by the world. */
  readonly truncated: boolean;
}

interface OpenEpisode {
  observations: Observation[];
  actions: number[];
  rewards: number[];
}

const NAME = 'reinforce';

export class Reinforce implements Agent<Observation, number> {
  readonly name = NAME;
  readonly config: ReinforceConfig;
  readonly dims: PolicyDims;
  readonly policy: Network;
  /** The learned baseline v(s); present only with baseline 'learned-value'. */
  readonly value: Network | null;
  private readonly policyOptimizer: Adam;
  private readonly valueOptimizer: Adam | null;
  private current: OpenEpisode = { observations: [], actions: [], rewards: [] };
  private completed: ReinforceEpisode[] = [];
  /** The running mean of the returns (19.37), and whether it has seen a batch yet. */
  private meanReturn = 0;
  private meanReturnSeen = false;
  private updates = 0;
  private episodes = 0;

  constructor(dims: PolicyDims, config: Partial<ReinforceConfig> = {}) {
    checkPolicyDims(NAME, dims);
    this.config = resolveConfig(NAME, REINFORCE_FIELDS, REINFORCE_DEFAULTS, config);
    this.dims = { input: dims.input, nActions: dims.nActions };
    const c = this.config;
    const maxGradNorm = c.maxGradNorm > 0 ? c.maxGradNorm : Infinity;
    this.policy = new Network(mlpSpec(dims.input, c, c.hiddenLayers, dims.nActions), c.seed, { outputGain: 0.01 });
    this.policyOptimizer = new Adam(this.policy.variables, { learningRate: c.learningRate, maxGradNorm });
    if (c.baseline === 'learned-value') {
      this.value = new Network(mlpSpec(dims.input, c, c.hiddenLayers, 1), c.seed + 1);
      this.valueOptimizer = new Adam(this.value.variables, { learningRate: c.valueLearningRate, maxGradNorm });
    } else {
      this.value = null;
      this.valueOptimizer = null;
    }
  }

  act(obs: Observation, rng: Rng, mode: ActMode): number {
    const { nActions } = this.dims;
    const probs = tf.tidy(() => tf.softmax(this.policy.apply(encodeBatch(this.dims.input, [obs]))).dataSync());
    return mode === 'greedy' ? argmaxRow(probs, 0, nActions) : sampleCategorical(probs, 0, nActions, rng);
  }

  /** Records the step; a finished episode waits for `update()`. */
  observe(t: Transition<Observation, number>, _rng?: Rng): void {
    this.current.observations.push(t.obs);
    this.current.actions.push(t.action);
    this.current.rewards.push(t.reward);
    if (t.terminated || t.truncated) {
      this.completed.push({ ...this.current, finalObs: t.nextObs, truncated: !t.terminated });
      this.current = { observations: [], actions: [], rewards: [] };
      this.episodes++;
    }
  }

  update(_rng?: Rng): Metrics | null {
    const count = this.config.episodesPerUpdate;
    if (this.completed.length < count) return null;
    const batch = this.completed.splice(0, count);
    return this.learn(batch);
  }

  /** Episodes recorded and not yet learned from (complete ones). */
  get pendingEpisodes(): number {
    return this.completed.length;
  }

  /**
   * The per-episode policy-gradient estimates (the ascent direction, flattened over the policy's
   * variables in `variables` order) that an update on `batch` would average, with `baseline` in
   * place of the configured one. Changes nothing: for measuring the variance the baselines
   * remove on the same episodes (a paired comparison). 'learned-value' needs the value network.
   */
  gradientEstimates(batch: readonly ReinforceEpisode[], baseline: ReinforceBaseline = this.config.baseline): Float32Array[] {
    const returns = this.creditOf(this.toGoOf(batch));
    const baselines = this.baselinesOf(batch, returns, baseline);
    return tf.tidy(() => this.episodeGradients(batch, returns, baselines).gradients.map((list) => {
      const flat = tf.neg(tf.concat(list.map((g) => tf.reshape(g, [-1]))));
      return new Float32Array(flat.dataSync());
    }));
  }

  private learn(batch: readonly ReinforceEpisode[]): Metrics {
    const toGo = this.toGoOf(batch);
    const returns = this.creditOf(toGo);
    const baselines = this.baselinesOf(batch, returns, this.config.baseline);
    const metrics: Metrics = {};
    tf.tidy(() => {
      const { gradients, losses, entropy } = this.episodeGradients(batch, returns, baselines);
      const n = gradients.length;
      const mean = this.policy.variables.map((_, v) => tf.div(tf.addN(gradients.map((list) => list[v])), n));
      if (n >= 2) {
        // Trace of the sample covariance of the per-episode gradients (flattened).
        const flat = tf.stack(gradients.map((list) => tf.concat(list.map((g) => tf.reshape(g, [-1])))));
        const { variance } = tf.moments(flat, 0);
        metrics['charts/grad_variance'] = tf.sum(variance).dataSync()[0] * (n / (n - 1));
      }
      this.policyOptimizer.apply(mean);
      metrics['losses/policy_loss'] = losses.reduce((a, b) => a + b, 0) / n;
      metrics['charts/entropy'] = entropy;
    });
    if (this.value !== null) metrics['losses/value_loss'] = this.fitValue(batch, toGo);
    // NOTE: the running mean moves only after the batch has been weighted, so no episode's own
    // return enters its baseline (eq 19.35 needs b independent of the actions being credited).
    let sum = 0;
    let steps = 0;
    for (const g of returns) for (let t = 0; t < g.length; t++, steps++) sum += g[t];
    const batchMean = sum / Math.max(1, steps);
    this.meanReturn = this.meanReturnSeen ? this.meanReturn + this.config.meanReturnRate * (batchMean - this.meanReturn) : batchMean;
    this.meanReturnSeen = true;
    this.updates++;
    let total = 0;
    for (const episode of batch) for (const r of episode.rewards) total += r;
    metrics['charts/batch_return'] = total / batch.length;
    return metrics;
  }

  /** Reward-to-go G_t per step of each episode (what the value network learns). */
  private toGoOf(batch: readonly ReinforceEpisode[]): Float64Array[] {
    const finalValues = this.value !== null ? this.valuesOf(batch.map((e) => e.finalObs)) : null;
    return batch.map((episode, i) => {
      // NOTE: bootstrap through truncation (the time limit is not part of the world), never termination.
      const bootstrap = episode.truncated && finalValues !== null ? finalValues[i] : 0;
      return rewardToGo(episode.rewards, this.config.gamma, bootstrap);
    });
  }

  /** The return each step is credited with: its reward-to-go, or the whole episode's return (G_0) on every step. */
  private creditOf(toGo: readonly Float64Array[]): Float64Array[] {
    return this.config.rewardToGo ? toGo.slice() : toGo.map((g) => new Float64Array(g.length).fill(g[0]));
  }

  private baselinesOf(batch: readonly ReinforceEpisode[], returns: readonly Float64Array[], kind: ReinforceBaseline): Float64Array[] {
    switch (kind) {
      case 'none':
        return returns.map((g) => new Float64Array(g.length));
      case 'mean-return':
        return returns.map((g) => new Float64Array(g.length).fill(this.meanReturn));
      case 'learned-value': {
        if (this.value === null) throw new Error(`${NAME}: the 'learned-value' baseline needs a value network (configure baseline 'learned-value')`);
        return batch.map((episode) => Float64Array.from(this.valuesOf(episode.observations)));
      }
      case 'optimal': {
        const b = this.optimalBaseline(batch, returns);
        return returns.map((g) => new Float64Array(g.length).fill(b));
      }
    }
  }

  /** Eq 19.36 with the output layer's squared gradient norm (|h|^2 + 1) |e_a - pi|^2 as the weight. */
  private optimalBaseline(batch: readonly ReinforceEpisode[], returns: readonly Float64Array[]): number {
    const { nActions, input } = this.dims;
    const { gamma, discountWeight } = this.config;
    let weighted = 0;
    let total = 0;
    batch.forEach((episode, i) => {
      const norms = tf.tidy(() => {
        const x = encodeBatch(input, episode.observations);
        const layers = this.policy.activations(x);
        const h = layers.length >= 2 ? layers[layers.length - 2] : x;
        const pi = tf.softmax(layers[layers.length - 1]);
        const residual = tf.sub(tf.oneHot(tf.tensor1d(episode.actions, 'int32'), nActions), pi);
        return tf.mul(tf.add(tf.sum(tf.square(h), 1), 1), tf.sum(tf.square(residual), 1)).dataSync();
      });
      for (let t = 0; t < norms.length; t++) {
        const w = norms[t] * (discountWeight ? gamma ** (2 * t) : 1);
        weighted += w * returns[i][t];
        total += w;
      }
    });
    return total > 0 ? weighted / total : 0;
  }

  /** Per-episode gradients of L_e = -sum_t gamma^t (G_t - b_t) log pi(a_t|s_t) - entropyCoef sum_t H_t. Call inside tf.tidy. */
  private episodeGradients(
    batch: readonly ReinforceEpisode[],
    returns: readonly Float64Array[],
    baselines: readonly Float64Array[],
  ): { gradients: tf.Tensor[][]; losses: number[]; entropy: number } {
    const { gamma, discountWeight, entropyCoef } = this.config;
    const { input, nActions } = this.dims;
    const variables = this.policy.variables;
    const losses: number[] = [];
    let entropySum = 0;
    let steps = 0;
    const gradients = batch.map((episode, i) => {
      const length = episode.actions.length;
      const weights = new Float32Array(length);
      for (let t = 0; t < length; t++) weights[t] = (discountWeight ? gamma ** t : 1) * (returns[i][t] - baselines[i][t]);
      const x = encodeBatch(input, episode.observations);
      const actions = tf.tensor1d(episode.actions, 'int32');
      const w = tf.tensor1d(weights);
      let entropy = 0;
      const { value, grads } = tf.variableGrads(() => {
        const logits = this.policy.apply(x);
        const policyTerm = tf.neg(tf.sum(tf.mul(chosenLogProbs(logits, actions, nActions), w)));
        const meanH = meanEntropy(logits);
        entropy = meanH.dataSync()[0];
        return (entropyCoef > 0 ? tf.sub(policyTerm, tf.mul(meanH, entropyCoef * length)) : policyTerm) as tf.Scalar;
      }, variables);
      losses.push(value.dataSync()[0]);
      entropySum += entropy * length;
      steps += length;
      return variables.map((v) => grads[v.name]);
    });
    return { gradients, losses, entropy: entropySum / Math.max(1, steps) };
  }

  private valuesOf(observations: readonly Observation[]): Float32Array {
    const value = this.value as Network;
    return tf.tidy(() => value.apply(encodeBatch(this.dims.input, observations)).dataSync() as Float32Array);
  }

  /** Eqs 19.38-19.39: a few Adam steps on the mean squared error between v(s_t) and G_t (reward-to-go). */
  private fitValue(batch: readonly ReinforceEpisode[], toGo: readonly Float64Array[]): number {
    const value = this.value as Network;
    const optimizer = this.valueOptimizer as Adam;
    const observations = batch.flatMap((episode) => episode.observations);
    const targets = Float32Array.from(toGo.flatMap((g) => Array.from(g)));
    let loss = 0;
    tf.tidy(() => {
      const x = encodeBatch(this.dims.input, observations);
      const y = tf.tensor1d(targets);
      for (let k = 0; k < this.config.valueStepsPerUpdate; k++) {
        loss = optimizer.minimize(() => tf.mean(tf.square(tf.sub(tf.reshape(value.apply(x), [-1]), y))) as tf.Scalar).loss;
      }
    });
    return loss;
  }

  dispose(): void {
    this.policy.dispose();
    this.value?.dispose();
    this.policyOptimizer.dispose();
    this.valueOptimizer?.dispose();
  }

  save(): AgentFile {
    const episodeJson = (e: OpenEpisode) => ({ observations: e.observations.map(observationToJson), actions: [...e.actions], rewards: [...e.rewards] });
    return agentFile(NAME, this.config, {
      input: this.dims.input,
      nActions: this.dims.nActions,
      updates: this.updates,
      episodes: this.episodes,
      meanReturn: this.meanReturn,
      meanReturnSeen: this.meanReturnSeen,
      policy: saveNetwork(this.policy),
      policyOptimizer: this.policyOptimizer.state(),
      ...(this.value !== null ? { value: saveNetwork(this.value), valueOptimizer: (this.valueOptimizer as Adam).state() } : {}),
      current: episodeJson(this.current),
      completed: this.completed.map((e) => ({ ...episodeJson(e), finalObs: observationToJson(e.finalObs), truncated: e.truncated })),
    });
  }

  /** Puts back everything `save()` wrote (used by loadReinforce). Checks it all first; throws, changing nothing, on bad input. */
  private restore(state: Record<string, unknown>): void {
    const where = `${NAME} file: state`;
    const { input, nActions } = this.dims;
    const readEpisode = (at: string, value: unknown): OpenEpisode => {
      if (typeof value !== 'object' || value === null) throw new Error(`${at} must be an object`);
      const e = value as Record<string, unknown>;
      const actions = readNumbers(`${at}.actions`, e.actions).map((a, t) => {
        if (!Number.isInteger(a) || a < 0 || a >= nActions) throw new Error(`${at}.actions[${t}] must be an action in [0, ${nActions}), got ${a}`);
        return a;
      });
      return { observations: readObservations(`${at}.observations`, e.observations, input, actions.length), actions, rewards: readNumbers(`${at}.rewards`, e.rewards, actions.length) };
    };
    const updates = readInteger(`${where}.updates`, state.updates, 0);
    const episodes = readInteger(`${where}.episodes`, state.episodes, 0);
    const meanReturn = readFinite(`${where}.meanReturn`, state.meanReturn);
    if (typeof state.meanReturnSeen !== 'boolean') throw new Error(`${where}.meanReturnSeen must be true or false`);
    const policyWeights = readWeights(`${where}.policy`, this.policy, state.policy);
    const valueWeights = this.value !== null ? readWeights(`${where}.value`, this.value, state.value) : null;
    const current = readEpisode(`${where}.current`, state.current);
    const completed = readArray(`${where}.completed`, state.completed).map((value, i) => {
      const at = `${where}.completed[${i}]`;
      const e = value as Record<string, unknown>;
      const episode = readEpisode(at, e);
      if (typeof e.truncated !== 'boolean') throw new Error(`${at}.truncated must be true or false`);
      return { ...episode, finalObs: readObservation(`${at}.finalObs`, e.finalObs, input), truncated: e.truncated };
    });
    this.policyOptimizer.check(state.policyOptimizer, `${where}.policyOptimizer`);
    this.valueOptimizer?.check(state.valueOptimizer, `${where}.valueOptimizer`);
    this.policy.setWeights(policyWeights);
    this.policyOptimizer.restore(state.policyOptimizer as AdamState, `${where}.policyOptimizer`);
    if (this.value !== null && valueWeights !== null) {
      this.value.setWeights(valueWeights);
      (this.valueOptimizer as Adam).restore(state.valueOptimizer as AdamState, `${where}.valueOptimizer`);
    }
    this.updates = updates;
    this.episodes = episodes;
    this.meanReturn = meanReturn;
    this.meanReturnSeen = state.meanReturnSeen;
    this.current = current;
    this.completed = completed;
  }

  /** Validates a saved REINFORCE agent and rebuilds it exactly; throws a precise error on bad input. */
  static load(file: unknown): Reinforce {
    const create = (dims: PolicyDims, config: Record<string, unknown>) => new Reinforce(dims, config as Partial<ReinforceConfig>);
    return loadAgentFile(file, NAME, create, (agent, state) => agent.restore(state));
  }
}

export function loadReinforce(file: unknown): Reinforce {
  return Reinforce.load(file);
}
