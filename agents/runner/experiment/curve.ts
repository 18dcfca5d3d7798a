/**
 * The learning curve of one run: `points` buckets over the step axis 1..steps.
 *
 * Bucket b covers the env steps (ends[b-1], ends[b]] with ends[b] = floor((b + 1) * steps /
 * points) (so ends[points - 1] = steps, and every bucket holds at least one step when points <=
 * steps). An episode belongs to the bucket of the env step it ENDED on (the session's
 * `global_step` on its episode row, counted from 1).
 *
 * A bucket's value is the mean undiscounted return of the episodes that ended in it. A bucket
 * where none ended carries the previous bucket's value forward (the curve shows the latest
 * known return, as a moving-average chart would); before the first episode ends the value is
 * null (nothing is known yet). The curve depends only on the episodes' end steps and returns,
 * never on how the run was chunked.
 */

/** The last env step of every bucket (see above). */
export function bucketEnds(steps: number, points: number): number[] {
  if (!(Number.isInteger(steps) && Number.isInteger(points) && points >= 1 && points <= steps)) {
    throw new Error(`curve: need integers 1 <= points <= steps, got points ${points} and steps ${steps}`);
  }
  return Array.from({ length: points }, (_, b) => Math.floor(((b + 1) * steps) / points));
}

/** Collects episode ends into buckets and closes each bucket once the run has passed its end. */
export class CurveRecorder {
  readonly ends: readonly number[];
  /** Values of the closed buckets (see the module doc). */
  private readonly closed: (number | null)[] = [];
  private sum = 0;
  private count = 0;
  private last: number | null = null;
  private episodeCount = 0;

  constructor(steps: number, points: number) {
    this.ends = bucketEnds(steps, points);
  }

  /** Episodes recorded (those that ended within the run's steps). */
  get episodes(): number {
    return this.episodeCount;
  }

  /** An episode that ended on env step `step` (1-based) with undiscounted return `episodeReturn`. Steps must not go back. */
  addEpisode(step: number, episodeReturn: number): void {
    if (step > this.ends[this.ends.length - 1]) return; // past the run's last step (a vector agent's final batch)
    this.closeThrough(step - 1);
    if (this.closed.length < this.ends.length && step <= this.ends[this.closed.length]) {
      this.sum += episodeReturn;
      this.count++;
      this.episodeCount++;
    }
  }

  /** The run has taken `stepsDone` env steps: every bucket that ends at or before it is final. */
  closeThrough(stepsDone: number): void {
    while (this.closed.length < this.ends.length && this.ends[this.closed.length] <= stepsDone) {
      if (this.count > 0) this.last = this.sum / this.count;
      this.closed.push(this.last);
      this.sum = 0;
      this.count = 0;
    }
  }

  /** The closed buckets so far (a copy): the whole curve once the run is done. */
  curve(): (number | null)[] {
    return this.closed.slice();
  }

  get closedCount(): number {
    return this.closed.length;
  }
}
