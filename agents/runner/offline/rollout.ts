/**
 * One episode of an offline learner acting in its world (the page's "Run an episode"): every
 * step's picture, action, reward and, for the decision transformer, the return-to-go it was told
 * and what its newest state token attended to.
 *
 * Reward timing: the return-to-go of a step is R_t as the model saw it when choosing a_t; the
 * reward r_t arrives after the step and the next step's R_{t+1} = R_t - r_t (runtime.ts). So a
 * page that animates the episode shows R_t with step t and the count going down as rewards arrive.
 *
 * Randomness: the world's draws come from the stream 'offline/rollout/env' of the question's
 * seed, a sampling learner's from 'offline/rollout/act': the same seed gives the same episode for
 * the same weights, and a greedy learner meets the same world at every seed as any other learner.
 */
import { deriveRng } from '../../../environments/core/rng';
import type { EpisodeActor } from './offline-learners';
import type { RolloutAnswer, RolloutStep } from './offline-protocol';
import type { OfflineWorld } from './offline-world';

export interface RolloutOptions {
  readonly seed: number;
  readonly mode: 'greedy' | 'sample';
  readonly maxSteps: number;
  readonly attention: boolean;
}

/** The move meant and made, from a gridworld step's info; null elsewhere. */
function moveOf(info: Record<string, number> | undefined, world: OfflineWorld): RolloutStep['move'] {
  if (world.kind !== 'gridworld' || info === undefined || typeof info.intended !== 'number' || typeof info.actual !== 'number') return null;
  return { intended: info.intended, actual: info.actual };
}

export function rolloutEpisode(world: OfflineWorld, actor: EpisodeActor, learner: 'bc' | 'dt', options: RolloutOptions): RolloutAnswer {
  const env = world.makeEnv();
  const envRng = deriveRng(options.seed, 'offline/rollout/env');
  const actRng = deriveRng(options.seed, 'offline/rollout/act');
  let { state, obs } = env.reset(envRng);
  const steps: RolloutStep[] = [];
  let total = 0;
  let terminated = false;
  for (let t = 0; t < options.maxSteps; t++) {
    const frame = world.frameOf(state, obs);
    const returnToGo = actor.returnToGo;
    const action = actor.act(obs, actRng, options.mode);
    const attention = options.attention ? actor.attention() : null;
    const result = env.step(state, action, envRng);
    actor.observe(result.reward);
    total += result.reward;
    steps.push({ frame, action, reward: result.reward, returnToGo, move: moveOf(result.info, world), attention });
    state = result.state;
    obs = result.obs;
    if (result.terminated || result.truncated) {
      terminated = result.terminated;
      break;
    }
  }
  return { learner, seed: options.seed, target: actor.target, steps, finalFrame: world.frameOf(state, obs), return: total, terminated };
}
