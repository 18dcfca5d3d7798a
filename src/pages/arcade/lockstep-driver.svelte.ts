/**
 * The clock for a game where one side's action comes from the agent in the worker (the Pong match,
 * the duel): the AgentDriver idea (src/lib/loop/agent-driver.svelte.ts) for a game that always
 * steps whole, the person's side and the agent's together.
 *
 * - A due step that needs the agent waits for its answer about the CURRENT state (never a stale
 *   one), then steps with it. Due steps are capped at MAX_OWED, so a slow answer slows the game
 *   rather than making it race to catch up.
 * - A step that does not need the agent (the scripted opponent plays, or the agent's game is over)
 *   steps at once.
 * - The driver asks ahead: as soon as the state changes it asks about the new one, so the answer is
 *   usually in hand when the clock calls for the next step.
 * Time comes in as an argument (`pump(now)`), so Node tests drive it with a fake `ask`.
 */
import type { NetworkReading } from '../../../agents/runner/network-reading';
import { MAX_OWED, type AskAgent } from '../../lib/loop/agent-driver.svelte';

/** What the driver needs of a game. */
export interface LockstepGame {
  /** Steps are taken (not waiting for a start, not paused, not over). */
  readonly running: boolean;
  /**
   * The agent's state now (a new object after each step that moved it: identity tells the driver
   * it moved), or null when the next step needs no answer from the agent.
   */
  readonly agentState: object | null;
  /** The observation the agent gets in `agentState`, as plain numbers. */
  agentObservation(): number[];
  /** One step of the whole game; `agentAction` is the agent's answer about `agentState` (absent when it is null). */
  step(agentAction?: number): void;
}

/** After a failed question, the next one waits this long (no agent yet: do not flood the worker). */
export const RETRY_MS = 500;

export class LockstepDriver {
  /** The network read on the agent's current state (null until the first answer). */
  reading = $state.raw<NetworkReading | null>(null);
  /** Why the agent cannot answer (no agent running yet, ...), else null. */
  error = $state<string | null>(null);
  /** Questions answered so far (for tests and the page's "waiting" hint). */
  answers = 0;

  private asking = false;
  private answer: { state: object; action: number } | null = null;
  private owed = 0;
  private lastNow = 0;
  private failedAt = -Infinity;

  constructor(
    private readonly game: LockstepGame,
    private readonly ask: AskAgent,
  ) {}

  /** The clock says `steps` are due. */
  due(steps: number): void {
    if (!this.game.running) {
      this.owed = 0;
      return;
    }
    this.owed = Math.min(MAX_OWED, this.owed + steps);
  }

  /** Forget the last answer (another agent runs now): the next pump asks again. */
  invalidate(): void {
    this.answer = null;
    this.failedAt = -Infinity;
  }

  /** The steps due are waiting for the agent's answer. */
  get waiting(): boolean {
    return this.owed > 0 && this.game.running && this.game.agentState !== null && this.answer?.state !== this.game.agentState;
  }

  /** Take every due step that can be taken, and ask about the agent's state if its answer is not in hand. */
  pump(now: number): void {
    this.lastNow = now;
    const game = this.game;
    while (this.owed > 0 && game.running) {
      const state = game.agentState;
      if (state === null) game.step();
      else if (this.answer?.state === state) game.step(this.answer.action);
      else break;
      this.owed--;
    }
    if (!game.running) this.owed = 0;
    this.askAhead();
  }

  private askAhead(): void {
    const state = this.game.agentState;
    if (state === null || this.asking || this.answer?.state === state) return;
    if (this.lastNow - this.failedAt < RETRY_MS) return;
    this.asking = true;
    this.ask(this.game.agentObservation()).then(
      (choice) => {
        this.asking = false;
        this.error = null;
        this.answers++;
        // The state may have moved meanwhile (a rematch, a new game): the answer is then stale.
        if (this.game.agentState === state) {
          this.answer = { state, action: choice.action };
          this.reading = choice.reading;
        }
        this.pump(this.lastNow);
      },
      (error: Error) => {
        this.asking = false;
        this.failedAt = this.lastNow;
        this.error = error.message;
      },
    );
  }
}

/**
 * One question at a time to the worker (TrainingClient.act refuses a second while one waits):
 * questions from the page's several drivers queue up behind each other.
 */
export function serialAsk(ask: AskAgent): AskAgent {
  let tail: Promise<unknown> = Promise.resolve();
  return (obs) => {
    const next = tail.then(() => ask(obs));
    tail = next.catch(() => undefined);
    return next;
  };
}
