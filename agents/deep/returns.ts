/**
 * Returns and advantages for the policy-gradient agents, on plain typed arrays (no tensors: these
 * run once per update over a few thousand numbers, and keeping them in JS keeps them exact and
 * easy to test).
 */

/**
 * Discounted reward-to-go of one episode: G_t = sum_{k >= t} gamma^(k-t) r_k (eq 19.1 from step
 * t on). `bootstrap` is the value of the state after the last step: 0 when the episode
 * terminated, v(s_T) when a time limit cut it (bootstrap through truncation, never termination).
 */
export function rewardToGo(rewards: ArrayLike<number>, gamma: number, bootstrap = 0): Float64Array {
  const out = new Float64Array(rewards.length);
  let running = bootstrap;
  for (let t = rewards.length - 1; t >= 0; t--) {
    running = rewards[t] + gamma * running;
    out[t] = running;
  }
  return out;
}

/** What GAE needs per step of a rollout, all of length T * nEnvs, step-major (index t * nEnvs + env). */
export interface RolloutArrays {
  readonly rewards: ArrayLike<number>;
  /** v(s_t) from the critic. */
  readonly values: ArrayLike<number>;
  /** v(s_{t+1}) of the true next state (for a truncated step: the final observation, not the reset one). */
  readonly nextValues: ArrayLike<number>;
  /** 1 when the step terminated the episode (no bootstrap), else 0. */
  readonly terminated: ArrayLike<number>;
  /** 1 when the episode ended at this step, by termination or truncation (the recursion stops), else 0. */
  readonly episodeEnd: ArrayLike<number>;
}

/**
 * Generalised advantage estimation (Schulman et al. 2016) over a rollout of T steps in nEnvs
 * copies of the world:
 *
 *   delta_t = r_t + gamma (1 - terminated_t) v(s_{t+1}) - v(s_t)       (the TD error, eq 19.41)
 *   A_t     = delta_t + gamma lambda (1 - episodeEnd_t) A_{t+1},        A_T = 0
 *
 * lambda = 0 gives the one-step TD advantage of actor-critic (19.40-19.42); lambda = 1 gives the
 * n-step advantage bootstrapped from the rollout's last state (A2C). Truncation bootstraps
 * through v(s_{t+1}) but stops the recursion, since the next step belongs to a new episode.
 * Returns the advantages and the value targets A_t + v(s_t).
 */
export function generalisedAdvantages(
  rollout: RolloutArrays,
  nEnvs: number,
  gamma: number,
  lambda: number,
): { advantages: Float32Array; returns: Float32Array } {
  const n = rollout.rewards.length;
  if (n % nEnvs !== 0) throw new Error(`gae: ${n} steps do not split over ${nEnvs} envs`);
  const steps = n / nEnvs;
  const advantages = new Float32Array(n);
  const returns = new Float32Array(n);
  for (let env = 0; env < nEnvs; env++) {
    let next = 0;
    for (let t = steps - 1; t >= 0; t--) {
      const i = t * nEnvs + env;
      const delta = rollout.rewards[i] + gamma * (1 - rollout.terminated[i]) * rollout.nextValues[i] - rollout.values[i];
      next = delta + gamma * lambda * (1 - rollout.episodeEnd[i]) * next;
      advantages[i] = next;
      returns[i] = next + rollout.values[i];
    }
  }
  return { advantages, returns };
}

/** Mean and (population) standard deviation. */
export function meanStd(values: ArrayLike<number>): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - mean) ** 2;
  return { mean, std: Math.sqrt(squares / values.length) };
}
