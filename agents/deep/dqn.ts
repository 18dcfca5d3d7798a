/**
 * Deep Q-network (section 19.4.2, eq 19.18) and its family: double DQN, the book's two-network
 * double DQN (eq 19.21), a dueling head, n-step returns and prioritised replay.
 *
 *   phi <- phi + alpha ( r + gamma max_a' q(s', a', phi^-) - q(s, a, phi) ) dq(s, a, phi)/dphi   (19.18)
 *
 * The agent acts epsilon-greedily on the online network q(., ., phi), stores every transition in
 * a replay buffer and, every `trainFrequency` env steps once `learningStarts` have passed, takes
 * `gradientSteps` Adam steps on random minibatches. The target network phi^- is a frozen copy,
 * refreshed every `targetSyncEvery` env steps (hard copy for tau = 1, Polyak averaging below).
 *
 * Bootstrap rules (`y` is the regression target of a stored (n-step) transition):
 *   plain DQN    y = R + gamma^m max_a' q(s', a', phi^-)
 *   double       y = R + gamma^m q(s', argmax_a' q(s', a', phi), phi^-)        (van Hasselt 2016)
 *   twoNetwork   two online networks phi_1, phi_2 and no frozen copy (eq 19.21): each gradient
 *                step updates one of them, picked by a fair coin from the replay rng, and the
 *                other evaluates the updated one's choice:
 *                y = R + gamma^m q(s', argmax_a' q(s', a', phi_1), phi_2)   to update phi_1
 *                (and the mirror image). It acts on the mean of the two, like double Q-learning's
 *                tables (eq 19.20). `targetSyncEvery` and `tau` do not apply.
 * NOTE: (1 - terminated) multiplies the bootstrap, and only termination sets it: a transition cut
 * by the time limit still bootstraps from the state it stopped in.
 *
 * Dueling head (Wang et al. 2016): the network has nA + 1 outputs, a state value v and nA
 * advantages, combined as q(s, a) = v(s) + A(s, a) - mean_a' A(s, a'). Both heads are linear
 * layers on the shared hidden layers (one Network with nA + 1 outputs, split after the matmul).
 *
 * Loss: 'huber' (delta 1: the DQN paper's clipping of the error to [-1, 1]) or 'squared' (the
 * mean squared TD error), each weighted by the importance weights of prioritised replay.
 *
 * Observations: integer states for one-hot input (gridworlds), Float32Arrays of the input size
 * for vector and planes input. The replay buffer stores a one-hot state as its index.
 *
 * Determinism: all randomness comes from the Rngs passed to act (exploration) and update
 * (sampling, the twoNetwork coin) and from `initSeed`; the same seeds on the same backend give
 * the same losses bit for bit. A saved agent holds the weights, Adam's moments and step count, the
 * replay buffer and the counters, so a loaded one continues exactly (given the same Rng states).
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../environments/core/rng';
import type { Metrics, Transition } from '../../environments/core/types';
import type { ActMode, Agent, AgentFile } from '../core/agent';
import { argmaxRandomTie } from '../core/exploration';
import { scheduleValue, type Schedule } from '../core/schedules';
import { Adam } from './adam';
import { restoreOrDispose, withContext } from './agent-file';
import { convLayers } from './config/conv';
import { resolveDqnConfig, type DqnConfig } from './config/dqn';
import { encodeBatch, inputSize, Network } from './network';
import { ReplayBuffer } from './replay-buffer';
import type { InputSpec, NetworkSpec, Observation } from './types';
import { deserializeWeights, serializeWeights } from './weights-file';

export { describeDqnFields, DQN_DEFAULTS, DQN_FIELDS, resolveDqnConfig, type DqnConfig, type DqnLoss, type DqnScalarConfig } from './config/dqn';

export const DQN_FILE_VERSION = 1;

/** What the world gives the agent: its observation encoding and number of actions. */
export interface DqnDims {
  readonly input: InputSpec;
  readonly nA: number;
}

/** The values of the last gradient steps of one training round, packed for a single dataSync. */
interface StepResult {
  loss: number;
  meanQ: number;
}

