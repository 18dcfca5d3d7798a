/**
 * Proximal policy optimisation (Schulman et al. 2017) with the clipped surrogate objective, as
 * CleanRL's ppo.py: collect `rolloutLength` steps of `nEnvs` copies with the current policy,
 * estimate advantages with GAE(lambda), then take `epochs` passes over the rollout in
 * `minibatches` seeded-shuffled minibatches, each one Adam step on
 *
 *   L = mean max(-A r, -A clip(r, 1 - eps, 1 + eps))  - entropyCoef H  + valueCoef L_v,
 *   r = pi(a|s) / pi_old(a|s)
 *
 * The clip removes the incentive to move the ratio r beyond [1 - eps, 1 + eps], so several
 * epochs on one rollout stay close to the policy that collected it.
 * - L_v = mean (v - R)^2 / 2, or with `clipValue` mean max((v - R)^2, (v_old + clip(v - v_old,
 *   -eps, eps) - R)^2) / 2, R = A + v_old the GAE value targets.
 * - `normalizeAdvantages`: A is standardised per minibatch.
 * - 'charts/approx_kl' is the mean of (r - 1) - log r (an unbiased, non-negative estimate of
 *   KL(pi_old || pi)); 'charts/clip_fraction' the share of samples with |r - 1| > eps. Both and
 *   the losses are averaged over the update's minibatches.
 * NOTE: truncation bootstraps through v(final observation); termination does not (returns.ts).
 *
 * A VectorAgent (the vector session drives nEnvs copies) and an Agent for nEnvs 1. Minibatches
 * are shuffled with the Rng `update` is given, never tf.util.shuffle.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../environments/core/rng';
import type { Metrics } from '../../environments/core/types';
import type { Agent } from '../core/agent';
import type { VectorAgent } from '../runner/vector-session';
import { resolvePpoConfig, type PpoConfig } from './config/ppo';
import { encodeBatch } from './network';
import { loadAgentFile } from './pg-file';
import { checkPolicyDims, chosenLogProbs, meanEntropy, type PolicyDims } from './policy-value';
import { generalisedAdvantages } from './returns';
import { shuffledIndices } from './rollout';
import { RolloutAgent } from './rollout-agent';
import type { Observation } from './types';

export { describePpoConfig, PPO_DEFAULTS, PPO_FIELDS, resolvePpoConfig, type PpoConfig } from './config/ppo';

const NAME = 'ppo';

/** PPO itself is update(): epochs of clipped minibatch steps; RolloutAgent acts, collects, optimises and saves. */
export class Ppo extends RolloutAgent<PpoConfig> implements VectorAgent, Agent<Observation, number> {
  override readonly name = NAME;

  constructor(dims: PolicyDims, config: Partial<PpoConfig> = {}) {
    checkPolicyDims(NAME, dims);
    super(NAME, dims, resolvePpoConfig(config));
  }

  /** Learns once the rollout is full: `epochs` passes of `minibatches` Adam steps. Shuffles with `rng`. */
  update(rng: Rng): Metrics | null {
    if (!this.rollout.full) return null;
    const c = this.config;
    const { input, nActions } = this.dims;
    const rollout = this.rollout;
    const n = rollout.size;
    const size = n / c.minibatches;
    const sums = new Float64Array(5);
    let steps = 0;
    tf.tidy(() => {
      const x = encodeBatch(input, rollout.observations);
      const actions = tf.tensor1d(rollout.actions, 'int32');
      // The behaviour policy's numbers, fixed for the whole update.
      const old = this.model.forward(x);
      const oldLogProbs = chosenLogProbs(old.logits, actions, nActions);
      const oldValues = old.values.dataSync();
      const nextValues = this.model.forward(encodeBatch(input, rollout.nextObservations)).values.dataSync();
      const { terminated, episodeEnd } = rollout.endFlags();
      const gae = generalisedAdvantages({ rewards: rollout.rewards, values: oldValues, nextValues, terminated, episodeEnd }, c.nEnvs, c.gamma, c.gaeLambda);
      const advantagesAll = tf.tensor1d(gae.advantages);
      const returnsAll = tf.tensor1d(gae.returns);
      const oldValuesAll = old.values;
      for (let epoch = 0; epoch < c.epochs; epoch++) {
        const order = shuffledIndices(n, rng);
        for (let start = 0; start < n; start += size) {
          tf.tidy(() => {
            const index = tf.tensor1d(order.subarray(start, start + size), 'int32');
            const xb = tf.gather(x, index);
            const ab = tf.gather(actions, index);
            const oldLogB = tf.gather(oldLogProbs, index);
            const oldVB = tf.gather(oldValuesAll, index);
            const returnB = tf.gather(returnsAll, index);
            let advB = tf.gather(advantagesAll, index);
            if (c.normalizeAdvantages) {
              const { mean, variance } = tf.moments(advB);
              advB = tf.div(tf.sub(advB, mean), tf.add(tf.sqrt(variance), 1e-8));
            }
            this.optimizer.minimize(() => {
              const { logits, values } = this.model.forward(xb);
              const logRatio = tf.sub(chosenLogProbs(logits, ab, nActions), oldLogB);
              const ratio = tf.exp(logRatio);
              const clipped = tf.clipByValue(ratio, 1 - c.clipCoef, 1 + c.clipCoef);
              const policyLoss = tf.mean(tf.maximum(tf.neg(tf.mul(advB, ratio)), tf.neg(tf.mul(advB, clipped))));
              const unclippedError = tf.square(tf.sub(values, returnB));
              const valueError = c.clipValue
                ? tf.maximum(unclippedError, tf.square(tf.sub(tf.add(oldVB, tf.clipByValue(tf.sub(values, oldVB), -c.clipCoef, c.clipCoef)), returnB)))
                : unclippedError;
              const valueLoss = tf.mul(tf.mean(valueError), 0.5);
              const entropy = meanEntropy(logits);
              const approxKl = tf.mean(tf.sub(tf.sub(ratio, 1), logRatio));
              const clipFraction = tf.mean(tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), c.clipCoef), 'float32'));
              const parts = tf.stack([policyLoss, valueLoss, entropy, approxKl, clipFraction]).dataSync();
              for (let k = 0; k < 5; k++) sums[k] += parts[k];
              return tf.addN([policyLoss, tf.mul(valueLoss, c.valueCoef), tf.mul(entropy, -c.entropyCoef)]) as tf.Scalar;
            });
            steps++;
          });
        }
      }
    });
    rollout.clear();
    this.updates++;
    return {
      'losses/policy_loss': sums[0] / steps,
      'losses/value_loss': sums[1] / steps,
      'charts/entropy': sums[2] / steps,
      'charts/approx_kl': sums[3] / steps,
      'charts/clip_fraction': sums[4] / steps,
    };
  }

  /** Validates a saved PPO agent and rebuilds it exactly; throws a precise error, and leaks nothing, on bad input. */
  static load(file: unknown): Ppo {
    const create = (dims: PolicyDims, config: Record<string, unknown>) => new Ppo(dims, config as Partial<PpoConfig>);
    return loadAgentFile(file, NAME, create, (agent, state) => agent.restore(state));
  }
}

export function loadPpo(file: unknown): Ppo {
  return Ppo.load(file);
}
