/**
 * The 'shattered-gradients' module session (issue 8, M4.4; section 11.1.1, fig. 11.3): the four
 * networks of depth-sweep.ts (plain and residual, without and with batch norm) grown one layer
 * per step in the training worker, with the controls every page has. Play deepens the networks;
 * the chart follows how correlated dy/dx stays as depth grows.
 *
 *   { module: 'shattered-gradients', world: {}, agent: 'depth-sweep',
 *     options: { width?, points?, range?, gain?, maxDepth? }, seed }
 *
 * options: depth-sweep.ts's (width D, default 200; points, default 256 on range [-2, 2]; gain,
 * default 1: weights and biases N(0, gain / D)) and maxDepth (default 50, at most 64). seed: the
 * weight draws. The sweep probes the networks at fixed inputs; it has no world: `world` is {}.
 *
 * step(n): n more layers in every network (the unit the controls call 'env-step'), one metrics
 * row per depth with rho(1), the autocorrelation of dy/dx at one step of the sweep (Delta x =
 * (high - low) / (points - 1)), for each variant: 'correlation/plain', 'correlation/plain-batchnorm',
 * 'correlation/residual', 'correlation/residual-batchnorm'. The first call's rows start with
 * depth 1, so a series' k-th point is depth k. Done at maxDepth.
 *
 * snapshot(): the depth, the inputs, and for each variant dy/dx over the inputs and its
 * autocorrelation for lags up to Delta x = 1 (the range fig. 11.3c shows).
 */
import type { Metrics } from '../../environments/core/types';
import type { StepUnit } from '../../agents/runner/trainable';
import type { ModuleRunConfig, WorkerSession } from '../../agents/runner/worker-session';
import { MAX_SHATTERED_DEPTH } from '../m4';
import { DepthSweep, resolveDepthSweepOptions, type DepthSweepVariant, type ResolvedDepthSweepOptions } from './depth-sweep';

export const SHATTERED_GRADIENTS_MODULE = 'shattered-gradients';
export const SHATTERED_GRADIENTS_AGENT = 'depth-sweep';

const UNITS: readonly StepUnit[] = ['step'];
/** The deepest the page grows the networks by default (the reference's depth slider, 1-50). */
export const DEFAULT_MAX_DEPTH = 50;
/** The autocorrelation is shown up to this Delta x (fig. 11.3c). */
const SHOWN_LAG = 1;

export interface VariantReading {
  readonly id: string;
  readonly architecture: DepthSweepVariant['architecture'];
  readonly batchNorm: boolean;
  /** dy/dx at each input. */
  readonly gradient: number[];
  /** rho(k) for lags 0 .. `lags.length - 1`. */
  readonly autocorrelation: number[];
  /** rho(1): the correlation of dy/dx between neighbouring inputs. */
  readonly neighbourCorrelation: number;
}

export interface ShatteredSnapshot {
  readonly kind: 'shattered-gradients';
  /** Hidden layers (plain) or residual blocks (residual) now. */
  readonly depth: number;
  readonly maxDepth: number;
  readonly done: boolean;
  readonly options: ResolvedDepthSweepOptions;
  /** The inputs x_i. */
  readonly x: number[];
  /** Delta x of the lags shown. */
  readonly lags: number[];
  readonly variants: VariantReading[];
}

function fail(message: string): never {
  throw new Error(`shattered gradients: ${message}`);
}

/** The session's metric key for a variant. */
export function correlationKey(variantId: string): string {
  return `correlation/${variantId}`;
}

export class ShatteredGradientsSession implements WorkerSession<ShatteredSnapshot> {
  readonly units = UNITS;
  readonly maxDepth: number;
  private readonly sweep: DepthSweep;
  private readings: VariantReading[];
  private reportedFirst = false;
  private disposed = false;

