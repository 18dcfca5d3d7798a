/**
 * Experience replay for DQN (section 19.4.2): a fixed-size ring of transitions in typed arrays,
 * sampled with a seeded Rng, with n-step returns and, as an option, proportional prioritised
 * replay (Schaul et al. 2016).
 *
 * Storage. Each slot holds one (n-step) transition:
 *   obs        `obsWidth` float32 numbers: the observation row as the agent stores it. DQN stores
 *              a one-hot state as its index (width 1, exact in float32 up to 2^24) and vectors and
 *              planes as their `inputSize` numbers, so a gridworld slot is 21 bytes, not 133.
 *   action     int32.
 *   reward     float32: the discounted n-step return r_t + gamma r_{t+1} + ... (just r_t for n = 1).
 *   discount   float32: gamma^m, m the number of rewards summed (n, or fewer at an episode end).
 *   nextObs    the observation the return bootstraps from, s_{t+m}.
 *   terminated uint8, 1 when the episode terminated within those m steps.
 * The target is then  reward + discount * (1 - terminated) * max_a' q(nextObs, a').
 *
 * NOTE: only `terminated` stops the bootstrap. A time limit (`truncated`) ends the episode but
 * not the MDP, so truncated transitions keep bootstrapping from the state they stopped in.
 *
 * n-step returns. Transitions wait in a small pending queue until n of them are there; then the
 * oldest leaves with the sum of the n rewards and bootstraps from the newest next state. At an
 * episode end the whole queue is flushed, each with the rewards it has left: after termination
 * with no bootstrap, after truncation bootstrapping from the last next state (gamma^m for the m
 * rewards it got). For n = 1 the queue never holds anything past `push`.
 *
 * Prioritised replay (proportional). Slot i has priority p_i = (|delta_i| + epsilon)^alpha kept in
 * a sum-tree; a batch of k is drawn stratified (one uniform draw in each of k equal slices of the
 * total), so P(i) = p_i / sum_j p_j. New slots get the largest priority seen so far, so each is
 * replayed at least once soon. Importance weights w_i = (N P(i))^-beta, divided by the batch's
 * largest w so they only ever scale updates down; beta is annealed to 1 by the caller.
 * Uniform replay samples k slots with replacement (rng.int(size) each), weights all 1.
 */
import type { Rng } from '../../environments/core/rng';
import { base64ToBytes, bytesToBase64 } from './weights-file';

export interface PrioritySettings {
  /** How much the TD error shapes sampling: 0 is uniform, 1 fully proportional. */
  readonly alpha: number;
  /** Added to |delta| so no transition gets probability 0. */
  readonly epsilon: number;
}

export interface ReplayBufferOptions {
  /** Slots in the ring; the oldest is overwritten once it is full. */
  readonly capacity: number;
  /** Numbers per stored observation row. */
  readonly obsWidth: number;
  /** Steps per return (1: ordinary one-step transitions). */
  readonly nStep: number;
  /** Discount used to sum n-step returns. */
  readonly gamma: number;
  /** Proportional prioritised replay, or null for uniform sampling. */
  readonly priority: PrioritySettings | null;
}

/** One sampled batch. The arrays are reused by the next `sample` call: copy what you keep. */
export interface ReplayBatch {
  readonly size: number;
  /** Slot of each row, for `updatePriorities`. */
  readonly indices: Int32Array;
  readonly obs: Float32Array;
  readonly actions: Int32Array;
  readonly rewards: Float32Array;
  readonly discounts: Float32Array;
  readonly nextObs: Float32Array;
  /** 1 for a terminated transition, else 0 (float, ready for a tensor). */
  readonly terminated: Float32Array;
  /** Importance weights, normalised by the batch maximum; all 1 for uniform replay. */
  readonly weights: Float32Array;
}

/** A transition as the buffer receives it (obs rows already encoded by the agent). */
export interface ReplayInput {
  readonly obs: ArrayLike<number>;
  readonly action: number;
  readonly reward: number;
  readonly nextObs: ArrayLike<number>;
  readonly terminated: boolean;
  readonly truncated: boolean;
}

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

