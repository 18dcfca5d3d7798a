/**
 * The decision transformer's network (Chen et al. 2021; Prince section 19.7, fig 19.17): a
 * causal transformer over (return-to-go, state, action) tokens that predicts each action from
 * the tokens before it.
 *
 * Tokens: a window of K timesteps t = 0..K-1 becomes 3K tokens in the order
 *
 *   R_0, s_0, a_0, R_1, s_1, a_1, ..., R_{K-1}, s_{K-1}, a_{K-1}     (token 3t + 0, 1, 2)
 *
 * R_t (the return-to-go, divided by `returnScale`) has a linear embedding, s_t a linear
 * embedding of the encoded observation (one-hot cell, vector or flattened planes: `encodeBatch`),
 * and a_t a row of an action embedding table. The timestep embedding (a table row per episode
 * timestep, the last row for every timestep past it) is added to all three tokens of its
 * timestep: it is the positional encoding. Both tables are the book's X = Omega_e T with a
 * one-hot T (ch 12), computed as a one-hot matMul, so their gradients exist on every backend
 * (wasm has no kernel for the gradient of tf.gather).
 *
 * Network: layer norm of the embedded tokens; `layers` blocks of
 *   x <- x + MhSa[LayerNorm[x]]      (masked multi-head self-attention, eqs 12.9-12.12)
 *   x <- x + Mlp[LayerNorm[x]]       (width -> 4 width, GELU, -> width)
 * (pre-layer-norm, as GPT-2 and the paper's code; the book's eq 12.13 puts the norms after);
 * a final layer norm; then a linear head on every state token s_t giving the logits of a_t.
 *
 * The mask: token i attends to token j when j <= i (causal: nothing later) and token j is a
 * real token, not padding; a padded token attends to itself alone, so that no softmax row is
 * empty. Windows shorter than K are left-padded, so real tokens never see padding and the
 * logits of real state tokens do not depend on what the padding holds. With the causal mask the
 * prediction of a_t depends on R_0..R_t, s_0..s_t and a_0..a_{t-1} only: a_t's own token and
 * everything after it cannot change it (tests/unit/offline-dt-model.test.ts checks this).
 *
 * Variables are raw tf.variables, as agents/deep/network.ts: glorot-uniform weights (tables
 * included) from a Floe Rng per variable, derived from the seed and the variable's name only
 * (`decision-transformer/<seed>/<name>`), zero biases, layer-norm gains 1 and biases 0. The
 * order of `variables` (and of saved weights) is `variableNames`.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../../environments/core/rng';
import { batchMatMul, linear } from '../../deep/linear';
import { encodeBatch, inputSize, MAX_PARAMETERS, validateNetworkSpec } from '../../deep/network';
import type { InputSpec, Observation } from '../../deep/types';
import type { DecisionTransformerConfig } from './config';

/** What the model is built for: the dataset's observations and action count. */
export interface DecisionTransformerDims {
  readonly input: InputSpec;
  readonly nActions: number;
}

/**
 * B windows of K timesteps, as plain arrays indexed [window * K + t]. Padding slots (mask 0)
 * come first in a window and may hold anything valid: the mask hides them.
 */
export interface WindowBatch {
  readonly windows: number;
  /** Returns-to-go R_t, not yet divided by returnScale. */
  readonly returnsToGo: Float32Array;
  /** s_t, in the dataset's encoding (a cell index or a Float32Array). */
  readonly observations: readonly Observation[];
  /** a_t in [0, nActions); the current step's action when acting is any valid value (causally hidden). */
  readonly actions: Int32Array;
  /** Episode timestep of each slot, from 0. */
  readonly timesteps: Int32Array;
  /** 1 for a real timestep, 0 for padding. */
  readonly mask: Uint8Array;
}

export interface ForwardResult {
  /** [windows, K, nActions]: the logits of a_t read from state token s_t. */
  readonly logits: tf.Tensor3D;
  /** With `attention: true`, one [windows, heads, 3K, 3K] tensor of attention weights per layer (rows: queries). */
  readonly attention: tf.Tensor4D[];
}

/** The token kinds in their order inside a timestep. */
export const TOKEN_KINDS = ['return-to-go', 'state', 'action'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];
export const TOKENS_PER_STEP = TOKEN_KINDS.length;

/** Added to the scores of masked pairs: exp underflows to exactly 0, so they get weight 0. */
const MASKED_SCORE = -1e9;
const LAYER_NORM_EPSILON = 1e-5;
const MLP_EXPANSION = 4;