  constructor(config: ModuleRunConfig) {
    if (typeof config !== 'object' || config === null) fail('the config must be { module, world, agent, options, seed }');
    if (config.module !== SHATTERED_GRADIENTS_MODULE) fail(`module must be '${SHATTERED_GRADIENTS_MODULE}', got ${JSON.stringify(config.module)}`);
    if (config.agent !== SHATTERED_GRADIENTS_AGENT) fail(`agent must be '${SHATTERED_GRADIENTS_AGENT}', got ${JSON.stringify(config.agent)}`);
    const world = config.world ?? {};
    if (typeof world !== 'object' || Array.isArray(world) || Object.keys(world).length > 0) fail(`the sweep has no world: world must be {}, got ${JSON.stringify(config.world)}`);
    if (!(typeof config.seed === 'number' && Number.isInteger(config.seed) && config.seed >= 0 && config.seed <= 2 ** 31 - 1)) {
      fail(`seed must be a whole number from 0 to ${2 ** 31 - 1}, got ${JSON.stringify(config.seed)}`);
    }
    const options = config.options ?? {};
    if (typeof options !== 'object' || Array.isArray(options)) fail(`options must be an object, got ${JSON.stringify(options)}`);
    const { maxDepth = DEFAULT_MAX_DEPTH, ...sweepOptions } = options as Record<string, unknown>;
    if ('seed' in sweepOptions) fail("options: the weights' seed is the config's seed, not an option");
    if (!(typeof maxDepth === 'number' && Number.isInteger(maxDepth) && maxDepth >= 1 && maxDepth <= MAX_SHATTERED_DEPTH)) {
      fail(`maxDepth must be an integer in [1, ${MAX_SHATTERED_DEPTH}], got ${JSON.stringify(maxDepth)}`);
    }
    this.maxDepth = maxDepth;
    let resolved: ResolvedDepthSweepOptions;
    try {
      resolved = resolveDepthSweepOptions({ ...sweepOptions, seed: config.seed });
    } catch (error) {
      fail(`options: ${(error as Error).message}`);
    }
    this.sweep = new DepthSweep(resolved);
    this.readings = this.read();
  }

  step(n: number, unit?: StepUnit): Metrics[] {
    this.checkAlive();
    if (unit !== undefined && !UNITS.includes(unit)) fail(`a step adds one layer; unit '${unit}' does not apply`);
    if (!(Number.isInteger(n) && n >= 0 && n <= MAX_SHATTERED_DEPTH)) fail(`step needs a whole number of layers up to ${MAX_SHATTERED_DEPTH}, got ${JSON.stringify(n)}`);
    const rows: Metrics[] = [];
    if (n === 0) return rows;
    if (!this.reportedFirst) {
      this.reportedFirst = true;
      rows.push(this.row());
    }
    for (let i = 0; i < n && !this.done(); i++) {
      this.sweep.deepen();
      this.readings = this.read();
      rows.push(this.row());
    }
    return rows;
  }

  done(): boolean {
    return this.sweep.depth >= this.maxDepth;
  }

  snapshot(): ShatteredSnapshot {
    this.checkAlive();
    const shown = this.sweep.lags.findIndex((lag) => lag > SHOWN_LAG + 1e-9);
    return {
      kind: 'shattered-gradients',
      depth: this.sweep.depth,
      maxDepth: this.maxDepth,
      done: this.done(),
      options: this.sweep.options,
      x: this.sweep.x,
      lags: this.sweep.lags.slice(0, shown === -1 ? undefined : shown),
      variants: this.readings.map((reading) => ({ ...reading, autocorrelation: reading.autocorrelation.slice(0, shown === -1 ? undefined : shown) })),
    };
  }

  backupState(): Metrics[] {
    fail('the sweep grows networks at initialisation: there is no Bellman backup to step');
  }

  saveRun(): never {
    fail('a sweep is not saved to a file: the same options and seed draw the same networks again');
  }

  dispose(): void {
    this.disposed = true;
  }

  private read(): VariantReading[] {
    return this.sweep.sweeps().map(({ variant, gradient, autocorrelation }) => ({
      id: variant.id,
      architecture: variant.architecture,
      batchNorm: variant.batchNorm,
      gradient: Array.from(gradient),
      autocorrelation,
      neighbourCorrelation: autocorrelation[1],
    }));
  }

  private row(): Metrics {
    const row: Metrics = { global_step: this.sweep.depth };
    for (const reading of this.readings) row[correlationKey(reading.id)] = reading.neighbourCorrelation;
    return row;
  }

  private checkAlive(): void {
    if (this.disposed) fail('the session was used after dispose()');
  }
}

export function createShatteredGradientsSession(config: ModuleRunConfig): ShatteredGradientsSession {
  return new ShatteredGradientsSession(config);
}
