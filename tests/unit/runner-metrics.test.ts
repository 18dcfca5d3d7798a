import { describe, expect, it } from 'vitest';
import { MetricsLog } from '../../agents/runner/metrics';
import { createRng } from '../../environments/core/rng';

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('MetricsLog', () => {
  it('refuses an odd capacity (halving would drop a point)', () => {
    expect(() => new MetricsLog(5)).toThrow('metrics capacity must be an even integer of 2 or more, got 5');
  });

  it('keeps every series within capacity after millions of pushes', () => {
    const capacity = 256;
    const log = new MetricsLog(capacity);
    const rows = Array.from({ length: 1000 }, (_, i) => ({ 'charts/episodic_return': i % 7, 'losses/td_loss': 1 / (i + 1) }));
    for (let i = 0; i < 2000; i++) log.add(rows); // 2,000,000 rows, two series
    for (const series of Object.values(log.view())) {
      expect(series.count).toBe(2_000_000);
      expect(series.x.length).toBeLessThan(capacity);
      expect(series.y.length).toBe(series.x.length);
      // Every raw value is covered except the ones still waiting to fill a bucket.
      expect(series.x.length * series.bucket).toBeLessThanOrEqual(series.count);
      expect(series.count - series.x.length * series.bucket).toBeLessThan(series.bucket);
    }
  });

  it('keeps the mean: the mean over raw values equals the bucket-weighted mean over points', () => {
    const rng = createRng('metrics');
    const capacity = 64;
    const log = new MetricsLog(capacity);
    const raw: number[] = [];
    // 64 * 2^6 values: every bucket is full, none pending.
    for (let i = 0; i < capacity * 64; i++) {
      const y = Math.round(rng.next() * 1000) - 500;
      raw.push(y);
      log.add([{ r: y }]);
    }
    const s = log.view().r;
    expect(s.count).toBe(raw.length);
    expect(s.x.length * s.bucket).toBe(raw.length);
    const weighted = s.y.reduce((acc, y) => acc + y * s.bucket, 0) / (s.y.length * s.bucket);
    expect(weighted).toBeCloseTo(mean(raw), 9);
    // Each point is the mean of its own run of raw values.
    for (let i = 0; i < s.y.length; i++) expect(s.y[i]).toBeCloseTo(mean(raw.slice(i * s.bucket, (i + 1) * s.bucket)), 9);
    expect(s.last).toBe(raw[raw.length - 1]);
  });

  it('plots each key against its own running count; x of a point is the mean count it covers', () => {
    const log = new MetricsLog(8);
    for (let i = 1; i <= 40; i++) {
      const row: Record<string, number> = { global_step: i * 100, every: i };
      if (i % 2 === 0) row.even = i;
      log.add([row]);
    }
    const { every, even } = log.view();
    expect(every.count).toBe(40);
    expect(even.count).toBe(20);
    // Before any merge, x is 1, 2, 3, ...: the count, not the global step.
    const small = new MetricsLog(8);
    small.add([{ global_step: 500, a: 10 }, { a: 20 }, { global_step: 900, a: 30 }]);
    expect(small.view().a.x).toEqual([1, 2, 3]);
    expect(small.view().a.y).toEqual([10, 20, 30]);
    // After merges, point i with bucket b covers counts i*b+1 .. (i+1)*b.
    for (const s of [every, even]) {
      s.x.forEach((x, i) => expect(x).toBe(i * s.bucket + (s.bucket + 1) / 2));
    }
    expect(every.y).toEqual(every.x); // y = count for 'every'
    expect(even.y).toEqual(even.x.map((x) => 2 * x)); // the n-th even row carries 2n
  });

  it("ignores 'global_step' and starts with no series", () => {
    const log = new MetricsLog();
    expect(log.view()).toEqual({});
    log.add([{ global_step: 1 }, { global_step: 2, 'charts/episodic_return': 3 }]);
    expect(Object.keys(log.view())).toEqual(['charts/episodic_return']);
    const s = log.view()['charts/episodic_return'];
    expect(s).toEqual({ x: [1], y: [3], bucket: 1, count: 1, last: 3 });
  });

  it('is deterministic: the same values give the same series however they are batched', () => {
    const rng = createRng(7);
    const rows = Array.from({ length: 5000 }, () => ({ a: rng.next(), b: rng.int(10) }));
    const one = new MetricsLog(100);
    one.add(rows);
    const many = new MetricsLog(100);
    for (let i = 0; i < rows.length; i += 37) many.add(rows.slice(i, i + 37));
    expect(many.view()).toEqual(one.view());
    expect(JSON.stringify(many.view())).toBe(JSON.stringify(one.view()));
  });

  it('views are copies: later pushes do not change a view already taken', () => {
    const log = new MetricsLog(4);
    log.add([{ a: 1 }, { a: 2 }]);
    const before = log.view();
    log.add([{ a: 3 }, { a: 4 }, { a: 5 }]);
    expect(before.a).toEqual({ x: [1, 2], y: [1, 2], bucket: 1, count: 2, last: 2 });
  });

  it('clear() drops every series and restarts the counts', () => {
    const log = new MetricsLog(16);
    for (let i = 0; i < 100; i++) log.add([{ a: i }]);
    log.clear();
    expect(log.view()).toEqual({});
    log.add([{ a: 42 }]);
    expect(log.view().a).toEqual({ x: [1], y: [42], bucket: 1, count: 1, last: 42 });
  });
});
