/**
 * The decision transformer's network (agents/offline/decision-transformer/model.ts): config
 * checks, parameter count, the causal and padding mask, the attention weights, and no leaks.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import {
  countParameters,
  DecisionTransformerModel,
  resolveDecisionTransformerConfig,
  WindowSampler,
  type DecisionTransformerConfig,
  type WindowBatch,
} from '../../agents/offline/decision-transformer';
import { mixedQualityGridDataset } from './offline-fixtures';

const dims = { input: { kind: 'one-hot', size: 16 } as const, nActions: 4 };
const small: Partial<DecisionTransformerConfig> = { contextLength: 4, width: 16, heads: 2, layers: 2, maxTimestep: 20, returnScale: 5, seed: 3 };

beforeAll(async () => {
  expect(await initBackend('wasm')).toBe('wasm');
});

/** The logits of one batch as plain numbers, [windows][K][nActions] flattened. */
function logitsOf(model: DecisionTransformerModel, batch: WindowBatch): Float32Array {
  return tf.tidy(() => model.forward(batch).logits.dataSync() as Float32Array).slice();
}

function copyBatch(batch: WindowBatch): { returnsToGo: Float32Array; observations: (number | Float32Array)[]; actions: Int32Array; timesteps: Int32Array; mask: Uint8Array; windows: number } {
  return {
    windows: batch.windows,
    returnsToGo: batch.returnsToGo.slice(),
    observations: [...batch.observations],
    actions: batch.actions.slice(),
    timesteps: batch.timesteps.slice(),
    mask: batch.mask.slice(),
  };
}

describe('decision transformer config', () => {
  it('has documented defaults and rejects bad values with one precise message', () => {
    const defaults = resolveDecisionTransformerConfig();
    expect(defaults).toMatchObject({ contextLength: 20, width: 64, heads: 2, layers: 2 });
    expect(() => resolveDecisionTransformerConfig({ heads: 3 })).toThrow('decision-transformer config: heads 3 must divide width 64');
    expect(() => resolveDecisionTransformerConfig({ contextLength: 0 })).toThrow('decision-transformer config: contextLength must be an integer in [1, 200], got 0');
    expect(() => resolveDecisionTransformerConfig({ returnScale: 0 })).toThrow('returnScale must be in (0, inf), got 0');
    expect(() => resolveDecisionTransformerConfig({ width: 'wide' as never })).toThrow("width must be a finite number, got 'wide'");
    expect(() => resolveDecisionTransformerConfig({ dropout: 0.1 } as never)).toThrow("unknown option 'dropout' for decision-transformer");
  });

  it('rejects bad dims naming the field', () => {
    const config = resolveDecisionTransformerConfig(small);
    expect(() => new DecisionTransformerModel({ ...dims, nActions: 1 }, config)).toThrow('decision transformer: nActions must be an integer >= 2, got 1');
    expect(() => new DecisionTransformerModel({ input: { kind: 'pixels', size: 3 } as never, nActions: 4 }, config)).toThrow(
      "input.kind must be one of one-hot, vector, planes, got 'pixels'",
    );
  });
});

