/**
 * The partially observed worlds Floe ships: fig 19.4's penguin that sees only a window, built so
 * that it also shows the point of section 19.5 about memoryless policies.
 *
 * Fig 19.4 (book states 1..16 row-major; cells 0..15 here): from book state 3 (cell 2) a move
 * right falls into a hole (-2); from book state 9 (cell 8) the penguin sees the same view and a
 * move right reaches the fish (+3). The book does not give the window, so the preset uses a
 * radius-1 window (3 x 3) in which holes and fish lie "under snow" (they read as ice) and walls
 * and the grid's edge show:
 *
 *     the map        the view from cell 2 (book 3) and from cell 8 (book 9)
 *     # # S H        # # #
 *     # # . #        # . .
 *     S F . .        # . #
 *     . # . .
 *
 * S: the two starts (cells 2 and 8); H: the hole (cell 3), right of cell 2; F: the fish (cell 9),
 * right of cell 8. Those two views are identical and no other cell shares them. Rewards are
 * paid on arriving (the notebooks' timing, so the -2 and +3 come on the move right itself);
 * moves never slip; gamma 0.9; episodes start in cell 2 or cell 8 with probability 1/2 each.
 *
 * Why memoryless policies need randomness here: the hole (cell 3) and the cell below book state 9
 * (cell 12) are dead ends that lead straight back to the aliased cells. A deterministic
 * memoryless policy takes one action in both aliased cells: 'right' keeps falling into the hole
 * from cell 2 (value -2 / (1 - 0.81) = -10.53 there at best), 'down' walks from cell 8 into the
 * dead end and back forever (value 0 there), 'up' and 'left' bump into walls forever. The best
 * of them ('down') is worth (2.43 + 0) / 2 = 1.215 from the start. A policy that goes right with
 * probability 1/4 and down otherwise in the aliased view is worth 1.7846, and the best such mix
 * (right with about 0.243) 1.7849; with the full state the penguin gets (2.43 + 3) / 2 = 2.715.
 * tests/unit/pomdp-memoryless.test.ts computes all of these exactly.
 */
import { DEFAULT_LEGEND, GRIDWORLD_SPEC_VERSION, type GridworldSpec } from '../gridworld/index';
import type { PomdpObservationConfig } from './observation';

export interface PomdpPreset {
  /** Kebab-case; registered as `pomdp/<id>`. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** The world: states, dynamics and rewards. */
  readonly spec: GridworldSpec;
  /** What the penguin sees of it. */
  readonly observation: PomdpObservationConfig;
  /** Cells (0-based) whose views are the same but whose best actions differ, for the UI to mark. */
  readonly aliasedCells: readonly number[];
}

const presetList: PomdpPreset[] = [
  {
    id: 'fig-19-4',
    title: 'Partially observed penguin (fig 19.4)',
    description:
      'The penguin sees only the 3 x 3 window around itself, and holes and fish lie under snow, so they look like ice. ' +
      'From book state 3 and from book state 9 (cells 2 and 8) it sees exactly the same view, yet moving right falls into a hole (-2) from one and reaches the fish (+3) from the other. ' +
      'Episodes start in one of the two at random. Every deterministic policy of the view alone fails in one of them, and a policy that sometimes moves right and sometimes down does better than any of them.',
    spec: {
      version: GRIDWORLD_SPEC_VERSION,
      name: 'Partially observed penguin',
      map: ['##SH', '##.#', 'SF..', '.#..'],
      legend: DEFAULT_LEGEND,
      rewardTiming: 'arrive',
      stepReward: 0,
      slip: { model: 'deterministic', probability: 1 },
      mode: 'mdp',
      gamma: 0.9,
      maxSteps: 100,
    },
    observation: { radius: 1, hiddenLooks: ['hole', 'fish'], noise: 0, showPosition: false },
    aliasedCells: [2, 8],
  },
];

/** Presets are shared by every page and world: frozen so that no edit can leak between them. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export const POMDP_PRESETS: Readonly<Record<string, PomdpPreset>> = deepFreeze(Object.fromEntries(presetList.map((preset) => [preset.id, preset])));
