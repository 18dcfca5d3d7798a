/**
 * A person playing a partially observed world on the main thread: the page's own copy of the
 * POMDP (the same model and window as the training run), stepped by the arrow keys. It keeps what
 * the page shows: the penguin and its trail (the god's-eye view), the current view (what the
 * penguin sees), the exact belief over cells given the views so far (environments/pomdp/
 * belief.ts), and the return.
 *
 * Episode k of a seed draws from its own stream (episodeRng): the same start, slips and noise
 * every time. An episode ends when the world ends it (the fish, a goal) or at its time limit;
 * Enter starts the next one.
 */
import type { Rng } from '../../../environments/core/rng';
import type { TimeLimitedState } from '../../../environments/core/time-limit';
import { beliefFilter, type BeliefFilter } from '../../../environments/pomdp/belief';
import { makePomdpGridworld, type TimeLimitedPomdpGridEnv } from '../../../environments/pomdp/env';
import { BELIEF_MAX_CELLS } from '../../../agents/runner/pomdp/episode-track';
import type { PomdpWorld } from '../../../agents/runner/pomdp/world';
import type { TrailStep } from '../../lib/render/gridworld';
import { episodeRng, seedError } from '../../lib/loop/seeded-episodes';

export type GameEnd = 'terminated' | 'truncated';

export class PomdpGame {
  world = $state.raw() as PomdpWorld;
  seed = $state(1);
  /** 1 for the first episode of a seed. */
  episode = $state(0);
  state = $state.raw<TimeLimitedState<number>>({ inner: 0, elapsed: 0 });
  /** The view now (the observation vector). */
  view = $state.raw<Float32Array>(new Float32Array(0));
  /** Exact belief over cells; null on worlds too big for it. */
  belief = $state.raw<number[] | null>(null);
  trail = $state.raw<TrailStep[]>([]);
  episodeReturn = $state(0);
  /** sum_t gamma^t r_t so far: what the exact values on the page measure. */
  discountedReturn = $state(0);
  end = $state<GameEnd | null>(null);
  /** The views and actions of the episode (for the agent's advice on the person's game). */
  views: Float32Array[] = [];
  actions: number[] = [];

  private env!: TimeLimitedPomdpGridEnv;
  private filter: BeliefFilter | null = null;
  private rng!: Rng;

  constructor(world: PomdpWorld) {
    this.setWorld(world);
  }

  /** Another world (or window): a fresh first episode of the same seed. */
  setWorld(world: PomdpWorld): void {
    this.world = world;
    this.env = makePomdpGridworld(world.model, world.observation);
    this.filter = world.model.nS <= BELIEF_MAX_CELLS ? beliefFilter(world.observer) : null;
    this.episode = 0;
    this.reset();
  }

  /** Plays `seed` from its first episode; returns why not, or null. */
  setSeed(seed: number): string | null {
    const error = seedError(seed);
    if (error) return error;
    this.seed = seed;
    this.episode = 0;
    this.reset();
    return null;
  }

  /** The next episode. */
  reset(): void {
    this.episode++;
    this.rng = episodeRng(this.seed, this.episode);
    const start = this.env.reset(this.rng);
    this.state = start.state;
    this.view = start.obs;
    this.views = [start.obs];
    this.actions = [];
    this.belief = this.filter ? Array.from(this.filter.initial(start.obs)) : null;
    this.trail = [];
    this.episodeReturn = 0;
    this.discountedReturn = 0;
    this.end = null;
  }

  get over(): boolean {
    return this.end !== null;
  }

  /** One move (0..3: up, right, down, left); nothing once the episode is over. */
  move(action: number): void {
    if (this.over) return;
    const from = this.state.inner;
    const result = this.env.step(this.state, action, this.rng);
    const gamma = this.world.spec.gamma;
    this.discountedReturn += gamma ** this.state.elapsed * result.reward;
    this.episodeReturn += result.reward;
    this.state = result.state;
    this.view = result.obs;
    this.views = [...this.views, result.obs];
    this.actions = [...this.actions, action];
    if (this.filter && this.belief) this.belief = Array.from(this.filter.update(this.belief, action, result.obs));
    const actual = result.info?.actual ?? action;
    this.trail = [...this.trail, { from, to: result.state.inner, intended: action, actual }];
    if (result.terminated) this.end = 'terminated';
    else if (result.truncated) this.end = 'truncated';
  }
}
