/**
 * The steps of the current episode for the UI's trail, in a fixed-size ring of typed arrays:
 * recording a step writes five numbers and allocates nothing; objects are built only when a
 * snapshot asks for them. When an episode is longer than the ring, its latest steps are kept.
 */

export interface TrailStep {
  readonly from: number;
  readonly to: number;
  /** The action chosen. */
  readonly intended: number;
  /** The move that happened (gridworld info.actual; -1 when the env does not say or the penguin was sent elsewhere). */
  readonly actual: number;
  readonly reward: number;
}

export class TrailRing {
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private readonly intended: Int32Array;
  private readonly actual: Int32Array;
  private readonly reward: Float64Array;
  /** Steps recorded since `clear()` (may exceed the capacity). */
  private recorded = 0;
  /** Where the next step goes (wraps without a division). */
  private head = 0;

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) throw new Error(`trail capacity must be a positive integer, got ${capacity}`);
    this.from = new Int32Array(capacity);
    this.to = new Int32Array(capacity);
    this.intended = new Int32Array(capacity);
    this.actual = new Int32Array(capacity);
    this.reward = new Float64Array(capacity);
  }

  push(from: number, to: number, intended: number, actual: number, reward: number): void {
    const i = this.head;
    this.head = i + 1 === this.capacity ? 0 : i + 1;
    this.from[i] = from;
    this.to[i] = to;
    this.intended[i] = intended;
    this.actual[i] = actual;
    this.reward[i] = reward;
    this.recorded++;
  }

  clear(): void {
    this.recorded = 0;
    this.head = 0;
  }

  /** Steps recorded since the last clear, including any the ring no longer holds. */
  get length(): number {
    return this.recorded;
  }

  /** The steps held, oldest first. */
  toArray(): TrailStep[] {
    const held = Math.min(this.recorded, this.capacity);
    const oldest = this.recorded > this.capacity ? this.head : 0;
    const steps: TrailStep[] = [];
    for (let k = 0; k < held; k++) {
      const i = (oldest + k) % this.capacity;
      steps.push({ from: this.from[i], to: this.to[i], intended: this.intended[i], actual: this.actual[i], reward: this.reward[i] });
    }
    return steps;
  }
}
