/**
 * Behaviour cloning (issue 7, section 3): supervised learning of a policy from an offline
 * dataset. A softmax policy pi(a|s, theta), an MLP built from the dataset's input spec (network.ts,
 * optionally after a conv layer for the arcade games' planes), is fitted to the recorded
 * (observation, action) pairs by minimising the cross-entropy
 *
 *   L(theta) = -(1/B) sum_i log pi(a_i | s_i, theta)
 *
 * over minibatches of B pairs drawn uniformly, with replacement, from every step of every
 * episode (Floe's Rng, a stream derived from the config's seed), with Floe's Adam. Rewards are
 * not used: the policy copies whoever acted, good or bad. From an expert mixed with random
 * actions it learns the expert's choice, which is the most frequent action in every state, so
 * its greedy policy can do better than the data it learned from.
 *
 * API (in the spirit of a Trainable): `trainSteps(n)` takes n gradient steps and returns one
 * metrics row per step ('losses/bc_loss' and 'charts/accuracy', the fraction of the batch whose
 * recorded action is the policy's most probable one, both before the step's update);
 * `act(obs, mode)` picks the greedy (argmax) or a sampled action; `actionProbabilities(obs)`;
 * `save()` writes the weights, config and provenance (see BehaviourCloningFile) and
 * `loadBehaviourCloning` reads them back; `dispose()` frees every tensor.
 *
 * Determinism: the weights come from the seed (network.ts), the minibatches from the stream
 * `behaviour-cloning/batches` of the seed, sampled actions from `behaviour-cloning/act` unless an
 * Rng is passed. Same dataset, same config, same backend: the same weights bit for bit.
 */
import * as tf from '@tensorflow/tfjs';
import { deriveRng, type Rng } from '../../environments/core/rng';
import type { Metrics } from '../../environments/core/types';
import type { StepUnit, Trainable } from '../runner/trainable';
import { Adam } from '../deep/adam';
import { withContext } from '../deep/agent-file';
import { argmaxRow, sampleCategorical } from '../deep/categorical';
import { encodeBatch, Network } from '../deep/network';
import { mlpSpec } from '../deep/policy-value';
import type { InputSpec, Observation } from '../deep/types';
import { deserializeWeights, serializeWeights, type WeightsFile } from '../deep/weights-file';
import { BEHAVIOUR_CLONING_NAME, resolveBehaviourCloningConfig, type BehaviourCloningConfig } from './behaviour-cloning-config';
import { checkAction, checkInputSpec, checkName, checkSource, describeInput, inputSizeOf, isRecord, show } from './dataset-checks';
import type { Dataset, DatasetSource } from './dataset-types';
import type { RecordPolicy } from './recorder';

export { BEHAVIOUR_CLONING_DEFAULTS, BEHAVIOUR_CLONING_FIELDS, describeBehaviourCloningConfig, type BehaviourCloningConfig } from './behaviour-cloning-config';

export const BEHAVIOUR_CLONING_FILE_FORMAT = 'floe-bc-policy';
export const BEHAVIOUR_CLONING_FILE_VERSION = 1;

/** The most gradient steps one trainSteps call takes (a typo must not freeze a tab). */
const MAX_STEPS_PER_CALL = 1_000_000;

/** What the policy reads and chooses among, and the world it is for. */
export interface BehaviourCloningDims {
  readonly world: string;
  readonly input: InputSpec;
  readonly nActions: number;
}

/** Where a saved policy came from: the dataset it learned from and how long it trained. */
export interface BehaviourCloningProvenance {
  /** The dataset of the last training, summarised; null before any dataset was given. */
  readonly dataset: {
    readonly world: string;
    readonly source: DatasetSource;
    readonly episodes: number;
    readonly steps: number;
    /** Mean undiscounted return of its episodes. */
    readonly meanReturn: number;
  } | null;
  /** Gradient steps taken in all (across saves and loads). */
  readonly trainSteps: number;
}

/**
 *   { format: 'floe-bc-policy', version: 1, world, input, nActions,
 *     config: BehaviourCloningConfig, network: WeightsFile, provenance }
 *
 * Weights only: a loaded policy acts exactly as the saved one and trains on with a fresh Adam.
 */
export interface BehaviourCloningFile {
  readonly format: typeof BEHAVIOUR_CLONING_FILE_FORMAT;
  readonly version: typeof BEHAVIOUR_CLONING_FILE_VERSION;
  readonly world: string;
  readonly input: InputSpec;
  readonly nActions: number;
  readonly config: BehaviourCloningConfig;
  readonly network: WeightsFile;
  readonly provenance: BehaviourCloningProvenance;
}

