/**
 * Recurrent REINFORCE with a learned value baseline: the policy gradient of eq 19.33 (with the
 * baseline of eqs 19.38-19.39) for a policy with memory, pi(a_t | h_t), where the GRU state h_t
 * summarises the whole observation history o_0 .. o_t. In a partially observed world (fig 19.4)
 * two situations can look the same now and differ in what came before; a memoryless policy must
 * treat them alike, a recurrent one need not.
 *
 *   obs -> (optional dense encoder) -> GRU -> policy head (softmax) and value head v(h_t)
 *
 *   loss = -(1/I) sum_i sum_t gamma^t (G_it - v(h_it)) log pi(a_it | h_it)           (policy)
 *          + valueCoef * mean_it (v(h_it) - G_it)^2 / 2                              (baseline)
 *          - entropyCoef * mean_it H(pi(. | h_it))
 *
 * G_it is the reward-to-go. One Adam step on the summed loss per update; the GRU is shared by
 * both heads, so the value regression also shapes the memory. The gradient flows back through
 * every step of every episode (backpropagation through time over whole episodes): training
 * replays each episode from its first step with a zero memory, exactly as the agent acted.
 *
 * Why REINFORCE and not a recurrent actor-critic: the Monte Carlo return needs no bootstrapped
 * value of an ambiguous observation, so the gradient stays unbiased however poor the memory is
 * early on (a TD critic would bootstrap from v(h) of a memory still learning to tell aliased
 * states apart), and whole-episode updates need no stored hidden states or truncated BPTT. The
 * learned value is only a baseline (it changes the variance, eq 19.35, not the expectation).
 *
 * NOTE bootstrap through truncation, never termination: an episode cut by a time limit (or by the
 * runner starting a new episode) gets G at the cut = v(h) after its final observation, which one
 * extra step of the same pass computes; a terminated one gets 0.
 *
 * Acting: `act` advances the memory by one observation (so call it once per env step) and keeps
 * it between calls; it goes back to zeros when `observe` sees the episode end (terminated or
 * truncated) and in `reset()`. 'explore' samples from pi with the Rng, 'greedy' takes the argmax.
 * Learning happens in `update()` once `episodesPerUpdate` episodes are complete.
 *
 * A saved agent holds the weights, Adam's state, the memory, the open episode and the complete
 * ones not yet learned from, so a loaded agent continues exactly (given the same Rng states).
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../../environments/core/rng';
import type { Metrics, Transition } from '../../../environments/core/types';
import type { ActMode, Agent, AgentFile } from '../../core/agent';
import { resolveConfig } from '../../tabular/config';
import { Adam } from '../adam';
import { argmaxRow, sampleCategorical } from '../categorical';
import { agentFile, loadAgentFile, readInteger, readNumbers } from '../pg-file';
import { checkPolicyDims, chosenLogProbs, type PolicyDims } from '../policy-value';
import { rewardToGo } from '../returns';
import { inputSize } from '../network';
import type { Observation } from '../types';
import { RECURRENT_REINFORCE_DEFAULTS, RECURRENT_REINFORCE_FIELDS, type RecurrentReinforceConfig } from './config/reinforce';
import { EpisodeRecorder, episodeToJson, readEpisodes, timeMajorInput, type Episode } from './episodes';
import { RecurrentModel } from './recurrent-model';

const NAME = 'recurrent-reinforce';

/** Entropy of each row's softmax policy, -sum_a pi log pi. Call inside tf.tidy. */
function rowEntropy(logits: tf.Tensor2D): tf.Tensor1D {
  const logProbs = tf.logSoftmax(logits);
  return tf.neg(tf.sum(tf.mul(tf.exp(logProbs), logProbs), 1));
}

export class RecurrentReinforce implements Agent<Observation, number> {
  readonly name = NAME;
  readonly config: RecurrentReinforceConfig;
  readonly dims: PolicyDims;
  /** GRU with two heads: policy logits (head 0) and the value baseline (head 1). */
  readonly model: RecurrentModel;
  private readonly optimizer: Adam;
  private readonly recorder: EpisodeRecorder;
  private memory: Float32Array;
  private completed: Episode[] = [];
  private updates = 0;
  private episodes = 0;

