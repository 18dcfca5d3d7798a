/**
 * A duel on the arcade page: the person and the agent play the SAME seeded game side by side, one
 * step each at a time. Round k of a seed is episode k of that seed on the Play tab
 * (`episodeRng(seed, k)`), so both sides meet the same world: same start, same spawns, and
 * the same sticky-action draws (the env draws them from that one stream).
 *
 * Lockstep: every step takes the person's key (the Play tab's rule: a tap since the last step,
 * else the key held, else noop) and the agent's answer about its own game's current state; while
 * the agent has not answered, both wait (LockstepDriver). Each side ends on its own game over (or
 * the time limit); the other plays on alone, at the same speed. When both are over the scores are
 * compared.
 *
 * Replay: the agent's chosen actions are recorded; `startReplay()` re-simulates its game from the
 * seed with them, a step at a time at the page's speed. The env is pure and every draw (sticky
 * actions included) comes from the episode's stream, so the replay is the game, frame for frame.
 * Plain class: runs in Node tests.
 */
import type { TimeLimitedArcadeEnv, ArcadeState } from '../../../environments/arcade';
import { requireWorld } from '../../../environments/core/registry';
import type { Rng } from '../../../environments/core/rng';
import type { TimeLimitedState } from '../../../environments/core/time-limit';
import { episodeRng } from '../../lib/loop/seeded-episodes';
import type { ArcadeScene } from '../../lib/render/arcade/scene';
import type { ArcadeGameInfo } from './catalogue';
import { LockstepPlay } from './lockstep-play.svelte';

type GameState = TimeLimitedState<ArcadeState<{ readonly terminal: boolean }>>;
type GameEnv = TimeLimitedArcadeEnv<{ readonly terminal: boolean }>;

export type DuelWinner = 'you' | 'agent' | 'draw';
export type RunEnd = 'game over' | 'time limit';

export interface DuelResult {
  readonly you: number;
  readonly agent: number;
  readonly winner: DuelWinner;
}

/** One side's game: episode `episode` of `seed`, stepped with given actions, every action recorded. */
export class SeededRun {
  state = $state.raw<GameState>(null as unknown as GameState);
  obs = $state.raw<Float32Array>(new Float32Array(0));
  score = $state(0);
  /** How the game ended, null while it goes on. */
  end = $state<RunEnd | null>(null);
  /** The actions chosen at each step, in order (sticky repeats are the env's doing, not recorded). */
  readonly actions: number[] = [];

  private readonly rng: Rng;

  constructor(
    readonly env: GameEnv,
    readonly seed: number,
    readonly episode: number,
  ) {
    // The Play tab's stream for episode k of a seed: the same game.
    this.rng = episodeRng(seed, episode);
    const start = env.reset(this.rng);
    this.state = start.state as GameState;
    this.obs = start.obs;
  }

  get over(): boolean {
    return this.end !== null;
  }

  get steps(): number {
    return this.state.elapsed;
  }

  step(action: number): void {
    if (this.end !== null) return;
    const result = this.env.step(this.state, action, this.rng);
    this.actions.push(action);
    this.state = result.state as GameState;
    this.obs = result.obs;
    this.score += result.reward;
    if (result.terminated) this.end = 'game over';
    else if (result.truncated) this.end = 'time limit';
  }
}

export class ArcadeDuel extends LockstepPlay {
  readonly env: GameEnv;
  /** Round k of the seed is episode k of the Play tab. */
  round = $state(1);
  you = $state.raw<SeededRun>(null as unknown as SeededRun);
  agent = $state.raw<SeededRun>(null as unknown as SeededRun);
  /** The agent's game re-simulated from its recorded actions (null: no replay). */
  replay = $state.raw<SeededRun | null>(null);
  /** Steps of the replay taken (replay.steps, but reactive through this field). */
  replayStep = $state(0);

  constructor(
    readonly game: ArcadeGameInfo,
    readonly seed = 1,
    round = 1,
  ) {
    super();
    this.env = requireWorld(game.id).create() as GameEnv;
    this.newRound(round);
  }

  /** The agent is asked while its own game goes on; after its game over the person plays on alone. */
  get agentState(): object | null {
    return this.phase === 'running' && !this.agent.over ? this.agent.state : null;
  }

  agentObservation(): number[] {
    return Array.from(this.agent.obs);
  }

  get result(): DuelResult | null {
    if (this.phase !== 'over') return null;
    const you = this.you.score;
    const agent = this.agent.score;
    return { you, agent, winner: you > agent ? 'you' : agent > you ? 'agent' : 'draw' };
  }

  /** A replay is under way (steps left to take). */
  get replaying(): boolean {
    return this.replay !== null && this.replayStep < this.agent.actions.length;
  }

  sceneOf(run: SeededRun): ArcadeScene {
    return {
      height: this.env.planes.height,
      width: this.env.planes.width,
      channels: this.game.channels,
      colors: this.game.colors,
      planes: run.obs,
      over: run.over,
    };
  }

  /**
   * One lockstep step: the person's game with the key, the agent's with `agentAction` (its answer
   * about its current state). While the agent's game goes on, no action means no step for either.
   */
  step(agentAction?: number): void {
    if (this.phase !== 'running') return;
    if (!this.agent.over) {
      if (agentAction === undefined || !(Number.isInteger(agentAction) && agentAction >= 0 && agentAction < this.game.actionNames.length)) return;
      this.agent.step(agentAction);
    }
    if (!this.you.over) {
      const action = this.keys.take();
      this.you.step(action);
      this.lastAction = action;
    }
    if (this.you.over && this.agent.over) {
      this.phase = 'over';
      this.keys.clear();
    }
  }

  /** Re-simulate the agent's finished game from the seed with its recorded actions. */
  startReplay(): void {
    if (this.phase !== 'over') return;
    this.replay = new SeededRun(this.env, this.seed, this.round);
    this.replayStep = 0;
  }

  /** One step of the replay (the page calls it at its speed); false when there is none left. */
  stepReplay(): boolean {
    const replay = this.replay;
    if (replay === null || this.replayStep >= this.agent.actions.length) return false;
    replay.step(this.agent.actions[this.replayStep]);
    this.replayStep += 1;
    return true;
  }

  /** The replay reached the end: its last frame and score are the agent's (a check shown on the page). */
  get replayMatches(): boolean {
    const replay = this.replay;
    if (replay === null || this.replaying) return false;
    return replay.score === this.agent.score && replay.end === this.agent.end && replay.obs.every((v, i) => v === this.agent.obs[i]);
  }

  stopReplay(): void {
    this.replay = null;
    this.replayStep = 0;
  }

  /** The next round of the seed (the next episode), waiting for a key. */
  next(): void {
    this.newRound(this.round + 1);
  }

  /** This round afresh. */
  restart(): void {
    this.newRound(this.round);
  }

  private newRound(round: number): void {
    this.round = round;
    this.you = new SeededRun(this.env, this.seed, round);
    this.agent = new SeededRun(this.env, this.seed, round);
    this.phase = 'ready';
    this.replay = null;
    this.replayStep = 0;
    this.lastAction = -1;
    this.keys.clear();
  }
}