function checkPositiveInteger(where: string, key: string, value: number): void {
  if (!(Number.isInteger(value) && value >= 1)) throw new Error(`${where}: ${key} must be a positive integer, got ${value}`);
}

export class ReplayBuffer {
  readonly capacity: number;
  readonly obsWidth: number;
  readonly nStep: number;
  readonly gamma: number;
  readonly priority: PrioritySettings | null;
  /** Filled slots (at most capacity). */
  size = 0;
  /** Slot the next transition goes to. */
  private cursor = 0;

  private readonly obs: Float32Array;
  private readonly actions: Int32Array;
  private readonly rewards: Float32Array;
  private readonly discounts: Float32Array;
  private readonly nextObs: Float32Array;
  private readonly terminated: Uint8Array;

  /** Sum-tree over priorities: node 1 is the root, leaves at [leafCount, 2 leafCount). Empty when uniform. */
  private readonly leafCount: number;
  private readonly tree: Float64Array;
  private maxPriority = 1;

  // The n-step queue: a ring of up to nStep (obs, action, reward), oldest at pendingHead.
  private readonly pendingObs: Float32Array;
  private readonly pendingActions: Int32Array;
  private readonly pendingRewards: Float64Array;
  private pendingHead = 0;
  private pendingCount = 0;
  /** The next observation of the last pushed transition (a flush without a new one bootstraps from it). */
  private readonly lastNextObs: Float32Array;

  private batch: ReplayBatch | null = null;

  constructor(options: ReplayBufferOptions) {
    const where = 'replay buffer';
    checkPositiveInteger(where, 'capacity', options.capacity);
    checkPositiveInteger(where, 'obsWidth', options.obsWidth);
    checkPositiveInteger(where, 'nStep', options.nStep);
    if (!(options.gamma >= 0 && options.gamma <= 1)) throw new Error(`${where}: gamma must be in [0, 1], got ${options.gamma}`);
    if (options.priority !== null) {
      const { alpha, epsilon } = options.priority;
      if (!(alpha >= 0 && alpha <= 1)) throw new Error(`${where}: priority alpha must be in [0, 1], got ${alpha}`);
      if (!(epsilon > 0 && Number.isFinite(epsilon))) throw new Error(`${where}: priority epsilon must be positive, got ${epsilon}`);
    }
    this.capacity = options.capacity;
    this.obsWidth = options.obsWidth;
    this.nStep = options.nStep;
    this.gamma = options.gamma;
    this.priority = options.priority === null ? null : { ...options.priority };
    const { capacity, obsWidth, nStep } = this;
    this.obs = new Float32Array(capacity * obsWidth);
    this.actions = new Int32Array(capacity);
    this.rewards = new Float32Array(capacity);
    this.discounts = new Float32Array(capacity);
    this.nextObs = new Float32Array(capacity * obsWidth);
    this.terminated = new Uint8Array(capacity);
    this.leafCount = this.priority === null ? 0 : nextPowerOfTwo(capacity);
    this.tree = new Float64Array(2 * this.leafCount);
    this.pendingObs = new Float32Array(nStep * obsWidth);
    this.pendingActions = new Int32Array(nStep);
    this.pendingRewards = new Float64Array(nStep);
    this.lastNextObs = new Float32Array(obsWidth);
  }

  /** Transitions waiting for their n-step return (not yet sampleable). */
  get pending(): number {
    return this.pendingCount;
  }