  constructor(dims: PolicyDims, config: Partial<RecurrentReinforceConfig> = {}) {
    checkPolicyDims(NAME, dims);
    this.config = resolveConfig(NAME, RECURRENT_REINFORCE_FIELDS, RECURRENT_REINFORCE_DEFAULTS, config);
    this.dims = { input: dims.input, nActions: dims.nActions };
    const c = this.config;
    this.model = new RecurrentModel(dims.input, c, [
      { name: 'policy', outputs: dims.nActions, gain: 0.01 },
      { name: 'value', outputs: 1 },
    ]);
    this.optimizer = new Adam(this.model.variables, { learningRate: c.learningRate, maxGradNorm: c.maxGradNorm > 0 ? c.maxGradNorm : Infinity });
    this.recorder = new EpisodeRecorder(NAME, this.dims.input, dims.nActions);
    this.memory = this.model.zeroMemory();
  }

  /** Reads `obs` into the memory and picks an action from pi(. | h_t). */
  act(obs: Observation, rng: Rng, mode: ActMode): number {
    const { outputs: probs, hidden } = this.model.actStep(obs, this.memory, true);
    this.memory = hidden;
    const { nActions } = this.dims;
    return mode === 'greedy' ? argmaxRow(probs, 0, nActions) : sampleCategorical(probs, 0, nActions, rng);
  }

  /** Records the step; at the episode's end the memory goes back to zeros and the episode waits for `update()`. */
  observe(t: Transition<Observation, number>, _rng?: Rng): void {
    const episode = this.recorder.add(t);
    if (episode !== null) this.finish(episode);
  }

  /** A new episode starts: zero memory. An episode still open was cut from outside: it is kept as truncated. */
  reset(): void {
    const cut = this.recorder.cut();
    if (cut !== null) this.finish(cut);
    this.memory = this.model.zeroMemory();
  }

  private finish(episode: Episode): void {
    this.completed.push(episode);
    this.episodes++;
    this.memory = this.model.zeroMemory();
  }

  /** The GRU state the next `act` starts from (a copy). */
  get memoryState(): Float32Array {
    return this.memory.slice();
  }

  /** Complete episodes recorded and not yet learned from. */
  get pendingEpisodes(): number {
    return this.completed.length;
  }

  update(_rng?: Rng): Metrics | null {
    const count = this.config.episodesPerUpdate;
    if (this.completed.length < count) return null;
    return this.learn(this.completed.splice(0, count));
  }

  /** One Adam step on a padded, time-major batch of whole episodes (BPTT through each). */
  private learn(batch: readonly Episode[]): Metrics {
    const { valueCoef, entropyCoef } = this.config;
    const { nActions } = this.dims;
    const { values: inputs, steps, batch: size } = timeMajorInput(this.dims.input, batch);
    const rows = steps * size;
    const actions = new Int32Array(rows);
    const mask = new Float32Array(rows);
    let validSteps = 0;
    batch.forEach((episode, b) => {
      episode.actions.forEach((a, t) => {
        actions[t * size + b] = a;
        mask[t * size + b] = 1;
      });
      validSteps += episode.actions.length;
    });
    const metrics: Metrics = {};
    tf.tidy(() => {
      const x = tf.tensor2d(inputs, [rows, inputSize(this.dims.input)]);
      const actionTensor = tf.tensor1d(actions, 'int32');
      const maskTensor = tf.tensor1d(mask);
      let parts: ArrayLike<number> = [0, 0, 0];
      const { grads } = tf.variableGrads(() => {
        const [logits, valueOut] = this.model.sequence(x, steps, size);
        const v = tf.reshape(valueOut, [-1]) as tf.Tensor1D;
        // NOTE: the values read back are constants below: no gradient flows through the returns
        // or the baseline, only through log pi and the value head's own regression.
        const { weights, targets } = this.credit(batch, v.dataSync(), size);
        const policyLoss = tf.div(tf.neg(tf.sum(tf.mul(chosenLogProbs(logits, actionTensor, nActions), tf.tensor1d(weights)))), size);
        const valueLoss = tf.div(tf.mul(tf.sum(tf.mul(tf.square(tf.sub(v, tf.tensor1d(targets))), maskTensor)), 0.5), validSteps);
        const entropy = tf.div(tf.sum(tf.mul(rowEntropy(logits), maskTensor)), validSteps);
        parts = tf.stack([policyLoss, valueLoss, entropy]).dataSync();
        return tf.addN([policyLoss, tf.mul(valueLoss, valueCoef), tf.mul(entropy, -entropyCoef)]) as tf.Scalar;
      }, this.model.variables);
      metrics['charts/grad_norm'] = this.optimizer.apply(this.model.variables.map((variable) => grads[variable.name]));
      metrics['losses/policy_loss'] = parts[0];
      metrics['losses/value_loss'] = parts[1];
      metrics['charts/entropy'] = parts[2];
    });
    this.updates++;
    let total = 0;
    for (const episode of batch) for (const r of episode.rewards) total += r;
    metrics['charts/batch_return'] = total / batch.length;
    return metrics;
  }