export class Dqn implements Agent<Observation, number> {
  readonly name = 'dqn';
  readonly config: DqnConfig;
  readonly input: InputSpec;
  readonly nA: number;
  /** The online network(s): one, or two with twoNetwork. */
  readonly networks: readonly Network[];
  /** The frozen copy phi^- (null with twoNetwork). */
  readonly target: Network | null;
  readonly buffer: ReplayBuffer;
  /** Env steps observed: the clock of epsilon, beta, training and target syncs. */
  steps = 0;
  /** Gradient steps taken, over all networks. */
  gradientUpdates = 0;
  private readonly optimizers: readonly Adam[];
  private readonly epsilon: Schedule;
  private readonly beta: Schedule;
  /** Numbers per stored observation: 1 (the state index) for one-hot input, else the input size. */
  private readonly obsWidth: number;
  private readonly obsRow: Float32Array;
  private readonly nextRow: Float32Array;
  /** The env step of the last training round, so a second update() at the same step does nothing. */
  private lastTrainedStep = -1;
  private disposed = false;

  constructor(dims: DqnDims, config: Partial<DqnConfig> = {}) {
    if (typeof dims !== 'object' || dims === null) throw new Error('dqn: dims must be an object with input and nA');
    if (!(Number.isInteger(dims.nA) && dims.nA >= 1)) throw new Error(`dqn: nA must be a positive integer, got ${JSON.stringify(dims.nA)}`);
    this.config = resolveDqnConfig(config);
    const c = this.config;
    this.nA = dims.nA;
    const spec = this.networkSpec(dims.input);
    // Builds the first network before anything else: it validates the input spec.
    const first = new Network(spec, c.initSeed);
    this.input = first.spec.input;
    const networks = [first];
    if (c.twoNetwork) networks.push(new Network(spec, c.initSeed + 1));
    this.networks = networks;
    this.target = c.twoNetwork ? null : new Network(spec, c.initSeed, { trainable: false });
    this.target?.copyFrom(first);
    this.optimizers = networks.map((network) => new Adam(network.variables, { learningRate: c.learningRate }));
    this.obsWidth = this.input.kind === 'one-hot' ? 1 : inputSize(this.input);
    this.obsRow = new Float32Array(this.obsWidth);
    this.nextRow = new Float32Array(this.obsWidth);
    this.buffer = new ReplayBuffer({
      capacity: c.bufferSize,
      obsWidth: this.obsWidth,
      nStep: c.nStep,
      gamma: c.gamma,
      priority: c.prioritised ? { alpha: c.priorityAlpha, epsilon: c.priorityEpsilon } : null,
    });
    this.epsilon = { kind: 'linear', start: c.epsilonStart, end: c.epsilonEnd, steps: c.epsilonDecaySteps };
    this.beta = { kind: 'linear', start: c.priorityBeta0, end: 1, steps: c.priorityBetaSteps };
  }

  /** The Q-network's spec: nA outputs, or nA + 1 (value first) for the dueling head. */
  networkSpec(input: InputSpec = this.input): NetworkSpec {
    const c = this.config;
    return { input, conv: convLayers(c), hidden: [...c.hidden], activation: c.activation, outputs: c.dueling ? this.nA + 1 : this.nA };
  }

  currentEpsilon(): number {
    return scheduleValue(this.epsilon, this.steps);
  }

  /** The importance-sampling exponent now (prioritised replay). */
  currentBeta(): number {
    return scheduleValue(this.beta, this.steps);
  }

  /** q(s, .) from a network's raw outputs: the identity, or the dueling combination. Inside tidy. */
  private qOf(network: Network, x: tf.Tensor2D): tf.Tensor2D {
    const out = network.apply(x);
    if (!this.config.dueling) return out;
    const value = tf.slice(out, [0, 0], [-1, 1]);
    const advantage = tf.slice(out, [0, 1], [-1, this.nA]);
    return tf.add(value, tf.sub(advantage, tf.mean(advantage, 1, true)));
  }

  /** The action values the agent acts on: the online network's, or the mean of the two. Inside tidy. */
  private actingQ(x: tf.Tensor2D): tf.Tensor2D {
    if (this.networks.length === 1) return this.qOf(this.networks[0], x);
    return tf.mul(tf.add(this.qOf(this.networks[0], x), this.qOf(this.networks[1], x)), 0.5);
  }

