/**
 * The gridworld spec: the versioned JSON a person edits, saves and shares.
 *
 * States are cells, numbered 0..rows*cols-1 row-major from the top left (the book shows them
 * 1-based). Actions in every gridworld: up = 0, right = 1, down = 2, left = 3.
 */

export const GRIDWORLD_SPEC_VERSION = 1;
export const MAX_GRID_SIDE = 64;

export const ACTIONS = ['up', 'right', 'down', 'left'] as const;
export type ActionName = (typeof ACTIONS)[number];
/** Row and column offsets of the four moves, indexed by action. */
export const MOVES: readonly (readonly [number, number])[] = [
  [-1, 0],
  [0, 1],
  [1, 0],
  [0, -1],
];

/** How a tile is drawn. Derived from its rules when not given. */
export type TileLook = 'ice' | 'hole' | 'fish' | 'wall' | 'goal';

/** What one map character means. */
export interface TileKind {
  /** Reward paid for this tile: on leaving it or on arriving in it, per `rewardTiming`. */
  readonly reward?: number;
  /** The episode ends here (fish, goal, frozen-lake hole). */
  readonly terminal?: boolean;
  /** Blocks movement: a move into a wall leaves the penguin where it was. */
  readonly wall?: boolean;
  /** Episodes begin on a start tile; with several, one is chosen uniformly. */
  readonly start?: boolean;
  /** After paying its reward the penguin is sent back to a start tile (the cliff). */
  readonly returnToStart?: boolean;
  readonly look?: TileLook;
  /** A human name for the palette ("hole", "fish", "cliff"). */
  readonly name?: string;
}

/**
 * - `book`: `probability` for the intended move, the rest split equally over the other valid moves;
 *   an intended move off the grid goes to a valid neighbour uniformly (fig 19.3, problem 19.3).
 * - `notebook`: `probability` intended, the rest split over the other three directions; off-grid stays put.
 * - `perpendicular`: `probability` intended, the rest split over the two perpendicular directions;
 *   off-grid stays put (frozen lake).
 * - `deterministic`: the intended move always happens.
 * - `random-walk`: no choice: each valid neighbour with equal probability (fig 19.1).
 */
export type SlipModelName = 'book' | 'notebook' | 'perpendicular' | 'deterministic' | 'random-walk';

export interface SlipSpec {
  readonly model: SlipModelName;
  /** Probability of the intended move, in [0, 1]. Ignored by `deterministic` and `random-walk`. */
  readonly probability?: number;
}

/** `leave`: paid on leaving a tile, whatever the action (the book). `arrive`: on arriving (the notebooks). */
export type RewardTiming = 'leave' | 'arrive';

/** Figs 19.1-19.3: in the first two the penguin has no choice (one action, a random walk). */
export type GridMode = 'markov-process' | 'markov-reward-process' | 'mdp';

export interface GridworldSpec {
  readonly version: typeof GRIDWORLD_SPEC_VERSION;
  readonly name: string;
  /** Rows of tile characters, all the same length. */
  readonly map: readonly string[];
  /** Meaning of every character used in `map`. Defaults to DEFAULT_LEGEND when omitted. */
  readonly legend?: Readonly<Record<string, TileKind>>;
  readonly rewardTiming: RewardTiming;
  /** Added to every step's reward. */
  readonly stepReward?: number;
  readonly slip: SlipSpec;
  readonly mode: GridMode;
  readonly gamma: number;
  /** Episode time limit (the only source of `truncated`). */
  readonly maxSteps: number;
}

/** Ice, hole, fish, wall and start: the book's penguin world. */
export const DEFAULT_LEGEND: Readonly<Record<string, TileKind>> = {
  '.': { name: 'ice', look: 'ice' },
  S: { name: 'start', look: 'ice', start: true },
  H: { name: 'hole', look: 'hole', reward: -2 },
  F: { name: 'fish', look: 'fish', reward: 3, terminal: true },
  '#': { name: 'wall', look: 'wall', wall: true },
};

/** Every value of the string unions above, for validation and for the UI's pickers. */
export const SLIP_MODELS: readonly SlipModelName[] = ['book', 'notebook', 'perpendicular', 'deterministic', 'random-walk'];
export const REWARD_TIMINGS: readonly RewardTiming[] = ['leave', 'arrive'];
export const GRID_MODES: readonly GridMode[] = ['markov-process', 'markov-reward-process', 'mdp'];
export const TILE_LOOKS: readonly TileLook[] = ['ice', 'hole', 'fish', 'wall', 'goal'];

/**
 * The intended-move probability a slip model gets when the spec leaves it out: the book's 0.5
 * (fig 19.3), the notebooks' 0.85 and frozen lake's even three-way split. `deterministic` always
 * makes the intended move; `random-walk` has no intended move, so it has no entry.
 */
export const DEFAULT_SLIP_PROBABILITY: Readonly<Partial<Record<SlipModelName, number>>> = {
  book: 0.5,
  notebook: 0.85,
  perpendicular: 1 / 3,
  deterministic: 1,
};
