/**
 * A person playing CartPole on the main thread: the episode, its seeded reset, the push the
 * person chose, and the scores. Time is not kept here; the page calls step() at real time
 * (real-time-play.svelte.ts), so this class runs unchanged in Node tests.
 *
 * Controls: CartPole has two actions and no "do nothing", so some push acts at every step. The
 * last arrow pressed keeps pushing until the other one is pressed, as in the classic game and as
 * the MDP itself (an agent also picks left or right at every step). An episode waits for the
 * first arrow, so a person is never surprised by a pole that fell before they were ready; with
 * the agent at the controls the next episode starts at once.
 *
 * The person always sees the whole cart. What the agent is shown (`observation()`) follows
 * `agentView`: all four numbers, or with the velocities hidden the last few [x, theta] of the
 * episode (agent-view.ts), so an agent trained on hidden velocities is asked what it was trained on.
 */
import { makeCartPole, type CartPoleState } from '../../../environments/classic/cartpole';
import type { Rng } from '../../../environments/core/rng';
import type { TimeLimitedState } from '../../../environments/core/time-limit';
import { PlayerTally, withRecent, type Controller, type Player } from '../../lib/loop/episode-record';
import { togglePause, type PlayPhase } from '../../lib/loop/play-phase';
import { episodeRng, seedError } from '../../lib/loop/seeded-episodes';
import type { CartPoleScene, PushDirection } from '../../lib/render/cartpole/scene';
import { agentObservation, FULL_VIEW, MAX_VIEW_HISTORY, type AgentView } from './agent-view';

export const SPEEDS = [0.25, 0.5, 1] as const;
export type PlaySpeed = (typeof SPEEDS)[number];

export type EndReason = 'fallen' | 'out-of-bounds' | 'fallen-and-out-of-bounds' | 'time-limit' | 'reset';

export interface EpisodeRecord {
  /** Unique within the visit (a seed can be chosen again, repeating seed and episode). */
  readonly id: number;
  readonly seed: number;
  readonly episode: number;
  readonly steps: number;
  readonly return: number;
  readonly reason: EndReason;
  readonly player: Player;
}

export class CartPoleGame {
  readonly env = makeCartPole();

  /**
   * Who chooses the action at each step: the person's last push, or the agent's greedy choice
   * (the page asks the training worker for it and passes it to step()). The agent can take over
   * at any moment; an arrow key gives control back to the person.
   */
  controller = $state<Controller>('person');
  /** What the agent sees of the cart (the page sets it to the running agent's view). */
  agentView = $state.raw<AgentView>(FULL_VIEW);

  // --- the episode ---
  seed = $state(1);
  /** 1 for the first episode of a seed. Episode k resets from its own stream (episodeRng). */
  episode = $state(0);
  state = $state.raw<TimeLimitedState<CartPoleState>>({ inner: { x: 0, xDot: 0, theta: 0, thetaDot: 0 }, elapsed: 0 });
  /** ready: reset, waiting for the first push. over: terminated or truncated, waiting for a reset. */
  phase = $state<PlayPhase>('ready');
  terminated = $state(false);
  truncated = $state(false);
  endReason = $state<EndReason | null>(null);
  episodeReturn = $state(0);

  // --- the person's input and the pace ---
  /** The push the person chose last; 0 until the first arrow of an episode. */
  push = $state<PushDirection>(0);
  speed = $state<PlaySpeed>(1);

  // --- scores across episodes ---
  /** The best return of this visit, the running episode included. */
  best = $state(0);
  history = $state.raw<readonly EpisodeRecord[]>([]);

  private rng: Rng = episodeRng(1, 0);
  /** The episode's latest states, oldest first (at most MAX_VIEW_HISTORY): the agent's history window. */
  private recent: CartPoleState[] = [];
  private recorded = 0;
  /** Who took this episode's steps. */
  private readonly players = new PlayerTally();

  constructor(seed = 1) {
    this.setSeed(seed);
  }

