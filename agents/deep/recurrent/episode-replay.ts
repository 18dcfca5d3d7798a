/**
 * DRQN's replay memory: whole episodes rather than single transitions, since a recurrent
 * Q-network needs the steps before t to know where it is at t. The oldest episode is dropped
 * when `capacity` is reached. Sampling is uniform over episodes, with replacement, through the
 * Rng passed in (so a long episode weighs as much as a short one: each batch holds whole
 * episodes, not a fixed number of steps).
 */
import type { Rng } from '../../../environments/core/rng';
import type { InputSpec } from '../types';
import { episodeToJson, readEpisodes, type Episode } from './episodes';

export class EpisodeReplay {
  private episodes: Episode[] = [];
  /** Steps held over all stored episodes. */
  private stepCount = 0;

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new Error(`episode replay: capacity must be a positive integer, got ${JSON.stringify(capacity)}`);
  }

  /** Episodes held. */
  get size(): number {
    return this.episodes.length;
  }

  /** Env steps held, over all episodes. */
  get steps(): number {
    return this.stepCount;
  }

  add(episode: Episode): void {
    this.episodes.push(episode);
    this.stepCount += episode.actions.length;
    if (this.episodes.length > this.capacity) {
      const dropped = this.episodes.shift() as Episode;
      this.stepCount -= dropped.actions.length;
    }
  }

  /** `count` episodes drawn uniformly with replacement (one rng.int each). */
  sample(count: number, rng: Rng): Episode[] {
    if (this.episodes.length === 0) throw new Error('episode replay: cannot sample from an empty replay');
    return Array.from({ length: count }, () => this.episodes[rng.int(this.episodes.length)]);
  }

  toJson(): Record<string, unknown>[] {
    return this.episodes.map(episodeToJson);
  }

  /** Checks saved episodes (at most `capacity` of them); returns a function that puts them back. */
  read(where: string, value: unknown, input: InputSpec, nActions: number): () => void {
    const episodes = readEpisodes(where, value, input, nActions);
    if (episodes.length > this.capacity) throw new Error(`${where} has ${episodes.length} episodes, more than the capacity ${this.capacity}`);
    return () => {
      this.episodes = episodes;
      this.stepCount = episodes.reduce((sum, episode) => sum + episode.actions.length, 0);
    };
  }
}
