/**
 * What the duel and the Pong match share as games a person plays against the agent in lockstep:
 * the phase, and the person's keys latched between two steps (KeyLatch). A key starts a waiting
 * game; each subclass says what a step is and what the agent is asked about.
 */
import { togglePause, type PlayPhase } from '../../lib/loop/play-phase';
import { KeyLatch } from './key-latch';
import type { LockstepGame } from './lockstep-driver.svelte';

export abstract class LockstepPlay implements LockstepGame {
  phase = $state<PlayPhase>('ready');
  /** The person's last action (for the on-screen buttons), -1 before the first. */
  lastAction = $state(-1);

  protected readonly keys = new KeyLatch();

  abstract get agentState(): object | null;
  abstract agentObservation(): number[];
  abstract step(agentAction?: number): void;

  get running(): boolean {
    return this.phase === 'running';
  }

  /** A key (or an on-screen button) for action `action` went down: a waiting game starts. */
  press(action: number): void {
    if (this.phase === 'over') return;
    this.keys.press(action);
    if (this.phase === 'ready') this.phase = 'running';
  }

  release(action: number): void {
    this.keys.release(action);
  }

  start(): void {
    if (this.phase === 'ready') this.phase = 'running';
  }

  togglePause(): void {
    this.phase = togglePause(this.phase);
  }
}
