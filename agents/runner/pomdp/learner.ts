/**
 * The POMDP run's agent and every reading of its network, with no side effects on it: the
 * memoryless agents (REINFORCE, actor-critic, agents/deep) and the recurrent ones (recurrent
 * REINFORCE, DRQN, agents/deep/recurrent), built for a vector observation of `input` numbers.
 *
 * Readings (each one forward pass, every tensor freed):
 * - `actionReading`: what the agent would do at the end of an observation sequence: the softmax
 *   probabilities (DRQN: the action values), from the last observation alone (memoryless), or
 *   from the whole sequence read from a zero memory (recurrent).
 * - `policyRows`: pi(. | o) for a batch of observations (memoryless agents).
 * - `evaluatePolicy`: the mean return of many seeded episodes played in lockstep on a world of
 *   its own, with random streams of its own: it never advances the training run's streams,
 *   never touches the agent's memory, and so changes nothing in the run.
 */
import * as tf from '@tensorflow/tfjs';
import { deriveRng } from '../../../environments/core/rng';
import type { Env } from '../../../environments/core/types';
import { ActorCritic } from '../../deep/actor-critic';
import { argmaxRow, sampleCategorical } from '../../deep/categorical';
import { encodeBatch } from '../../deep/network';
import { Drqn } from '../../deep/recurrent/drqn';
import type { RecurrentModel } from '../../deep/recurrent/recurrent-model';
import { RecurrentReinforce } from '../../deep/recurrent/recurrent-reinforce';
import type { DrqnConfig } from '../../deep/recurrent/config/drqn';
import type { RecurrentReinforceConfig } from '../../deep/recurrent/config/reinforce';
import { asVectorAgent, createDeepAgent, toVectorAgent } from '../../deep/registry';
import { Reinforce } from '../../deep/reinforce';
import type { InputSpec, Observation } from '../../deep/types';
import { deepAgentOptions } from '../deep-session';
import type { VectorAgent } from '../vector-session';
import type { PomdpAgentName } from './catalogue';

export type PomdpLearner = Reinforce | ActorCritic | RecurrentReinforce | Drqn;

export interface ActionReading {
  readonly kind: 'probabilities' | 'q-values';
  readonly values: number[];
}

/** A fresh agent for observations of `size` numbers and `nActions` actions; the agent's own resolver checks `options`. */
export function createPomdpLearner(name: PomdpAgentName, size: number, nActions: number, options: Readonly<Record<string, unknown>>): PomdpLearner {
  const input: InputSpec = { kind: 'vector', size };
  const dims = { input, nActions };
  switch (name) {
    case 'reinforce':
    case 'actor-critic':
      return createDeepAgent(name, dims, deepAgentOptions(name, options)) as Reinforce | ActorCritic;
    case 'recurrent-reinforce':
      return new RecurrentReinforce(dims, options as Partial<RecurrentReinforceConfig>);
    case 'drqn':
      return new Drqn(dims, options as Partial<DrqnConfig>);
  }
}

/** The learner as the vector session drives it (actor-critic batches its copies; the others take one). */
export function pomdpVectorAgent(learner: PomdpLearner): VectorAgent {
  if (learner instanceof Reinforce || learner instanceof ActorCritic) return toVectorAgent(learner);
  return asVectorAgent(learner, learner.name);
}

export function isRecurrent(learner: PomdpLearner): learner is RecurrentReinforce | Drqn {
  return learner instanceof RecurrentReinforce || learner instanceof Drqn;
}

function nActionsOf(learner: PomdpLearner): number {
  return learner.dims.nActions;
}

/** Softmax policy rows (memoryless agents), flat [n * nA]. */
function memorylessProbabilities(learner: Reinforce | ActorCritic, observations: readonly Observation[]): Float32Array {
  return tf.tidy(() => {
    const x = encodeBatch(learner.dims.input, observations);
    const logits = learner instanceof Reinforce ? learner.policy.apply(x) : learner.model.forward(x).logits;
    // A copy: dataSync may hand out the backend's own buffer.
    return Float32Array.from(tf.softmax(logits).dataSync());
  });
}

/** pi(. | o) for each observation, each row renormalised in double precision (exact analysis wants rows that sum to 1). */
export function policyRows(learner: Reinforce | ActorCritic, observations: readonly Observation[]): number[][] {
  const nA = nActionsOf(learner);
  const flat = memorylessProbabilities(learner, observations);
  return observations.map((_, row) => {
    const values = Array.from(flat.subarray(row * nA, (row + 1) * nA));
    const sum = values.reduce((a, b) => a + b, 0);
    return values.map((p) => p / sum);
  });
}

/** What the agent would do after `observations` (in order, the last one current). */
export function actionReading(learner: PomdpLearner, observations: readonly Observation[]): ActionReading {
  if (observations.length === 0) throw new Error('pomdp reading: needs at least one observation');
  if (learner instanceof RecurrentReinforce) {
    const { policy } = learner.readAlong(observations);
    return { kind: 'probabilities', values: Array.from(policy[policy.length - 1]) };
  }
  if (learner instanceof Drqn) {
    const rows = learner.qAlong(observations);
    return { kind: 'q-values', values: Array.from(rows[rows.length - 1]) };
  }
  return { kind: 'probabilities', values: Array.from(memorylessProbabilities(learner, [observations[observations.length - 1]])) };
}