  act(obs: Observation, rng: Rng, mode: ActMode): number {
    this.checkAlive();
    // The coin first: a random action needs no forward pass.
    if (mode === 'explore') {
      const epsilon = this.currentEpsilon();
      if (epsilon > 0 && rng.next() < epsilon) return rng.int(this.nA);
    }
    const q = tf.tidy(() => this.actingQ(encodeBatch(this.input, [obs])).dataSync()).slice(); // one sync per act
    return argmaxRandomTie(q, 0, this.nA, rng);
  }

  /** The acting action values of many observations at once (the UI's value map), one array each. */
  qValues(observations: readonly Observation[]): Float32Array[] {
    this.checkAlive();
    if (observations.length === 0) return [];
    const flat = tf.tidy(() => this.actingQ(encodeBatch(this.input, observations)).dataSync());
    return observations.map((_, i) => Float32Array.from(flat.subarray(i * this.nA, (i + 1) * this.nA)));
  }

  /** Writes an observation into a stored row, checking it fits the input. */
  private toRow(obs: Observation, row: Float32Array, what: string): Float32Array {
    if (this.input.kind === 'one-hot') {
      if (typeof obs !== 'number' || !Number.isInteger(obs) || obs < 0 || obs >= this.input.size) {
        throw new Error(`dqn: ${what} must be an integer state in [0, ${this.input.size}), got ${obs instanceof Float32Array ? 'a Float32Array' : JSON.stringify(obs)}`);
      }
      row[0] = obs;
      return row;
    }
    if (!(obs instanceof Float32Array) || obs.length !== this.obsWidth) {
      throw new Error(`dqn: ${what} must be a Float32Array of ${this.obsWidth} numbers, got ${obs instanceof Float32Array ? `${obs.length} numbers` : JSON.stringify(obs)}`);
    }
    return obs;
  }

  observe(t: Transition<Observation, number>): void {
    this.checkAlive();
    if (!(Number.isInteger(t.action) && t.action >= 0 && t.action < this.nA)) throw new Error(`dqn: action must be an integer in [0, ${this.nA}), got ${t.action}`);
    if (!Number.isFinite(t.reward)) throw new Error(`dqn: reward must be a finite number, got ${t.reward}`);
    const reward = this.config.clipRewards ? Math.min(1, Math.max(-1, t.reward)) : t.reward;
    this.buffer.push({
      obs: this.toRow(t.obs, this.obsRow, 'obs'),
      action: t.action,
      reward,
      nextObs: this.toRow(t.nextObs, this.nextRow, 'nextObs'),
      terminated: t.terminated, // NOTE: the buffer bootstraps through truncation, never termination
      truncated: t.truncated,
    });
    this.steps++;
  }

  /** A new episode: n-step transitions still queued (an episode cut from outside) bootstrap as truncated. */
  reset(): void {
    this.buffer.flushPending();
  }

  update(rng: Rng): Metrics | null {
    this.checkAlive();
    const c = this.config;
    const step = this.steps;
    if (step === this.lastTrainedStep || step < c.learningStarts || step === 0) return null;
    this.lastTrainedStep = step;
    let trained: StepResult | null = null;
    if (step % c.trainFrequency === 0 && this.buffer.size > 0) {
      let loss = 0;
      let meanQ = 0;
      for (let g = 0; g < c.gradientSteps; g++) {
        const result = this.gradientStep(rng);
        loss += result.loss;
        meanQ += result.meanQ;
      }
      trained = { loss: loss / c.gradientSteps, meanQ: meanQ / c.gradientSteps };
    }
    if (this.target !== null && step % c.targetSyncEvery === 0) {
      if (c.tau === 1) this.target.copyFrom(this.networks[0]);
      else this.target.polyakFrom(this.networks[0], c.tau);
    }
    if (trained === null) return null;
    const metrics: Metrics = { 'losses/td_loss': trained.loss, 'losses/q_values': trained.meanQ, 'charts/epsilon': this.currentEpsilon() };
    if (c.prioritised) metrics['charts/beta'] = this.currentBeta();
    return metrics;
  }

  /** Encoded network input for stored rows (n of them). Inside tidy. */
  private rowsToInput(rows: Float32Array, n: number): tf.Tensor2D {
    if (this.input.kind !== 'one-hot') return tf.tensor2d(rows, [n, this.obsWidth]);
    const size = this.input.size;
    const values = new Float32Array(n * size);
    for (let i = 0; i < n; i++) values[i * size + rows[i]] = 1;
    return tf.tensor2d(values, [n, size]);
  }

