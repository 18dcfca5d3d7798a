/**
 * What the page and the 'conv-vs-mlp' session (conv-vs-mlp-session.ts) share without loading
 * TensorFlow.js: the two networks' ids and metric keys, and the two training setups of the
 * comparison (fig. 10.8), each in the book's own form (the loss summed over the batch, eq. 6.10)
 * with its learning rate scaled from the PyTorch numbers the book and the notebook quote
 * (supervised/core/optimisers/config.ts):
 *
 * - 'notebook': companion notebook 10_2, "SGD lr 0.05, momentum 0.9, batch 100, 100 epochs" (4,000
 *   steps on the 4,000 training sequences). PyTorch's momentum on the batch mean equals the book's
 *   momentum (eq. 6.11, with the (1 - beta) factor) on the batch sum at alpha = 0.05 / (1 - 0.9) / 100
 *   = 0.005. Minutes in a browser.
 * - 'book': fig. 10.8, "SGD without momentum, lr 0.01, batch 100, 100,000 steps": alpha = 0.01 / 100
 *   = 0.0001 on the batch sum. The book's run; about an hour or more in a browser.
 */
import type { UpdateRule } from '../core';

/** The two networks, in the order the page shows them: the conv net of fig. 10.7 and the MLP of fig. 10.8. */
export const NETWORK_IDS = ['conv', 'mlp'] as const;
export type NetworkId = (typeof NETWORK_IDS)[number];

/** The session's metric key for one network's 'mnist1d' metric ('conv/charts/test_error'). */
export function networkMetric(network: NetworkId, key: string): string {
  return `${network}/${key}`;
}

export interface ConvVsMlpPreset {
  readonly id: 'notebook' | 'book';
  readonly title: string;
  /** What the source reports for it (the page's "expected" line). */
  readonly expected: string;
  /** The training fields (supervised/mnist1d-models/training-config.ts), the same for both networks. */
  readonly training: { readonly optimiser: UpdateRule; readonly batchSize: number; readonly steps: number; readonly evalEvery: number };
}

export const CONV_VS_MLP_PRESETS: readonly ConvVsMlpPreset[] = Object.freeze([
  {
    id: 'notebook',
    title: 'Notebook 10_2: SGD with momentum 0.9, lr 0.05, batch 100, 100 epochs (4,000 steps)',
    expected: 'the book (fig. 10.8, a longer run without momentum): the conv net reaches about 17% test error, the MLP about 40%',
    training: { optimiser: { kind: 'momentum', form: 'book', learningRate: 0.005, beta: 0.9 }, batchSize: 100, steps: 4000, evalEvery: 100 },
  },
  {
    id: 'book',
    title: 'Fig. 10.8: SGD, lr 0.01, batch 100, 100,000 steps',
    expected: 'both fit the training data; the MLP learns faster; test error about 17% for the conv net and about 40% for the MLP',
    training: { optimiser: { kind: 'sgd', form: 'book', learningRate: 0.0001 }, batchSize: 100, steps: 100_000, evalEvery: 1000 },
  },
]);

export function getConvVsMlpPreset(id: string): ConvVsMlpPreset {
  const preset = CONV_VS_MLP_PRESETS.find((p) => p.id === id);
  if (preset === undefined) throw new Error(`conv vs mlp: no preset '${id}'; presets are ${CONV_VS_MLP_PRESETS.map((p) => p.id).join(', ')}`);
  return preset;
}
