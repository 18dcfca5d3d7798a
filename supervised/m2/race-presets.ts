/**
 * Optimiser-race presets from the book's figures and their companion notebooks (udlbook/udlbook,
 * Notebooks/Chap06): start points, learning rates, batch sizes and step counts as the notebooks
 * set them.
 *
 * Which form runs: every preset is the book form with the batch gradient *summed* (eq. 6.10), as
 * the notebooks compute it (their losses and gradients are plain sums over the points), so the
 * notebooks' learning rates apply unchanged. Momentum is eq. 6.11 with the (1 - beta) factor;
 * Adam and normalised gradients put epsilon inside the square root (eqs. 6.14, 6.17) with the
 * notebook's epsilon = 1e-20, where inside or outside makes no visible difference.
 *
 * Two differences from the notebooks, both the book's own rules: batches are drawn without
 * replacement epoch by epoch (the notebooks draw a fresh random subset each step), and from
 * Floe's seeded Rng, so the SGD paths are not numpy's.
 *
 * Notebook 6.2's gradient-descent demo starts at phi = [1.6, -0.5] (the reference's Appendix A.1
 * says [0.6, -0.2], which is the notebook's loss check point, not its start).
 */
import type { RaceConfig } from './optimiser-race';

export interface RacePreset {
  readonly id: string;
  readonly title: string;
  /** What the preset shows, and where its numbers come from. */
  readonly note: string;
  /** The book figure it re-creates. */
  readonly figure: string;
  readonly race: RaceConfig;
  /** Steps to run (racers with their own `maxSteps` rest earlier). */
  readonly steps: number;
}

export const RACE_PRESETS: readonly RacePreset[] = Object.freeze([
  {
    id: 'linear-line-search',
    title: 'Linear regression: gradient descent with line search',
    figure: 'fig. 6.1',
    note: 'Notebook 6.2: start [1.6, -0.5], 10 steps, line search over [0, 0.1] with 15 bracket shrinks. Close to the minimum within about 4 steps.',
    race: {
      landscape: 'linear-regression',
      start: [1.6, -0.5],
      seed: 0,
      racers: [{ label: 'GD + line search', optimiser: { kind: 'line-search', maxStep: 0.1, iterations: 15 } }],
    },
    steps: 10,
  },
  {
    id: 'gabor-gradient-descent',
    title: 'Gabor model: gradient descent',
    figure: 'fig. 6.5',
    note: 'Notebook 6.3: start [-1.5, 8.5], 21 steps; line search over [0, 2] against a fixed step alpha = 0.2.',
    race: {
      landscape: 'gabor',
      start: [-1.5, 8.5],
      seed: 0,
      racers: [
        { label: 'GD + line search', optimiser: { kind: 'line-search', maxStep: 2, iterations: 15 } },
        { label: 'GD α = 0.2', optimiser: { kind: 'sgd', learningRate: 0.2 } },
      ],
    },
    steps: 21,
  },
  {
    id: 'gabor-sgd',
    title: 'Gabor model: SGD against full-batch gradient descent',
    figure: 'figs. 6.5-6.6',
    note: 'Notebook 6.3: start [3.5, 6.5], 41 steps of SGD with alpha = 0.8 and batches of 5 (sum over the batch). The line-search racer (over [0, 2]) is added from the same start for comparison.',
    race: {
      landscape: 'gabor',
      start: [3.5, 6.5],
      seed: 1,
      racers: [
        { label: 'SGD α = 0.8, batch 5', optimiser: { kind: 'sgd', learningRate: 0.8 }, batchSize: 5 },
        { label: 'GD + line search', optimiser: { kind: 'line-search', maxStep: 2, iterations: 15 } },
      ],
    },
    steps: 41,
  },
  {
    id: 'gabor-momentum',
    title: 'Gabor model: SGD, momentum and Nesterov',
    figure: 'figs. 6.7-6.8',
    note: 'Notebook 6.4: start [-1.5, 6.5], 81 steps, batches of 5, alpha = 0.6; momentum and Nesterov with beta = 0.6 in the book form (eqs. 6.11, 6.12). All three see the same batches.',
    race: {
      landscape: 'gabor',
      start: [-1.5, 6.5],
      seed: 1,
      racers: [
        { label: 'SGD', optimiser: { kind: 'sgd', learningRate: 0.6 }, batchSize: 5 },
        { label: 'momentum β = 0.6', optimiser: { kind: 'momentum', learningRate: 0.6, beta: 0.6 }, batchSize: 5 },
        { label: 'Nesterov β = 0.6', optimiser: { kind: 'nesterov', learningRate: 0.6, beta: 0.6 }, batchSize: 5 },
      ],
    },
    steps: 81,
  },
  {
    id: 'anisotropic-adam',
    title: 'Anisotropic bowl: step sizes, normalised gradients and Adam',
    figure: 'fig. 6.9',
    note: 'Notebook 6.5: start [-0.7, -0.9]. (a) GD alpha = 0.08 for 200 steps is slow; (b) GD alpha = 1.0 for 40 steps oscillates; (c) normalised gradients alpha = 0.08 for 40 steps bounce around the minimum; (d) Adam alpha = 0.05, beta = 0.9, gamma = 0.99 for 60 steps is smooth.',
    race: {
      landscape: 'anisotropic-bowl',
      start: [-0.7, -0.9],
      seed: 0,
      racers: [
        { label: 'GD α = 0.08', optimiser: { kind: 'sgd', learningRate: 0.08 }, maxSteps: 200 },
        { label: 'GD α = 1.0', optimiser: { kind: 'sgd', learningRate: 1.0 }, maxSteps: 40 },
        { label: 'normalised α = 0.08', optimiser: { kind: 'normalised', learningRate: 0.08, normalisation: 'sign', epsilon: 1e-20 }, maxSteps: 40 },
        { label: 'Adam α = 0.05', optimiser: { kind: 'adam', learningRate: 0.05, beta: 0.9, gamma: 0.99, epsilon: 1e-20 }, maxSteps: 60 },
      ],
    },
    steps: 200,
  },
]);

/** The preset with this id; throws a message listing the ids otherwise. */
export function racePresetById(id: string): RacePreset {
  const preset = RACE_PRESETS.find((p) => p.id === id);
  if (preset === undefined) throw new Error(`race preset: id must be one of ${RACE_PRESETS.map((p) => `'${p.id}'`).join(', ')}, got ${JSON.stringify(id)}`);
  return preset;
}