  /** One Adam step on one sampled minibatch; one dataSync for loss, mean q and TD errors. */
  private gradientStep(rng: Rng): StepResult {
    const c = this.config;
    const batch = this.buffer.sample(c.batchSize, rng, this.currentBeta());
    const n = batch.size;
    // twoNetwork (eq 19.21): a fair coin picks the network that learns from this batch.
    const learnerIndex = this.networks.length === 2 && rng.next() < 0.5 ? 1 : 0;
    const learner = this.networks[learnerIndex];
    const evaluator = this.target ?? this.networks[1 - learnerIndex];
    const packed = tf.tidy(() => {
      const obs = this.rowsToInput(batch.obs, n);
      const nextObs = this.rowsToInput(batch.nextObs, n);
      // The regression target y: no gradient flows through it.
      const nextQ = this.qOf(evaluator, nextObs);
      let nextValue: tf.Tensor1D;
      if (c.double || c.twoNetwork) {
        const choice = tf.argMax(this.qOf(learner, nextObs), 1);
        nextValue = tf.sum(tf.mul(nextQ, tf.oneHot(choice, this.nA)), 1);
      } else {
        nextValue = tf.max(nextQ, 1);
      }
      const continues = tf.sub(1, tf.tensor1d(batch.terminated)); // NOTE: 0 only after termination
      const y = tf.add(tf.tensor1d(batch.rewards), tf.mul(tf.mul(tf.tensor1d(batch.discounts), continues), nextValue));
      const actionMask = tf.oneHot(tf.tensor1d(batch.actions, 'int32'), this.nA);
      const weights = tf.tensor1d(batch.weights);
      let chosen: tf.Tensor1D | null = null;
      const { value, grads } = tf.variableGrads(() => {
        const qTaken = tf.sum(tf.mul(this.qOf(learner, obs), actionMask), 1) as tf.Tensor1D;
        chosen = tf.keep(qTaken); // kept past variableGrads' own tidy for the metrics and priorities
        const error = tf.sub(y, qTaken);
        let perSample: tf.Tensor;
        if (c.loss === 'huber') {
          const size = tf.abs(error);
          const quadratic = tf.minimum(size, 1);
          perSample = tf.add(tf.mul(tf.square(quadratic), 0.5), tf.sub(size, quadratic));
        } else {
          perSample = tf.square(error);
        }
        return tf.mean(tf.mul(perSample, weights)) as tf.Scalar;
      }, learner.variables);
      this.optimizers[learnerIndex].apply(learner.variables.map((variable) => grads[variable.name]));
      const taken = chosen as unknown as tf.Tensor1D;
      const parts: tf.Tensor1D[] = [tf.reshape(value, [1]), tf.reshape(tf.mean(taken), [1])];
      if (c.prioritised) parts.push(tf.sub(y, taken));
      const result = tf.concat(parts).dataSync();
      taken.dispose();
      return result;
    });
    this.gradientUpdates++;
    if (c.prioritised) this.buffer.updatePriorities(batch.indices, packed.subarray(2, 2 + n));
    return { loss: packed[0], meanQ: packed[1] };
  }

