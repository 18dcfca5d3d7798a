/**
 * Plays back a learner's episode (a rollout answer from the worker) on the world view, a step at
 * a time, so a person can follow the return-to-go counting down as rewards arrive: at step t the
 * view shows the state the learner acted on, R_t as the decision transformer was told it, the
 * action it chose and what that decision attended to. After the last step it shows where the
 * episode ended and the return achieved. Time is the page's: it calls `advance()` on a timer.
 */
import type { RolloutAnswer, RolloutStep } from '../../../agents/runner/offline/offline-protocol';
import type { TrailStep } from '../../lib/render/gridworld/scene';

export class EpisodePlayer {
  /** Steps shown so far: 0 is the start; steps.length is the end. */
  shown = $state(0);

  constructor(readonly answer: RolloutAnswer) {}

  get finished(): boolean {
    return this.shown >= this.answer.steps.length;
  }

  /** The decision on screen: the step about to be taken, or the last one once the episode is over. */
  get current(): RolloutStep | null {
    const steps = this.answer.steps;
    return steps[Math.min(this.shown, steps.length - 1)] ?? null;
  }

  /** What the view draws: the state before the current step, or where the episode ended. */
  get frame(): number | number[] {
    return this.finished ? this.answer.finalFrame : this.answer.steps[this.shown].frame;
  }

  /** Rewards collected up to the step shown. */
  get collected(): number {
    let sum = 0;
    for (let t = 0; t < this.shown; t++) sum += this.answer.steps[t].reward;
    return sum;
  }

  /** R_t now: the target less the rewards so far (null for behaviour cloning). */
  get returnToGo(): number | null {
    return this.answer.target === null ? null : this.answer.target - this.collected;
  }

  /** Gridworlds: the moves so far, for the trail. */
  get trail(): TrailStep[] {
    const steps = this.answer.steps;
    const out: TrailStep[] = [];
    for (let t = 0; t < this.shown; t++) {
      const move = steps[t].move;
      const to = t + 1 < steps.length ? steps[t + 1].frame : this.answer.finalFrame;
      if (move && typeof steps[t].frame === 'number' && typeof to === 'number') out.push({ from: steps[t].frame as number, to, intended: move.intended, actual: move.actual });
    }
    return out;
  }

  advance(): void {
    if (!this.finished) this.shown += 1;
  }

  skipToEnd(): void {
    this.shown = this.answer.steps.length;
  }
}
