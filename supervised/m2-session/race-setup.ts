/**
 * The optimiser race as the page sets it up: a landscape, a start, a list of racers (each an
 * optimiser kind with its alpha and beta), one batch size for the stochastic racers, the book or
 * library form, and the race's length; from it, the session's run config. Plain data in, plain
 * data out, no tfjs (the page imports this file).
 *
 * - Batches (the page's slider): SGD, momentum and Nesterov draw batches of `batchSize` examples
 *   (eqs. 6.10-6.12); a batch of every example is plain gradient descent. The line search,
 *   normalised gradients and Adam use the full batch.
 * - Form (supervised/core/optimisers/config.ts): 'book' sums the batch gradient (eq. 6.10) and
 *   writes momentum with (1 - beta), Nesterov with the lookahead gradient and Adam with epsilon
 *   inside the square root; 'library' takes the batch mean and the PyTorch / tfjs rules. With
 *   `matchBook`, the library form's alphas are rescaled so that it follows the book's path where
 *   that is possible: x |B| for the mean (SGD, momentum, Nesterov, the line search's range), and
 *   x (1 - beta) for momentum and Nesterov. Adam and normalised steps divide the gradient's scale
 *   out, so their alpha stays. Without it the library form runs the book's numbers as they are,
 *   which is what copying a notebook's alpha into PyTorch does.
 */
import type { ModuleRunConfig } from '../../agents/runner/worker-session';
import type { OptimiserConfig, OptimiserForm, OptimiserKind } from '../core/optimisers/config';
import { landscapeById, type LandscapeId } from '../m2/landscapes';
import type { RacerConfig } from '../m2/optimiser-race';
import type { RacePreset } from '../m2/race-presets';
import { DEFAULT_RACE_STEPS, OPTIMISATION_MODULE } from './session-types';

/** The landscapes the race runs on (the implicit-regularisation loss has its own part). */
export type RaceLandscapeId = Exclude<LandscapeId, 'implicit-regularisation'>;
export const RACE_LANDSCAPE_IDS: readonly RaceLandscapeId[] = ['linear-regression', 'gabor', 'anisotropic-bowl'];

/** The most racers in one race: OptimiserRace's MAX_RACERS (kept here so the page need not load the race). */
export const MAX_SETUP_RACERS = 12;

/** Kinds that draw batches (eqs. 6.10-6.12); the others use every example. */
export const STOCHASTIC_KINDS: readonly OptimiserKind[] = ['sgd', 'momentum', 'nesterov'];

export interface RacerSetting {
  readonly kind: OptimiserKind;
  /** alpha, in the book form's units; for the line search, the end of its range (max_dist). */
  readonly rate: number;
  /** Momentum and Nesterov: beta. Adam: beta (first moment). */
  readonly beta?: number;
  /** Adam: gamma (second moment). */
  readonly gamma?: number;
  /** Adam and normalised gradients: epsilon. */
  readonly epsilon?: number;
  /** The racer rests after this many steps (the notebooks' own counts). */
  readonly maxSteps?: number;
}

export interface RaceSetup {
  readonly landscape: RaceLandscapeId;
  readonly start: readonly [number, number];
  readonly racers: readonly RacerSetting[];
  /** Examples per batch for the stochastic kinds; the dataset's size means the full batch. */
  readonly batchSize: number;
  readonly form: OptimiserForm;
  /** Library form only: rescale alpha to follow the book's path (see above). */
  readonly matchBook: boolean;
  /** The race's length in steps. */
  readonly steps: number;
  readonly seed: number;
}

/** Examples in a landscape (1 for the toy losses). */
export function examplesIn(landscape: LandscapeId): number {
  return landscapeById(landscape).objective.terms;
}

/**
 * A new racer's numbers on each landscape: what the notebooks use where they have one, otherwise
 * a step that behaves on that landscape (the linear bowl's steepest curvature is 50, so alpha
 * stays under 2 / 50; the Gabor losses are sums of 30 terms; the anisotropic bowl's gradients
 * are about 1).
 */
