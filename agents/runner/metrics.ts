/**
 * Bounded-memory learning curves. A run may last millions of episodes; the UI needs a few
 * thousand points. Each series keeps at most `capacity` points; when full, neighbouring points
 * are merged pairwise (their means averaged) and every later point covers twice as many raw
 * values. The result is deterministic and depends only on the values pushed.
 */
import type { Metrics } from '../../environments/core/types';

export interface Series {
  /** x of each point: the mean of the x values it covers (episode number or global step). */
  readonly x: number[];
  /** Mean of the raw values each point covers. */
  readonly y: number[];
  /** How many raw values each point covers now. */
  readonly bucket: number;
  /** Raw values pushed so far. */
  readonly count: number;
  readonly last: number;
}

export type SeriesSet = Record<string, Series>;

class DecimatedSeries {
  private readonly xs: number[] = [];
  private readonly ys: number[] = [];
  private bucket = 1;
  private sumX = 0;
  private sumY = 0;
  private pending = 0;
  private count = 0;
  private last = Number.NaN;

  constructor(private readonly capacity: number) {}

  push(x: number, y: number): void {
    this.count++;
    this.last = y;
    this.sumX += x;
    this.sumY += y;
    if (++this.pending < this.bucket) return;
    this.xs.push(this.sumX / this.pending);
    this.ys.push(this.sumY / this.pending);
    this.sumX = this.sumY = this.pending = 0;
    if (this.xs.length >= this.capacity) this.halve();
  }

  private halve(): void {
    const half = Math.floor(this.xs.length / 2);
    for (let i = 0; i < half; i++) {
      this.xs[i] = (this.xs[2 * i] + this.xs[2 * i + 1]) / 2;
      this.ys[i] = (this.ys[2 * i] + this.ys[2 * i + 1]) / 2;
    }
    this.xs.length = half;
    this.ys.length = half;
    this.bucket *= 2;
  }

  view(): Series {
    return { x: this.xs.slice(), y: this.ys.slice(), bucket: this.bucket, count: this.count, last: this.last };
  }
}

/** Collects metrics rows into decimated series keyed by metric name, against a chosen x key. */
export class MetricsLog {
  private readonly series = new Map<string, DecimatedSeries>();
  private readonly counters = new Map<string, number>();

  /** @param capacity points kept per series (the UI draws at most this many); even, so halving loses nothing. */
  constructor(private readonly capacity = 2048) {
    if (!Number.isInteger(capacity) || capacity < 2 || capacity % 2 !== 0) throw new Error(`metrics capacity must be an even integer of 2 or more, got ${capacity}`);
  }

  /**
   * Add rows. Each metric is plotted against its own running count (episode 1, 2, ... for
   * 'charts/episodic_return'; sweep 1, 2, ... for 'charts/max_value_change').
   */
  add(rows: readonly Metrics[]): void {
    for (const row of rows) {
      for (const key in row) {
        if (key === 'global_step') continue;
        let s = this.series.get(key);
        if (!s) this.series.set(key, (s = new DecimatedSeries(this.capacity)));
        const n = (this.counters.get(key) ?? 0) + 1;
        this.counters.set(key, n);
        s.push(n, row[key]);
      }
    }
  }

  view(): SeriesSet {
    const out: SeriesSet = {};
    for (const [key, s] of this.series) out[key] = s.view();
    return out;
  }

  clear(): void {
    this.series.clear();
    this.counters.clear();
  }
}