/** The last training step, for a page's readout. */
export interface BehaviourCloningSnapshot {
  readonly trainSteps: number;
  readonly loss: number | null;
  readonly accuracy: number | null;
  /** (observation, action) pairs in the dataset; 0 without one. */
  readonly pairs: number;
}

function fail(message: string): never {
  throw new Error(`${BEHAVIOUR_CLONING_NAME}: ${message}`);
}

function checkDims(dims: BehaviourCloningDims): BehaviourCloningDims {
  if (!isRecord(dims)) fail('dims must be { world, input, nActions }');
  const world = withContext(BEHAVIOUR_CLONING_NAME, () => checkName(dims.world, 'world'));
  const input = withContext(BEHAVIOUR_CLONING_NAME, () => checkInputSpec(dims.input, 'input'));
  const nActions = dims.nActions;
  if (!(Number.isInteger(nActions) && nActions >= 2 && nActions <= 1024)) fail(`nActions must be an integer from 2 to 1024 (a policy needs a choice), got ${show(nActions)}`);
  return { world, input, nActions };
}

/** Whether an observation has the input's shape: an integer state below the size (one-hot), or a Float32Array of the input's size. */
function fitsInput(observation: unknown, input: InputSpec, size: number): boolean {
  if (input.kind === 'one-hot') return typeof observation === 'number' && Number.isInteger(observation) && observation >= 0 && observation < size;
  return observation instanceof Float32Array && observation.length === size;
}

export class BehaviourCloning implements Trainable<BehaviourCloningSnapshot> {
  readonly name = BEHAVIOUR_CLONING_NAME;
  readonly config: BehaviourCloningConfig;
  readonly dims: BehaviourCloningDims;
  readonly network: Network;
  private readonly optimizer: Adam;
  private readonly batchRng: Rng;
  private readonly actRng: Rng;
  /** Every step of the dataset, flattened: what the minibatches are drawn from. */
  private observations: readonly Observation[] = [];
  private actions: Int32Array = new Int32Array(0);
  private datasetSummary: BehaviourCloningProvenance['dataset'] = null;
  private steps = 0;
  private lastLoss: number | null = null;
  private lastAccuracy: number | null = null;
  private disposed = false;

  /** A fresh policy for `dims` (weights from the config's seed), without a dataset: give one with setDataset. */
  constructor(dims: BehaviourCloningDims, config: Partial<BehaviourCloningConfig> = {}) {
    this.dims = checkDims(dims);
    this.config = resolveBehaviourCloningConfig(config);
    const c = this.config;
    this.network = new Network(mlpSpec(this.dims.input, c, c.hiddenLayers, this.dims.nActions), c.seed);
    this.optimizer = new Adam(this.network.variables, { learningRate: c.learningRate, maxGradNorm: c.maxGradNorm > 0 ? c.maxGradNorm : Infinity });
    this.batchRng = deriveRng(c.seed, 'behaviour-cloning/batches');
    this.actRng = deriveRng(c.seed, 'behaviour-cloning/act');
  }

  /**
   * The dataset to learn from: its input, nActions and world must be the policy's. Its steps are
   * indexed (not copied): do not change the dataset while this learner uses it.
   */
  setDataset(dataset: Dataset): void {
    this.checkAlive();
    if (!isRecord(dataset) || !Array.isArray(dataset.episodes)) fail('the dataset must be a Dataset with episodes');
    const { world, input, nActions } = this.dims;
    if (dataset.world !== world) fail(`the dataset is of world ${show(dataset.world)}, but this policy is for ${show(world)}`);
    if (JSON.stringify(dataset.input) !== JSON.stringify(input)) fail(`the dataset's input ${JSON.stringify(dataset.input)} is not the policy's ${JSON.stringify(input)}`);
    if (dataset.nActions !== nActions) fail(`the dataset has ${show(dataset.nActions)} actions, the policy ${nActions}`);
    const size = inputSizeOf(input);
    const observations: Observation[] = [];
    const actions: number[] = [];
    let returns = 0;
    dataset.episodes.forEach((episode, index) => {
      const length = episode.actions.length;
      if (episode.observations.length !== length) fail(`dataset episode ${index} has ${episode.observations.length} observations but ${length} actions`);
      for (let t = 0; t < length; t++) {
        const observation = episode.observations[t];
        // Shapes only (not every value): a wrong one would otherwise surface mid-training, named by its batch row.
        if (!fitsInput(observation, input, size)) fail(`dataset episode ${index} step ${t} observation is ${show(observation)}, which does not fit the ${describeInput(input)}`);
        observations.push(observation);
        actions.push(withContext(BEHAVIOUR_CLONING_NAME, () => checkAction(episode.actions[t], nActions, `dataset episode ${index} step ${t} action`)));
      }
      for (const reward of episode.rewards) returns += reward;
    });
    if (actions.length === 0) fail('the dataset has no steps to learn from');
    const source = checkSource(dataset.source, 'behaviour-cloning: dataset source');
    // Everything checked: only now does the learner change.
    this.observations = observations;
    this.actions = Int32Array.from(actions);
    this.datasetSummary = {
      world: dataset.world,
      source,
      episodes: dataset.episodes.length,
      steps: actions.length,
      meanReturn: returns / dataset.episodes.length,
    };
  }