const NEW_RACER: Record<RaceLandscapeId, Record<OptimiserKind, RacerSetting>> = {
  'linear-regression': {
    'line-search': { kind: 'line-search', rate: 0.1 },
    sgd: { kind: 'sgd', rate: 0.02 },
    momentum: { kind: 'momentum', rate: 0.02, beta: 0.9 },
    nesterov: { kind: 'nesterov', rate: 0.02, beta: 0.9 },
    normalised: { kind: 'normalised', rate: 0.05 },
    adam: { kind: 'adam', rate: 0.05, beta: 0.9, gamma: 0.99 },
  },
  gabor: {
    'line-search': { kind: 'line-search', rate: 2 },
    sgd: { kind: 'sgd', rate: 0.2 },
    momentum: { kind: 'momentum', rate: 0.6, beta: 0.6 },
    nesterov: { kind: 'nesterov', rate: 0.6, beta: 0.6 },
    normalised: { kind: 'normalised', rate: 0.2 },
    adam: { kind: 'adam', rate: 0.2, beta: 0.9, gamma: 0.99 },
  },
  'anisotropic-bowl': {
    'line-search': { kind: 'line-search', rate: 2 },
    sgd: { kind: 'sgd', rate: 0.08 },
    momentum: { kind: 'momentum', rate: 0.08, beta: 0.9 },
    nesterov: { kind: 'nesterov', rate: 0.08, beta: 0.9 },
    normalised: { kind: 'normalised', rate: 0.08, epsilon: 1e-20 },
    adam: { kind: 'adam', rate: 0.05, beta: 0.9, gamma: 0.99, epsilon: 1e-20 },
  },
};

export function newRacer(landscape: RaceLandscapeId, kind: OptimiserKind): RacerSetting {
  return { ...NEW_RACER[landscape][kind] };
}

/** The page's setup of a book preset (supervised/m2/race-presets.ts), in the book form. */
export function setupFromPreset(preset: RacePreset): RaceSetup {
  const { race } = preset;
  if (!(RACE_LANDSCAPE_IDS as readonly string[]).includes(race.landscape)) throw new Error(`race setup: preset '${preset.id}' runs on '${race.landscape}', which the race does not offer`);
  const landscape = race.landscape as RaceLandscapeId;
  const racers = race.racers.map((r): RacerSetting => {
    const o = r.optimiser;
    const rate = o.kind === 'line-search' ? o.maxStep : o.learningRate;
    if (typeof rate !== 'number') throw new Error(`race setup: preset '${preset.id}' racer '${r.label}' has a schedule; the race takes a fixed alpha`);
    return {
      kind: o.kind,
      rate,
      ...('beta' in o && o.beta !== undefined ? { beta: o.beta } : {}),
      ...('gamma' in o && o.gamma !== undefined ? { gamma: o.gamma } : {}),
      ...('epsilon' in o && o.epsilon !== undefined ? { epsilon: o.epsilon } : {}),
      ...(r.maxSteps !== undefined ? { maxSteps: r.maxSteps } : {}),
    };
  });
  const batched = race.racers.find((r) => r.batchSize !== undefined);
  return {
    landscape,
    start: [race.start[0], race.start[1]],
    racers,
    batchSize: batched?.batchSize ?? examplesIn(landscape),
    form: 'book',
    matchBook: true,
    steps: preset.steps,
    seed: typeof race.seed === 'number' ? race.seed : 0,
  };
}

/** Examples in a racer's batch under a setup. */
export function racerBatch(setup: RaceSetup, racer: RacerSetting): number {
  const all = examplesIn(setup.landscape);
  return STOCHASTIC_KINDS.includes(racer.kind) ? Math.min(setup.batchSize, all) : all;
}

