/**
 * The optimiser race (chapter 6, M2.1): several optimisers start from one point of a landscape and
 * take steps side by side; each racer's path, losses, batches and step sizes come back as plain
 * data for the loss-surface view.
 *
 *   const race = new OptimiserRace({ landscape: 'gabor', start: [-1.5, 8.5], seed: 1, racers });
 *   race.step(21);
 *   const { trajectories } = race.snapshot();
 *
 * Every optimiser is the float64 one of supervised/core, in the form its config names (book form
 * by default: SGD sums the gradient over the batch, eq. 6.10). `describeOptimiser` writes the
 * form into each trajectory's `description`, so a legend can say what runs.
 *
 * Randomness: a racer with a `batchSize` draws batches without replacement (EpochBatcher) from its
 * own copy of the stream `${seed}/batches`. Every racer's copy starts in the same state, so racers
 * with the same batch size see the same batches: common random numbers, so the comparison is fair.
 * Same seed and config: the same paths, bit for bit.
 *
 * A racer whose parameters or loss stop being finite (a learning rate far too large) stops there;
 * `stopped` says at which step and why, and the other racers go on.
 */
import type { Metrics } from '../../environments/core/types';
import { createRng } from '../../environments/core/rng';
import type { Trainable } from '../../agents/runner/trainable';
import { createOptimiser, describeOptimiser, type Optimiser, type OptimiserConfig } from '../core/optimisers';
import { EpochBatcher } from './epoch-batcher';
import { landscapeById, type Landscape, type LandscapeId } from './landscapes';

export interface RacerConfig {
  /** The racer's name in legends and metric keys; unique within a race. */
  readonly label: string;
  /** Any supervised/core optimiser config (kind, form, learning rate, ...). */
  readonly optimiser: OptimiserConfig;
  /** Examples per batch, drawn without replacement epoch by epoch. Omitted: every example (gradient descent). */
  readonly batchSize?: number;
  /** The racer rests after this many steps (the notebooks run each optimiser for its own count). Omitted: no limit. */
  readonly maxSteps?: number;
}

export interface RaceConfig {
  /** Which landscape (./landscapes.ts). */
  readonly landscape: LandscapeId;
  /** Where every racer starts, [phi0, phi1]. */
  readonly start: readonly [number, number];
  /** One or more racers. */
  readonly racers: readonly RacerConfig[];
  /** Master seed of the batch draws. Default 0. */
  readonly seed?: number | string;
}

export interface RacerTrajectory {
  readonly label: string;
  /** What runs, with its form and numbers (describeOptimiser). */
  readonly description: string;
  /** Examples per batch, or null for the full batch. */
  readonly batchSize: number | null;
  /** phi_0 (the start), phi_1, ..., one more than the steps taken. */
  readonly points: [number, number][];
  /** The full loss L[phi_t] at each point (whatever batch the step used). */
  readonly losses: number[];
  /** The batch gradient each step used (for per-step arrows). */
  readonly gradients: [number, number][];
  /** The learning rate each step used (the line search's chosen alpha for 'line-search'). */
  readonly learningRates: number[];
  /** The example indices of each step's batch; null for full-batch racers. */
  readonly batches: number[][] | null;
  /** Null while running; otherwise why this racer stopped early. */
  readonly stopped: string | null;
}

export interface RaceSnapshot {
  readonly landscape: LandscapeId;
  readonly start: [number, number];
  readonly seed: number | string;
  /** Steps taken by the race (racers that stopped early have fewer points). */
  readonly steps: number;
  readonly trajectories: RacerTrajectory[];
}

interface Racer {
  readonly label: string;
  readonly description: string;
  readonly optimiser: Optimiser;
  readonly batcher: EpochBatcher | null;
  readonly maxSteps: number;
  readonly points: [number, number][];
  readonly losses: number[];
  readonly gradients: [number, number][];
  readonly learningRates: number[];
  readonly batches: number[][];
  stopped: string | null;
}

/** The largest number of racers in one race (the view has a colour for each). */
export const MAX_RACERS = 12;

function checkRaceConfig(config: RaceConfig): Landscape {
  if (typeof config !== 'object' || config === null) throw new Error(`optimiser race: config must be an object, got ${JSON.stringify(config)}`);
  const landscape = landscapeById(config.landscape);
  const { start, racers } = config;
  if (!Array.isArray(start) || start.length !== 2 || !start.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new Error(`optimiser race: start must be [phi0, phi1] with finite numbers, got ${JSON.stringify(start)}`);
  }
  if (!Array.isArray(racers) || racers.length === 0 || racers.length > MAX_RACERS) {
    throw new Error(`optimiser race: racers must be an array of 1 to ${MAX_RACERS} racers, got ${Array.isArray(racers) ? racers.length : JSON.stringify(racers)}`);
  }
  const labels = new Set<string>();
  racers.forEach((racer, i) => {
    if (typeof racer?.label !== 'string' || racer.label.length === 0) throw new Error(`optimiser race: racers[${i}].label must be a non-empty string`);
    if (labels.has(racer.label)) throw new Error(`optimiser race: racers[${i}].label '${racer.label}' is used twice`);
    labels.add(racer.label);
    const terms = landscape.objective.terms;
    if (racer.batchSize !== undefined && !(Number.isInteger(racer.batchSize) && racer.batchSize >= 1 && racer.batchSize <= terms)) {
      throw new Error(`optimiser race: racers[${i}].batchSize must be an integer in [1, ${terms}] (the ${landscape.id} landscape has ${terms} example${terms === 1 ? '' : 's'}), got ${JSON.stringify(racer.batchSize)}`);
    }
    if (racer.maxSteps !== undefined && !(Number.isInteger(racer.maxSteps) && racer.maxSteps >= 0)) {
      throw new Error(`optimiser race: racers[${i}].maxSteps must be a non-negative integer, got ${JSON.stringify(racer.maxSteps)}`);
    }
  });
  if (config.seed !== undefined && typeof config.seed !== 'number' && typeof config.seed !== 'string') {
    throw new Error(`optimiser race: seed must be a number or a string, got ${JSON.stringify(config.seed)}`);
  }
  return landscape;
}

