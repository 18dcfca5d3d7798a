/**
 * The DQN replay buffer: the ring, seeded sampling, n-step returns (termination vs truncation,
 * by hand), the sum-tree's proportional sampling and the importance weights, and save/restore.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../environments/core/rng';
import { ReplayBuffer, type ReplayBufferOptions } from '../../agents/deep/replay-buffer';

const options = (overrides: Partial<ReplayBufferOptions> = {}): ReplayBufferOptions => ({
  capacity: 8,
  obsWidth: 1,
  nStep: 1,
  gamma: 0.9,
  priority: null,
  ...overrides,
});

/** Pushes s -> s + 1 with reward r; flags per step. */
function step(buffer: ReplayBuffer, s: number, reward: number, terminated = false, truncated = false): void {
  buffer.push({ obs: [s], action: s % 4, reward, nextObs: [s + 1], terminated, truncated });
}

const stored = (buffer: ReplayBuffer) =>
  Array.from({ length: buffer.size }, (_, slot) => {
    const t = buffer.at(slot);
    return { obs: t.obs[0], reward: t.reward, discount: t.discount, next: t.nextObs[0], terminated: t.terminated };
  });

describe('replay buffer ring', () => {
  it('overwrites the oldest slot once full', () => {
    const buffer = new ReplayBuffer(options({ capacity: 3 }));
    for (let s = 0; s < 5; s++) step(buffer, s, s);
    expect(buffer.size).toBe(3);
    // Slots 0 and 1 were overwritten by the 4th and 5th transitions.
    expect(stored(buffer).map((t) => t.obs)).toEqual([3, 4, 2]);
    expect(buffer.at(0).action).toBe(3);
    expect(buffer.at(1).nextObs[0]).toBe(5);
  });

  it('stores vector rows of obsWidth numbers and rejects other widths', () => {
    const buffer = new ReplayBuffer(options({ obsWidth: 3 }));
    buffer.push({ obs: [1, 2, 3], action: 1, reward: 0.5, nextObs: [4, 5, 6], terminated: false, truncated: false });
    expect(Array.from(buffer.at(0).obs)).toEqual([1, 2, 3]);
    expect(Array.from(buffer.at(0).nextObs)).toEqual([4, 5, 6]);
    expect(() => buffer.push({ obs: [1, 2], action: 0, reward: 0, nextObs: [1, 2, 3], terminated: false, truncated: false })).toThrow(
      'replay buffer: observation rows must have 3 numbers, got 2 and 3',
    );
  });

  it('validates its options', () => {
    expect(() => new ReplayBuffer(options({ capacity: 0 }))).toThrow('replay buffer: capacity must be a positive integer, got 0');
    expect(() => new ReplayBuffer(options({ nStep: 1.5 }))).toThrow('replay buffer: nStep must be a positive integer, got 1.5');
    expect(() => new ReplayBuffer(options({ priority: { alpha: 2, epsilon: 1e-6 } }))).toThrow('replay buffer: priority alpha must be in [0, 1], got 2');
    expect(() => new ReplayBuffer(options()).sample(4, createRng(1))).toThrow('replay buffer: cannot sample from an empty buffer');
  });
});

describe('uniform sampling', () => {
  const filled = () => {
    const buffer = new ReplayBuffer(options({ capacity: 100 }));
    for (let s = 0; s < 100; s++) step(buffer, s, s);
    return buffer;
  };

  it('is a function of the rng seed only', () => {
    const a = filled().sample(32, createRng(7));
    const first = Array.from(a.indices);
    expect(Array.from(filled().sample(32, createRng(7)).indices)).toEqual(first);
    expect(Array.from(filled().sample(32, createRng(8)).indices)).not.toEqual(first);
    // The rows are the slots drawn, and weights are all 1.
    for (let i = 0; i < 32; i++) expect(a.obs[i]).toBe(a.indices[i]);
    expect(Array.from(a.weights)).toEqual(new Array(32).fill(1));
  });

  it('draws every slot about equally often', () => {
    const buffer = filled();
    const rng = createRng(3);
    const counts = new Float64Array(100);
    for (let k = 0; k < 1000; k++) for (const slot of buffer.sample(100, rng).indices) counts[slot]++;
    // 1000 draws per slot expected; binomial sd about 31.
    for (const count of counts) expect(Math.abs(count - 1000)).toBeLessThan(160);
  });
});