interface Linear {
  readonly weights: tf.Variable;
  readonly biases: tf.Variable;
}

interface Norm {
  readonly gain: tf.Variable;
  readonly bias: tf.Variable;
}

interface Block {
  readonly attentionNorm: Norm;
  readonly query: Linear;
  readonly key: Linear;
  readonly value: Linear;
  readonly projection: Linear;
  readonly mlpNorm: Norm;
  readonly mlpHidden: Linear;
  readonly mlpOutput: Linear;
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value));
}

/** Checks the dims (they may come from a file) with precise messages; returns the observation's encoded size. */
export function checkDims(dims: DecisionTransformerDims): number {
  if (typeof dims !== 'object' || dims === null) throw new Error(`decision transformer: dims must be an object, got ${show(dims)}`);
  if (!Number.isInteger(dims.nActions) || dims.nActions < 2) throw new Error(`decision transformer: nActions must be an integer >= 2, got ${show(dims.nActions)}`);
  // The network spec's checks give the precise message for a bad input spec.
  validateNetworkSpec({ input: dims.input, conv: [], hidden: [], activation: 'linear', outputs: dims.nActions });
  return inputSize(dims.input);
}

/** Variable names and shapes in `variables` order, without touching tfjs (for files and counts). */
export function variableShapes(dims: DecisionTransformerDims, config: DecisionTransformerConfig): { name: string; shape: number[] }[] {
  const width = config.width;
  const hidden = MLP_EXPANSION * width;
  const list: { name: string; shape: number[] }[] = [];
  const dense = (name: string, inputs: number, outputs: number) => list.push({ name: `${name}/weights`, shape: [inputs, outputs] }, { name: `${name}/biases`, shape: [outputs] });
  const norm = (name: string) => list.push({ name: `${name}/gain`, shape: [width] }, { name: `${name}/bias`, shape: [width] });
  dense('embed/return-to-go', 1, width);
  dense('embed/state', inputSize(dims.input), width);
  list.push({ name: 'embed/action/table', shape: [dims.nActions, width] });
  list.push({ name: 'embed/timestep/table', shape: [config.maxTimestep, width] });
  norm('embed/norm');
  for (let layer = 1; layer <= config.layers; layer++) {
    const prefix = `block${layer}`;
    norm(`${prefix}/attention-norm`);
    for (const part of ['query', 'key', 'value', 'projection']) dense(`${prefix}/${part}`, width, width);
    norm(`${prefix}/mlp-norm`);
    dense(`${prefix}/mlp-hidden`, width, hidden);
    dense(`${prefix}/mlp-output`, hidden, width);
  }
  norm('final-norm');
  dense('action-head', width, dims.nActions);
  return list;
}

export function countParameters(dims: DecisionTransformerDims, config: DecisionTransformerConfig): number {
  return variableShapes(dims, config).reduce((sum, { shape }) => sum + shape.reduce((a, b) => a * b, 1), 0);
}

function initialValues(name: string, shape: readonly number[], seed: number): Float32Array {
  const count = shape.reduce((a, b) => a * b, 1);
  const kind = name.slice(name.lastIndexOf('/') + 1);
  if (kind === 'gain') return new Float32Array(count).fill(1);
  if (kind === 'biases' || kind === 'bias') return new Float32Array(count);
  // Glorot uniform over [fanIn, fanOut]; a table is a linear layer from a one-hot input.
  const rng = createRng(`decision-transformer/${seed}/${name}`);
  const limit = Math.sqrt(6 / (shape[0] + shape[1]));
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = (2 * rng.next() - 1) * limit;
  return values;
}

function layerNorm(x: tf.Tensor2D, norm: Norm): tf.Tensor2D {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, LAYER_NORM_EPSILON))), norm.gain), norm.bias);
}

/** x W + b; the product through deep/linear.ts (wasm's transposed products are slow). */
function applyLinear(x: tf.Tensor2D, layer: Linear): tf.Tensor2D {
  return tf.add(linear(x, layer.weights as tf.Tensor2D), layer.biases);
}

/** GELU, tanh form (GPT-2's): 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))); plain ops, so every backend has its gradient. */
function gelu(x: tf.Tensor2D): tf.Tensor2D {
  const inner = tf.mul(tf.add(x, tf.mul(tf.mul(tf.mul(x, x), x), 0.044715)), Math.sqrt(2 / Math.PI));
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
}

/**
 * One-hot rows as float32. NOTE: made as int32 and cast: tfjs 4.22's wasm OneHot kernel ignores a
 * float32 dtype and writes integer bits (every row comes out as zeros and denormals).
 */
