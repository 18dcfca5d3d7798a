/**
 * A dataset of uniformly random actions: what the decision-transformer benchmarks train on (the
 * bench in Node and the /backends page in the browser), where the content does not change the
 * work of a training step. Actions and the world share one stream, `bench/decision-transformer/<world>`
 * of seed 1, so both places build the same episodes.
 */
import { deriveRng } from '../../environments/core/rng';
import type { Env } from '../../environments/core/types';
import type { Observation } from '../deep/types';
import type { Dataset, DatasetEpisode } from './dataset-types';

export interface RandomDatasetOptions {
  /** The dataset's world name, which also names the stream. */
  readonly world: string;
  readonly env: Env<unknown, Observation, number>;
  readonly input: Dataset['input'];
  readonly nActions: number;
  readonly episodes: number;
  /** Each episode is cut here if it has not ended. */
  readonly maxSteps: number;
}

export function randomDataset({ world, env, input, nActions, episodes, maxSteps }: RandomDatasetOptions): Dataset {
  const rng = deriveRng(1, `bench/decision-transformer/${world}`);
  const list: DatasetEpisode[] = [];
  for (let e = 0; e < episodes; e++) {
    let { state, obs } = env.reset(rng);
    const observations: Observation[] = [];
    const actions: number[] = [];
    const rewards: number[] = [];
    let terminated = false;
    while (actions.length < maxSteps) {
      const action = rng.int(nActions);
      const result = env.step(state, action, rng);
      observations.push(obs);
      actions.push(action);
      rewards.push(result.reward);
      terminated = result.terminated;
      if (result.terminated || result.truncated) break;
      ({ state, obs } = result);
    }
    list.push({ observations, actions, rewards, terminated });
  }
  return { world, input, nActions, source: { kind: 'agent', agent: 'uniform random' }, episodes: list };
}