  /**
   * Per row of the time-major batch: the policy term's weight gamma^t (G_t - v(h_t)) and the
   * value target G_t (both 0 on padding). `values` holds v for every row, including the row after
   * each episode's last step (its bootstrap when the episode was cut).
   */
  private credit(batch: readonly Episode[], values: ArrayLike<number>, size: number): { weights: Float32Array; targets: Float32Array } {
    const { gamma, discountWeight } = this.config;
    const weights = new Float32Array(values.length);
    const targets = new Float32Array(values.length);
    batch.forEach((episode, b) => {
      const length = episode.actions.length;
      // NOTE: bootstrap through truncation (v after the final observation), never termination.
      const bootstrap = episode.terminated ? 0 : values[length * size + b];
      const toGo = rewardToGo(episode.rewards, gamma, bootstrap);
      for (let t = 0; t < length; t++) {
        const row = t * size + b;
        targets[row] = toGo[t];
        weights[row] = (discountWeight ? gamma ** t : 1) * (toGo[t] - values[row]);
      }
    });
    return { weights, targets };
  }

  /**
   * pi(. | h_t) and v(h_t) after reading `observations` in order from a zero memory (the UI's
   * reading of the networks along an episode); changes nothing.
   */
  readAlong(observations: readonly Observation[]): { policy: Float32Array[]; value: number[] } {
    if (observations.length === 0) return { policy: [], value: [] };
    const nA = this.dims.nActions;
    const packed = tf.tidy(() => {
      const [logits, value] = this.model.sequence(this.model.encodeObservations(observations), observations.length, 1);
      return tf.concat([tf.softmax(logits), value], 1).dataSync();
    });
    const row = (t: number) => packed.subarray(t * (nA + 1), (t + 1) * (nA + 1));
    return { policy: observations.map((_, t) => Float32Array.from(row(t).subarray(0, nA))), value: observations.map((_, t) => row(t)[nA]) };
  }

  explain(): null {
    return null;
  }

  dispose(): void {
    this.model.dispose();
    this.optimizer.dispose();
  }

  save(): AgentFile {
    return agentFile(NAME, this.config, {
      input: this.dims.input,
      nActions: this.dims.nActions,
      updates: this.updates,
      episodes: this.episodes,
      weights: this.model.save(),
      optimizer: this.optimizer.state(),
      memory: Array.from(this.memory),
      open: this.recorder.toJson(),
      completed: this.completed.map(episodeToJson),
    });
  }

  /** Puts back everything `save()` wrote. Checks it all first; throws, changing nothing, on bad input. */
  private restore(state: Record<string, unknown>): void {
    const where = `${NAME} file: state`;
    const { input, nActions } = this.dims;
    const updates = readInteger(`${where}.updates`, state.updates, 0);
    const episodes = readInteger(`${where}.episodes`, state.episodes, 0);
    const weights = this.model.read(`${where}.weights`, state.weights);
    this.optimizer.check(state.optimizer, `${where}.optimizer`);
    const memory = Float32Array.from(readNumbers(`${where}.memory`, state.memory, this.model.hiddenSize));
    const putOpen = this.recorder.read(`${where}.open`, state.open);
    const completed = readEpisodes(`${where}.completed`, state.completed, input, nActions);
    this.model.setWeights(weights);
    this.optimizer.restore(state.optimizer, `${where}.optimizer`);
    this.memory = memory;
    putOpen();
    this.completed = completed;
    this.updates = updates;
    this.episodes = episodes;
  }

  /** Validates a saved recurrent REINFORCE agent and rebuilds it exactly; throws a precise error, and leaks nothing, on bad input. */
  static load(file: unknown): RecurrentReinforce {
    const create = (dims: PolicyDims, config: Record<string, unknown>) => new RecurrentReinforce(dims, config as Partial<RecurrentReinforceConfig>);
    return loadAgentFile(file, NAME, create, (agent, state) => agent.restore(state));
  }
}

export function loadRecurrentReinforce(file: unknown): RecurrentReinforce {
  return RecurrentReinforce.load(file);
}
