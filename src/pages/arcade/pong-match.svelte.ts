/**
 * A Pong match on the arcade page: a person on the LEFT paddle (arrow keys or buttons) against the
 * agent on the RIGHT, first to a chosen score. The agent is the one running in the worker (trained
 * or loaded on 'arcade/pong', where it plays the right paddle), so it reads the court exactly as it
 * learned it: `observePong(state, 'right')`. When no agent is ready the right paddle can be the
 * scripted opponent instead (`pongOpponentAction`), so a match is always playable.
 *
 * Time is not kept here: the page's clock and LockstepDriver call step() at the chosen speed, and
 * the agent's step waits for its answer about the current state. Plain class: runs in Node tests.
 *
 * Randomness: match k of a seed serves from `deriveRng(seed, 'match-k')` and the scripted opponent
 * lapses from its own stream, so a match against the agent and one against the script see the same
 * serves for the same play. No sticky actions here: the keys act at once (the agent trained with
 * MinAtar's 10% sticky actions, which only makes it more robust to this).
 */
import { deriveRng, type Rng } from '../../../environments/core/rng';
import { observePong, pongOpponentAction, resetPong, resolvePongParams, stepPong, type PongParams, type PongState } from '../../../environments/arcade/pong';
import { withRecent } from '../../lib/loop/episode-record';
import type { ArcadeScene } from '../../lib/render/arcade/scene';
import { LockstepPlay } from './lockstep-play.svelte';

/** Scores a match can be played to. */
export const MATCH_TARGETS = [3, 5, 7, 11] as const;
export type MatchTarget = (typeof MATCH_TARGETS)[number];
export type MatchOpponent = 'agent' | 'scripted';
export type MatchWinner = 'you' | 'agent';

/**
 * The court as the person sees it: their paddle (left) blue, the agent's (right) red. The planes
 * are the agent's own (observePong's channels: its paddle, its opponent, ball, trail), so
 * "What the agent sees" uses the same colours in the same order.
 */
export const MATCH_COLORS: readonly number[] = [0xe05a5a, 0x5aa9e6, 0xffffff, 0x4f6479];
const COURT_CHANNELS = ['agent', 'you', 'ball', 'trail'] as const;

export interface MatchRecord {
  readonly match: number;
  readonly opponent: MatchOpponent;
  readonly you: number;
  readonly agent: number;
  readonly winner: MatchWinner;
  readonly steps: number;
}

export class PongMatch extends LockstepPlay {
  /** Match number within the seed: match k is always served the same way. */
  match = $state(1);
  state = $state.raw<PongState>(null as unknown as PongState);
  steps = $state(0);
  targetScore = $state<MatchTarget>(5);
  opponent = $state<MatchOpponent>('agent');
  /** Matches finished so far, newest first. */
  history = $state.raw<readonly MatchRecord[]>([]);

  private params: Readonly<PongParams> = resolvePongParams();
  private serveRng: Rng = deriveRng(1, 'match-1');
  private opponentRng: Rng = deriveRng(1, 'match-1-opponent');

  constructor(
    readonly seed = 1,
    options: { targetScore?: MatchTarget; opponent?: MatchOpponent } = {},
  ) {
    super();
    this.targetScore = options.targetScore ?? 5;
    this.opponent = options.opponent ?? 'agent';
    this.restart();
  }

  get you(): number {
    return this.state.leftScore;
  }

  get agent(): number {
    return this.state.rightScore;
  }

  get winner(): MatchWinner | null {
    if (!this.state.terminal) return null;
    return this.state.leftScore > this.state.rightScore ? 'you' : 'agent';
  }

  /** The agent is asked only while it plays and the match goes on. */
  get agentState(): object | null {
    return this.opponent === 'agent' && !this.state.terminal ? this.state : null;
  }

  agentObservation(): number[] {
    return Array.from(observePong(this.state, 'right', this.params));
  }

  /** The planes the agent reads (its own paddle first): for "What the agent sees". */
  get agentPlanes(): Float32Array {
    return observePong(this.state, 'right', this.params);
  }

  /** The court drawn from the same planes, coloured for the person. */
  get scene(): ArcadeScene {
    return {
      height: this.params.height,
      width: this.params.width,
      channels: COURT_CHANNELS,
      colors: MATCH_COLORS,
      planes: this.agentPlanes,
      over: this.phase === 'over',
    };
  }

  setTarget(target: MatchTarget): void {
    if (target === this.targetScore) return;
    this.targetScore = target;
    this.restart();
  }

  setOpponent(opponent: MatchOpponent): void {
    if (opponent === this.opponent) return;
    this.opponent = opponent;
    this.restart();
  }

  /**
   * One step: the person's key moves the left paddle; the right paddle takes `agentAction` (the
   * agent's answer about the current state) or, against the script, the scripted move. Against the
   * agent, no action means no step: the match waits for its answer.
   */
  step(agentAction?: number): void {
    if (this.phase !== 'running') return;
    let right: number;
    if (this.opponent === 'agent') {
      if (agentAction !== 0 && agentAction !== 1 && agentAction !== 2) return;
      right = agentAction;
    } else {
      right = pongOpponentAction(this.state, 'right', this.opponentRng, this.params.opponentSkill, this.params);
    }
    const left = this.keys.take();
    const result = stepPong(this.state, left, right, this.serveRng, this.params);
    this.state = result.state;
    this.lastAction = left;
    this.steps += 1;
    if (!result.terminated) return;
    this.phase = 'over';
    const record: MatchRecord = { match: this.match, opponent: this.opponent, you: this.you, agent: this.agent, winner: this.winner ?? 'agent', steps: this.steps };
    this.history = withRecent(this.history, record);
  }

  /** The next match of the seed, same settings; it starts at once (the rematch button was the key). */
  rematch(): void {
    this.match += 1;
    this.restart();
    this.phase = 'running';
  }

  /** This match afresh from its first serve (new settings), waiting for a key. */
  restart(): void {
    this.params = resolvePongParams({ targetScore: this.targetScore });
    this.serveRng = deriveRng(this.seed, `match-${this.match}`);
    this.opponentRng = deriveRng(this.seed, `match-${this.match}-opponent`);
    this.state = resetPong(this.serveRng, this.params);
    this.phase = 'ready';
    this.steps = 0;
    this.lastAction = -1;
    this.keys.clear();
  }
}
