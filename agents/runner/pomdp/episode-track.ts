/**
 * The episode the page watches while an agent trains: the first copy of the world's penguin, its
 * views so far, the actions, the return, and the exact belief over cells (environments/pomdp/
 * belief.ts) given what the penguin has seen. Filled by `trackEpisodes`, an env wrapper that
 * reports every reset and step of the copy it wraps and changes nothing in them.
 *
 * The belief is brought up to date only when asked for (a snapshot, at most 30 times a second),
 * one Bayes step per env step since the last time; a world with more than BELIEF_MAX_CELLS cells
 * gets none (the page says so).
 */
import type { Rng } from '../../../environments/core/rng';
import type { TimeLimitedState } from '../../../environments/core/time-limit';
import type { Env, StepResult } from '../../../environments/core/types';
import { beliefFilter, type BeliefFilter } from '../../../environments/pomdp/belief';
import type { PomdpObserver } from '../../../environments/pomdp/observation';

/** The largest world whose belief the snapshot carries. */
export const BELIEF_MAX_CELLS = 400;

export class EpisodeTrack {
  /** The penguin's cell, and the steps taken in this episode. */
  cell = -1;
  elapsed = 0;
  episodeReturn = 0;
  /** The views seen so far in this episode (o_0 .. o_t), as the env returned them. */
  readonly observations: Float32Array[] = [];
  /** a_0 .. a_{t-1}. */
  readonly actions: number[] = [];
  private readonly filter: BeliefFilter | null;
  private belief: Float64Array | null = null;
  /** How many views the belief has taken in. */
  private beliefViews = 0;

  constructor(observer: PomdpObserver) {
    this.filter = observer.model.nS <= BELIEF_MAX_CELLS ? beliefFilter(observer) : null;
  }

  /** A new episode starts in `cell`, showing `obs`. */
  start(cell: number, obs: Float32Array): void {
    this.cell = cell;
    this.elapsed = 0;
    this.episodeReturn = 0;
    this.observations.length = 0;
    this.actions.length = 0;
    this.observations.push(obs);
    this.belief = null;
    this.beliefViews = 0;
  }

  step(action: number, cell: number, obs: Float32Array, reward: number): void {
    this.cell = cell;
    this.elapsed++;
    this.episodeReturn += reward;
    this.actions.push(action);
    this.observations.push(obs);
  }

  /** b_t(s) over every cell, up to date; null on worlds too big for it. */
  currentBelief(): number[] | null {
    const filter = this.filter;
    if (filter === null || this.observations.length === 0) return null;
    if (this.belief === null) {
      this.belief = filter.initial(this.observations[0]);
      this.beliefViews = 1;
    }
    for (; this.beliefViews < this.observations.length; this.beliefViews++) {
      this.belief = filter.update(this.belief, this.actions[this.beliefViews - 1], this.observations[this.beliefViews]);
    }
    return Array.from(this.belief);
  }
}

/** `env` with every reset and step reported to `track`; results are passed on untouched. */
export function trackEpisodes<O extends Float32Array>(env: Env<TimeLimitedState<number>, O, number>, track: EpisodeTrack): Env<TimeLimitedState<number>, O, number> {
  return {
    ...env,
    reset(rng: Rng) {
      const start = env.reset(rng);
      track.start(start.state.inner, start.obs);
      return start;
    },
    step(state: TimeLimitedState<number>, action: number, rng: Rng): StepResult<TimeLimitedState<number>, O> {
      const result = env.step(state, action, rng);
      track.step(action, result.state.inner, result.obs, result.reward);
      return result;
    },
  };
}
