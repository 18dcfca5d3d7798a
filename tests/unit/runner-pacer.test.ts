import { describe, expect, it } from 'vitest';
import { CHUNK_MILLISECONDS, Pacer } from '../../agents/runner/pacer';
import { createRng } from '../../environments/core/rng';

const TARGET_MS = CHUNK_MILLISECONDS / 4;

describe('Pacer flat out', () => {
  it('is flat out by default, starts with 64-step chunks and never asks for a pause between ticks', () => {
    const pacer = new Pacer();
    expect(pacer.flatOut).toBe(true);
    expect(pacer.due(0)).toBe(64);
    expect(pacer.due(1e6)).toBe(64); // flat out, elapsed time does not matter
    expect(pacer.idleMs).toBe(0);
  });

  it('sizes the next chunk so that it takes about 3 ms at the measured speed', () => {
    expect(TARGET_MS).toBe(3);
    const pacer = new Pacer('max');
    pacer.record(64, 6); // 0.09375 ms a step: 32 steps take 3 ms
    expect(pacer.due(0)).toBe(32);
    pacer.record(32, 0.32); // 0.01 ms a step
    expect(pacer.due(0)).toBe(300);
  });

  it('converges toward ~3 ms chunks from a cold start on a simulated machine, for fast and slow steps', () => {
    for (const msPerStep of [0.0004, 0.002, 0.05, 0.7]) {
      const pacer = new Pacer();
      let took = 0;
      for (let tick = 0; tick < 5; tick++) {
        const n = pacer.due(0);
        took = n * msPerStep;
        pacer.record(n, took);
      }
      // Rounding to whole steps: within half a step of the target.
      expect(Math.abs(pacer.due(0) * msPerStep - TARGET_MS)).toBeLessThanOrEqual(msPerStep / 2 + 1e-12);
      expect(took).toBeGreaterThan(TARGET_MS / 2);
      expect(took).toBeLessThan(TARGET_MS * 2);
    }
  });

  it('keeps chunks within [1, 2^20] and ignores empty chunks', () => {
    const pacer = new Pacer();
    pacer.record(1, 1000); // one very slow step
    expect(pacer.due(0)).toBe(1);
    pacer.record(0, 5);
    expect(pacer.due(0)).toBe(1);
    pacer.record(1e9, 0); // immeasurably fast: tookMs is floored at 0.01
    expect(pacer.due(0)).toBe(1 << 20);
  });

  it('does not resize chunks while at a set speed', () => {
    const pacer = new Pacer(100);
    pacer.record(64, 1000);
    pacer.setSpeed('max');
    expect(pacer.due(0)).toBe(64);
  });
});

describe('Pacer at a set speed', () => {
  it('owes steps in proportion to elapsed time', () => {
    const pacer = new Pacer(1000);
    expect(pacer.flatOut).toBe(false);
    expect(pacer.due(16)).toBe(16);
    expect(pacer.due(100)).toBe(100);
    const fast = new Pacer(10_000);
    expect(fast.due(16)).toBe(160);
  });

  it('carries fractional steps over to later ticks', () => {
    const pacer = new Pacer(100); // one step every 10 ms
    expect(pacer.due(4)).toBe(0);
    expect(pacer.due(4)).toBe(0);
    expect(pacer.due(4)).toBe(1); // 12 ms: 1.2 steps owed, 0.2 kept
    expect(pacer.due(8)).toBe(1); // 0.2 + 0.8
    const slow = new Pacer(1); // slow motion: one step a second
    const steps = Array.from({ length: 10 }, () => slow.due(250));
    expect(steps).toEqual([0, 0, 0, 1, 0, 0, 0, 1, 0, 0]);
  });

  it('over many irregular ticks the total stays within one step of speed x time', () => {
    const rng = createRng('pacer');
    // Speeds above one step a second. (At or below it, the one-step cap on what is owed clips the
    // carry each time it crosses a whole step, so slow motion runs slightly slow: reported, not tested.)
    for (const speed of [2, 3, 60, 1234.5, 20_000]) {
      const pacer = new Pacer(speed);
      let total = 0;
      let elapsed = 0;
      for (let tick = 0; tick < 5000; tick++) {
        const ms = rng.next() * 30;
        elapsed += ms;
        total += pacer.due(ms);
      }
      expect(Math.abs(total - (speed * elapsed) / 1000)).toBeLessThan(1);
    }
  });

  it('keeps the exact pace in slow motion (below one step a second)', () => {
    const pacer = new Pacer(0.3);
    let steps = 0;
    for (let tick = 0; tick < 36_000; tick++) steps += pacer.due(70); // 2,520 s of 70 ms ticks
    expect(Math.abs(steps - 0.3 * 2520)).toBeLessThanOrEqual(1);
  });

  it("never owes more than one second's worth (at least one step) after a long stall", () => {
    const pacer = new Pacer(100);
    expect(pacer.due(60_000)).toBe(100);
    expect(pacer.due(0)).toBe(0); // nothing left over from the stall
    expect(new Pacer(10_000).due(3_600_000)).toBe(10_000);
    const slow = new Pacer(0.5);
    expect(slow.due(3_600_000)).toBe(1);
    expect(slow.due(0)).toBe(0);
  });

  it('setSpeed forgets the fraction owed', () => {
    const pacer = new Pacer(100);
    expect(pacer.due(9)).toBe(0); // 0.9 owed
    pacer.setSpeed(100);
    expect(pacer.due(9)).toBe(0);
    expect(pacer.due(1)).toBe(1);
  });

  it('waits 1000/speed ms between ticks, clamped to [4, 100] ms', () => {
    expect(new Pacer(1).idleMs).toBe(100);
    expect(new Pacer(10).idleMs).toBe(100);
    expect(new Pacer(20).idleMs).toBe(50);
    expect(new Pacer(100).idleMs).toBe(10);
    expect(new Pacer(250).idleMs).toBe(4);
    expect(new Pacer(1e6).idleMs).toBe(4);
    const pacer = new Pacer(20);
    pacer.setSpeed('max');
    expect(pacer.idleMs).toBe(0);
    expect(pacer.flatOut).toBe(true);
  });
});