  /** Adds one environment step. Ends of episodes flush the n-step queue (see the top of the file). */
  push(t: ReplayInput): void {
    const { obsWidth, nStep } = this;
    if (t.obs.length !== obsWidth || t.nextObs.length !== obsWidth) {
      throw new Error(`replay buffer: observation rows must have ${obsWidth} numbers, got ${t.obs.length} and ${t.nextObs.length}`);
    }
    const slot = (this.pendingHead + this.pendingCount) % nStep;
    for (let j = 0; j < obsWidth; j++) this.pendingObs[slot * obsWidth + j] = t.obs[j];
    this.pendingActions[slot] = t.action;
    this.pendingRewards[slot] = t.reward;
    this.pendingCount++;
    for (let j = 0; j < obsWidth; j++) this.lastNextObs[j] = t.nextObs[j];
    if (t.terminated || t.truncated) {
      // NOTE: termination stores terminated = 1 (no bootstrap); truncation stores 0 and the
      // returns bootstrap from the state the time limit stopped in.
      while (this.pendingCount > 0) this.emitOldest(t.terminated);
    } else if (this.pendingCount === nStep) {
      this.emitOldest(false);
    }
  }

  /**
   * Flushes the n-step queue as if the episode had been truncated after the last push
   * (bootstrapping from its next state). For an episode cut short from outside.
   */
  flushPending(): void {
    while (this.pendingCount > 0) this.emitOldest(false);
  }

