/**
 * A person (or the agent) playing one arcade game on the main thread: the seeded episode, the
 * keys held, the score and the recent episodes. Time is not kept here: the page calls step() at
 * the chosen steps per second (src/lib/loop/real-time-play.svelte.ts), so this class runs in Node
 * tests.
 *
 * Keys (KeyLatch): the action at a step is the key pressed since the last step (a tap between two
 * steps still counts), else the key still held, else noop (action 0 in every minimal set). An
 * episode waits for the first key, as on the CartPole page; with the agent at the controls it runs
 * at once.
 */
import type { Rng } from '../../../environments/core/rng';
import type { TimeLimitedArcadeEnv, ArcadeState } from '../../../environments/arcade';
import type { TimeLimitedState } from '../../../environments/core/time-limit';
import { requireWorld } from '../../../environments/core/registry';
import type { DrivenGame } from '../../lib/loop/agent-driver.svelte';
import { PlayerTally, withRecent, type Controller, type Player } from '../../lib/loop/episode-record';
import { togglePause, type PlayPhase } from '../../lib/loop/play-phase';
import { episodeRng, seedError } from '../../lib/loop/seeded-episodes';
import type { ArcadeScene } from '../../lib/render/arcade/scene';
import type { ArcadeGameInfo } from './catalogue';
import { KeyLatch } from './key-latch';

/** Steps a second a person can choose; MinAtar's objects move a cell a step. */
export const ARCADE_SPEEDS = [4, 8, 12, 20] as const;
export type ArcadeSpeed = (typeof ARCADE_SPEEDS)[number];

export interface ArcadeEpisode {
  readonly id: number;
  readonly seed: number;
  readonly episode: number;
  readonly steps: number;
  readonly score: number;
  readonly player: Player;
  /** Why it ended: the game's own end, or the time limit, or a reset. */
  readonly end: 'game over' | 'time limit' | 'reset';
}

type GameState = TimeLimitedState<ArcadeState<{ readonly terminal: boolean }>>;

export class ArcadePlay implements DrivenGame {
  readonly env: TimeLimitedArcadeEnv<{ readonly terminal: boolean }>;
  controller = $state<Controller>('person');
  seed = $state(1);
  episode = $state(0);
  state = $state.raw<GameState>(null as unknown as GameState);
  obs = $state.raw<Float32Array>(new Float32Array(0));
  phase = $state<PlayPhase>('ready');
  score = $state(0);
  best = $state(0);
  /** The last action taken (for the on-screen buttons), -1 before the first. */
  lastAction = $state(-1);
  speed = $state<ArcadeSpeed>(8);
  history = $state.raw<readonly ArcadeEpisode[]>([]);
  /** Flat extras of the last step (oxygen, time left, ...). */
  info = $state.raw<Readonly<Record<string, number>>>({});

  private rng: Rng = episodeRng(1, 0);
  private readonly keys = new KeyLatch();
  private recorded = 0;
  /** Who took this episode's steps. */
  private readonly players = new PlayerTally();

  constructor(
    readonly game: ArcadeGameInfo,
    seed = 1,
  ) {
    this.env = requireWorld(game.id).create() as TimeLimitedArcadeEnv<{ readonly terminal: boolean }>;
    this.setSeed(seed);
  }

  /** What the renderer draws (a getter: read inside a component, it tracks obs and phase). */
  get scene(): ArcadeScene {
    return {
      height: this.env.planes.height,
      width: this.env.planes.width,
      channels: this.game.channels,
      colors: this.game.colors,
      planes: this.obs,
      over: this.phase === 'over',
    };
  }

  observation(): number[] {
    return Array.from(this.obs);
  }

  /** Start over from episode 1 of another seed. Returns an error message, or null. */
  setSeed(seed: number): string | null {
    const error = seedError(seed);
    if (error) return error;
    this.seed = seed;
    this.episode = 0;
    this.newEpisode();
    return null;
  }

  /** A key (or an on-screen button) for agent action `action` went down. */
  press(action: number): void {
    if (this.phase === 'over') return;
    this.controller = 'person';
    this.keys.press(action);
    if (this.phase === 'ready') this.phase = 'running';
  }

  release(action: number): void {
    this.keys.release(action);
  }

  /** The agent takes the controls from the next step on; a waiting episode starts. */
  takeOver(): void {
    this.controller = 'agent';
    this.keys.clear();
    if (this.phase === 'ready') this.phase = 'running';
  }

  togglePause(): void {
    this.phase = togglePause(this.phase);
  }

  /** End the current episode (recorded if it had begun) and start the next one. */
  reset(): void {
    if (this.phase === 'running' || this.phase === 'paused') this.record('reset');
    this.newEpisode();
  }

  /**
   * One step with the controller's action: the person's key, or `agentAction` when the agent
   * has the controls (without it the agent's step waits).
   */
  step(agentAction?: number): void {
    if (this.phase !== 'running') return;
    let action: number;
    if (this.controller === 'agent') {
      if (agentAction === undefined || !(Number.isInteger(agentAction) && agentAction >= 0 && agentAction < this.game.actionNames.length)) return;
      action = agentAction;
    } else {
      action = this.keys.take();
    }
    this.players.count(this.controller);
    const result = this.env.step(this.state, action, this.rng);
    this.state = result.state as GameState;
    this.obs = result.obs;
    this.info = result.info ?? {};
    this.lastAction = action;
    this.score += result.reward;
    if (this.score > this.best) this.best = this.score;
    if (!result.terminated && !result.truncated) return;
    this.phase = 'over';
    this.record(result.truncated ? 'time limit' : 'game over');
  }

  private record(end: ArcadeEpisode['end']): void {
    const entry: ArcadeEpisode = { id: this.recorded++, seed: this.seed, episode: this.episode, steps: this.state.elapsed, score: this.score, player: this.players.player, end };
    this.history = withRecent(this.history, entry);
  }

  private newEpisode(): void {
    this.episode += 1;
    this.rng = episodeRng(this.seed, this.episode);
    const start = this.env.reset(this.rng);
    this.state = start.state as GameState;
    this.obs = start.obs;
    this.info = {};
    this.phase = this.controller === 'agent' ? 'running' : 'ready';
    this.score = 0;
    this.lastAction = -1;
    this.keys.clear();
    this.players.clear();
  }
}