export class OptimiserRace implements Trainable<RaceSnapshot> {
  readonly landscape: Landscape;
  private readonly racers: Racer[];
  private readonly seed: number | string;
  private readonly start: [number, number];
  private t = 0;

  constructor(config: RaceConfig) {
    this.landscape = checkRaceConfig(config);
    this.seed = config.seed ?? 0;
    this.start = [config.start[0], config.start[1]];
    const startLoss = this.landscape.loss(this.start);
    this.racers = config.racers.map((racer, i) => {
      let optimiser: Optimiser;
      try {
        optimiser = createOptimiser(racer.optimiser);
      } catch (error) {
        throw new Error(`optimiser race: racers[${i}] ('${racer.label}'): ${(error as Error).message}`, { cause: error });
      }
      return {
        label: racer.label,
        description: describeOptimiser(racer.optimiser),
        optimiser,
        // Each racer's own copy of one stream: same batch size, same batches.
        batcher: racer.batchSize === undefined ? null : new EpochBatcher(this.landscape.objective.terms, racer.batchSize, createRng(`${String(this.seed)}/batches`)),
        maxSteps: racer.maxSteps ?? Infinity,
        points: [[this.start[0], this.start[1]]],
        losses: [startLoss],
        gradients: [],
        learningRates: [],
        batches: [],
        stopped: null,
      };
    });
  }

  /** Steps taken so far. */
  get steps(): number {
    return this.t;
  }

  /** Advances every running racer by n steps; one metrics row per step (`losses/<label>` for each racer that moved). */
  step(n: number): Metrics[] {
    if (!(Number.isInteger(n) && n >= 0)) throw new Error(`optimiser race: step count must be a non-negative integer, got ${JSON.stringify(n)}`);
    const rows: Metrics[] = [];
    for (let k = 0; k < n; k++) {
      this.t++;
      const row: Metrics = { 'race/step': this.t };
      for (const racer of this.racers) {
        if (racer.stopped !== null || racer.points.length - 1 >= racer.maxSteps) continue;
        this.advance(racer);
        if (racer.stopped === null) row[`losses/${racer.label}`] = racer.losses[racer.losses.length - 1];
      }
      rows.push(row);
    }
    return rows;
  }

  private advance(racer: Racer): void {
    const [p0, p1] = racer.points[racer.points.length - 1];
    const batch = racer.batcher === null ? undefined : racer.batcher.next();
    const record = racer.optimiser.step(Float64Array.of(p0, p1), this.landscape.objective, batch);
    const next: [number, number] = [record.phi[0], record.phi[1]];
    if (!Number.isFinite(next[0]) || !Number.isFinite(next[1])) {
      racer.stopped = `diverged at step ${this.t}: phi is no longer finite`;
      return;
    }
    const loss = this.landscape.loss(next);
    if (!Number.isFinite(loss)) {
      racer.stopped = `diverged at step ${this.t}: the loss is no longer finite`;
      return;
    }
    racer.points.push(next);
    racer.losses.push(loss);
    racer.gradients.push([record.gradient[0], record.gradient[1]]);
    racer.learningRates.push(record.learningRate);
    if (batch !== undefined) racer.batches.push(batch);
  }

  snapshot(): RaceSnapshot {
    return {
      landscape: this.landscape.id,
      start: [this.start[0], this.start[1]],
      seed: this.seed,
      steps: this.t,
      trajectories: this.racers.map((racer) => ({
        label: racer.label,
        description: racer.description,
        batchSize: racer.batcher === null ? null : racer.batcher.batchSize,
        points: racer.points.map(([a, b]) => [a, b] as [number, number]),
        losses: racer.losses.slice(),
        gradients: racer.gradients.map(([a, b]) => [a, b] as [number, number]),
        learningRates: racer.learningRates.slice(),
        batches: racer.batcher === null ? null : racer.batches.map((b) => b.slice()),
        stopped: racer.stopped,
      })),
    };
  }

  dispose(): void {
    // Plain arrays only: nothing to free.
  }
}

/** Builds a race, runs `steps` steps and returns the snapshot. */
export function runRace(config: RaceConfig, steps: number): RaceSnapshot {
  const race = new OptimiserRace(config);
  race.step(steps);
  return race.snapshot();
}
