/**
 * Actor-critic (eqs 19.40-19.42) and its synchronous batched form A2C: a softmax policy (the
 * actor) improved with advantages from a learned state value v(s) (the critic), after every
 * `rolloutLength` steps of `nEnvs` copies of the world.
 *
 *   actor:  theta <- theta + alpha mean_t A_t d/dtheta log pi(a_t|s_t) (+ entropy bonus)
 *   critic: phi   <- phi   - alpha valueCoef d/dphi mean_t (v(s_t) - (A_t + v(s_t)))^2 / 2
 *
 * Advantages (`advantage`), all from the TD error delta_t = r_t + gamma v(s_{t+1}) - v(s_t):
 * - 'td':     A_t = delta_t, the one-step actor-critic of eq 19.41. With nEnvs 1 and
 *             rolloutLength 1 this is the book's algorithm exactly: one update per step.
 * - 'n-step': A_t = r_t + ... + gamma^(k-1) r_{t+k-1} + gamma^k v(s_{t+k}) - v(s_t), bootstrapped
 *             from the rollout's last state (A2C).
 * - 'gae':    generalised advantage estimation with `gaeLambda` (0 is 'td', 1 is 'n-step').
 * NOTE: a truncated step bootstraps through v(final observation) but ends the sum there; a
 * terminated step bootstraps nothing (see generalisedAdvantages in returns.ts).
 *
 * `architecture`: 'shared' (one trunk, two heads: the value loss also shapes the policy's
 * features) or 'separate' (two networks). One Adam optimiser steps all variables on the summed
 * loss policy - entropyCoef * entropy + valueCoef * value.
 *
 * It is a VectorAgent (the vector session drives nEnvs copies) and an Agent for nEnvs 1.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../environments/core/rng';
import type { Metrics } from '../../environments/core/types';
import type { Agent } from '../core/agent';
import type { VectorAgent } from '../runner/vector-session';
import { resolveConfig } from '../tabular/config';
import { ACTOR_CRITIC_DEFAULTS, ACTOR_CRITIC_FIELDS, type ActorCriticConfig } from './config/actor-critic';
import { encodeBatch } from './network';
import { loadAgentFile } from './pg-file';
import { checkPolicyDims, chosenLogProbs, meanEntropy, type PolicyDims } from './policy-value';
import { generalisedAdvantages } from './returns';
import { RolloutAgent } from './rollout-agent';
import type { Observation } from './types';

export { ADVANTAGE_KINDS, ACTOR_CRITIC_DEFAULTS, ACTOR_CRITIC_FIELDS, describeActorCriticConfig, type ActorCriticConfig, type AdvantageKind } from './config/actor-critic';

const NAME = 'actor-critic';

/** The actor-critic step is update(); acting, collecting the rollout, Adam and saving come from RolloutAgent. */
export class ActorCritic extends RolloutAgent<ActorCriticConfig> implements VectorAgent, Agent<Observation, number> {
  override readonly name = NAME;

  constructor(dims: PolicyDims, config: Partial<ActorCriticConfig> = {}) {
    checkPolicyDims(NAME, dims);
    super(NAME, dims, resolveConfig(NAME, ACTOR_CRITIC_FIELDS, ACTOR_CRITIC_DEFAULTS, config));
  }

  /** Learns once the rollout holds rolloutLength steps of every copy; null until then. */
  update(_rng?: Rng): Metrics | null {
    if (!this.rollout.full) return null;
    const { gamma, advantage, gaeLambda, valueCoef, entropyCoef } = this.config;
    const { input, nActions } = this.dims;
    const rollout = this.rollout;
    const lambda = advantage === 'td' ? 0 : advantage === 'n-step' ? 1 : gaeLambda;
    const metrics = tf.tidy(() => {
      const x = encodeBatch(input, rollout.observations);
      const values = this.model.forward(x).values.dataSync();
      const nextValues = this.model.forward(encodeBatch(input, rollout.nextObservations)).values.dataSync();
      const { terminated, episodeEnd } = rollout.endFlags();
      const { advantages, returns } = generalisedAdvantages({ rewards: rollout.rewards, values, nextValues, terminated, episodeEnd }, this.nEnvs, gamma, lambda);
      const actions = tf.tensor1d(rollout.actions, 'int32');
      const advantageTensor = tf.tensor1d(advantages);
      const returnTensor = tf.tensor1d(returns);
      let parts: ArrayLike<number> = [0, 0, 0];
      this.optimizer.minimize(() => {
        const { logits, values: v } = this.model.forward(x);
        // The advantages are constants here: the critic learns only from its own loss.
        const policyLoss = tf.neg(tf.mean(tf.mul(chosenLogProbs(logits, actions, nActions), advantageTensor)));
        const valueLoss = tf.mul(tf.mean(tf.square(tf.sub(v, returnTensor))), 0.5);
        const entropy = meanEntropy(logits);
        parts = tf.stack([policyLoss, valueLoss, entropy]).dataSync();
        return tf.addN([policyLoss, tf.mul(valueLoss, valueCoef), tf.mul(entropy, -entropyCoef)]) as tf.Scalar;
      });
      return { 'losses/policy_loss': parts[0], 'losses/value_loss': parts[1], 'charts/entropy': parts[2] };
    });
    rollout.clear();
    this.updates++;
    return metrics;
  }

  /** Validates a saved actor-critic agent and rebuilds it exactly; throws a precise error, and leaks nothing, on bad input. */
  static load(file: unknown): ActorCritic {
    const create = (dims: PolicyDims, config: Record<string, unknown>) => new ActorCritic(dims, config as Partial<ActorCriticConfig>);
    return loadAgentFile(file, NAME, create, (agent, state) => agent.restore(state));
  }
}

export function loadActorCritic(file: unknown): ActorCritic {
  return ActorCritic.load(file);
}