describe('n-step returns (gamma 0.5, n 3)', () => {
  const nStep = (capacity = 8) => new ReplayBuffer(options({ capacity, nStep: 3, gamma: 0.5 }));

  it('waits for n steps, then sums n rewards and bootstraps gamma^n from s_t+n', () => {
    const buffer = nStep();
    step(buffer, 0, 1);
    step(buffer, 1, 2);
    expect(buffer.size).toBe(0);
    expect(buffer.pending).toBe(2);
    step(buffer, 2, 3);
    // G = 1 + 0.5 * 2 + 0.25 * 3 = 2.75, bootstrap 0.5^3 q(s3).
    expect(stored(buffer)).toEqual([{ obs: 0, reward: 2.75, discount: 0.125, next: 3, terminated: false }]);
    expect(buffer.pending).toBe(2);
  });

  it('flushes at termination with no bootstrap', () => {
    const buffer = nStep();
    [1, 2, 3].forEach((r, s) => step(buffer, s, r));
    step(buffer, 3, 4, true);
    expect(buffer.pending).toBe(0);
    expect(stored(buffer)).toEqual([
      { obs: 0, reward: 2.75, discount: 0.125, next: 3, terminated: false },
      { obs: 1, reward: 2 + 0.5 * 3 + 0.25 * 4, discount: 0.125, next: 4, terminated: true },
      { obs: 2, reward: 3 + 0.5 * 4, discount: 0.25, next: 4, terminated: true },
      { obs: 3, reward: 4, discount: 0.5, next: 4, terminated: true },
    ]);
  });

  it('flushes at truncation bootstrapping from the last next state', () => {
    const buffer = nStep();
    [1, 2, 3].forEach((r, s) => step(buffer, s, r));
    step(buffer, 3, 4, false, true);
    expect(stored(buffer).map((t) => [t.reward, t.discount, t.next, t.terminated])).toEqual([
      [2.75, 0.125, 3, false],
      [4.5, 0.125, 4, false],
      [5, 0.25, 4, false],
      [4, 0.5, 4, false],
    ]);
  });

  it('handles an episode shorter than n, and flushPending bootstraps like truncation', () => {
    const buffer = nStep();
    step(buffer, 0, 1);
    step(buffer, 1, -2, true);
    expect(stored(buffer)).toEqual([
      { obs: 0, reward: 1 - 0.5 * 2, discount: 0.25, next: 2, terminated: true },
      { obs: 1, reward: -2, discount: 0.5, next: 2, terminated: true },
    ]);
    step(buffer, 10, 1);
    buffer.flushPending();
    expect(stored(buffer)[2]).toEqual({ obs: 10, reward: 1, discount: 0.5, next: 11, terminated: false });
  });

  it('n = 1 stores r and gamma, terminated only on termination', () => {
    const buffer = new ReplayBuffer(options({ gamma: 0.9 }));
    step(buffer, 0, 1, false, true);
    step(buffer, 1, 2, true);
    expect(stored(buffer)).toEqual([
      { obs: 0, reward: 1, discount: Math.fround(0.9), next: 1, terminated: false },
      { obs: 1, reward: 2, discount: Math.fround(0.9), next: 2, terminated: true },
    ]);
  });
});