/** The alpha (or line-search range) that runs: the setting's, rescaled for the library form with matchBook. */
export function runningRate(setup: RaceSetup, racer: RacerSetting): number {
  if (setup.form === 'book' || !setup.matchBook) return racer.rate;
  const batch = racerBatch(setup, racer);
  switch (racer.kind) {
    case 'sgd':
    case 'line-search':
      return racer.rate * batch;
    case 'momentum':
    case 'nesterov':
      return racer.rate * (1 - (racer.beta ?? 0.9)) * batch;
    case 'adam':
    case 'normalised':
      return racer.rate;
  }
}

/** A short number for labels: 4 significant digits, no trailing zeros. */
function short(value: number): string {
  return String(Number(value.toPrecision(4)));
}

/** The racer's name in legends: its kind and the numbers that run ("SGD α = 0.8, B = 5"). */
export function racerLabel(setup: RaceSetup, racer: RacerSetting): string {
  const alpha = `α = ${short(runningRate(setup, racer))}`;
  const batch = racerBatch(setup, racer);
  const full = batch >= examplesIn(setup.landscape);
  switch (racer.kind) {
    case 'line-search':
      return 'GD + line search';
    case 'sgd':
      return full ? `GD ${alpha}` : `SGD ${alpha}, B = ${batch}`;
    case 'momentum':
      return `momentum ${alpha}, β = ${short(racer.beta ?? 0.9)}${full ? '' : `, B = ${batch}`}`;
    case 'nesterov':
      return `Nesterov ${alpha}, β = ${short(racer.beta ?? 0.9)}${full ? '' : `, B = ${batch}`}`;
    case 'normalised':
      return `normalised ${alpha}`;
    case 'adam':
      return `Adam ${alpha}`;
  }
}

/** The optimiser config a racer runs with under a setup (form and rescaled alpha). */
export function racerOptimiser(setup: RaceSetup, racer: RacerSetting): OptimiserConfig {
  const rate = runningRate(setup, racer);
  const form = setup.form;
  switch (racer.kind) {
    case 'line-search':
      return { kind: 'line-search', form, maxStep: rate };
    case 'sgd':
      return { kind: 'sgd', form, learningRate: rate };
    case 'momentum':
    case 'nesterov':
      return { kind: racer.kind, form, learningRate: rate, ...(racer.beta !== undefined ? { beta: racer.beta } : {}) };
    case 'normalised':
      return { kind: 'normalised', form, learningRate: rate, ...(racer.epsilon !== undefined ? { epsilon: racer.epsilon } : {}) };
    case 'adam':
      return {
        kind: 'adam',
        form,
        learningRate: rate,
        ...(racer.beta !== undefined ? { beta: racer.beta } : {}),
        ...(racer.gamma !== undefined ? { gamma: racer.gamma } : {}),
        ...(racer.epsilon !== undefined ? { epsilon: racer.epsilon } : {}),
      };
  }
}

/** Every racer's config, with labels made unique ("GD + line search (2)") where two would match. */
export function racerConfigs(setup: RaceSetup): RacerConfig[] {
  const seen = new Map<string, number>();
  return setup.racers.map((racer) => {
    const base = racerLabel(setup, racer);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const batch = racerBatch(setup, racer);
    return {
      label: count === 1 ? base : `${base} (${count})`,
      optimiser: racerOptimiser(setup, racer),
      ...(batch < examplesIn(setup.landscape) ? { batchSize: batch } : {}),
      ...(racer.maxSteps !== undefined ? { maxSteps: racer.maxSteps } : {}),
    };
  });
}

/** The session's run config for a setup (session-types.ts, task 'race'). */
export function raceRunConfig(setup: RaceSetup): ModuleRunConfig {
  return {
    module: OPTIMISATION_MODULE,
    agent: 'race',
    world: { landscape: setup.landscape, start: [setup.start[0], setup.start[1]] },
    options: { racers: racerConfigs(setup), steps: setup.steps ?? DEFAULT_RACE_STEPS },
    seed: setup.seed,
  };
}