export function oneHotFloat(indices: Int32Array, depth: number): tf.Tensor2D {
  return tf.cast(tf.oneHot(tf.tensor1d(indices, 'int32'), depth), 'float32') as tf.Tensor2D;
}

/** The additive attention mask [windows, 1, 3K, 3K]: 0 where query i may attend to key j, MASKED_SCORE elsewhere. */
function attentionBias(mask: Uint8Array, windows: number, steps: number): tf.Tensor4D {
  const tokens = TOKENS_PER_STEP * steps;
  const bias = new Float32Array(windows * tokens * tokens);
  for (let w = 0; w < windows; w++) {
    for (let i = 0; i < tokens; i++) {
      const row = (w * tokens + i) * tokens;
      for (let j = 0; j < tokens; j++) {
        const real = mask[w * steps + Math.floor(j / TOKENS_PER_STEP)] === 1;
        const allowed = j === i || (j < i && real);
        if (!allowed) bias[row + j] = MASKED_SCORE;
      }
    }
  }
  return tf.tensor4d(bias, [windows, 1, tokens, tokens]);
}

export class DecisionTransformerModel {
  readonly dims: DecisionTransformerDims;
  readonly config: DecisionTransformerConfig;
  /** Every trainable variable, in `variableNames` order. */
  readonly variables: tf.Variable[] = [];
  readonly variableNames: string[] = [];
  private readonly parameters: number;
  private readonly returnEmbedding: Linear;
  private readonly stateEmbedding: Linear;
  private readonly actionTable: tf.Variable;
  private readonly timestepTable: tf.Variable;
  private readonly embeddingNorm: Norm;
  private readonly blocks: Block[] = [];
  private readonly finalNorm: Norm;
  private readonly actionHead: Linear;
  private disposed = false;

  /** `config` must be resolved (resolveDecisionTransformerConfig). */
  constructor(dims: DecisionTransformerDims, config: DecisionTransformerConfig) {
    checkDims(dims);
    this.parameters = countParameters(dims, config);
    if (this.parameters > MAX_PARAMETERS) throw new Error(`decision transformer: ${this.parameters} parameters is more than the limit of ${MAX_PARAMETERS}`);
    this.dims = Object.freeze({ input: Object.freeze({ ...dims.input }), nActions: dims.nActions });
    this.config = config;
    const byName = new Map<string, tf.Variable>();
    for (const { name, shape } of variableShapes(dims, config)) {
      const variable = tf.tidy(() => tf.variable(tf.tensor(initialValues(name, shape, config.seed), shape), true));
      this.variables.push(variable);
      this.variableNames.push(name);
      byName.set(name, variable);
    }
    const get = (name: string) => byName.get(name) as tf.Variable;
    const lin = (name: string): Linear => ({ weights: get(`${name}/weights`), biases: get(`${name}/biases`) });
    const norm = (name: string): Norm => ({ gain: get(`${name}/gain`), bias: get(`${name}/bias`) });
    this.returnEmbedding = lin('embed/return-to-go');
    this.stateEmbedding = lin('embed/state');
    this.actionTable = get('embed/action/table');
    this.timestepTable = get('embed/timestep/table');
    this.embeddingNorm = norm('embed/norm');
    for (let layer = 1; layer <= config.layers; layer++) {
      const p = `block${layer}`;
      this.blocks.push({
        attentionNorm: norm(`${p}/attention-norm`),
        query: lin(`${p}/query`),
        key: lin(`${p}/key`),
        value: lin(`${p}/value`),
        projection: lin(`${p}/projection`),
        mlpNorm: norm(`${p}/mlp-norm`),
        mlpHidden: lin(`${p}/mlp-hidden`),
        mlpOutput: lin(`${p}/mlp-output`),
      });
    }
    this.finalNorm = norm('final-norm');
    this.actionHead = lin('action-head');
  }