export interface EvaluationResult {
  readonly episodes: number;
  /** Mean of the summed rewards. */
  readonly meanReturn: number;
  /** Mean of sum_t gamma^t r_t: the same quantity as the exact start value of memoryless.ts. */
  readonly meanDiscountedReturn: number;
  /** Standard error of that mean. */
  readonly discountedStandardError: number;
  readonly meanLength: number;
}

/**
 * Plays `episodes` episodes of `env` in lockstep with the agent's current network: 'sample'
 * draws from pi (DRQN: epsilon-greedy at its current epsilon), 'greedy' takes the best action.
 * Episode i's world draws from deriveRng(seed, `evaluate/env/i`); actions from one stream,
 * deriveRng(seed, 'evaluate/actions'), in episode order.
 */
export function evaluatePolicy(
  learner: PomdpLearner,
  env: Env<unknown, Observation, number>,
  options: { readonly episodes: number; readonly seed: number; readonly gamma: number; readonly mode: 'sample' | 'greedy' },
): EvaluationResult {
  const { episodes, seed, gamma, mode } = options;
  const nA = nActionsOf(learner);
  const worldRngs = Array.from({ length: episodes }, (_, i) => deriveRng(seed, `evaluate/env/${i}`));
  const actionRng = deriveRng(seed, 'evaluate/actions');
  const states: unknown[] = [];
  const observations: Observation[] = [];
  for (let i = 0; i < episodes; i++) {
    const start = env.reset(worldRngs[i]);
    states.push(start.state);
    observations.push(start.obs);
  }
  const returns = new Float64Array(episodes);
  const discounted = new Float64Array(episodes);
  const lengths = new Float64Array(episodes);
  const recurrent: RecurrentModel | null = learner instanceof RecurrentReinforce ? learner.model : learner instanceof Drqn ? learner.online : null;
  const hidden = recurrent ? Array.from({ length: episodes }, () => recurrent.zeroMemory()) : [];
  let active = Array.from({ length: episodes }, (_, i) => i);
  while (active.length > 0) {
    const outputs = readBatch(learner, recurrent, active.map((i) => observations[i]), active.map((i) => hidden[i]));
    const stillActive: number[] = [];
    active.forEach((i, row) => {
      if (recurrent) hidden[i] = outputs.hidden[row];
      let action: number;
      if (learner instanceof Drqn) {
        const epsilon = mode === 'sample' ? learner.currentEpsilon() : 0;
        action = epsilon > 0 && actionRng.next() < epsilon ? actionRng.int(nA) : argmaxRow(outputs.values, row, nA);
      } else {
        action = mode === 'greedy' ? argmaxRow(outputs.values, row, nA) : sampleCategorical(outputs.values, row, nA, actionRng);
      }
      const result = env.step(states[i], action, worldRngs[i]);
      returns[i] += result.reward;
      discounted[i] += gamma ** lengths[i] * result.reward;
      lengths[i]++;
      if (result.terminated || result.truncated) return;
      states[i] = result.state;
      observations[i] = result.obs;
      stillActive.push(i);
    });
    active = stillActive;
  }
  const mean = (values: Float64Array) => values.reduce((a, b) => a + b, 0) / episodes;
  const meanDiscounted = mean(discounted);
  const variance = episodes > 1 ? discounted.reduce((sum, g) => sum + (g - meanDiscounted) ** 2, 0) / (episodes - 1) : 0;
  return { episodes, meanReturn: mean(returns), meanDiscountedReturn: meanDiscounted, discountedStandardError: Math.sqrt(variance / episodes), meanLength: mean(lengths) };
}

/** One forward pass for a batch of episodes: action probabilities (q-values for DRQN) and, for recurrent agents, each row's next memory. */
function readBatch(learner: PomdpLearner, recurrent: RecurrentModel | null, observations: readonly Observation[], memories: readonly Float32Array[]): { values: Float32Array; hidden: Float32Array[] } {
  if (!recurrent) return { values: memorylessProbabilities(learner as Reinforce | ActorCritic, observations), hidden: [] };
  const nA = nActionsOf(learner);
  const size = recurrent.hiddenSize;
  const rows = observations.length;
  const packed = tf.tidy(() => {
    const memory = new Float32Array(rows * size);
    memories.forEach((h, row) => memory.set(h, row * size));
    const { hidden, outputs } = recurrent.step(recurrent.encodeObservations(observations), tf.tensor2d(memory, [rows, size]));
    const head = learner instanceof Drqn ? outputs[0] : tf.softmax(outputs[0]);
    return Float32Array.from(tf.concat([head, hidden], 1).dataSync());
  });
  const width = nA + size;
  const values = new Float32Array(rows * nA);
  const hidden: Float32Array[] = [];
  for (let row = 0; row < rows; row++) {
    values.set(packed.subarray(row * width, row * width + nA), row * nA);
    hidden.push(packed.slice(row * width + nA, (row + 1) * width));
  }
  return { values, hidden };
}
