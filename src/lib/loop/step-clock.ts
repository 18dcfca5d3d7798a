/**
 * Real time for a fixed-step simulation: how many steps of `stepMs` are due at each animation
 * frame. The remainder carries over to the next frame, so the long-run rate is exactly
 * speed x 1000 / stepMs steps a second (50 for CartPole's tau = 0.02 s at 1x) whatever the
 * display's refresh rate: no drift, and no rounding to whole frames.
 */
export class StepClock {
  private last: number | null = null;
  /** Simulated milliseconds owed but not yet stepped (always below one step after advance). */
  private owed = 0;

  /**
   * @param stepMs simulated milliseconds per step (tau x 1000).
   * @param maxGapMs the most wall time one frame may account for: after a hidden tab or a long
   *   stall the simulation resumes rather than racing through the backlog.
   */
  constructor(
    readonly stepMs: number,
    readonly maxGapMs = 100,
  ) {
    if (!(stepMs > 0)) throw new Error(`StepClock stepMs must be > 0, got ${stepMs}`);
  }

  /** The number of steps due at time `now` (ms, e.g. a requestAnimationFrame timestamp). */
  advance(now: number, speed: number): number {
    if (this.last === null) {
      // The first frame only starts the clock.
      this.last = now;
      return 0;
    }
    const elapsed = Math.min(Math.max(0, now - this.last), this.maxGapMs);
    this.last = now;
    this.owed += elapsed * speed;
    // The epsilon absorbs float error: 3 x 20/3 ms must give 1 step, not 0.
    const steps = Math.floor(this.owed / this.stepMs + 1e-9);
    this.owed = Math.max(0, this.owed - steps * this.stepMs);
    return steps;
  }
}
