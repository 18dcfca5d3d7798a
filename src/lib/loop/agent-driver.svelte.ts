/**
 * The trained agent at a page's own game (CartPole, the arcade games). The network lives in the training worker,
 * so every choice is a question and an answer (TrainingClient.act): the greedy action for the
 * state shown and the network reading behind it. One question is in flight at a time.
 *
 * - With the agent at the controls, a step that is due waits for the answer about the current
 *   state, then steps with it: the game never acts on a stale state. Due steps are capped at
 *   MAX_OWED, so a slow answer slows the game rather than making it race to catch up.
 * - With the person at the controls, the answers are the agent's advice: the network panel shows
 *   what it would do in the state on screen.
 * While training changes the weights, the reading of an unchanged state is renewed every
 * REFRESH_MS. Time comes in as an argument (`pump(now)`), so Node tests drive it.
 */
import type { AgentChoiceReading } from '../../../agents/runner/world-deep-session';
import type { NetworkReading } from '../../../agents/runner/network-reading';

/** What the driver needs of a page's game. */
export interface DrivenGame {
  /** The current state: a new object after every step (identity tells the driver it moved). */
  readonly state: object;
  readonly controller: 'person' | 'agent';
  readonly phase: 'ready' | 'running' | 'paused' | 'over';
  /** The observation the agent gets in the current state, as plain numbers. */
  observation(): number[];
  /** One step with the agent's action (it is at the controls). */
  step(agentAction: number): void;
}

/** The most steps the agent may owe the clock. */
export const MAX_OWED = 2;
/** An answer about an unchanged state is renewed after this long (the weights may have moved). */
export const REFRESH_MS = 250;

export type AskAgent = (obs: readonly number[]) => Promise<AgentChoiceReading>;

export class AgentDriver {
  /** The network read on the state shown (null until the first answer). */
  reading = $state.raw<NetworkReading | null>(null);
  /** The agent's greedy action in the state shown: 0 pushes left, 1 right. */
  advice = $state<number | null>(null);
  /** Why the agent cannot answer (no agent running yet, ...), else null. */
  error = $state<string | null>(null);

  private asking = false;
  private answeredFor: object | null = null;
  private answeredAt = -Infinity;
  private owed = 0;
  private lastNow = 0;

  constructor(
    private readonly game: DrivenGame,
    private readonly ask: AskAgent,
  ) {}

  /** The clock says `steps` are due: the agent takes them as its answers arrive. */
  due(steps: number): void {
    if (this.game.controller !== 'agent' || this.game.phase !== 'running') {
      this.owed = 0;
      return;
    }
    this.owed = Math.min(MAX_OWED, this.owed + steps);
  }

  /** Forget the last answer (another agent runs now): the next pump asks again. */
  invalidate(): void {
    this.answeredFor = null;
    this.answeredAt = -Infinity;
  }

  /** Step if an answer about the current state is in hand and a step is due; else ask. */
  pump(now: number): void {
    this.lastNow = now;
    const state = this.game.state;
    if (this.answeredFor === state && this.takeDueStep()) return;
    if (this.asking) return;
    if (this.answeredFor === state && now - this.answeredAt < REFRESH_MS) return;
    this.asking = true;
    this.ask(this.game.observation()).then(
      (choice) => {
        this.asking = false;
        this.error = null;
        if (this.game.state !== state) return this.pump(this.lastNow); // the person moved on meanwhile
        this.answeredFor = state;
        this.answeredAt = this.lastNow;
        this.reading = choice.reading;
        this.advice = choice.action;
        this.pump(this.lastNow);
      },
      (error: Error) => {
        this.asking = false;
        this.error = error.message;
      },
    );
  }

  private takeDueStep(): boolean {
    const game = this.game;
    if (game.controller !== 'agent' || game.phase !== 'running' || this.owed === 0 || this.advice === null) return false;
    this.owed--;
    game.step(this.advice);
    this.pump(this.lastNow);
    return true;
  }
}
