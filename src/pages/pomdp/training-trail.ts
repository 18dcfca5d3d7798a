/**
 * The trail of the training episode the page watches, rebuilt from the snapshots the worker
 * sends: when a snapshot is exactly one step after the previous one, that step is the move
 * between their cells; after a gap (frames are decimated while training runs fast) or a new
 * episode the trail starts again from the penguin.
 */
import type { TrailStep } from '../../lib/render/gridworld';
import type { PomdpWorld } from '../../../agents/runner/pomdp/world';
import { moveBetween } from './pomdp-scene';

/** Steps kept: older ones would only be a tangle. */
const TRAIL_MAX = 200;

export class TrainingTrail {
  private last: { readonly globalStep: number; readonly elapsed: number; readonly state: number } | null = null;
  private steps: TrailStep[] = [];

  follow(world: PomdpWorld, snapshot: { readonly globalStep: number; readonly elapsed: number; readonly state: number }): TrailStep[] {
    const last = this.last;
    if (last && snapshot.globalStep === last.globalStep) return this.steps;
    if (last && snapshot.elapsed === last.elapsed + 1) {
      const direction = moveBetween(world, last.state, snapshot.state);
      this.steps = [...this.steps.slice(-(TRAIL_MAX - 1)), { from: last.state, to: snapshot.state, intended: direction, actual: direction }];
    } else {
      this.steps = [];
    }
    this.last = { globalStep: snapshot.globalStep, elapsed: snapshot.elapsed, state: snapshot.state };
    return this.steps;
  }

  clear(): void {
    this.last = null;
    this.steps = [];
  }
}
