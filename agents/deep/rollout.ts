/**
 * The on-policy rollout of the batched policy-gradient agents (actor-critic / A2C, PPO): the
 * transitions of `rolloutLength` steps of `nEnvs` copies of the world, kept step-major
 * (index t * nEnvs + env), plus the batched softmax action choice they share.
 *
 * Only transitions are stored. The log-probabilities and values the update needs are recomputed
 * in one batch when the rollout is full: the weights do not change while it is collected, so
 * they are the very numbers acting would have produced.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../environments/core/rng';
import type { Transition } from '../../environments/core/types';
import type { ActMode } from '../core/agent';
import { argmaxRow, sampleCategorical } from './categorical';
import { encodeBatch } from './network';
import { observationToJson, readBooleans, readNumbers, readObservations } from './pg-file';
import type { PolicyValueModel } from './policy-value';
import type { InputSpec, Observation } from './types';

/** One action per observation from the model's softmax policy: sampled with `rng`, or the most probable. */
export function actBatch(model: PolicyValueModel, input: InputSpec, nActions: number, obs: readonly Observation[], rng: Rng, mode: ActMode): number[] {
  const probs = tf.tidy(() => tf.softmax(model.forward(encodeBatch(input, obs)).logits).dataSync());
  return obs.map((_, row) => (mode === 'greedy' ? argmaxRow(probs, row, nActions) : sampleCategorical(probs, row, nActions, rng)));
}

export class Rollout {
  observations: Observation[] = [];
  nextObservations: Observation[] = [];
  actions: number[] = [];
  rewards: number[] = [];
  terminated: boolean[] = [];
  truncated: boolean[] = [];

  constructor(
    readonly agent: string,
    readonly nEnvs: number,
    readonly rolloutLength: number,
    readonly nActions: number,
  ) {}

  get size(): number {
    return this.actions.length;
  }

  get full(): boolean {
    return this.actions.length >= this.nEnvs * this.rolloutLength;
  }

  add(transitions: readonly Transition<Observation, number>[]): void {
    if (transitions.length !== this.nEnvs) throw new Error(`${this.agent}: observeBatch got ${transitions.length} transitions, but the agent is configured for nEnvs ${this.nEnvs}`);
    if (this.full) throw new Error(`${this.agent}: the rollout is full; call update() after every observeBatch()`);
    for (const t of transitions) {
      if (!Number.isInteger(t.action) || t.action < 0 || t.action >= this.nActions) throw new Error(`${this.agent}: action ${t.action} is not in [0, ${this.nActions})`);
      this.observations.push(t.obs);
      this.nextObservations.push(t.nextObs);
      this.actions.push(t.action);
      this.rewards.push(t.reward);
      this.terminated.push(t.terminated);
      this.truncated.push(t.truncated);
    }
  }

  clear(): void {
    this.observations = [];
    this.nextObservations = [];
    this.actions = [];
    this.rewards = [];
    this.terminated = [];
    this.truncated = [];
  }

  /** 1 where the step terminated the episode (no bootstrap), and 1 where the episode ended in any way. */
  endFlags(): { terminated: Float32Array; episodeEnd: Float32Array } {
    const n = this.size;
    const terminated = new Float32Array(n);
    const episodeEnd = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      terminated[i] = this.terminated[i] ? 1 : 0;
      episodeEnd[i] = this.terminated[i] || this.truncated[i] ? 1 : 0;
    }
    return { terminated, episodeEnd };
  }

  toJson(): Record<string, unknown> {
    return {
      observations: this.observations.map(observationToJson),
      nextObservations: this.nextObservations.map(observationToJson),
      actions: [...this.actions],
      rewards: [...this.rewards],
      terminated: [...this.terminated],
      truncated: [...this.truncated],
    };
  }

  /** Reads a saved rollout into this one; checks everything first, throws a precise error and changes nothing on bad input. */
  restore(where: string, value: unknown, input: InputSpec): void {
    if (typeof value !== 'object' || value === null) throw new Error(`${where} must be an object`);
    const saved = value as Record<string, unknown>;
    const actions = readNumbers(`${where}.actions`, saved.actions);
    const n = actions.length;
    if (n % this.nEnvs !== 0 || n >= this.nEnvs * this.rolloutLength) {
      throw new Error(`${where} holds ${n} steps; expected a multiple of nEnvs ${this.nEnvs} below ${this.nEnvs * this.rolloutLength}`);
    }
    actions.forEach((a, i) => {
      if (!Number.isInteger(a) || a < 0 || a >= this.nActions) throw new Error(`${where}.actions[${i}] must be an action in [0, ${this.nActions}), got ${a}`);
    });
    const observations = readObservations(`${where}.observations`, saved.observations, input, n);
    const nextObservations = readObservations(`${where}.nextObservations`, saved.nextObservations, input, n);
    const rewards = readNumbers(`${where}.rewards`, saved.rewards, n);
    const terminated = readBooleans(`${where}.terminated`, saved.terminated, n);
    const truncated = readBooleans(`${where}.truncated`, saved.truncated, n);
    Object.assign(this, { observations, nextObservations, actions, rewards, terminated, truncated });
  }
}

/** A seeded Fisher-Yates shuffle of 0..n-1 (never tf.util.shuffle: all randomness goes through the Rng). */
export function shuffledIndices(n: number, rng: Rng): Int32Array {
  const indices = new Int32Array(n);
  for (let i = 0; i < n; i++) indices[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const swap = indices[i];
    indices[i] = indices[j];
    indices[j] = swap;
  }
  return indices;
}
