/**
 * The in-memory shape of an offline dataset (issue 7, section 2): recorded episodes of one world,
 * as behaviour cloning and the decision transformer read them. Plain data: it goes to a worker,
 * into a file (dataset-file.ts) and into the library unchanged (Float32Arrays become arrays there).
 *
 * Observations are what the recording agent or person saw at each step, before acting, encoded as
 * the deep agents encode them (agents/deep/types.ts): a cell index for a one-hot input, a
 * Float32Array for a vector or planes input. `input` says which, so a learner builds its network
 * from the dataset alone.
 */
import type { InputSpec, Observation } from '../deep/types';

export interface DatasetEpisode {
  /** observations[t]: what was seen before actions[t]. Same length as actions and rewards. */
  readonly observations: readonly Observation[];
  readonly actions: readonly number[];
  /** rewards[t]: the reward received for actions[t]. */
  readonly rewards: readonly number[];
  /** True when the world ended the episode (fish eaten, pole fell); false when it was truncated or cut short. */
  readonly terminated: boolean;
  /** The full world state before each action, where it is a cell index (gridworlds; for the visit heatmap). */
  readonly states?: readonly number[];
}

/** Where the actions came from. */
export type DatasetSource =
  | { readonly kind: 'person' }
  | { readonly kind: 'agent'; readonly agent: string }
  /** An expert's action with probability 1 - randomRate, a uniformly random one otherwise. */
  | { readonly kind: 'mixture'; readonly agent: string; readonly randomRate: number };

export interface Dataset {
  /** The world the episodes come from, as an experiment names it: 'cartpole', 'arcade/breakout', or a gridworld's name. */
  readonly world: string;
  readonly input: InputSpec;
  readonly nActions: number;
  readonly source: DatasetSource;
  readonly episodes: readonly DatasetEpisode[];
}