describe('prioritised replay', () => {
  /** Slots with priorities 1, 2, 3, 4 (alpha 1, epsilon tiny); capacity 5 pads the tree to 8 leaves. */
  function prioritised(): ReplayBuffer {
    const buffer = new ReplayBuffer(options({ capacity: 5, priority: { alpha: 1, epsilon: 1e-9 } }));
    for (let s = 0; s < 4; s++) step(buffer, s, 0);
    buffer.updatePriorities([0, 1, 2, 3], [1 - 1e-9, -(2 - 1e-9), 3 - 1e-9, 4 - 1e-9]);
    return buffer;
  }

  it('keeps the sum and gives new transitions the largest priority', () => {
    const buffer = prioritised();
    expect(buffer.totalPriority).toBeCloseTo(10, 12);
    step(buffer, 4, 0);
    expect(buffer.priorityOf(4)).toBeCloseTo(4, 12);
    expect(buffer.totalPriority).toBeCloseTo(14, 12);
  });

  it('samples in proportion to priority', () => {
    const buffer = prioritised();
    const rng = createRng(11);
    const counts = new Float64Array(4);
    const draws = 40_000;
    for (let k = 0; k < draws / 8; k++) for (const slot of buffer.sample(8, rng).indices) counts[slot]++;
    const frequencies = Array.from(counts, (c) => c / draws);
    [0.1, 0.2, 0.3, 0.4].forEach((p, slot) => expect(Math.abs(frequencies[slot] - p)).toBeLessThan(0.01));
  });

  it('weights rows by (N P(i))^-beta over the batch maximum', () => {
    const buffer = prioritised();
    const batch = buffer.sample(16, createRng(5), 0.5);
    const priorities = Array.from(batch.indices, (slot) => slot + 1);
    const raw = priorities.map((p) => Math.pow((4 * p) / 10, -0.5));
    const largest = Math.max(...raw);
    priorities.forEach((_, i) => expect(batch.weights[i]).toBeCloseTo(raw[i] / largest, 6));
    expect(Math.max(...batch.weights)).toBe(1);
    // beta 0: no correction.
    expect(Array.from(buffer.sample(16, createRng(5), 0).weights)).toEqual(new Array(16).fill(1));
  });

  it('priorities are (|delta| + epsilon)^alpha', () => {
    const buffer = new ReplayBuffer(options({ priority: { alpha: 0.5, epsilon: 0.01 } }));
    step(buffer, 0, 0);
    buffer.updatePriorities([0], [-0.24]);
    expect(buffer.priorityOf(0)).toBeCloseTo(0.5, 12);
  });
});

describe('save and restore', () => {
  it('round-trips contents, priorities and the pending queue exactly', () => {
    const make = () => new ReplayBuffer(options({ capacity: 6, nStep: 3, gamma: 0.5, priority: { alpha: 0.6, epsilon: 1e-6 } }));
    const buffer = make();
    for (let s = 0; s < 9; s++) step(buffer, s, s * 0.1, s === 4);
    buffer.updatePriorities([0, 2], [0.5, 2]);
    const saved = JSON.parse(JSON.stringify(buffer.state())) as unknown;
    const copy = make();
    copy.restore(saved);
    expect(copy.size).toBe(buffer.size);
    expect(copy.pending).toBe(buffer.pending);
    expect(copy.totalPriority).toBe(buffer.totalPriority);
    const a = buffer.sample(10, createRng(2));
    const b = copy.sample(10, createRng(2));
    expect(Array.from(b.indices)).toEqual(Array.from(a.indices));
    expect(Array.from(b.rewards)).toEqual(Array.from(a.rewards));
    // The queued transitions come out the same after the next steps.
    step(buffer, 9, 1, true);
    step(copy, 9, 1, true);
    expect(stored(copy)).toEqual(stored(buffer));
  });

  it('rejects a state that does not fit, changing nothing', () => {
    const buffer = new ReplayBuffer(options());
    step(buffer, 0, 1);
    const state = buffer.state();
    const other = new ReplayBuffer(options({ capacity: 9 }));
    expect(() => other.restore(state)).toThrow('replay buffer: was saved with capacity 8 and obsWidth 1, but this buffer has capacity 9 and obsWidth 1');
    const target = new ReplayBuffer(options());
    expect(() => target.restore({ ...state, rewards: 'AAAA' })).toThrow('replay buffer: rewards has 3 bytes, expected 4 (1 float32 values)');
    expect(() => target.restore({ ...state, size: 2 })).toThrow('replay buffer: cursor 1 must equal size 2 while the buffer is not full');
    expect(target.size).toBe(0);
  });
});