  explain(): null {
    return null;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const network of this.networks) network.dispose();
    this.target?.dispose();
    for (const optimizer of this.optimizers) optimizer.dispose();
  }

  private checkAlive(): void {
    if (this.disposed) throw new Error('dqn: used after dispose()');
  }

  /**
   * The whole agent as versioned JSON: config, dims, counters, the weights of every network,
   * Adam's state and the replay buffer (see replay-buffer.ts for its size: about 28 bytes of
   * JSON per stored gridworld transition, so a full 10k buffer is about 0.3 MB).
   */
  save(): AgentFile {
    this.checkAlive();
    const { hidden, ...scalars } = this.config;
    return {
      format: 'floe-agent',
      version: DQN_FILE_VERSION,
      agent: 'dqn',
      config: { ...scalars, hidden: [...hidden] },
      state: {
        input: { ...this.input },
        nA: this.nA,
        steps: this.steps,
        gradientUpdates: this.gradientUpdates,
        lastTrainedStep: this.lastTrainedStep,
        networks: this.networks.map((network) => serializeWeights(network)),
        target: this.target === null ? null : serializeWeights(this.target),
        optimizers: this.optimizers.map((optimizer) => optimizer.state()),
        buffer: this.buffer.state(),
      },
    };
  }

  /** Puts back the `state` of a saved file made with the same config and dims. Used by loadDqn. */
  restore(state: Readonly<Record<string, unknown>>): void {
    this.checkAlive();
    const where = 'dqn file';
    const integer = (key: string, min: number): number => {
      const value = state[key];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
        throw new Error(`${where}: state.${key} must be an integer >= ${min}, got ${JSON.stringify(value)}`);
      }
      return value;
    };
    const steps = integer('steps', 0);
    const gradientUpdates = integer('gradientUpdates', 0);
    const lastTrainedStep = integer('lastTrainedStep', -1);
    if (lastTrainedStep > steps) throw new Error(`${where}: state.lastTrainedStep ${lastTrainedStep} is after state.steps ${steps}`);
    const spec = this.networkSpec();
    const savedNetworks = state.networks;
    if (!Array.isArray(savedNetworks) || savedNetworks.length !== this.networks.length) {
      throw new Error(`${where}: state.networks must be an array of ${this.networks.length} weight files`);
    }
    const weights = savedNetworks.map((file: unknown, i) => withContext(`${where}: state.networks[${i}]`, () => deserializeWeights(file, spec)));
    let targetWeights: Float32Array[] | null = null;
    if (this.target === null) {
      if (state.target !== null) throw new Error(`${where}: state.target must be null with twoNetwork`);
    } else {
      targetWeights = withContext(`${where}: state.target`, () => deserializeWeights(state.target, spec));
    }
    const optimizerStates = state.optimizers;
    if (!Array.isArray(optimizerStates) || optimizerStates.length !== this.optimizers.length) {
      throw new Error(`${where}: state.optimizers must be an array of ${this.optimizers.length} Adam states`);
    }
    // Check the buffer and the optimizers on scratch copies first, so a bad file changes nothing.
    const scratchBuffer = new ReplayBuffer({
      capacity: this.buffer.capacity,
      obsWidth: this.buffer.obsWidth,
      nStep: this.buffer.nStep,
      gamma: this.buffer.gamma,
      priority: this.buffer.priority,
    });
    scratchBuffer.restore(state.buffer, `${where}: state.buffer`);
    this.networks.forEach((network, i) => {
      const scratch = new Adam(network.variables, { learningRate: this.config.learningRate });
      try {
        scratch.restore(optimizerStates[i], `${where}: state.optimizers[${i}]`);
      } finally {
        scratch.dispose();
      }
    });

    this.networks.forEach((network, i) => network.setWeights(weights[i]));
    if (this.target !== null && targetWeights !== null) this.target.setWeights(targetWeights);
    this.optimizers.forEach((optimizer, i) => optimizer.restore(optimizerStates[i], `${where}: state.optimizers[${i}]`));
    this.buffer.restore(state.buffer, `${where}: state.buffer`);
    this.steps = steps;
    this.gradientUpdates = gradientUpdates;
    this.lastTrainedStep = lastTrainedStep;
  }
}

/** Rebuilds a saved DQN agent. Throws with a precise message on anything malformed; leaks nothing. */
export function loadDqn(file: unknown): Dqn {
  if (typeof file !== 'object' || file === null) throw new Error('dqn file: must be an object');
  const f = file as Partial<AgentFile>;
  if (f.format !== 'floe-agent') throw new Error(`dqn file: format must be 'floe-agent', got ${JSON.stringify(f.format)}`);
  if (f.version !== DQN_FILE_VERSION) throw new Error(`dqn file: version ${JSON.stringify(f.version)} is not supported (expected ${DQN_FILE_VERSION})`);
  if (f.agent !== 'dqn') throw new Error(`dqn file: agent must be 'dqn', got ${JSON.stringify(f.agent)}`);
  if (typeof f.config !== 'object' || f.config === null) throw new Error('dqn file: config must be an object');
  if (typeof f.state !== 'object' || f.state === null) throw new Error('dqn file: state must be an object');
  const state = f.state as Record<string, unknown>;
  const input = state.input as InputSpec;
  const nA = state.nA as number;
  const config = withContext('dqn file', () => resolveDqnConfig(f.config as Partial<DqnConfig>));
  const agent = withContext('dqn file', () => new Dqn({ input, nA }, config));
  return restoreOrDispose(agent, (built) => built.restore(state));
}
