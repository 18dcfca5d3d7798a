/**
 * The gridworlds Floe ships: the book's penguin figures, the notebooks' variant and three classic
 * teaching worlds. Layouts and numbers are facts from the sources named in each description;
 * every spec passes parseGridworldSpec (tests/unit/presets.test.ts).
 */
import { DEFAULT_LEGEND, GRIDWORLD_SPEC_VERSION, type GridworldSpec, type TileKind } from './spec';

export interface GridworldPreset {
  /** Kebab-case; registered as `gridworld/<id>`. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly spec: GridworldSpec;
}

/** The book's 4x4 layout (figs 19.3, 19.10, 19.11): start at 0, holes at 9, 10, 14, fish at 15. */
const PENGUIN_MAP = ['S...', '....', '.HH.', '..HF'];

const ICE: TileKind = { name: 'ice', look: 'ice' };
const START: TileKind = { name: 'start', look: 'ice', start: true };

const bookMdp = (name: string): GridworldSpec => ({
  version: GRIDWORLD_SPEC_VERSION,
  name,
  map: PENGUIN_MAP,
  legend: DEFAULT_LEGEND,
  rewardTiming: 'leave',
  stepReward: 0,
  slip: { model: 'book', probability: 0.5 },
  mode: 'mdp',
  gamma: 0.9,
  maxSteps: 100,
});

const FROZEN_LAKE_LEGEND: Readonly<Record<string, TileKind>> = {
  S: START,
  F: { name: 'frozen', look: 'ice' },
  H: { name: 'hole', look: 'hole', terminal: true, reward: 0 },
  G: { name: 'goal', look: 'goal', terminal: true, reward: 1 },
};

const frozenLake = (name: string, map: string[], maxSteps: number): GridworldSpec => ({
  version: GRIDWORLD_SPEC_VERSION,
  name,
  map,
  legend: FROZEN_LAKE_LEGEND,
  rewardTiming: 'arrive',
  stepReward: 0,
  slip: { model: 'perpendicular', probability: 1 / 3 },
  mode: 'mdp',
  gamma: 0.99,
  maxSteps,
});

const presetList: GridworldPreset[] = [
  {
    id: 'fig-19-1-markov-process',
    title: 'Markov process (fig 19.1)',
    description:
      'No actions and no rewards: the penguin slides to each neighbouring cell with equal probability. ' +
      'Holes and the fish are drawn where figs 19.3 and 19.10 put them, but here they pay nothing and end nothing.',
    spec: {
      version: GRIDWORLD_SPEC_VERSION,
      name: 'Markov process',
      map: PENGUIN_MAP,
      legend: {
        '.': ICE,
        S: START,
        H: { name: 'hole', look: 'hole', reward: 0 },
        F: { name: 'fish', look: 'fish', reward: 0 },
      },
      rewardTiming: 'leave',
      stepReward: 0,
      slip: { model: 'random-walk' },
      mode: 'markov-process',
      gamma: 0.9,
      maxSteps: 100,
    },
  },
  {
    id: 'fig-19-2-reward-process',
    title: 'Markov reward process (fig 19.2)',
    description: 'Still no actions, but landing on a fish pays +1. The fish (cells 3, 8 and 10) stay put, so the episode runs to the time limit.',
    spec: {
      version: GRIDWORLD_SPEC_VERSION,
      name: 'Markov reward process',
      map: ['S..F', '....', 'F.F.', '....'],
      legend: { '.': ICE, S: START, F: { name: 'fish', look: 'fish', reward: 1 } },
      rewardTiming: 'arrive',
      stepReward: 0,
      slip: { model: 'random-walk' },
      mode: 'markov-reward-process',
      gamma: 0.9,
      maxSteps: 100,
    },
  },
  {
    id: 'fig-19-3-mdp',
    title: 'Markov decision process (fig 19.3)',
    description:
      'The penguin chooses a move, but the ice makes it go the intended way only half the time; the rest is split over the other possible moves. ' +
      'Leaving a hole costs -2; leaving the fish pays +3 and ends the episode.',
    spec: bookMdp('Markov decision process'),
  },
  {
    id: 'fig-19-10',
    title: 'Dynamic programming (fig 19.10, problem 19.3)',
    description:
      'The world of fig 19.3 as used for policy and value iteration: book slip 0.5, rewards paid on leaving a tile, gamma 0.9. ' +
      'Two value-iteration sweeps from zero give the numbers of problem 19.3.',
    spec: bookMdp('Dynamic programming'),
  },
  {
    id: 'fig-19-11-monte-carlo',
    title: 'Monte Carlo (fig 19.11)',
    description: 'The same cells as fig 19.10 with smaller rewards: leaving a hole costs -1 and leaving the fish pays +1 and ends the episode.',
    spec: {
      ...bookMdp('Monte Carlo'),
      legend: {
        ...DEFAULT_LEGEND,
        H: { name: 'hole', look: 'hole', reward: -1 },
        F: { name: 'fish', look: 'fish', reward: 1, terminal: true },
      },
    },
  },
  {
    id: 'notebook-td',
    title: 'Temporal difference (notebook variant)',
    description:
      "The book's layout with the companion notebooks' rules: the intended move happens with probability 0.85 and each other direction with 0.05 " +
      '(a move off the grid stays put), and rewards are paid on arriving: -2 for landing in a hole, +3 for reaching the fish, which ends the episode.',
    spec: {
      ...bookMdp('Temporal difference'),
      rewardTiming: 'arrive',
      slip: { model: 'notebook', probability: 0.85 },
    },
  },
  {
    id: 'frozen-lake-4x4',
    title: 'Frozen lake 4x4',
    description:
      'The classic slippery lake: each move goes the intended way or to either side with probability 1/3 each. ' +
      'Reaching the goal pays +1; falling into a hole ends the episode with nothing.',
    spec: frozenLake('Frozen lake 4x4', ['SFFF', 'FHFH', 'FFFH', 'HFFG'], 100),
  },
  {
    id: 'frozen-lake-8x8',
    title: 'Frozen lake 8x8',
    description: 'The larger classic lake, with the same slippery rules as the 4x4 one and a longer time limit.',
    spec: frozenLake(
      'Frozen lake 8x8',
      ['SFFFFFFF', 'FFFFFFFF', 'FFFHFFFF', 'FFFFFHFF', 'FFFHFFFF', 'FHHFFFHF', 'FHFFHFHF', 'FFFHFFFG'],
      200,
    ),
  },
  {
    id: 'cliff-walk',
    title: 'Cliff walking (Sutton & Barto, example 6.6)',
    description:
      'Every step costs -1. Stepping off the cliff along the bottom edge costs -100 in all and puts the penguin back at the start; the goal ends the episode. ' +
      'Moves never slip and there is no discounting, as in the textbook, so SARSA learns the safe path and Q-learning the cliff edge.',
    spec: {
      version: GRIDWORLD_SPEC_VERSION,
      name: 'Cliff walking',
      map: ['............', '............', '............', 'SCCCCCCCCCCG'],
      legend: {
        '.': ICE,
        S: START,
        // -99 tile plus the -1 step reward: the textbook's -100 for a step into the cliff.
        C: { name: 'cliff', look: 'hole', reward: -99, returnToStart: true },
        G: { name: 'goal', look: 'goal', terminal: true, reward: 0 },
      },
      rewardTiming: 'arrive',
      stepReward: -1,
      slip: { model: 'deterministic', probability: 1 },
      mode: 'mdp',
      gamma: 1,
      maxSteps: 500,
    },
  },
  {
    id: 'sutton-barto-4x4',
    title: 'Small gridworld (Sutton & Barto, example 4.1)',
    description:
      'Two terminal corners, -1 for every step, moves that never slip and no discounting. ' +
      'Evaluating the uniformly random policy gives the textbook values: -14, -20 and -22 steps from the corners.',
    spec: {
      version: GRIDWORLD_SPEC_VERSION,
      name: 'Small gridworld',
      // Episodes start in any non-terminal cell, as in the textbook's evaluation.
      map: ['TSSS', 'SSSS', 'SSSS', 'SSST'],
      legend: { S: START, T: { name: 'terminal', look: 'goal', terminal: true, reward: 0 } },
      // `arrive` with reward 0 on the corners makes every step -1 and the corners absorbing at 0,
      // exactly the textbook's model; `leave` would charge one more step on the corner itself.
      rewardTiming: 'arrive',
      stepReward: -1,
      slip: { model: 'deterministic', probability: 1 },
      mode: 'mdp',
      gamma: 1,
      maxSteps: 100,
    },
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

export const GRIDWORLD_PRESETS: Readonly<Record<string, GridworldPreset>> = deepFreeze(
  Object.fromEntries(presetList.map((preset) => [preset.id, preset])),
);
