/**
 * The worlds the offline page records in: the penguin gridworlds (the page's own deterministic
 * ice run first, then every preset with moves to choose), CartPole and the arcade games. Each
 * entry says how the offline session names it (`env`), the name its datasets carry
 * (`world.name`) and who can record in it: a person always; the expert on gridworlds (value
 * iteration), and on CartPole and the arcade games where a pretrained agent ships (expertOffer).
 */
import { GRIDWORLD_SPEC_VERSION, DEFAULT_LEGEND, GRIDWORLD_PRESETS, type GridworldSpec } from '../../../environments/gridworld';
import { offlineGridPresetIds, resolveOfflineWorld, type OfflineWorld, type OfflineWorldSpec } from '../../../agents/runner/offline/offline-world';
import { ARCADE_GAMES, type ArcadeGameInfo } from '../arcade/catalogue';
import { pretrainedOffer, type PretrainedEntry } from '../arcade/pretrained';

/**
 * The book's 4x4 layout with moves that never slip, rewards paid on arriving, -0.2 a step, -2 for
 * landing in a hole (it does not end the episode) and +3 for the fish, which does; 20 steps at
 * most. A return says exactly which way the penguin went: 1.8 for six clean steps, less for every
 * detour and hole. That spread is what a return-conditioned learner needs.
 */
export const ICE_RUN: GridworldSpec = {
  version: GRIDWORLD_SPEC_VERSION,
  name: 'Ice run',
  map: ['S...', '....', '.HH.', '..HF'],
  legend: DEFAULT_LEGEND,
  rewardTiming: 'arrive',
  stepReward: -0.2,
  slip: { model: 'deterministic', probability: 1 },
  mode: 'mdp',
  gamma: 0.99,
  maxSteps: 20,
};

export interface OfflineWorldChoice {
  /** The page's key for it (the select's value). */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly kind: 'gridworld' | 'cartpole' | 'arcade';
  /** What the offline session is given as world.env. */
  readonly env: OfflineWorldSpec;
  /** The session's view of it (env factory, input, actions, model). */
  readonly world: OfflineWorld;
  /** The arcade game (its channels, colours and keys); null for gridworlds. */
  readonly game: ArcadeGameInfo | null;
  /** The names of the actions, by index. */
  readonly actionNames: readonly string[];
}

const GRID_ACTIONS = ['up', 'right', 'down', 'left'];

function gridChoice(id: string, title: string, description: string, env: OfflineWorldSpec): OfflineWorldChoice {
  return { id, title, description, kind: 'gridworld', env, world: resolveOfflineWorld(env), game: null, actionNames: GRID_ACTIONS };
}

export const OFFLINE_WORLDS: readonly OfflineWorldChoice[] = [
  gridChoice(
    'ice-run',
    'Ice run (no slipping)',
    'The penguin of fig 19.3 on ice that never slips: -0.2 a step, -2 for landing in a hole, +3 for the fish. Every route has its own return, from 1.8 for the shortest down to -15 or less.',
    ICE_RUN,
  ),
  ...offlineGridPresetIds().map((id) => {
    const preset = GRIDWORLD_PRESETS[id];
    return gridChoice(id, preset.title, preset.description, id);
  }),
  {
    id: 'cartpole',
    title: 'CartPole',
    description:
      'Balance the pole (Barto, Sutton and Anderson 1983): +1 for every step it stays within 12° and the cart on the track, 500 steps at most. Push with ← and →, 50 steps a second at 1×.',
    kind: 'cartpole',
    env: 'cartpole',
    world: resolveOfflineWorld('cartpole'),
    game: null,
    actionNames: ['left', 'right'],
  },
  ...ARCADE_GAMES.map((game) => ({
    id: game.id,
    title: game.title,
    description: game.description,
    kind: 'arcade' as const,
    env: game.id,
    world: resolveOfflineWorld(game.id),
    game,
    actionNames: game.actionNames,
  })),
];

export function worldById(id: string): OfflineWorldChoice | undefined {
  return OFFLINE_WORLDS.find((choice) => choice.id === id);
}

/**
 * The expert of a world that needs a shipped one (CartPole, the arcade games): its policy file's
 * URL and a line on how good it is, from the pretrained manifest (public/pretrained/manifest.json,
 * made by scripts/pretrain-arcade.ts and scripts/pretrain-cartpole.ts); null where none ships.
 */
export function expertOffer(entries: readonly PretrainedEntry[], choice: OfflineWorldChoice, base: string): { url: string; note: string } | null {
  if (choice.game) return pretrainedOffer(entries, choice.game.slug, base);
  if (choice.kind !== 'cartpole') return null;
  const entry = entries.find((e) => e.game === 'cartpole' && e.shipped && e.file !== null);
  if (!entry?.file) return null;
  return {
    url: `${base}${entry.file}`,
    note: `Trained for ${entry.frames.toLocaleString('en')} steps; playing greedily it balances for ${entry.greedyAverage} steps on average over 100 episodes (random pushes: ${entry.randomAverage}).`,
  };
}

/** The world a dataset was recorded in, by the name it carries; undefined when the page has no such world. */
export function worldOfDataset(datasetWorld: string): OfflineWorldChoice | undefined {
  return OFFLINE_WORLDS.find((choice) => choice.world.name === datasetWorld);
}
