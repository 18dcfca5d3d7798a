/**
 * What the batched on-policy agents (actor-critic / A2C, PPO) share besides their update: a
 * policy-value model that acts through its softmax policy, one Adam optimiser over all its
 * variables, the rollout being collected, and saving all of that exactly. Each agent's own file
 * holds its config, its checks and its update().
 *
 * A saved agent's `state`: dims, update count, every network's weights, Adam's state and the
 * unfinished rollout, so that a loaded agent continues bit for bit.
 */
import type { Rng } from '../../environments/core/rng';
import type { Transition } from '../../environments/core/types';
import type { ActMode, AgentFile } from '../core/agent';
import { Adam } from './adam';
import { agentFile, readInteger } from './pg-file';
import type { Architecture, NetworkConfig } from './config/network';
import { PolicyValueModel, type PolicyDims } from './policy-value';
import { actBatch, Rollout } from './rollout';
import type { Observation } from './types';

/** The config fields the shared parts are built from. */
export interface RolloutAgentConfig extends NetworkConfig {
  readonly architecture: Architecture;
  readonly nEnvs: number;
  readonly rolloutLength: number;
  readonly learningRate: number;
  /** 0: no clipping. */
  readonly maxGradNorm: number;
}

export abstract class RolloutAgent<C extends RolloutAgentConfig> {
  readonly dims: PolicyDims;
  readonly model: PolicyValueModel;
  protected readonly optimizer: Adam;
  protected readonly rollout: Rollout;
  protected updates = 0;

  /** `config` is already resolved and checked by the agent, `dims` by checkPolicyDims. */
  protected constructor(
    readonly name: string,
    dims: PolicyDims,
    readonly config: C,
  ) {
    this.dims = { input: dims.input, nActions: dims.nActions };
    this.model = new PolicyValueModel(name, this.dims, config, config.architecture);
    this.optimizer = new Adam(this.model.variables, { learningRate: config.learningRate, maxGradNorm: config.maxGradNorm > 0 ? config.maxGradNorm : Infinity });
    this.rollout = new Rollout(name, config.nEnvs, config.rolloutLength, dims.nActions);
  }

  get nEnvs(): number {
    return this.config.nEnvs;
  }

  /** Updates done so far. */
  get updateCount(): number {
    return this.updates;
  }

  actBatch(obs: readonly Observation[], rng: Rng, mode: ActMode): number[] {
    return actBatch(this.model, this.dims.input, this.dims.nActions, obs, rng, mode);
  }

  act(obs: Observation, rng: Rng, mode: ActMode): number {
    return this.actBatch([obs], rng, mode)[0];
  }

  observeBatch(transitions: readonly Transition<Observation, number>[], _rng?: Rng): void {
    this.rollout.add(transitions);
  }

  /** The single-world form of observeBatch (nEnvs 1). */
  observe(t: Transition<Observation, number>, rng?: Rng): void {
    this.observeBatch([t], rng);
  }

  dispose(): void {
    this.model.dispose();
    this.optimizer.dispose();
  }

  save(): AgentFile {
    return agentFile(this.name, this.config, {
      input: this.dims.input,
      nActions: this.dims.nActions,
      updates: this.updates,
      weights: this.model.save(),
      optimizer: this.optimizer.state(),
      rollout: this.rollout.toJson(),
    });
  }

  /** Puts back what save() wrote (the agent's load uses it). Checks it all first (the rollout on a scratch copy); throws a precise error, changing nothing, on bad input. */
  protected restore(state: Record<string, unknown>): void {
    const where = `${this.name} file: state`;
    const updates = readInteger(`${where}.updates`, state.updates, 0);
    const weights = this.model.read(`${where}.weights`, state.weights);
    this.optimizer.check(state.optimizer, `${where}.optimizer`);
    const probe = new Rollout(this.name, this.nEnvs, this.config.rolloutLength, this.dims.nActions);
    probe.restore(`${where}.rollout`, state.rollout, this.dims.input);
    this.model.setWeights(weights);
    this.optimizer.restore(state.optimizer, `${where}.optimizer`);
    this.rollout.restore(`${where}.rollout`, state.rollout, this.dims.input);
    this.updates = updates;
  }
}
