/**
 * What the POMDP page trains and on which world: the world (a POMDP preset, or a gridworld preset
 * with the window the person set), the agent, its memory (history stacking for the memoryless
 * agents), its options and the run's seed. Every change makes a new run config, and the page
 * starts a fresh run in the worker with it. Plain data in, a ModuleRunConfig out.
 */
import { POMDP_OBSERVATION_DEFAULTS, type PomdpObservationConfig } from '../../../environments/pomdp/observation';
import type { ModuleRunConfig } from '../../../agents/runner/worker-session';
import { isPomdpAgentName, POMDP_AGENTS, type PomdpAgentName } from '../../../agents/runner/pomdp/catalogue';
import type { PomdpWorldInput } from '../../../agents/runner/pomdp/world';

type OptionValue = number | string | boolean;

/** The page's world choice: a POMDP preset id, or a gridworld preset id with a window. */
export interface WorldChoice {
  /** 'pomdp:<id>' or 'gridworld:<id>'. */
  readonly key: string;
  readonly observation: Required<PomdpObservationConfig>;
}

export const FIRST_WORLD = 'pomdp:fig-19-4';

/** The run config's world for a choice. */
export function worldInput(choice: WorldChoice): PomdpWorldInput {
  const [family, id] = splitKey(choice.key);
  if (family === 'pomdp') return id;
  return { gridworld: id, observation: { ...choice.observation, hiddenLooks: [...choice.observation.hiddenLooks] } };
}

export function splitKey(key: string): ['pomdp' | 'gridworld', string] {
  const at = key.indexOf(':');
  return [key.slice(0, at) === 'gridworld' ? 'gridworld' : 'pomdp', key.slice(at + 1)];
}

export class PomdpTraining {
  world = $state.raw<WorldChoice>({ key: FIRST_WORLD, observation: { ...POMDP_OBSERVATION_DEFAULTS, hiddenLooks: [] } });
  agent = $state<PomdpAgentName>('reinforce');
  options = $state.raw<Readonly<Record<string, OptionValue>>>({ ...POMDP_AGENTS.reinforce.start });
  /** Views stacked for the memoryless agents (1: the current one only). */
  history = $state(1);
  previousAction = $state(false);
  seed = $state(1);
  message = $state<string | null>(null);

  setWorld(world: WorldChoice): void {
    this.world = world;
  }

  setAgent(name: string): void {
    if (!isPomdpAgentName(name) || name === this.agent) return;
    this.agent = name;
    this.options = { ...POMDP_AGENTS[name].start };
    if (POMDP_AGENTS[name].memory === 'recurrent') {
      this.history = 1;
      this.previousAction = false;
    }
  }

  setOption(key: string, value: OptionValue): void {
    this.options = { ...this.options, [key]: value };
  }

  get memoryless(): boolean {
    return POMDP_AGENTS[this.agent].memory === 'memoryless';
  }

  get runConfig(): ModuleRunConfig {
    const options: Record<string, OptionValue> = { ...this.options };
    if (this.memoryless && this.history > 1) options.history = this.history;
    if (this.memoryless && this.previousAction) options.previousAction = true;
    return { module: 'pomdp', world: worldInput(this.world), agent: this.agent, options, seed: this.seed };
  }
}