  /** Takes `n` gradient steps; one metrics row per step (loss and accuracy on its minibatch, before its update). */
  trainSteps(n: number): Metrics[] {
    this.checkAlive();
    if (!(Number.isInteger(n) && n >= 0 && n <= MAX_STEPS_PER_CALL)) fail(`trainSteps needs a whole number of steps up to ${MAX_STEPS_PER_CALL}, got ${show(n)}`);
    if (this.actions.length === 0) fail('no dataset to learn from: call setDataset(dataset) first');
    const rows: Metrics[] = [];
    for (let i = 0; i < n; i++) rows.push(this.trainStep());
    return rows;
  }

  /** Trainable: `n` gradient steps (the only unit behaviour cloning has). */
  step(n: number, unit?: StepUnit): Metrics[] {
    if (unit !== undefined) fail(`steps are gradient steps; unit '${unit}' does not apply`);
    return this.trainSteps(n);
  }

  snapshot(): BehaviourCloningSnapshot {
    return { trainSteps: this.steps, loss: this.lastLoss, accuracy: this.lastAccuracy, pairs: this.actions.length };
  }

  private trainStep(): Metrics {
    const { batchSize } = this.config;
    const { input, nActions } = this.dims;
    const total = this.actions.length;
    const batchObservations = new Array<Observation>(batchSize);
    const batchActions = new Int32Array(batchSize);
    for (let i = 0; i < batchSize; i++) {
      const k = this.batchRng.int(total);
      batchObservations[i] = this.observations[k];
      batchActions[i] = this.actions[k];
    }
    let correct = 0;
    const loss = tf.tidy(() => {
      const x = encodeBatch(input, batchObservations);
      const targets = tf.oneHot(tf.tensor1d(batchActions, 'int32'), nActions);
      const { value, grads } = tf.variableGrads(() => {
        const logits = this.network.apply(x);
        // Read off the tape's own forward pass: the accuracy costs no second pass. argMax is not
        // on the path to the loss, so backpropagation never visits it.
        const predicted = tf.argMax(logits, 1).dataSync();
        for (let i = 0; i < batchSize; i++) if (predicted[i] === batchActions[i]) correct++;
        return tf.neg(tf.mean(tf.sum(tf.mul(tf.logSoftmax(logits), targets), 1))) as tf.Scalar;
      }, this.network.variables);
      this.optimizer.apply(this.network.variables.map((variable) => grads[variable.name]));
      return value.dataSync()[0];
    });
    this.steps++;
    this.lastLoss = loss;
    this.lastAccuracy = correct / batchSize;
    return { global_step: this.steps, 'losses/bc_loss': loss, 'charts/accuracy': this.lastAccuracy };
  }

  /** pi(.|s) for each observation: n * nActions probabilities, row by row. */
  actionProbabilitiesBatch(observations: readonly Observation[]): Float32Array {
    this.checkAlive();
    if (observations.length === 0) return new Float32Array(0);
    // dataSync may hand out the backend's own buffer: copy it.
    return new Float32Array(tf.tidy(() => tf.softmax(this.network.apply(encodeBatch(this.dims.input, observations))).dataSync()));
  }

  /** pi(.|s): nActions probabilities. */
  actionProbabilities(observation: Observation): Float32Array {
    return this.actionProbabilitiesBatch([observation]);
  }

  /**
   * The policy's action: 'greedy' takes the most probable (the first on ties), 'sample' draws
   * one from pi(.|s) with `rng` (default: the learner's own stream, derived from its seed).
   */
  act(observation: Observation, mode: 'greedy' | 'sample', rng?: Rng): number {
    if (mode !== 'greedy' && mode !== 'sample') fail(`act mode must be 'greedy' or 'sample', got ${show(mode)}`);
    const probs = this.actionProbabilities(observation);
    return mode === 'greedy' ? argmaxRow(probs, 0, this.dims.nActions) : sampleCategorical(probs, 0, this.dims.nActions, rng ?? this.actRng);
  }

  /** The policy as a function for recordEpisodes (evaluation, or as the expert of a new dataset). */
  policy(mode: 'greedy' | 'sample'): RecordPolicy {
    return (observation, rng) => this.act(observation, mode, rng);
  }

  get trainedSteps(): number {
    return this.steps;
  }

