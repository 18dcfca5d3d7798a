/**
 * The book's MNIST-1D experiments as run configs for the module sessions, each saying which
 * optimiser form runs and how its learning rate relates to the book's.
 *
 * The book's SGD numbers (lr 0.1 in section 8.1, 0.01 in fig. 10.8, batch 100) are PyTorch's,
 * where the loss is the batch mean. These presets run the book's own form, the loss summed over
 * the batch (eq. 6.10), so their alphas are the book's divided by the batch size: 0.1 / 100 =
 * 0.001 and 0.01 / 100 = 0.0001. Both give the same path (supervised/core/optimisers/config.ts).
 * Adam divides the gradient's scale out, so the double-descent presets keep the book's 0.005.
 */
import type { ModuleRunConfig } from '../../agents/runner/worker-session';
import { DOUBLE_DESCENT_DEFAULT_WORLD, DOUBLE_DESCENT_DEFAULTS } from './double-descent-options';
import { DOUBLE_DESCENT_MODULE } from './double-descent-session';
import { MNIST1D_MODULE } from './mnist1d-session';

export interface Mnist1dPreset {
  readonly id: string;
  readonly title: string;
  /** What the book reports for it (the page's "expected" line). */
  readonly expected: string;
  readonly config: ModuleRunConfig;
}

const BOOK_SGD_CONV = { kind: 'sgd', form: 'book', learningRate: 0.0001 } as const;

/** The widths of the companion notebook 8_3's sweep. */
export const NOTEBOOK_WIDTHS: readonly number[] = Object.freeze([2, 4, 6, 8, 10, 14, 18, 22, 26, 30, 35, 40, 45, 50, 55, 60, 70, 80, 90, 100, 120, 140, 160, 180, 200, 250, 300, 400]);

export const MNIST1D_PRESETS: readonly Mnist1dPreset[] = Object.freeze([
  {
    id: 'training-monitor',
    title: 'Training monitor (section 8.1, fig. 8.2): MLP 40-100-100-10, SGD, batch 100, 6,000 steps',
    expected: 'training error reaches 0 at about 4,000 steps; test error stays near 40%; test loss is lowest at about 1,500 steps, then rises',
    config: {
      module: MNIST1D_MODULE,
      world: {},
      agent: 'mlp',
      options: { hidden: [100, 100], optimiser: { kind: 'sgd', form: 'book', learningRate: 0.001 }, batchSize: 100, steps: 6000, evalEvery: 50 },
      seed: 1,
    },
  },
  {
    id: 'conv-net',
    title: 'Convolutional network (fig. 10.7): 3 conv layers of 15 channels, kernel 3, stride 2; 2,050 parameters',
    expected: 'fits the training data; test error about 17% after 100,000 steps (fig. 10.8)',
    config: {
      module: MNIST1D_MODULE,
      world: {},
      agent: 'conv',
      options: { conv: [1, 2, 3].map(() => ({ channels: 15, kernel: 3, stride: 2 })), hidden: [], optimiser: BOOK_SGD_CONV, batchSize: 100, steps: 100_000, evalEvery: 500 },
      seed: 1,
    },
  },
  {
    id: 'conv-comparison-mlp',
    title: 'The MLP of fig. 10.8: hidden layers 285, 135, 60; 59,065 parameters',
    expected: 'fits the training data faster than the conv net; test error about 40%',
    config: {
      module: MNIST1D_MODULE,
      world: {},
      agent: 'mlp',
      options: { hidden: [285, 135, 60], optimiser: BOOK_SGD_CONV, batchSize: 100, steps: 100_000, evalEvery: 500 },
      seed: 1,
    },
  },
  {
    id: 'double-descent',
    title: 'Double descent, coarse (fig. 8.10 scaled down): width sweep of a 2-hidden-layer MLP, Adam full batch, 0% and 15% label noise',
    expected: 'with 15% noise the test error peaks near #parameters = #training examples and falls again beyond it',
    config: {
      module: DOUBLE_DESCENT_MODULE,
      world: { ...DOUBLE_DESCENT_DEFAULT_WORLD },
      agent: 'mlp',
      options: { widths: [...DOUBLE_DESCENT_DEFAULTS.widths], stepsPerWidth: DOUBLE_DESCENT_DEFAULTS.stepsPerWidth, optimiser: DOUBLE_DESCENT_DEFAULTS.optimiser, batchSize: 'full' },
      seed: 1,
    },
  },
  {
    id: 'double-descent-book',
    title: "Double descent, the book's setup (fig. 8.10): 10,000 / 5,000 sequences, Adam 0.005, 4,000 full-batch steps per width (hours in a browser)",
    expected: 'clean labels: test error keeps falling; 15% noise: a U, a peak near #parameters = 10,000, a second descent',
    config: {
      module: DOUBLE_DESCENT_MODULE,
      // floor(15,000 x 0.66667) = 10,000 training sequences.
      world: { numSamples: 15_000, trainSplit: 0.66667, labelNoise: [0, 0.15] },
      agent: 'mlp',
      options: { widths: [...NOTEBOOK_WIDTHS], stepsPerWidth: 4000, stepsPerUnit: 1, optimiser: { kind: 'adam', form: 'book', learningRate: 0.005 }, batchSize: 'full' },
      seed: 1,
    },
  },
]);

export function getMnist1dPreset(id: string): Mnist1dPreset {
  const preset = MNIST1D_PRESETS.find((p) => p.id === id);
  if (preset === undefined) throw new Error(`no MNIST-1D preset '${id}'; presets are ${MNIST1D_PRESETS.map((p) => p.id).join(', ')}`);
  return preset;
}
