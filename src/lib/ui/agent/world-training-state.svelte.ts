/**
 * What a CartPole or arcade page trains: the world (the arcade page switches games), a deep
 * agent, its options and the run's seed (the agent panel edits them; every change starts a fresh
 * run in the worker), and the page's message line. The person's game has its own seed: training
 * does not move it.
 */
import { isDeepAgentName } from '../../../../agents/deep/catalogue';
import type { WorldRunConfig } from '../../../../agents/runner/world-deep-session';
import type { AgentChoice } from './agent-catalogue';

type OptionValue = number | string | boolean;
type Options = Readonly<Record<string, OptionValue>>;

export class WorldTrainingState<W extends WorldRunConfig['world'] = WorldRunConfig['world']> implements AgentChoice {
  world = $state() as W;
  agent = $state('dqn');
  options = $state.raw<Options>({});
  seed = $state(1);
  message = $state<string | null>(null);

  /**
   * @param defaults the agent and options a world starts with (and returns to on setWorld), and
   *   with `agent`, the options that agent starts with there (world-defaults.ts).
   */
  constructor(
    world: W,
    private readonly defaults: (world: W, agent?: string) => { agent: string; options: Options },
  ) {
    this.world = world;
    const start = defaults(world);
    this.agent = start.agent;
    this.options = start.options;
  }

  /** Another world: its default agent and options. */
  setWorld(world: W): void {
    if (world === this.world) return;
    const start = this.defaults(world);
    this.world = world;
    this.agent = start.agent;
    this.options = start.options;
  }

  setAgent(name: string): void {
    if (!isDeepAgentName(name)) return;
    this.agent = name;
    this.options = this.defaults(this.world, name).options;
  }

  setOption(key: string, value: OptionValue): void {
    this.options = { ...this.options, [key]: value };
  }

  /** Replace every option at once (a tuned preset). */
  setOptions(options: Options): void {
    this.options = { ...options };
  }

  get runConfig(): WorldRunConfig<W> {
    return { world: this.world, agent: this.agent, options: this.options, seed: this.seed };
  }

  /** Take on the config of a run loaded from a file (the worker checked it). */
  adoptRun(config: WorldRunConfig): void {
    if (!isDeepAgentName(config.agent)) return;
    this.world = config.world as W;
    this.agent = config.agent;
    this.options = { ...config.options };
    this.seed = config.seed;
  }
}
