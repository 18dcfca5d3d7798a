/**
 * Acting with a trained decision transformer (Prince section 19.7): choose a target return,
 * then at every step feed the last K (return-to-go, state, action) triples and take the action
 * predicted from the newest state token.
 *
 *   reset(target)        R_0 = target, empty context, t = 0
 *   act(s_t)             appends (R_t, s_t) and picks a_t (argmax, or sampled from the softmax)
 *   observe({ reward })  R_{t+1} = R_t - r_t: "subtract each reward as it arrives"; t += 1
 *
 * The context is plain JS data (no tensors between calls); each act runs one forward pass of
 * one window in tf.tidy and reads back nActions numbers, so acting leaks nothing. The newest
 * step sits in the window's last slot and earlier slots are left-padded until K steps have been
 * seen, exactly as training windows are. Its action slot holds a placeholder while a_t is being
 * chosen: the causal mask hides it from s_t's prediction.
 *
 * `attention()` reads what each layer and head of the last decision's newest state token
 * attended to, over the real tokens up to and including that state token (for an
 * attention-map view).
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../../environments/core/rng';
import type { ActMode } from '../../core/agent';
import { argmaxRow, sampleCategorical } from '../../deep/categorical';
import type { Observation } from '../../deep/types';
import { TOKEN_KINDS, TOKENS_PER_STEP, type DecisionTransformerModel, type TokenKind, type WindowBatch } from './model';

/** One step of the context: the return-to-go and state it was acted on, and the action taken. */
interface ContextStep {
  readonly returnToGo: number;
  readonly observation: Observation;
  readonly timestep: number;
  action: number | null;
}

export interface AttentionToken {
  readonly kind: TokenKind;
  /** The episode timestep of the token. */
  readonly timestep: number;
}

export interface AttentionMap {
  /** The tokens the newest state token could attend to, oldest first; the last is that state token itself. */
  readonly tokens: readonly AttentionToken[];
  /** weights[layer][head][i]: the attention weight on tokens[i]; each [layer][head] row sums to 1. */
  readonly weights: number[][][];
}

export class DecisionTransformerRuntime {
  private context: ContextStep[] = [];
  private target: number;
  private returnToGoNow: number;
  private step = 0;
  /** True between act and observe. */
  private awaitingReward = false;

  /** `model` stays its owner's: the runtime never disposes it. */
  constructor(
    readonly model: DecisionTransformerModel,
    targetReturn: number,
  ) {
    this.target = checkTarget(targetReturn);
    this.returnToGoNow = this.target;
  }

  /** Starts an episode from `targetReturn` (default: the last target). */
  reset(targetReturn: number = this.target): void {
    this.target = checkTarget(targetReturn);
    this.returnToGoNow = this.target;
    this.context = [];
    this.step = 0;
    this.awaitingReward = false;
  }

  /** R_t: the return still to collect this episode, as the model is told it. */
  get returnToGo(): number {
    return this.returnToGoNow;
  }

  get targetReturn(): number {
    return this.target;
  }

  /** Steps acted this episode. */
  get timestep(): number {
    return this.step;
  }

  /** a_t for `observation`: the argmax ('greedy') or a draw from the softmax ('explore', one rng draw). */
  act(observation: Observation, rng: Rng, mode: ActMode): number {
    if (this.awaitingReward) throw new Error("decision transformer: observe the last action's reward before acting again");
    if (mode !== 'greedy' && mode !== 'explore') throw new Error(`decision transformer: mode must be 'greedy' or 'explore', got ${show(mode)}`);
    this.context.push({ returnToGo: this.returnToGoNow, observation, timestep: this.step, action: null });
    const K = this.model.config.contextLength;
    const dropped = this.context.length > K ? this.context.shift() : undefined;
    const nA = this.model.dims.nActions;
    let probabilities: Float32Array;
    try {
      probabilities = tf.tidy(() => {
        const { logits } = this.model.forward(this.window());
        const newest = tf.slice(tf.reshape(logits, [K, nA]), [K - 1, 0], [1, nA]);
        return (mode === 'greedy' ? newest : tf.softmax(newest)).dataSync() as Float32Array;
      });
    } catch (error) {
      // A bad observation must leave the runtime as it was.
      this.context.pop();
      if (dropped !== undefined) this.context.unshift(dropped);
      throw error;
    }
    const action = mode === 'greedy' ? argmaxRow(probabilities, 0, nA) : sampleCategorical(probabilities, 0, nA, rng);
    this.context[this.context.length - 1].action = action;
    this.awaitingReward = true;
    return action;
  }

  /** The reward of the last action: R_{t+1} = R_t - r_t. Takes a Transition (only `reward` is read). */
  observe(transition: { readonly reward: number }): void {
    if (!this.awaitingReward) throw new Error('decision transformer: act before observing a reward');
    if (typeof transition?.reward !== 'number' || !Number.isFinite(transition.reward)) {
      throw new Error(`decision transformer: reward must be a finite number, got ${show(transition?.reward)}`);
    }
    // NOTE: the paper's rule; the return-to-go may go below zero (or above the target) when the episode beats (or misses) it.
    this.returnToGoNow -= transition.reward;
    this.step++;
    this.awaitingReward = false;
  }

  /** The attention of the newest state token of the last decision, per layer and head; null before the first act. */
  attention(): AttentionMap | null {
    if (this.context.length === 0) return null;
    const K = this.model.config.contextLength;
    const pad = K - this.context.length;
    const query = TOKENS_PER_STEP * (K - 1) + 1;
    const first = TOKENS_PER_STEP * pad;
    const rows = tf.tidy(() => {
      const { attention } = this.model.forward(this.window(), { attention: true });
      return attention.map((weights) => {
        const heads = weights.shape[1];
        const row = tf.slice(weights, [0, 0, query, first], [1, heads, 1, query + 1 - first]);
        return Array.from(row.dataSync());
      });
    });
    const span = query + 1 - first;
    const weights = rows.map((values) => Array.from({ length: values.length / span }, (_, h) => values.slice(h * span, (h + 1) * span)));
    const tokens: AttentionToken[] = [];
    for (let i = first; i <= query; i++) {
      tokens.push({ kind: TOKEN_KINDS[i % TOKENS_PER_STEP], timestep: this.context[Math.floor(i / TOKENS_PER_STEP) - pad].timestep });
    }
    return { tokens, weights };
  }

  /** The context as one left-padded window (the newest step last). */
  private window(): WindowBatch {
    const K = this.model.config.contextLength;
    const pad = K - this.context.length;
    const returnsToGo = new Float32Array(K);
    const observations: Observation[] = new Array<Observation>(K);
    const actions = new Int32Array(K);
    const timesteps = new Int32Array(K);
    const mask = new Uint8Array(K);
    for (let k = 0; k < K; k++) {
      // Padding repeats the oldest step; the mask hides it.
      const entry = this.context[Math.max(0, k - pad)];
      returnsToGo[k] = entry.returnToGo;
      observations[k] = entry.observation;
      // The newest action is still being chosen: 0 stands in for it, unseen by its state token.
      actions[k] = entry.action ?? 0;
      timesteps[k] = entry.timestep;
      mask[k] = k >= pad ? 1 : 0;
    }
    return { windows: 1, returnsToGo, observations, actions, timesteps, mask };
  }
}

/** NaN and Infinity as themselves (JSON would say null), strings quoted. */
function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}

function checkTarget(target: number): number {
  if (typeof target !== 'number' || !Number.isFinite(target)) throw new Error(`decision transformer: the target return must be a finite number, got ${show(target)}`);
  return target;
}