describe('decision transformer network', () => {
  it('counts its parameters as the variables hold them', () => {
    const config = resolveDecisionTransformerConfig(small);
    const model = new DecisionTransformerModel(dims, config);
    const held = model.variables.reduce((sum, v) => sum + v.size, 0);
    // Embeddings: R 1x16+16, s 16x16+16, a 4x16, t 20x16, norm 32; per block 2 norms 64, q k v o 4x(256+16), MLP 16x64+64 + 64x16+16; final norm 32; head 16x4+4.
    const expected = 32 + 272 + 64 + 320 + 32 + 2 * (64 + 4 * 272 + 1088 + 1040) + 32 + 68;
    expect(held).toBe(expected);
    expect(model.parameterCount()).toBe(expected);
    expect(countParameters(dims, config)).toBe(expected);
    model.dispose();
  });

  it('gives the same initial weights for the same seed and different ones for another seed', () => {
    const config = resolveDecisionTransformerConfig(small);
    const a = new DecisionTransformerModel(dims, config);
    const b = new DecisionTransformerModel(dims, config);
    const c = new DecisionTransformerModel(dims, { ...config, seed: 4 });
    expect(b.getWeights()).toEqual(a.getWeights());
    expect(c.getWeights()[0]).not.toEqual(a.getWeights()[0]);
    for (const m of [a, b, c]) m.dispose();
  });

  it('is causal: changing a_t or any later token never changes the prediction of a_0..a_t, but does change later ones', () => {
    const config = resolveDecisionTransformerConfig(small);
    const model = new DecisionTransformerModel(dims, config);
    const sampler = new WindowSampler(mixedQualityGridDataset({ episodesPerRate: 4 }), config.contextLength);
    const batch = sampler.windowsAt([{ episode: 10, start: 0 }]);
    expect(Array.from(batch.mask)).toEqual([1, 1, 1, 1]);
    const before = logitsOf(model, batch);
    const nA = dims.nActions;
    for (let t = 0; t < config.contextLength - 1; t++) {
      const changed = copyBatch(batch);
      changed.actions[t] = (changed.actions[t] + 1) % nA;
      for (let later = t + 1; later < config.contextLength; later++) {
        changed.returnsToGo[later] += 7;
        changed.observations[later] = ((changed.observations[later] as number) + 5) % 16;
        changed.actions[later] = (changed.actions[later] + 2) % nA;
        changed.timesteps[later] += 3;
      }
      const after = logitsOf(model, changed);
      expect(after.slice(0, (t + 1) * nA)).toEqual(before.slice(0, (t + 1) * nA));
      expect(after.slice((t + 1) * nA)).not.toEqual(before.slice((t + 1) * nA));
    }
    model.dispose();
  });

  it('ignores what the padding of a short window holds', () => {
    const config = resolveDecisionTransformerConfig(small);
    const model = new DecisionTransformerModel(dims, config);
    const dataset = mixedQualityGridDataset({ randomRates: [0], episodesPerRate: 1 });
    const sampler = new WindowSampler(dataset, config.contextLength);
    // The expert's episode is 6 steps: a window from step 4 holds 2 real steps and 2 padding slots.
    const batch = sampler.windowsAt([{ episode: 0, start: 4 }]);
    expect(Array.from(batch.mask)).toEqual([0, 0, 1, 1]);
    const changed = copyBatch(batch);
    for (const slot of [0, 1]) {
      changed.returnsToGo[slot] = -50;
      changed.observations[slot] = 9;
      changed.actions[slot] = 3;
      changed.timesteps[slot] = 17;
    }
    const nA = dims.nActions;
    expect(logitsOf(model, changed).slice(2 * nA)).toEqual(logitsOf(model, batch).slice(2 * nA));
    model.dispose();
  });

  it('returns attention weights that sum to 1 over the allowed keys and are 0 on later and padded tokens', () => {
    const config = resolveDecisionTransformerConfig(small);
    const model = new DecisionTransformerModel(dims, config);
    const sampler = new WindowSampler(mixedQualityGridDataset({ randomRates: [0], episodesPerRate: 1 }), config.contextLength);
    const batch = sampler.windowsAt([{ episode: 0, start: 4 }]);
    const tokens = 3 * config.contextLength;
    const maps = tf.tidy(() => model.forward(batch, { attention: true }).attention.map((w) => ({ shape: w.shape, values: Array.from(w.dataSync()) })));
    expect(maps).toHaveLength(config.layers);
    for (const { shape, values } of maps) {
      expect(shape).toEqual([1, config.heads, tokens, tokens]);
      for (let h = 0; h < config.heads; h++) {
        for (let i = 6; i < tokens; i++) {
          const row = values.slice((h * tokens + i) * tokens, (h * tokens + i + 1) * tokens);
          expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
          // Tokens 0-5 are the two padded timesteps; tokens after i are in the future.
          row.forEach((w, j) => {
            if (j < 6 || j > i) expect(w).toBe(0);
          });
        }
      }
    }
    model.dispose();
  });

  it('leaks no tensors: forward passes with and without attention, and dispose frees every variable', () => {
    const before = tf.memory().numTensors;
    const config = resolveDecisionTransformerConfig(small);
    const model = new DecisionTransformerModel(dims, config);
    const created = tf.memory().numTensors;
    expect(created - before).toBe(model.variables.length);
    const sampler = new WindowSampler(mixedQualityGridDataset({ episodesPerRate: 2 }), config.contextLength);
    const batch = sampler.windowsAt([
      { episode: 0, start: 0 },
      { episode: 3, start: 2 },
    ]);
    for (let i = 0; i < 20; i++) {
      logitsOf(model, batch);
      tf.tidy(() => model.forward(batch, { attention: true }).attention.map((w) => w.dataSync()));
    }
    expect(tf.memory().numTensors).toBe(created);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => logitsOf(model, batch)).toThrow('decision transformer: used after dispose()');
  });
});
