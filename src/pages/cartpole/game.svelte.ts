/**
 * A person playing CartPole on the main thread: the episode, its seeded reset, the push the
 * person chose, and the scores. Time is not kept here; the page calls step() at real time
 * (step-clock.ts), so this class runs unchanged in Node tests.
 *
 * Controls: CartPole has two actions and no "do nothing", so some push acts at every step. The
 * last arrow pressed keeps pushing until the other one is pressed, as in the classic game and as
 * the MDP itself (an agent also picks left or right at every step). An episode waits for the
 * first arrow, so a person is never surprised by a pole that fell before they were ready; with
 * the agent at the controls the next episode starts at once.
 */
import { makeCartPole, type CartPoleState } from '../../../environments/classic/cartpole';
import { deriveRng, type Rng } from '../../../environments/core/rng';
import type { TimeLimitedState } from '../../../environments/core/time-limit';
import type { CartPoleScene, PushDirection } from '../../lib/render/cartpole/scene';

export const MAX_SEED = 2 ** 31 - 1;
export const SPEEDS = [0.25, 0.5, 1] as const;
export type PlaySpeed = (typeof SPEEDS)[number];

/** ready: reset, waiting for the first push. over: terminated or truncated, waiting for a reset. */
export type Phase = 'ready' | 'running' | 'paused' | 'over';
export type EndReason = 'fallen' | 'out-of-bounds' | 'fallen-and-out-of-bounds' | 'time-limit' | 'reset';

/**
 * Who chooses the action at each step: the person's last push, or the agent's greedy choice
 * (the page asks the training worker for it and passes it to step()). The agent can take over
 * at any moment; an arrow key gives control back to the person.
 */
export type Controller = 'person' | 'agent';

/** Who played an episode: the person, the agent, or both in turn. */
export type Player = 'you' | 'agent' | 'you + agent';

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

const HISTORY_LENGTH = 8;

export class CartPoleGame {
  readonly env = makeCartPole();

  // --- who controls the cart (see Controller) ---
  controller = $state<Controller>('person');

  // --- the episode ---
  seed = $state(1);
  /** 1 for the first episode of a seed. Episode k resets from deriveRng(seed, `episode-${k}`). */
  episode = $state(0);
  state = $state.raw<TimeLimitedState<CartPoleState>>({ inner: { x: 0, xDot: 0, theta: 0, thetaDot: 0 }, elapsed: 0 });
  phase = $state<Phase>('ready');
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

  private rng: Rng = deriveRng(1, 'episode-0');
  private recorded = 0;
  /** Steps of this episode each controller took. */
  private personSteps = 0;
  private agentSteps = 0;

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
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) return `The seed must be a whole number from 0 to ${MAX_SEED}.`;
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

  /** What the agent sees: [x, xDot, theta, thetaDot]. */
  observation(): number[] {
    const { x, xDot, theta, thetaDot } = this.state.inner;
    return [x, xDot, theta, thetaDot];
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
    if (this.phase === 'running') this.phase = 'paused';
    else if (this.phase === 'paused') this.phase = 'running';
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
      this.agentSteps++;
    } else {
      action = this.push === 1 ? 1 : 0; // CARTPOLE_ACTIONS: 0 pushes left, 1 pushes right
      this.personSteps++;
    }
    const result = this.env.step(this.state, action, this.rng);
    this.state = result.state;
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
    const player: Player = this.agentSteps === 0 ? 'you' : this.personSteps === 0 ? 'agent' : 'you + agent';
    const entry: EpisodeRecord = { id: this.recorded++, seed: this.seed, episode: this.episode, steps: this.state.elapsed, return: this.episodeReturn, reason, player };
    this.history = [entry, ...this.history].slice(0, HISTORY_LENGTH);
  }

  private newEpisode(): void {
    this.episode += 1;
    // NOTE: one stream per episode, derived from the seed and the episode number only: episode k
    // of a seed starts from the same state however long the earlier episodes ran.
    this.rng = deriveRng(this.seed, `episode-${this.episode}`);
    this.state = this.env.reset(this.rng).state;
    this.phase = this.controller === 'agent' ? 'running' : 'ready';
    this.push = 0;
    this.personSteps = 0;
    this.agentSteps = 0;
    this.terminated = false;
    this.truncated = false;
    this.endReason = null;
    this.episodeReturn = 0;
  }
}