  /** The 500-step limit (CartPole-v1). */
  get maxSteps(): number {
    return this.env.maxSteps;
  }

  /** What the renderer draws. */
  readonly scene: CartPoleScene = $derived({
    state: this.state.inner,
    params: this.env.params,
    pushing: this.phase === 'over' ? 0 : this.push,
    terminated: this.terminated,
    truncated: this.truncated,
  });

  /** Start over from episode 1 of another seed. Returns an error message, or null. */
  setSeed(seed: number): string | null {
    const error = seedError(seed);
    if (error) return error;
    this.seed = seed;
    this.episode = 0;
    this.newEpisode();
    return null;
  }

  /** End the current episode (recorded if it had begun) and start the next one. */
  reset(): void {
    if (this.phase === 'running' || this.phase === 'paused') this.record('reset');
    this.newEpisode();
  }

  /** What the agent sees: [x, xDot, theta, thetaDot], or with hidden velocities the last [x, theta] pairs (agent-view.ts). */
  observation(): number[] {
    return agentObservation(this.recent, this.agentView);
  }

  /**
   * The person pressed an arrow (or a push button): that push acts from the next step on. With
   * the agent at the controls, the arrow takes control back.
   */
  pressPush(direction: -1 | 1): void {
    if (this.phase === 'over') return;
    this.controller = 'person';
    this.push = direction;
    if (this.phase === 'ready') this.phase = 'running';
  }

  /** The agent takes the controls from the next step on; a waiting episode starts. */
  takeOver(): void {
    this.controller = 'agent';
    if (this.phase === 'ready') this.phase = 'running';
  }

  togglePause(): void {
    this.phase = togglePause(this.phase);
  }

  /**
   * One environment step with the controller's action: the person's push, or `agentAction`
   * (0 pushes left, 1 right) when the agent has the controls; without it the agent's step waits.
   */
  step(agentAction?: number): void {
    if (this.phase !== 'running') return;
    let action: number;
    if (this.controller === 'agent') {
      if (agentAction !== 0 && agentAction !== 1) return;
      action = agentAction;
      this.push = action === 1 ? 1 : -1;
    } else {
      action = this.push === 1 ? 1 : 0; // CARTPOLE_ACTIONS: 0 pushes left, 1 pushes right
    }
    this.players.count(this.controller);
    const result = this.env.step(this.state, action, this.rng);
    this.state = result.state;
    this.recent.push(result.state.inner);
    if (this.recent.length > MAX_VIEW_HISTORY) this.recent.shift();
    this.episodeReturn += result.reward;
    if (this.episodeReturn > this.best) this.best = this.episodeReturn;
    if (!result.terminated && !result.truncated) return;
    this.terminated = result.terminated;
    this.truncated = result.truncated;
    this.phase = 'over';
    this.record(result.truncated ? 'time-limit' : this.terminationReason());
  }

  private terminationReason(): EndReason {
    const { x, theta } = this.state.inner;
    const { xThreshold, thetaThreshold } = this.env.params;
    const fallen = Math.abs(theta) > thetaThreshold;
    const out = Math.abs(x) > xThreshold;
    return fallen && out ? 'fallen-and-out-of-bounds' : out ? 'out-of-bounds' : 'fallen';
  }

  private record(reason: EndReason): void {
    this.endReason = reason;
    const entry: EpisodeRecord = { id: this.recorded++, seed: this.seed, episode: this.episode, steps: this.state.elapsed, return: this.episodeReturn, reason, player: this.players.player };
    this.history = withRecent(this.history, entry);
  }

  private newEpisode(): void {
    this.episode += 1;
    this.rng = episodeRng(this.seed, this.episode);
    this.state = this.env.reset(this.rng).state;
    this.recent = [this.state.inner];
    this.phase = this.controller === 'agent' ? 'running' : 'ready';
    this.push = 0;
    this.players.clear();
    this.terminated = false;
    this.truncated = false;
    this.endReason = null;
    this.episodeReturn = 0;
  }
}
