/**
 * The 'conv-vs-mlp' module session (issue 8, M4.2; section 10.2.6, figs. 10.7-10.8): the MNIST-1D
 * convolutional network (2,050 parameters) and the fully connected network it is compared with
 * (59,065 parameters) trained side by side in the training worker, in lockstep, with the controls
 * every page has. Each is an 'mnist1d' session (supervised/mnist1d-models/mnist1d-session.ts) on
 * the same dataset, the same training setup and the same seed, so both see the same minibatches
 * in the same order (common random numbers): they differ only in the network.
 *
 *   { module: 'conv-vs-mlp', world: { ...dataset options, labelNoise? }, agent: 'conv-vs-mlp',
 *     options: { optimiser?, reduction?, batchSize?, steps?, evalEvery?, l2?, labelSmoothing? }, seed }
 *
 * world: the 'mnist1d' session's (default: the book's 4,000 / 1,000 set). options: the training
 * fields of supervised/mnist1d-models/training-config.ts, applied to both networks; the default
 * is fig. 10.8's setup ('book' in conv-vs-mlp-presets.ts). The networks are fixed: three conv
 * layers of 15 channels, kernel 3, stride 2, then 60 -> 10; and 40 -> 285 -> 135 -> 60 -> 10.
 *
 * step(n): n optimiser steps of each network; one row per step with each 'mnist1d' metric under
 * 'conv/' and 'mlp/' ('conv/charts/test_error', 'mlp/losses/batch_loss', ...). Done when both are.
 *
 * snapshot(): each network's description, parameter count (counted from its variables), layers
 * and latest errors and losses; the conv net's first-layer kernels; the setup in words.
 *
 * query({ kind: 'predict', split, index, shift? } or { kind: 'predict', input, shift? }): both
 * networks' answers to the 'mnist1d' session's question (logits, probabilities, every layer's
 * output), for the page's "shift the input" test of equivariance.
 */
import type { Metrics } from '../../environments/core/types';
import type { StepUnit } from '../../agents/runner/trainable';
import type { ModuleRunConfig, WorkerSession } from '../../agents/runner/worker-session';
import { CONV_COMPARISON_MLP, CONV_NET, Mnist1dSession, type Mnist1dSnapshot, type PredictAnswer, type WeightGrid } from '../mnist1d-models';
import { TRAINING_FIELDS } from '../mnist1d-models/training-config';
import { getConvVsMlpPreset, NETWORK_IDS, networkMetric, type NetworkId } from './conv-vs-mlp-presets';

export const CONV_VS_MLP_MODULE = 'conv-vs-mlp';
export const CONV_VS_MLP_AGENT = 'conv-vs-mlp';

const UNITS: readonly StepUnit[] = ['step'];

/** The networks' own options for the 'mnist1d' session (its agents and fields). */
const NETWORKS: Readonly<Record<NetworkId, { readonly agent: 'conv' | 'mlp'; readonly options: Readonly<Record<string, unknown>> }>> = Object.freeze({
  conv: { agent: 'conv', options: { conv: CONV_NET.conv.map((layer) => ({ ...layer })), hidden: [] } },
  mlp: { agent: 'mlp', options: { hidden: [...CONV_COMPARISON_MLP.hidden] } },
});

export interface NetworkReading {
  readonly description: string;
  /** Counted from the network's variables. */
  readonly parameters: number;
  readonly layers: Mnist1dSnapshot['network']['layers'];
  readonly batchLoss: number | null;
  readonly latest: Mnist1dSnapshot['latest'];
}

export interface ConvVsMlpSnapshot {
  readonly kind: 'conv-vs-mlp';
  /** Optimiser steps done by each network. */
  readonly step: number;
  readonly steps: number;
  readonly evalEvery: number;
  readonly epoch: number;
  readonly done: boolean;
  /** The training setup in words (the same for both). */
  readonly training: string;
  readonly dataset: Mnist1dSnapshot['dataset'];
  readonly networks: Readonly<Record<NetworkId, NetworkReading>>;
  /** The conv net's first layer: 15 kernels of 3 taps. */
  readonly convKernels: WeightGrid;
}

export type ConvVsMlpAnswer = Readonly<Record<NetworkId, PredictAnswer>>;

function fail(message: string): never {
  throw new Error(`conv vs mlp: ${message}`);
}