  /** The action logits of every state token (and the attention weights when asked). Call inside tf.tidy. */
  forward(batch: WindowBatch, options: { readonly attention?: boolean } = {}): ForwardResult {
    this.checkAlive();
    const { contextLength: steps, width, heads, maxTimestep, returnScale } = this.config;
    const { windows } = batch;
    const slots = windows * steps;
    const tokens = TOKENS_PER_STEP * steps;
    const headWidth = width / heads;
    if (batch.returnsToGo.length !== slots || batch.observations.length !== slots || batch.actions.length !== slots || batch.timesteps.length !== slots || batch.mask.length !== slots) {
      throw new Error(`decision transformer: a batch of ${windows} windows of ${steps} steps needs ${slots} entries in every array`);
    }

    const returns = tf.div(tf.tensor2d(batch.returnsToGo, [slots, 1]), returnScale);
    const clamped = batch.timesteps.map((t) => Math.min(Math.max(t, 0), maxTimestep - 1));
    const time = linear(oneHotFloat(clamped, maxTimestep), this.timestepTable as tf.Tensor2D);
    const returnTokens = tf.add(applyLinear(returns as tf.Tensor2D, this.returnEmbedding), time);
    const stateTokens = tf.add(applyLinear(encodeBatch(this.dims.input, batch.observations), this.stateEmbedding), time);
    const actionOneHot = oneHotFloat(batch.actions, this.dims.nActions);
    const actionTokens = tf.add(linear(actionOneHot, this.actionTable as tf.Tensor2D), time);
    // [slots, 3, width] -> [windows * 3K, width]: slot (w, t) token k lands on row w * 3K + 3t + k.
    let x = tf.reshape(tf.stack([returnTokens, stateTokens, actionTokens], 1), [windows * tokens, width]) as tf.Tensor2D;
    x = layerNorm(x, this.embeddingNorm);

    const bias = attentionBias(batch.mask, windows, steps);
    const attention: tf.Tensor4D[] = [];
    // [windows * 3K, width] -> [windows * heads, 3K, headWidth]: one attention problem per window and head.
    const splitHeads = (t: tf.Tensor2D) =>
      tf.reshape(tf.transpose(tf.reshape(t, [windows, tokens, heads, headWidth]), [0, 2, 1, 3]), [windows * heads, tokens, headWidth]) as tf.Tensor3D;
    for (const block of this.blocks) {
      const h = layerNorm(x, block.attentionNorm);
      const q = splitHeads(applyLinear(h, block.query));
      const k = splitHeads(applyLinear(h, block.key));
      const v = splitHeads(applyLinear(h, block.value));
      // Scaled dot-product attention (eq 12.9), one softmax per query row over the allowed keys.
      const products = tf.reshape(batchMatMul(q, k, true), [windows, heads, tokens, tokens]);
      const scores = tf.add(tf.div(products, Math.sqrt(headWidth)), bias);
      const weights = tf.softmax(scores) as tf.Tensor4D;
      if (options.attention === true) attention.push(weights);
      const perHead = tf.reshape(batchMatMul(tf.reshape(weights, [windows * heads, tokens, tokens]) as tf.Tensor3D, v), [windows, heads, tokens, headWidth]);
      const mixed = tf.reshape(tf.transpose(perHead, [0, 2, 1, 3]), [windows * tokens, width]) as tf.Tensor2D;
      x = tf.add(x, applyLinear(mixed, block.projection));
      x = tf.add(x, applyLinear(gelu(applyLinear(layerNorm(x, block.mlpNorm), block.mlpHidden)), block.mlpOutput));
    }
    x = layerNorm(x, this.finalNorm);

    const states = tf.reshape(tf.slice(tf.reshape(x, [slots, TOKENS_PER_STEP, width]), [0, 1, 0], [slots, 1, width]), [slots, width]) as tf.Tensor2D;
    const logits = tf.reshape(applyLinear(states, this.actionHead), [windows, steps, this.dims.nActions]) as tf.Tensor3D;
    return { logits, attention };
  }

  parameterCount(): number {
    return this.parameters;
  }

  /** Copies of the current values, in `variables` order. */
  getWeights(): Float32Array[] {
    this.checkAlive();
    // dataSync may return the backend's own buffer (cpu): copy before handing it out.
    return this.variables.map((variable) => new Float32Array(variable.dataSync()));
  }

  /** Replaces every variable's values; the caller has checked the sizes (file.ts does). */
  setWeights(weights: readonly Float32Array[]): void {
    this.checkAlive();
    if (weights.length !== this.variables.length) throw new Error(`decision transformer: expected ${this.variables.length} weight arrays, got ${weights.length}`);
    this.variables.forEach((variable, i) => {
      if (weights[i].length !== variable.size) throw new Error(`decision transformer: ${this.variableNames[i]} needs ${variable.size} values, got ${weights[i].length}`);
    });
    tf.tidy(() => this.variables.forEach((variable, i) => variable.assign(tf.tensor(weights[i], variable.shape))));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const variable of this.variables) variable.dispose();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  private checkAlive(): void {
    if (this.disposed) throw new Error('decision transformer: used after dispose()');
  }
}
