/**
 * Deep recurrent Q-network (DRQN, Hausknecht & Stone 2015): DQN (eq 19.18) with a GRU between the
 * observation and the action values, so q(h_t, a) can depend on the whole observation history
 * o_0 .. o_t rather than on the current observation alone (which, in a partially observed world
 * like fig 19.4, may look the same in states that need different actions).
 *
 *   obs -> (optional dense encoder) -> GRU -> linear head q(h_t, .)
 *
 *   y_t = r_t + gamma (1 - terminated_t) max_a' q(h_{t+1}, a', phi^-)        (double: the online
 *         network picks a', the target network evaluates it)
 *   loss = mean over the batch's steps of huber(y_t - q(h_t, a_t, phi)) (or the squared error)
 *
 * Replay: whole episodes ("bootstrapped sequential updates" in the DRQN paper). Each gradient
 * step samples `batchSize` complete episodes uniformly (episode-replay.ts), and both networks
 * read each one from its first step with a zero memory, exactly as the agent did when it acted,
 * so there is no stale stored hidden state and no burn-in: every step's memory is the one its
 * own network builds from the true history. The price is cost per update proportional to the
 * longest episode in the batch; for worlds with very long episodes, fixed-length chunks with a
 * burn-in (R2D2) would be the next step (not done here). The target values of a sequence come
 * from the same pass: the target network's q at step t + 1 of the episode, and after its last
 * step from the final observation, so a time-limited cut bootstraps from where it stopped.
 * NOTE: (1 - terminated) is 0 only at a terminating last step: truncation bootstraps.
 *
 * Acting: epsilon-greedy on the online network. `act` runs the network on every step, even when
 * the coin picks a random action, because the memory must read every observation. The memory
 * goes back to zeros when `observe` sees the episode end and in `reset()`. The target network is
 * a hard copy refreshed every `targetSyncEvery` env steps; optimiser: Floe's Adam, with optional
 * clipping of the global gradient norm.
 *
 * Determinism: randomness comes from the Rngs passed to act (the epsilon coin and the random
 * action) and update (the episodes drawn), and from `seed`. A saved agent holds both networks'
 * weights, Adam's state, the memory, the open episode, the replay and the counters, so a loaded
 * one continues exactly.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../../environments/core/rng';
import type { Metrics, Transition } from '../../../environments/core/types';
import type { ActMode, Agent, AgentFile } from '../../core/agent';
import { scheduleValue, type Schedule } from '../../core/schedules';
import { resolveConfig } from '../../tabular/config';
import { Adam } from '../adam';
import { argmaxRow } from '../categorical';
import { agentFile, loadAgentFile, readInteger, readNumbers } from '../pg-file';
import type { PolicyDims } from '../policy-value';
import { inputSize } from '../network';
import type { Observation } from '../types';
import { DRQN_DEFAULTS, DRQN_FIELDS, type DrqnConfig } from './config/drqn';
import { EpisodeReplay } from './episode-replay';
import { EpisodeRecorder, timeMajorInput, type Episode } from './episodes';
import { RecurrentModel } from './recurrent-model';

const NAME = 'drqn';

export class Drqn implements Agent<Observation, number> {
  readonly name = NAME;
  readonly config: DrqnConfig;
  readonly dims: PolicyDims;
  readonly online: RecurrentModel;
  /** The frozen copy phi^-. */
  readonly target: RecurrentModel;
  readonly replay: EpisodeReplay;
  /** Env steps observed: the clock of epsilon, training and target syncs. */
  steps = 0;
  /** Gradient steps taken. */
  gradientUpdates = 0;
  private readonly optimizer: Adam;
  private readonly recorder: EpisodeRecorder;
  private readonly epsilon: Schedule;
  private memory: Float32Array;
  /** The env step of the last training round, so a second update() at the same step does nothing. */
  private lastTrainedStep = -1;

  constructor(dims: PolicyDims, config: Partial<DrqnConfig> = {}) {
    if (typeof dims !== 'object' || dims === null) throw new Error(`${NAME}: dims must be { input, nActions }`);
    if (!(Number.isInteger(dims.nActions) && dims.nActions >= 1)) throw new Error(`${NAME}: nActions must be a positive integer, got ${JSON.stringify(dims.nActions)}`);
    this.config = resolveConfig(NAME, DRQN_FIELDS, DRQN_DEFAULTS, config);
    const c = this.config;
    this.dims = { input: dims.input, nActions: dims.nActions };
    const heads = [{ name: 'q', outputs: dims.nActions }];
    this.online = new RecurrentModel(dims.input, c, heads);
    this.target = new RecurrentModel(dims.input, c, heads, { trainable: false });
    this.target.copyFrom(this.online);
    this.optimizer = new Adam(this.online.variables, { learningRate: c.learningRate, maxGradNorm: c.maxGradNorm > 0 ? c.maxGradNorm : Infinity });
    this.replay = new EpisodeReplay(c.bufferEpisodes);
    this.recorder = new EpisodeRecorder(NAME, this.dims.input, dims.nActions);
    this.epsilon = { kind: 'linear', start: c.epsilonStart, end: c.epsilonEnd, steps: c.epsilonDecaySteps };
    this.memory = this.online.zeroMemory();
  }

  currentEpsilon(): number {
    return scheduleValue(this.epsilon, this.steps);
  }

  act(obs: Observation, rng: Rng, mode: ActMode): number {
    // NOTE: the network runs before the coin: the memory must read this observation either way.
    const { outputs: q, hidden } = this.online.actStep(obs, this.memory, false);
    this.memory = hidden;
    if (mode === 'explore') {
      const epsilon = this.currentEpsilon();
      if (epsilon > 0 && rng.next() < epsilon) return rng.int(this.dims.nActions);
    }
    return argmaxRow(q, 0, this.dims.nActions);
  }

  observe(t: Transition<Observation, number>, _rng?: Rng): void {
    const episode = this.recorder.add(t);
    this.steps++;
    if (episode !== null) this.finish(episode);
  }

  /** A new episode starts: zero memory. An episode still open was cut from outside: it is stored as truncated. */
  reset(): void {
    const cut = this.recorder.cut();
    if (cut !== null) this.finish(cut);
    this.memory = this.online.zeroMemory();
  }

  private finish(episode: Episode): void {
    this.replay.add(episode);
    this.memory = this.online.zeroMemory();
  }

  /** The GRU state the next `act` starts from (a copy). */
  get memoryState(): Float32Array {
    return this.memory.slice();
  }

  update(rng: Rng): Metrics | null {
    const c = this.config;
    const step = this.steps;
    if (step === this.lastTrainedStep || step < c.learningStarts || step === 0) return null;
    this.lastTrainedStep = step;
    let metrics: Metrics | null = null;
    if (step % c.trainFrequency === 0 && this.replay.size > 0) {
      let loss = 0;
      let meanQ = 0;
      for (let g = 0; g < c.gradientSteps; g++) {
        const result = this.gradientStep(this.replay.sample(c.batchSize, rng));
        loss += result.loss;
        meanQ += result.meanQ;
      }
      metrics = { 'losses/td_loss': loss / c.gradientSteps, 'losses/q_values': meanQ / c.gradientSteps, 'charts/epsilon': this.currentEpsilon() };
    }
    if (step % c.targetSyncEvery === 0) this.target.copyFrom(this.online);
    return metrics;
  }

  /** One Adam step on a batch of whole episodes, BPTT through each; one dataSync for the metrics. */
  private gradientStep(batch: readonly Episode[]): { loss: number; meanQ: number } {
    const c = this.config;
    const nA = this.dims.nActions;
    const { values: inputs, steps, batch: size } = timeMajorInput(this.dims.input, batch);
    const rows = steps * size;
    // Step t of the sequence is learned from (rows [0, (T-1)B)); step t + 1 gives its target.
    const learnRows = (steps - 1) * size;
    const actions = new Int32Array(learnRows);
    const rewards = new Float32Array(learnRows);
    const continues = new Float32Array(learnRows);
    const mask = new Float32Array(learnRows);
    let validSteps = 0;
    batch.forEach((episode, b) => {
      const length = episode.actions.length;
      for (let t = 0; t < length; t++) {
        const row = t * size + b;
        actions[row] = episode.actions[t];
        rewards[row] = episode.rewards[t];
        // NOTE: 0 only when the world ended the episode at this step; a cut still bootstraps.
        continues[row] = t === length - 1 && episode.terminated ? 0 : 1;
        mask[row] = 1;
      }
      validSteps += length;
    });
    const packed = tf.tidy(() => {
      const x = tf.tensor2d(inputs, [rows, inputSize(this.dims.input)]);
      // The regression target y: no gradient flows through it.
      const nextTarget = tf.slice(this.target.sequence(x, steps, size)[0], [size, 0], [learnRows, nA]);
      let nextValue: tf.Tensor1D;
      if (c.double) {
        const nextOnline = tf.slice(this.online.sequence(x, steps, size)[0], [size, 0], [learnRows, nA]);
        nextValue = tf.sum(tf.mul(nextTarget, tf.oneHot(tf.argMax(nextOnline, 1), nA)), 1);
      } else {
        nextValue = tf.max(nextTarget, 1);
      }
      const y = tf.add(tf.tensor1d(rewards), tf.mul(tf.mul(tf.tensor1d(continues), c.gamma), nextValue));
      const actionMask = tf.oneHot(tf.tensor1d(actions, 'int32'), nA);
      const maskTensor = tf.tensor1d(mask);
      let meanQ: tf.Scalar | null = null;
      const { value, grads } = tf.variableGrads(() => {
        const q = tf.slice(this.online.sequence(x, steps, size)[0], [0, 0], [learnRows, nA]);
        const taken = tf.sum(tf.mul(q, actionMask), 1);
        meanQ = tf.keep(tf.div(tf.sum(tf.mul(taken, maskTensor)), validSteps)); // kept past variableGrads' own tidy
        const error = tf.sub(y, taken);
        let perStep: tf.Tensor;
        if (c.loss === 'huber') {
          const magnitude = tf.abs(error);
          const quadratic = tf.minimum(magnitude, 1);
          perStep = tf.add(tf.mul(tf.square(quadratic), 0.5), tf.sub(magnitude, quadratic));
        } else {
          perStep = tf.square(error);
        }
        return tf.div(tf.sum(tf.mul(perStep, maskTensor)), validSteps) as tf.Scalar;
      }, this.online.variables);
      this.optimizer.apply(this.online.variables.map((variable) => grads[variable.name]));
      const kept = meanQ as unknown as tf.Scalar;
      const result = tf.stack([value, kept]).dataSync();
      kept.dispose();
      return result;
    });
    this.gradientUpdates++;
    return { loss: packed[0], meanQ: packed[1] };
  }

  /** q(h_t, .) after reading `observations` in order from a zero memory (the UI's value reading); changes nothing. */
  qAlong(observations: readonly Observation[]): Float32Array[] {
    if (observations.length === 0) return [];
    const nA = this.dims.nActions;
    const flat = tf.tidy(() => this.online.sequence(this.online.encodeObservations(observations), observations.length, 1)[0].dataSync());
    return observations.map((_, t) => Float32Array.from(flat.subarray(t * nA, (t + 1) * nA)));
  }

  explain(): null {
    return null;
  }

  dispose(): void {
    this.online.dispose();
    this.target.dispose();
    this.optimizer.dispose();
  }

  save(): AgentFile {
    return agentFile(NAME, this.config, {
      input: this.dims.input,
      nActions: this.dims.nActions,
      steps: this.steps,
      gradientUpdates: this.gradientUpdates,
      lastTrainedStep: this.lastTrainedStep,
      online: this.online.save(),
      target: this.target.save(),
      optimizer: this.optimizer.state(),
      memory: Array.from(this.memory),
      open: this.recorder.toJson(),
      replay: this.replay.toJson(),
    });
  }

  /** Puts back everything `save()` wrote. Checks it all first; throws, changing nothing, on bad input. */
  private restore(state: Record<string, unknown>): void {
    const where = `${NAME} file: state`;
    const steps = readInteger(`${where}.steps`, state.steps, 0);
    const gradientUpdates = readInteger(`${where}.gradientUpdates`, state.gradientUpdates, 0);
    const lastTrainedStep = readInteger(`${where}.lastTrainedStep`, state.lastTrainedStep, -1);
    if (lastTrainedStep > steps) throw new Error(`${where}.lastTrainedStep ${lastTrainedStep} is after state.steps ${steps}`);
    const online = this.online.read(`${where}.online`, state.online);
    const target = this.target.read(`${where}.target`, state.target);
    this.optimizer.check(state.optimizer, `${where}.optimizer`);
    const memory = Float32Array.from(readNumbers(`${where}.memory`, state.memory, this.online.hiddenSize));
    const putOpen = this.recorder.read(`${where}.open`, state.open);
    const putReplay = this.replay.read(`${where}.replay`, state.replay, this.dims.input, this.dims.nActions);
    this.online.setWeights(online);
    this.target.setWeights(target);
    this.optimizer.restore(state.optimizer, `${where}.optimizer`);
    this.memory = memory;
    putOpen();
    putReplay();
    this.steps = steps;
    this.gradientUpdates = gradientUpdates;
    this.lastTrainedStep = lastTrainedStep;
  }

  /** Validates a saved DRQN agent and rebuilds it exactly; throws a precise error, and leaks nothing, on bad input. */
  static load(file: unknown): Drqn {
    const create = (dims: PolicyDims, config: Record<string, unknown>) => new Drqn(dims, config as Partial<DrqnConfig>);
    return loadAgentFile(file, NAME, create, (agent, state) => agent.restore(state));
  }
}

export function loadDrqn(file: unknown): Drqn {
  return Drqn.load(file);
}