  save(): BehaviourCloningFile {
    this.checkAlive();
    return {
      format: BEHAVIOUR_CLONING_FILE_FORMAT,
      version: BEHAVIOUR_CLONING_FILE_VERSION,
      world: this.dims.world,
      input: { ...this.dims.input },
      nActions: this.dims.nActions,
      config: { ...this.config },
      network: serializeWeights(this.network),
      provenance: { dataset: this.datasetSummary === null ? null : { ...this.datasetSummary, source: { ...this.datasetSummary.source } }, trainSteps: this.steps },
    };
  }

  /** Puts back a saved policy's weights (decoded by deserializeWeights) and provenance: loadBehaviourCloning's last step. */
  restore(weights: Float32Array[], provenance: BehaviourCloningProvenance): void {
    this.checkAlive();
    this.network.setWeights(weights);
    this.steps = provenance.trainSteps;
    this.datasetSummary = provenance.dataset;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.network.dispose();
    this.optimizer.dispose();
  }

  private checkAlive(): void {
    if (this.disposed) fail('used after dispose()');
  }
}

/** A fresh policy for a dataset's world, learning from it. */
export function createBehaviourCloning(dataset: Dataset, config: Partial<BehaviourCloningConfig> = {}): BehaviourCloning {
  if (!isRecord(dataset)) fail('the dataset must be a Dataset');
  const learner = new BehaviourCloning({ world: dataset.world, input: dataset.input, nActions: dataset.nActions }, config);
  try {
    learner.setDataset(dataset);
  } catch (error) {
    learner.dispose();
    throw error;
  }
  return learner;
}

function checkProvenance(value: unknown): BehaviourCloningProvenance {
  const where = 'provenance';
  if (!isRecord(value)) throw new Error(`${where} must be an object`);
  const trainSteps = value.trainSteps;
  if (!(typeof trainSteps === 'number' && Number.isInteger(trainSteps) && trainSteps >= 0)) throw new Error(`${where}.trainSteps must be a whole number, got ${show(trainSteps)}`);
  const d = value.dataset;
  if (d === null) return { dataset: null, trainSteps };
  if (!isRecord(d)) throw new Error(`${where}.dataset must be an object or null`);
  const world = checkName(d.world, `${where}.dataset.world`);
  const source = checkSource(d.source, `${where}.dataset.source`);
  for (const key of ['episodes', 'steps'] as const) {
    const v = d[key];
    if (!(typeof v === 'number' && Number.isInteger(v) && v >= 0)) throw new Error(`${where}.dataset.${key} must be a whole number, got ${show(v)}`);
  }
  if (!(typeof d.meanReturn === 'number' && Number.isFinite(d.meanReturn))) throw new Error(`${where}.dataset.meanReturn must be a finite number, got ${show(d.meanReturn)}`);
  return { dataset: { world, source, episodes: d.episodes as number, steps: d.steps as number, meanReturn: d.meanReturn }, trainSteps };
}

/**
 * A saved policy (BehaviourCloningFile) as a fresh learner with its weights, owned by the caller.
 * With `dataset` (of the same world, input and nActions) it can train on, with a fresh Adam.
 * Throws one message starting 'behaviour-cloning file: '; a half-built learner is disposed.
 */
export function loadBehaviourCloning(file: unknown, dataset?: Dataset): BehaviourCloning {
  const where = `${BEHAVIOUR_CLONING_NAME} file`;
  return withContext(where, () => {
    if (!isRecord(file)) throw new Error('must be a JSON object');
    if (file.format !== BEHAVIOUR_CLONING_FILE_FORMAT) throw new Error(`format must be '${BEHAVIOUR_CLONING_FILE_FORMAT}', got ${show(file.format)}`);
    if (file.version !== BEHAVIOUR_CLONING_FILE_VERSION) throw new Error(`version must be ${BEHAVIOUR_CLONING_FILE_VERSION}, got ${show(file.version)}`);
    const allowed = ['format', 'version', 'world', 'input', 'nActions', 'config', 'network', 'provenance'];
    for (const key of Object.keys(file)) if (!allowed.includes(key)) throw new Error(`unknown key ${show(key)}; a behaviour cloning file has ${allowed.join(', ')}`);
    if (!isRecord(file.config)) throw new Error('config must be an object');
    const provenance = checkProvenance(file.provenance);
    const learner = new BehaviourCloning({ world: file.world as string, input: file.input as InputSpec, nActions: file.nActions as number }, file.config as Partial<BehaviourCloningConfig>);
    try {
      const weights = withContext('network', () => deserializeWeights(file.network, learner.network.spec));
      learner.restore(weights, provenance);
      if (dataset !== undefined) learner.setDataset(dataset);
    } catch (error) {
      learner.dispose();
      throw error;
    }
    return learner;
  });
}
