/**
 * Turns a speed setting into step counts per tick. Flat out, chunks are sized by time (about
 * 12 ms) so the worker can answer a pause at once; at a set speed, steps are owed in proportion
 * to the time that passed, so slow motion (one step a second) and 10,000 steps a second both work.
 */
/** Steps (in the trainable's natural unit) per second, or as fast as the machine goes. */
export type Speed = number | 'max';

export const CHUNK_MILLISECONDS = 12;

export class Pacer {
  private owed = 0;
  private chunk = 64;

  constructor(private speed: Speed = 'max') {}

  setSpeed(speed: Speed): void {
    this.speed = speed;
    this.owed = 0;
  }

  get flatOut(): boolean {
    return this.speed === 'max';
  }

  /** Steps owed for `elapsedMs` of wall time at a set speed (flat out: the next chunk size). */
  due(elapsedMs: number): number {
    if (this.speed === 'max') return this.chunk;
    // A stalled tab must not come back to a burst: one tick never adds more than a second's worth.
    // The fraction carried over is kept whole, so slow motion keeps its exact pace.
    this.owed += Math.min((this.speed * elapsedMs) / 1000, Math.max(1, this.speed));
    const n = Math.floor(this.owed);
    this.owed -= n;
    return n;
  }

  /** Flat out: grow or shrink the chunk so one chunk takes about CHUNK_MILLISECONDS / 4. */
  record(steps: number, tookMs: number): void {
    if (this.speed !== 'max' || steps === 0) return;
    const target = CHUNK_MILLISECONDS / 4;
    const perStep = Math.max(tookMs, 0.01) / steps;
    this.chunk = Math.max(1, Math.min(1 << 20, Math.round(target / perStep)));
  }

  /** How long to wait before the next tick. */
  get idleMs(): number {
    if (this.speed === 'max') return 0;
    return Math.max(4, Math.min(100, 1000 / this.speed));
  }
}
