/**
 * Training windows for the decision transformer: returns-to-go of a dataset's episodes and
 * batches of (episode, start) windows of up to K timesteps, sampled with a Floe Rng.
 *
 * Return-to-go (the paper's R_t, Prince eq 19.1 with gamma = 1): R_t = r_t + r_{t+1} + ... +
 * r_{T-1}, the undiscounted sum of the rewards from step t to the episode's end, summed in
 * float64. At test time the runtime starts from a target return and subtracts each reward as it
 * arrives (runtime.ts), which gives the same quantity when the target is met exactly.
 *
 * Sampling, as the paper's code: a start step uniform over all the dataset's steps (so an
 * episode is picked with probability proportional to its length), and the window runs from it
 * for K steps or to the episode's end, whichever comes first. A shorter window is left-padded
 * (mask 0 in the first slots), so its real steps sit where the runtime puts the newest steps.
 * Padding slots repeat the window's first real step (any valid observation would do: the mask
 * hides them).
 */
import type { Rng } from '../../../environments/core/rng';
import type { Observation } from '../../deep/types';
import type { Dataset } from '../dataset-types';
import { checkDims, type WindowBatch } from './model';

function show(value: unknown): string {
  if (value instanceof Float32Array) return `a Float32Array of ${value.length} numbers`;
  return JSON.stringify(value) ?? String(value);
}

/**
 * Checks a dataset before training on it; throws one precise message naming the episode, step
 * and field: `dataset: episode 3 step 7: action 5 is not an integer in [0, 4)`.
 */
export function checkDataset(dataset: Dataset): void {
  if (typeof dataset !== 'object' || dataset === null) throw new Error(`dataset must be an object, got ${show(dataset)}`);
  try {
    checkDims({ input: dataset.input, nActions: dataset.nActions });
  } catch (error) {
    throw new Error(`dataset: ${(error as Error).message.replace(/^(decision transformer|network spec): /, '')}`, { cause: error });
  }
  if (!Array.isArray(dataset.episodes) || dataset.episodes.length === 0) throw new Error('dataset: episodes must be a non-empty array');
  const { input, nActions } = dataset;
  const size = input.kind === 'planes' ? input.height * input.width * input.channels : input.size;
  dataset.episodes.forEach((episode, e) => {
    const where = `dataset: episode ${e}`;
    if (typeof episode !== 'object' || episode === null) throw new Error(`${where} must be an object`);
    const { observations, actions, rewards } = episode;
    if (!Array.isArray(actions) || actions.length === 0) throw new Error(`${where}: actions must be a non-empty array`);
    if (!Array.isArray(observations) || observations.length !== actions.length) throw new Error(`${where}: observations must be an array as long as actions (${actions.length})`);
    if (!Array.isArray(rewards) || rewards.length !== actions.length) throw new Error(`${where}: rewards must be an array as long as actions (${actions.length})`);
    for (let t = 0; t < actions.length; t++) {
      const a = actions[t];
      if (!Number.isInteger(a) || a < 0 || a >= nActions) throw new Error(`${where} step ${t}: action ${show(a)} is not an integer in [0, ${nActions})`);
      if (typeof rewards[t] !== 'number' || !Number.isFinite(rewards[t])) throw new Error(`${where} step ${t}: reward ${show(rewards[t])} is not a finite number`);
      const o = observations[t];
      const ok = input.kind === 'one-hot' ? Number.isInteger(o) && (o as number) >= 0 && (o as number) < size : o instanceof Float32Array && o.length === size;
      if (!ok) {
        const expected = input.kind === 'one-hot' ? `an integer state in [0, ${size})` : `a Float32Array of ${size} numbers`;
        throw new Error(`${where} step ${t}: observation is ${show(o)}, expected ${expected}`);
      }
    }
  });
}

/** R_t for every step of one episode: the sum of its rewards from t on. */
export function returnsToGo(rewards: readonly number[]): Float64Array {
  const out = new Float64Array(rewards.length);
  let sum = 0;
  for (let t = rewards.length - 1; t >= 0; t--) {
    sum += rewards[t];
    out[t] = sum;
  }
  return out;
}

/** Min, mean and max of the episodes' returns (R_0): what target returns are chosen from. */
export interface ReturnRange {
  readonly min: number;
  readonly mean: number;
  readonly max: number;
}

export class WindowSampler {
  readonly steps: number;
  readonly episodeReturns: ReturnRange;
  private readonly returns: Float64Array[];
  /** firstStep[e]: the global index of episode e's step 0; the last entry is the step count. */
  private readonly firstStep: number[];

  /** Checks the dataset (checkDataset) and indexes it; the dataset must not change afterwards. */
  constructor(
    private readonly dataset: Dataset,
    private readonly contextLength: number,
  ) {
    checkDataset(dataset);
    this.returns = dataset.episodes.map((episode) => returnsToGo(episode.rewards));
    this.firstStep = [0];
    for (const episode of dataset.episodes) this.firstStep.push(this.firstStep[this.firstStep.length - 1] + episode.actions.length);
    this.steps = this.firstStep[this.firstStep.length - 1];
    const totals = this.returns.map((r) => r[0]);
    // A loop rather than Math.min(...totals): a dataset may hold more episodes than a call takes arguments.
    this.episodeReturns = {
      min: totals.reduce((a, b) => Math.min(a, b), Infinity),
      mean: totals.reduce((a, b) => a + b, 0) / totals.length,
      max: totals.reduce((a, b) => Math.max(a, b), -Infinity),
    };
  }

  /** `windows` windows, each from a start step uniform over all steps (one rng draw each). */
  sample(windows: number, rng: Rng): WindowBatch {
    const starts: { episode: number; start: number }[] = [];
    for (let w = 0; w < windows; w++) {
      const step = rng.int(this.steps);
      // Binary search: the last episode whose first step is <= step.
      let low = 0;
      let high = this.firstStep.length - 2;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (this.firstStep[mid] <= step) low = mid;
        else high = mid - 1;
      }
      starts.push({ episode: low, start: step - this.firstStep[low] });
    }
    return this.windowsAt(starts);
  }

  /** The windows starting at the given (episode, start) steps, in order. */
  windowsAt(starts: readonly { readonly episode: number; readonly start: number }[]): WindowBatch {
    const K = this.contextLength;
    const slots = starts.length * K;
    const returnsToGoOut = new Float32Array(slots);
    const observations: Observation[] = new Array<Observation>(slots);
    const actions = new Int32Array(slots);
    const timesteps = new Int32Array(slots);
    const mask = new Uint8Array(slots);
    starts.forEach(({ episode: e, start }, w) => {
      const episode = this.dataset.episodes[e];
      const length = Math.min(K, episode.actions.length - start);
      const pad = K - length;
      for (let k = 0; k < K; k++) {
        const slot = w * K + k;
        // Padding repeats the first real step; the mask hides it.
        const t = start + Math.max(0, k - pad);
        returnsToGoOut[slot] = this.returns[e][t];
        observations[slot] = episode.observations[t];
        actions[slot] = episode.actions[t];
        timesteps[slot] = t;
        mask[slot] = k >= pad ? 1 : 0;
      }
    });
    return { windows: starts.length, returnsToGo: returnsToGoOut, observations, actions, timesteps, mask };
  }
}
