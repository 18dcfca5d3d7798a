/**
 * A person's keys between two steps, the one rule of the arcade's Play tab, duel and match: the
 * action at a step is the key pressed since the last step (a tap between two steps still counts),
 * else the key still held, else noop (action 0).
 */
export class KeyLatch {
  private held: number[] = [];
  private tapped: number | null = null;

  press(action: number): void {
    this.tapped = action;
    if (!this.held.includes(action)) this.held.push(action);
  }

  release(action: number): void {
    this.held = this.held.filter((a) => a !== action);
  }

  /** The action for the step being taken now; a tap counts once. */
  take(): number {
    const action = this.tapped ?? this.held.at(-1) ?? 0;
    this.tapped = null;
    return action;
  }

  clear(): void {
    this.held = [];
    this.tapped = null;
  }
}
