/**
 * What the CartPole page trains: a deep agent, its options and the run's seed (the agent panel
 * edits them; every change starts a fresh run in the worker), and the page's message line.
 * The person's game has its own seed (game.svelte.ts): training does not move it.
 */
import { isDeepAgentName } from '../../../agents/deep/catalogue';
import type { CartPoleRunConfig } from '../../../agents/runner/world-deep-session';
import type { AgentChoice } from '../../lib/ui/agent/agent-catalogue';

type OptionValue = number | string | boolean;

export const DEFAULT_CARTPOLE_AGENT = 'dqn';

export class CartPoleTrainingState implements AgentChoice {
  agent = $state<string>(DEFAULT_CARTPOLE_AGENT);
  options = $state.raw<Readonly<Record<string, OptionValue>>>({});
  seed = $state(1);
  message = $state<string | null>(null);

  setAgent(name: string): void {
    if (!isDeepAgentName(name)) return;
    this.agent = name;
    this.options = {};
  }

  setOption(key: string, value: OptionValue): void {
    this.options = { ...this.options, [key]: value };
  }

  /** Replace every option at once (a tuned preset). */
  setOptions(options: Readonly<Record<string, OptionValue>>): void {
    this.options = { ...options };
  }

  get runConfig(): CartPoleRunConfig {
    return { world: 'cartpole', agent: this.agent, options: this.options, seed: this.seed };
  }

  /** Take on the config of a run loaded from a file (the worker checked it). */
  adoptRun(config: CartPoleRunConfig): void {
    if (!isDeepAgentName(config.agent)) return;
    this.agent = config.agent;
    this.options = { ...config.options };
    this.seed = config.seed;
  }
}
