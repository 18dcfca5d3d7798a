/**
 * The options a deep agent starts with on the CartPole and arcade pages: the tuned preset where
 * there is one (CartPole: agents/deep/config/presets.ts), MinAtar's network on the arcade games
 * (agents/deep/config/minatar.ts), else the agent's own defaults (plus, on the arcade games, the
 * conv layer every agent there needs to read the planes well).
 */
import { MINATAR_A2C_OPTIONS, MINATAR_DQN_OPTIONS } from '../../../../agents/deep/config/minatar';
import { presetsFor } from '../../../../agents/deep/config/presets';
import { pageOptionsOf } from '../../../../agents/deep/page-options';

type Options = Readonly<Record<string, number | string | boolean>>;
export interface AgentStart {
  readonly agent: string;
  readonly options: Options;
}

/** CartPole: the first tuned preset of `agent` (DQN's by default). */
export function cartpoleStart(agent = 'dqn'): AgentStart {
  const preset = presetsFor('cartpole', agent)[0];
  return { agent, options: preset ? pageOptionsOf(preset.options) : {} };
}

/** The conv layer of MinAtar's network, for agents with no arcade recipe of their own. */
const MINATAR_CONV: Options = { convFilters: 16, hiddenLayers: 1, hiddenUnits: 128, activation: 'relu' };

/** An arcade game: MinAtar's DQN (default) or A2C; the other agents with MinAtar's conv layer. */
export function arcadeStart(agent = 'dqn'): AgentStart {
  if (agent === 'dqn') return { agent, options: MINATAR_DQN_OPTIONS };
  if (agent === 'actor-critic') return { agent, options: MINATAR_A2C_OPTIONS };
  return { agent, options: MINATAR_CONV };
}
