/**
 * The decision transformer's config (issue 7 section 3; the model is model.ts, training
 * trainer.ts, acting runtime.ts): fields, defaults, docs and checks, with no tensors, so forms,
 * links and the CLI read it without loading tfjs.
 *
 * Why these defaults: the model must train in a browser tab or on a laptop CPU in minutes, on
 * datasets of a few hundred episodes of small worlds (gridworlds, 10x10 arcade planes). Width 64
 * with 2 heads of 32 and 2 layers is the smallest model with more than one head and more than
 * one layer (a second layer lets attention combine what the first one gathered): about 100 k
 * weights in the two blocks, 64 k in the 1000-row timestep table and 1 k to 26 k in the state
 * embedding (166 k in all for a 16-cell gridworld, 190 k for Breakout's planes). A training step
 * of 32 windows of 20 timesteps (60 tokens each, the paper's gym context) takes about 0.15 s on
 * wasm in Node on two shared cores, 3 s on the plain-JS cpu backend (bench/decision-transformer.ts);
 * the paper's gym model (width 128, 3 layers) needs about 6 times the multiply-adds. Smaller worlds train
 * well with less: the gridworld test uses context 5, width 32 and 1 layer.
 *
 * Left out on purpose: dropout (the paper's 0.1; it needs a seeded mask per step and does little
 * on datasets this small) and learning-rate warm-up (pre-layer-norm transformers train stably
 * without it, Xiong et al. 2020; Floe's Adam has a fixed step size).
 */
import { describeFields, resolveConfig, type FieldDoc, type FieldSpecs } from '../../tabular/config';

export const DECISION_TRANSFORMER = 'decision-transformer';

export interface DecisionTransformerConfig {
  /** Context K: timesteps the model sees at once; each gives three tokens (R, s, a), so 3K tokens. */
  readonly contextLength: number;
  /** Width D of every token embedding and of the residual stream. */
  readonly width: number;
  /** Attention heads per layer; each has width / heads dimensions, so heads must divide width. */
  readonly heads: number;
  /** Transformer blocks (masked multi-head self-attention then an MLP, pre-layer-norm, residual). */
  readonly layers: number;
  /** Rows of the timestep embedding table: timesteps 0..maxTimestep-1; later ones share the last row. */
  readonly maxTimestep: number;
  /** Returns-to-go are divided by this before their embedding (keeps the input near [-1, 1]). */
  readonly returnScale: number;
  /** Adam step size. */
  readonly learningRate: number;
  /** Windows of up to K timesteps per gradient step. */
  readonly batchSize: number;
  /** Clip the global gradient norm to this (0: no clipping). */
  readonly maxGradNorm: number;
  /** Seed of the initial weights and of the training windows' sampling: same seed, same run. */
  readonly seed: number;
}

export const DECISION_TRANSFORMER_DEFAULTS: DecisionTransformerConfig = {
  contextLength: 20,
  width: 64,
  heads: 2,
  layers: 2,
  maxTimestep: 1000,
  returnScale: 1,
  learningRate: 0.001,
  batchSize: 32,
  maxGradNorm: 1,
  seed: 0,
};

export const DECISION_TRANSFORMER_FIELDS: FieldSpecs<DecisionTransformerConfig> = {
  contextLength: { type: 'integer', doc: 'Context K: timesteps seen at once (3K tokens: return-to-go, state, action).', min: 1, max: 200 },
  width: { type: 'integer', doc: 'Width D of the token embeddings and the residual stream.', min: 2, max: 1024 },
  heads: { type: 'integer', doc: 'Attention heads per layer (must divide width).', min: 1, max: 32 },
  layers: { type: 'integer', doc: 'Transformer blocks: masked self-attention then an MLP, each pre-layer-norm and residual.', min: 1, max: 24 },
  maxTimestep: { type: 'integer', doc: 'Rows of the timestep embedding; later timesteps share the last row.', min: 1, max: 100_000 },
  returnScale: { type: 'number', doc: 'Returns-to-go are divided by this before their embedding.', min: 0, minExclusive: true },
  learningRate: { type: 'number', doc: 'Adam step size.', min: 0, max: 1, minExclusive: true },
  batchSize: { type: 'integer', doc: 'Windows of up to K timesteps per gradient step.', min: 1, max: 4096 },
  maxGradNorm: { type: 'number', doc: 'Clip the global gradient norm to this (0: no clipping).', min: 0 },
  seed: { type: 'integer', doc: 'Seed of the initial weights and the sampled windows (same seed, same run).', min: 0, max: 2 ** 31 - 1 },
};

export function describeDecisionTransformerConfig(): FieldDoc[] {
  return describeFields(DECISION_TRANSFORMER_FIELDS, DECISION_TRANSFORMER_DEFAULTS);
}

/**
 * Defaults plus overrides, every field checked, and the heads dividing the width:
 * `decision-transformer config: heads 3 must divide width 64`.
 */
export function resolveDecisionTransformerConfig(overrides: Partial<DecisionTransformerConfig> = {}): DecisionTransformerConfig {
  const config = resolveConfig(DECISION_TRANSFORMER, DECISION_TRANSFORMER_FIELDS, DECISION_TRANSFORMER_DEFAULTS, overrides);
  if (config.width % config.heads !== 0) throw new Error(`${DECISION_TRANSFORMER} config: heads ${config.heads} must divide width ${config.width}`);
  return config;
}
