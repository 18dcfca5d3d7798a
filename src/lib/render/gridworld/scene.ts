/**
 * What the gridworld renderer draws: plain data, built by the page from a world and a session
 * snapshot. The renderer is a function of this object (ARCHITECTURE.md section 5).
 */
import type { TileLook } from '../../../../environments/gridworld/spec';

/** One step of the current episode's trail (fig 19.3a): where the penguin meant to go and where it went. */
export interface TrailStep {
  readonly from: number;
  readonly to: number;
  /** Intended action 0..3 (up, right, down, left); -1 for the actionless Markov process. */
  readonly intended: number;
  /** Actual move 0..3, or -1 when the penguin was sent elsewhere without moving. */
  readonly actual: number;
}

export type Overlay = 'values' | 'policy' | 'q' | 'visits' | 'trail';

export interface GridScene {
  readonly rows: number;
  readonly cols: number;
  /** Per cell, row-major. */
  readonly looks: readonly TileLook[];
  /** Per cell: the tile's reward (shown small in the corner when non-zero). */
  readonly rewards: readonly number[];
  readonly starts: readonly number[];
  /** Cell of the penguin, or null when no episode runs. */
  readonly penguin: number | null;
  /** The last move, so the penguin can waddle (actual === intended) or slide (they differ). */
  readonly lastMove: TrailStep | null;
  /** v(s) per cell, drawn as a heatmap with numbers when the 'values' overlay is on. */
  readonly values: readonly number[] | null;
  /** pi(a|s), nS*nA row-major (nA = 4): arrows sized by probability (fig 19.5c). */
  readonly policy: readonly number[] | null;
  /** q(s,a), nS*4: four triangles per cell (fig 19.7b). */
  readonly q: readonly number[] | null;
  readonly visits: readonly number[] | null;
  readonly trail: readonly TrailStep[];
  readonly overlays: ReadonlySet<Overlay>;
  /** Show the book's state numbers 1..nS. */
  readonly showStateNumbers: boolean;
  /** The state whose Bellman card is open. */
  readonly selected: number | null;
  /** Successors highlighted by the Bellman card, with their probabilities. */
  readonly highlights: readonly { readonly cell: number; readonly prob: number }[];
  /** Cells whose value just changed: they flash. Bump `flashId` to flash again. */
  readonly flash: readonly number[];
  readonly flashId: number;
  /**
   * 'jump' when steps come faster than a person can follow (training flat out): the penguin and
   * the flashes skip their animations, so the renderer draws once per scene and stays cheap.
   */
  readonly motion?: 'animate' | 'jump';
}