export class ConvVsMlpSession implements WorkerSession<ConvVsMlpSnapshot> {
  readonly units = UNITS;
  readonly sessions: Readonly<Record<NetworkId, Mnist1dSession>>;
  private disposed = false;

  constructor(config: ModuleRunConfig) {
    if (typeof config !== 'object' || config === null) fail('the config must be { module, world, agent, options, seed }');
    if (config.module !== CONV_VS_MLP_MODULE) fail(`module must be '${CONV_VS_MLP_MODULE}', got ${JSON.stringify(config.module)}`);
    if (config.agent !== CONV_VS_MLP_AGENT) fail(`agent must be '${CONV_VS_MLP_AGENT}', got ${JSON.stringify(config.agent)}`);
    const options = config.options ?? {};
    if (typeof options !== 'object' || Array.isArray(options)) fail(`options must be an object of training fields, got ${JSON.stringify(options)}`);
    for (const key of Object.keys(options)) {
      if (!(TRAINING_FIELDS as readonly string[]).includes(key)) fail(`unknown option '${key}': the networks are fixed; options are the training fields ${TRAINING_FIELDS.join(', ')}`);
    }
    const training = { ...getConvVsMlpPreset('book').training, ...options };
    const made: Partial<Record<NetworkId, Mnist1dSession>> = {};
    try {
      for (const id of NETWORK_IDS) {
        const { agent, options: network } = NETWORKS[id];
        try {
          made[id] = new Mnist1dSession({ module: 'mnist1d', world: config.world, agent, options: { ...network, ...training }, seed: config.seed });
        } catch (error) {
          fail(`${id === 'conv' ? 'the conv net' : 'the MLP'}: ${(error as Error).message}`);
        }
      }
    } catch (error) {
      for (const session of Object.values(made)) session.dispose();
      throw error;
    }
    this.sessions = made as Record<NetworkId, Mnist1dSession>;
  }

  step(n: number, unit?: StepUnit): Metrics[] {
    this.checkAlive();
    if (unit !== undefined && !UNITS.includes(unit)) fail(`steps are optimiser steps; unit '${unit}' does not apply`);
    // Both networks take the same steps (the 'mnist1d' session checks n), so their rows pair up one to one.
    const rows = NETWORK_IDS.map((id) => this.sessions[id].step(n));
    const length = Math.max(...rows.map((r) => r.length));
    return Array.from({ length }, (_, i) => {
      const row: Metrics = {};
      NETWORK_IDS.forEach((id, k) => {
        const own = rows[k][i];
        if (own === undefined) return;
        for (const [key, value] of Object.entries(own)) {
          if (key === 'global_step') row.global_step = value;
          else row[networkMetric(id, key)] = value;
        }
      });
      return row;
    });
  }

  done(): boolean {
    return NETWORK_IDS.every((id) => this.sessions[id].done());
  }

  snapshot(): ConvVsMlpSnapshot {
    this.checkAlive();
    const conv = this.sessions.conv.snapshot();
    const mlp = this.sessions.mlp.snapshot();
    const reading = (s: Mnist1dSnapshot): NetworkReading => ({
      description: s.network.description,
      parameters: s.network.parameters,
      layers: s.network.layers,
      batchLoss: s.batchLoss,
      latest: s.latest,
    });
    return {
      kind: 'conv-vs-mlp',
      step: Math.min(conv.step, mlp.step),
      steps: conv.training.steps,
      evalEvery: conv.training.evalEvery,
      epoch: Math.min(conv.epoch, mlp.epoch),
      done: this.done(),
      training: conv.training.description,
      dataset: conv.dataset,
      networks: { conv: reading(conv), mlp: reading(mlp) },
      convKernels: conv.firstLayer,
    };
  }

  /** Both networks' answers to an 'mnist1d' predict question. */
  query(question: unknown): ConvVsMlpAnswer {
    this.checkAlive();
    return { conv: this.sessions.conv.query(question), mlp: this.sessions.mlp.query(question) };
  }

  backupState(): Metrics[] {
    fail('the networks learn by gradient steps: there is no Bellman backup to step');
  }

  saveRun(): never {
    fail('the comparison is not saved to a file: the same config and seed train the same networks again');
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const id of NETWORK_IDS) this.sessions[id].dispose();
  }

  private checkAlive(): void {
    if (this.disposed) fail('the session was used after dispose()');
  }
}

export function createConvVsMlpSession(config: ModuleRunConfig): ConvVsMlpSession {
  return new ConvVsMlpSession(config);
}
