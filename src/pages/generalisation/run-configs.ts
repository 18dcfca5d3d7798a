/**
 * The run configs the generalisation page sends to the training worker: the MNIST-1D training
 * monitor and the double-descent sweep (module sessions 'mnist1d' and 'double-descent' of
 * supervised/mnist1d-models) and the regulariser bench ('regularisers', supervised/m3-session).
 *
 * The MNIST-1D configs are written out here rather than imported from the presets module, whose
 * imports reach TensorFlow.js: the page must not load it (only the worker does). A unit test
 * checks that they equal the presets (supervised/mnist1d-models/presets.ts).
 *
 * Which SGD runs in the monitor (section 8.1: "SGD, lr 0.1, batch 100", PyTorch's numbers, where
 * the loss is the batch mean):
 * - 'book': the loss summed over the batch (eq. 6.10) with alpha = 0.1 / 100 = 0.001;
 * - 'library': the batch mean with alpha = 0.1.
 * The two take the same path (alpha_sum = alpha_mean / B); the page says which one runs.
 */
import type { ModuleRunConfig } from '../../../agents/runner/worker-session';
import type { RegulariserTask, RegulariserWorld } from '../../../supervised/m3-session/regulariser-config';

export type SgdForm = 'book' | 'library';

/** Section 8.1's monitor: MLP 40-100-100-10, batch 100, 6,000 steps, the curves every 50 steps. */
export const MONITOR_STEPS = 6000;
export const MONITOR_EVAL_EVERY = 50;
export const MONITOR_BATCH = 100;
/** The book's learning rate (PyTorch's mean over the batch). */
export const BOOK_LEARNING_RATE = 0.1;

export function monitorOptimiser(form: SgdForm): { kind: 'sgd'; form: SgdForm; learningRate: number } {
  return { kind: 'sgd', form, learningRate: form === 'book' ? BOOK_LEARNING_RATE / MONITOR_BATCH : BOOK_LEARNING_RATE };
}

export function monitorRunConfig(form: SgdForm, seed: number): ModuleRunConfig {
  return {
    module: 'mnist1d',
    world: {},
    agent: 'mlp',
    options: { hidden: [100, 100], optimiser: monitorOptimiser(form), batchSize: MONITOR_BATCH, steps: MONITOR_STEPS, evalEvery: MONITOR_EVAL_EVERY },
    seed,
  };
}

/** How the monitor's SGD is written, for the page. */
export function describeMonitorSgd(form: SgdForm): string {
  return form === 'book'
    ? `book form: the loss summed over each batch of ${MONITOR_BATCH} (eq. 6.10), α = ${BOOK_LEARNING_RATE} / ${MONITOR_BATCH} = ${BOOK_LEARNING_RATE / MONITOR_BATCH}`
    : `library form: the loss averaged over each batch of ${MONITOR_BATCH} (PyTorch, tfjs), α = ${BOOK_LEARNING_RATE}`;
}

export type SweepChoice = 'coarse' | 'book';

/** The coarse sweep's widths (supervised/mnist1d-models/double-descent-options.ts defaults). */
export const COARSE_WIDTHS: readonly number[] = [4, 8, 12, 16, 20, 24, 28, 32, 40, 48, 64, 96];
/** The companion notebook 8_3's widths (the book's setup). */
export const NOTEBOOK_WIDTHS: readonly number[] = [2, 4, 6, 8, 10, 14, 18, 22, 26, 30, 35, 40, 45, 50, 55, 60, 70, 80, 90, 100, 120, 140, 160, 180, 200, 250, 300, 400];

/** Fig. 8.10 scaled down (coarse, minutes) or as the book ran it (hours). */
export function doubleDescentRunConfig(choice: SweepChoice, seed: number): ModuleRunConfig {
  const adam = { kind: 'adam', form: 'book', learningRate: 0.005 };
  return choice === 'coarse'
    ? {
        module: 'double-descent',
        world: { numSamples: 3000, trainSplit: 2 / 3, labelNoise: [0, 0.15] },
        agent: 'mlp',
        options: { widths: [...COARSE_WIDTHS], stepsPerWidth: 1000, optimiser: adam, batchSize: 'full' },
        seed,
      }
    : {
        module: 'double-descent',
        world: { numSamples: 15_000, trainSplit: 0.66667, labelNoise: [0, 0.15] },
        agent: 'mlp',
        options: { widths: [...NOTEBOOK_WIDTHS], stepsPerWidth: 4000, stepsPerUnit: 1, optimiser: adam, batchSize: 'full' },
        seed,
      };
}

/** The regulariser bench's run: a task on the bench data, with the page's options over the task's book defaults. */
export function regulariserRunConfig(task: RegulariserTask, world: RegulariserWorld, options: Readonly<Record<string, number | string>>, seed: number): ModuleRunConfig {
  return { module: 'regularisers', world: { ...world }, agent: task, options: { ...options }, seed };
}

/**
 * A metric logged every `every` steps from step 0 (measurement n at step (n - 1) * every) as
 * a chart series against the step. The worker's log plots each metric against its own count.
 */
export function againstSteps(series: { readonly x: ArrayLike<number>; readonly y: ArrayLike<number> } | undefined, every: number): { x: number[]; y: number[] } | null {
  if (!series || series.x.length === 0) return null;
  return { x: Array.from(series.x, (n) => (n - 1) * every), y: Array.from(series.y) };
}