  /** Stores the oldest pending transition with the return of everything queued after it. */
  private emitOldest(terminated: boolean): void {
    const { obsWidth, nStep, gamma } = this;
    const count = this.pendingCount;
    // G = r_0 + gamma r_1 + ... + gamma^(m-1) r_(m-1), summed backwards (Horner) in float64.
    let ret = 0;
    for (let k = count - 1; k >= 0; k--) ret = this.pendingRewards[(this.pendingHead + k) % nStep] + gamma * ret;
    const head = this.pendingHead;
    const slot = this.cursor;
    this.obs.set(this.pendingObs.subarray(head * obsWidth, (head + 1) * obsWidth), slot * obsWidth);
    this.actions[slot] = this.pendingActions[head];
    this.rewards[slot] = ret;
    this.discounts[slot] = Math.pow(gamma, count);
    this.nextObs.set(this.lastNextObs, slot * obsWidth);
    this.terminated[slot] = terminated ? 1 : 0;
    if (this.priority !== null) this.setLeaf(slot, this.maxPriority);
    this.cursor = (slot + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
    this.pendingHead = (head + 1) % nStep;
    this.pendingCount--;
  }

  private setLeaf(slot: number, priority: number): void {
    let node = slot + this.leafCount;
    this.tree[node] = priority;
    // Recompute (not increment) each parent, so sums never drift however many updates happen.
    for (node >>= 1; node >= 1; node >>= 1) this.tree[node] = this.tree[2 * node] + this.tree[2 * node + 1];
  }

  /** The slot whose prefix-sum interval holds `mass` (0 <= mass < total). */
  private findSlot(mass: number): number {
    let node = 1;
    let rest = mass;
    while (node < this.leafCount) {
      const left = 2 * node;
      if (rest < this.tree[left]) {
        node = left;
      } else {
        rest -= this.tree[left];
        node = left + 1;
      }
    }
    // Rounding can step past the last filled slot: clamp (every filled slot has priority > 0).
    return Math.min(node - this.leafCount, this.size - 1);
  }

  /** Sum of all priorities (prioritised replay; 0 otherwise). */
  get totalPriority(): number {
    return this.priority === null ? 0 : this.tree[1];
  }

  /** The stored priority (|delta| + epsilon)^alpha of a slot. */
  priorityOf(slot: number): number {
    if (this.priority === null) throw new Error('replay buffer: priorityOf needs prioritised replay');
    return this.tree[slot + this.leafCount];
  }

  /**
   * Draws `n` slots (with replacement) and copies them into the reused batch. `beta` is the
   * importance-sampling exponent of prioritised replay (ignored when uniform).
   */
  sample(n: number, rng: Rng, beta = 1): ReplayBatch {
    checkPositiveInteger('replay buffer', 'batch size', n);
    if (this.size === 0) throw new Error('replay buffer: cannot sample from an empty buffer');
    if (this.batch === null || this.batch.size !== n) this.batch = this.allocateBatch(n);
    const batch = this.batch;
    const { obsWidth } = this;
    if (this.priority === null) {
      for (let i = 0; i < n; i++) batch.indices[i] = rng.int(this.size);
      batch.weights.fill(1);
    } else {
      const total = this.tree[1];
      const slice = total / n;
      let largest = 0;
      for (let i = 0; i < n; i++) {
        const slot = this.findSlot((i + rng.next()) * slice);
        batch.indices[i] = slot;
        // w = (N P(i))^-beta; normalised by the batch maximum below.
        const weight = Math.pow((this.size * this.tree[slot + this.leafCount]) / total, -beta);
        batch.weights[i] = weight;
        if (weight > largest) largest = weight;
      }
      for (let i = 0; i < n; i++) batch.weights[i] /= largest;
    }
    for (let i = 0; i < n; i++) {
      const slot = batch.indices[i];
      batch.obs.set(this.obs.subarray(slot * obsWidth, (slot + 1) * obsWidth), i * obsWidth);
      batch.nextObs.set(this.nextObs.subarray(slot * obsWidth, (slot + 1) * obsWidth), i * obsWidth);
      batch.actions[i] = this.actions[slot];
      batch.rewards[i] = this.rewards[slot];
      batch.discounts[i] = this.discounts[slot];
      batch.terminated[i] = this.terminated[slot];
    }
    return batch;
  }

  /** Sets the priorities of sampled slots from their TD errors: (|delta| + epsilon)^alpha. */
  updatePriorities(indices: ArrayLike<number>, tdErrors: ArrayLike<number>): void {
    if (this.priority === null) throw new Error('replay buffer: updatePriorities needs prioritised replay');
    const { alpha, epsilon } = this.priority;
    for (let i = 0; i < indices.length; i++) {
      const delta = tdErrors[i];
      if (!Number.isFinite(delta)) throw new Error(`replay buffer: TD error ${i} is ${delta}, expected a finite number`);
      const priority = Math.pow(Math.abs(delta) + epsilon, alpha);
      this.setLeaf(indices[i], priority);
      if (priority > this.maxPriority) this.maxPriority = priority;
    }
  }

  /** Copies of slot `slot`'s contents (for tests and the UI). */
  at(slot: number): { obs: Float32Array; action: number; reward: number; discount: number; nextObs: Float32Array; terminated: boolean } {
    if (!(Number.isInteger(slot) && slot >= 0 && slot < this.size)) throw new Error(`replay buffer: slot must be an integer in [0, ${this.size}), got ${slot}`);
    const w = this.obsWidth;
    return {
      obs: this.obs.slice(slot * w, (slot + 1) * w),
      action: this.actions[slot],
      reward: this.rewards[slot],
      discount: this.discounts[slot],
      nextObs: this.nextObs.slice(slot * w, (slot + 1) * w),
      terminated: this.terminated[slot] === 1,
    };
  }

  private allocateBatch(n: number): ReplayBatch {
    return {
      size: n,
      indices: new Int32Array(n),
      obs: new Float32Array(n * this.obsWidth),
      actions: new Int32Array(n),
      rewards: new Float32Array(n),
      discounts: new Float32Array(n),
      nextObs: new Float32Array(n * this.obsWidth),
      terminated: new Float32Array(n),
      weights: new Float32Array(n),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Saving: the filled slots, priorities and the pending queue, as base64 little-endian arrays.
  // Size: about (8 obsWidth + 13) bytes per filled slot before base64 (x 4/3 after), plus 8 per
  // slot for priorities: a full 100k-slot CartPole buffer (obsWidth 4) is about 6 MB of JSON.

  state(): ReplayBufferState {
    const { size, obsWidth } = this;
    const pendingObs = new Float32Array(this.pendingCount * obsWidth);
    const pendingActions = new Int32Array(this.pendingCount);
    const pendingRewards = new Float64Array(this.pendingCount);
    for (let k = 0; k < this.pendingCount; k++) {
      const slot = (this.pendingHead + k) % this.nStep;
      pendingObs.set(this.pendingObs.subarray(slot * obsWidth, (slot + 1) * obsWidth), k * obsWidth);
      pendingActions[k] = this.pendingActions[slot];
      pendingRewards[k] = this.pendingRewards[slot];
    }
    return {
      capacity: this.capacity,
      obsWidth,
      size,
      cursor: this.cursor,
      obs: encode(this.obs.subarray(0, size * obsWidth)),
      actions: encode(this.actions.subarray(0, size)),
      rewards: encode(this.rewards.subarray(0, size)),
      discounts: encode(this.discounts.subarray(0, size)),
      nextObs: encode(this.nextObs.subarray(0, size * obsWidth)),
      terminated: encode(this.terminated.subarray(0, size)),
      priorities: this.priority === null ? null : encode(this.tree.subarray(this.leafCount, this.leafCount + size)),
      maxPriority: this.maxPriority,
      pending: {
        count: this.pendingCount,
        obs: encode(pendingObs),
        actions: encode(pendingActions),
        rewards: encode(pendingRewards),
        lastNextObs: encode(this.lastNextObs),
      },
    };
  }

  /** Puts back what `state()` wrote, into a buffer made with the same options. Checks everything first. */
  restore(saved: unknown, where = 'replay buffer'): void {
    const fail = (message: string): never => {
      throw new Error(`${where}: ${message}`);
    };
    if (typeof saved !== 'object' || saved === null) fail('must be an object');
    const s = saved as Record<string, unknown>;
    const integer = (key: string, value: unknown, min: number, max: number): number => {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        fail(`${key} must be an integer in [${min}, ${max}], got ${JSON.stringify(value)}`);
      }
      return value as number;
    };
    const capacity = integer('capacity', s.capacity, 1, Number.MAX_SAFE_INTEGER);
    const obsWidth = integer('obsWidth', s.obsWidth, 1, Number.MAX_SAFE_INTEGER);
    if (capacity !== this.capacity || obsWidth !== this.obsWidth) {
      fail(`was saved with capacity ${capacity} and obsWidth ${obsWidth}, but this buffer has capacity ${this.capacity} and obsWidth ${this.obsWidth}`);
    }
    const size = integer('size', s.size, 0, capacity);
    const cursor = integer('cursor', s.cursor, 0, capacity - 1);
    if (size < capacity && cursor !== size) fail(`cursor ${cursor} must equal size ${size} while the buffer is not full`);
    const read = <T extends TypedArray>(key: string, value: unknown, kind: TypedKind, length: number): T => decode(where, key, value, kind, length) as T;
    const obs = read<Float32Array>('obs', s.obs, 'float32', size * obsWidth);
    const actions = read<Int32Array>('actions', s.actions, 'int32', size);
    const rewards = read<Float32Array>('rewards', s.rewards, 'float32', size);
    const discounts = read<Float32Array>('discounts', s.discounts, 'float32', size);
    const nextObs = read<Float32Array>('nextObs', s.nextObs, 'float32', size * obsWidth);
    const terminated = read<Uint8Array>('terminated', s.terminated, 'uint8', size);
    for (let i = 0; i < size; i++) if (terminated[i] > 1) fail(`terminated[${i}] must be 0 or 1, got ${terminated[i]}`);
    let priorities: Float64Array | null = null;
    if (this.priority === null) {
      if (s.priorities !== null) fail('has priorities, but this buffer samples uniformly');
    } else {
      if (s.priorities === null) fail('has no priorities, but this buffer is prioritised');
      priorities = read<Float64Array>('priorities', s.priorities, 'float64', size);
      for (let i = 0; i < size; i++) if (!(priorities[i] > 0)) fail(`priorities[${i}] must be positive, got ${priorities[i]}`);
    }
    const maxPriority = s.maxPriority;
    if (typeof maxPriority !== 'number' || !(maxPriority > 0) || !Number.isFinite(maxPriority)) fail(`maxPriority must be a positive number, got ${JSON.stringify(maxPriority)}`);
    if (typeof s.pending !== 'object' || s.pending === null) fail('pending must be an object');
    const p = s.pending as Record<string, unknown>;
    const count = integer('pending.count', p.count, 0, this.nStep - 1);
    const pendingObs = read<Float32Array>('pending.obs', p.obs, 'float32', count * obsWidth);
    const pendingActions = read<Int32Array>('pending.actions', p.actions, 'int32', count);
    const pendingRewards = read<Float64Array>('pending.rewards', p.rewards, 'float64', count);
    const lastNextObs = read<Float32Array>('pending.lastNextObs', p.lastNextObs, 'float32', obsWidth);

    // Everything checked: now change the buffer.
    this.size = size;
    this.cursor = cursor;
    this.obs.fill(0).set(obs);
    this.actions.fill(0).set(actions);
    this.rewards.fill(0).set(rewards);
    this.discounts.fill(0).set(discounts);
    this.nextObs.fill(0).set(nextObs);
    this.terminated.fill(0).set(terminated);
    if (priorities !== null) {
      this.tree.fill(0);
      this.tree.set(priorities, this.leafCount);
      for (let node = this.leafCount - 1; node >= 1; node--) this.tree[node] = this.tree[2 * node] + this.tree[2 * node + 1];
    }
    this.maxPriority = maxPriority as number;
    this.pendingHead = 0;
    this.pendingCount = count;
    this.pendingObs.set(pendingObs);
    this.pendingActions.set(pendingActions);
    this.pendingRewards.set(pendingRewards);
    this.lastNextObs.set(lastNextObs);
  }
}

export interface ReplayBufferState {
  readonly capacity: number;
  readonly obsWidth: number;
  readonly size: number;
  readonly cursor: number;
  readonly obs: string;
  readonly actions: string;
  readonly rewards: string;
  readonly discounts: string;
  readonly nextObs: string;
  readonly terminated: string;
  /** float64 priorities of the filled slots; null for uniform replay. */
  readonly priorities: string | null;
  readonly maxPriority: number;
  readonly pending: {
    readonly count: number;
    readonly obs: string;
    readonly actions: string;
    readonly rewards: string;
    readonly lastNextObs: string;
  };
}

type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;
type TypedKind = 'float32' | 'float64' | 'int32' | 'uint8';

/** A typed array as base64 of its little-endian bytes. */
function encode(values: TypedArray): string {
  const bytes = new Uint8Array(values.length * values.BYTES_PER_ELEMENT);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) {
    if (values instanceof Float32Array) view.setFloat32(i * 4, values[i], true);
    else if (values instanceof Float64Array) view.setFloat64(i * 8, values[i], true);
    else if (values instanceof Int32Array) view.setInt32(i * 4, values[i], true);
    else bytes[i] = values[i];
  }
  return bytesToBase64(bytes);
}

const BYTES: Record<TypedKind, number> = { float32: 4, float64: 8, int32: 4, uint8: 1 };

function decode(where: string, key: string, text: unknown, kind: TypedKind, length: number): TypedArray {
  if (typeof text !== 'string') throw new Error(`${where}: ${key} must be a base64 string`);
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(text);
  } catch (error) {
    throw new Error(`${where}: ${key}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const width = BYTES[kind];
  if (bytes.length !== length * width) {
    throw new Error(`${where}: ${key} has ${bytes.length} bytes, expected ${length * width} (${length} ${kind} values)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = kind === 'float32' ? new Float32Array(length) : kind === 'float64' ? new Float64Array(length) : kind === 'int32' ? new Int32Array(length) : new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const value = kind === 'float32' ? view.getFloat32(i * 4, true) : kind === 'float64' ? view.getFloat64(i * 8, true) : kind === 'int32' ? view.getInt32(i * 4, true) : bytes[i];
    if (!Number.isFinite(value)) throw new Error(`${where}: ${key}[${i}] is ${value}, expected a finite number`);
    out[i] = value;
  }
  return out;
}
