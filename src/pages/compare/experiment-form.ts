/**
 * The compare page's form as plain data, and its mapping to the experiment file
 * (agents/runner/experiment/spec.ts) that parseExperiment checks. The form holds what a person
 * typed (a number field left empty is NaN), so parseExperiment's one message says what is wrong.
 *
 * Worlds: the gridworld presets that are decision processes (the Markov process pages have no
 * actions to learn), a person's own map (edited on the gridworld page or saved in the library:
 * MAP_WORLD with the spec in `map`), CartPole and the arcade games. Tabular learners need a gridworld; on CartPole
 * and the arcade only the deep agents are offered, starting from the same tuned options as those
 * pages (world-defaults.ts).
 */
import { ARCADE_WORLD_IDS } from '../../../environments/arcade/register';
import { getWorld } from '../../../environments/core/registry';
import { GRIDWORLD_PRESETS, type GridworldSpec } from '../../../environments/gridworld';
import { DEEP_AGENT_NAMES, isDeepAgentName } from '../../../agents/deep/catalogue';
import { MAX_CONFIGS, MIN_CONFIGS, parseExperiment, TABULAR_LEARNER_NAMES, EXPERIMENT_FORMAT, EXPERIMENT_VERSION, type ExperimentParse } from '../../../agents/runner/experiment/spec';
import { arcadeStart, cartpoleStart } from '../../lib/ui/agent/world-defaults';
import { agentInfo } from '../../lib/ui/agent/agent-catalogue';

export type OptionValue = number | string | boolean;

export interface FormConfig {
  readonly label: string;
  readonly agent: string;
  /** Only the options the person set (or the world's tuned start); the rest are the agent's defaults. */
  readonly options: Readonly<Record<string, OptionValue>>;
}

/** The form's world when it is a person's own map (the spec is the form's `map`). */
export const MAP_WORLD = 'gridworld:map';

export interface ExperimentForm {
  /** 'gridworld:<preset id>', MAP_WORLD, 'cartpole' or 'arcade:<game id without arcade/>' (see WORLD_CHOICES). */
  readonly world: string;
  /** The map of MAP_WORLD (kept when another world is picked, so picking it again brings it back); null when there is none. */
  readonly map: GridworldSpec | null;
  readonly configs: readonly FormConfig[];
  readonly seeds: number;
  readonly steps: number;
  readonly points: number;
  /** Whether the threshold column is wanted, and its value. */
  readonly useThreshold: boolean;
  readonly threshold: number;
}

export interface WorldChoice {
  readonly value: string;
  readonly title: string;
  readonly group: 'Gridworlds' | 'Classic control' | 'Arcade';
}

export const WORLD_CHOICES: readonly WorldChoice[] = [
  ...Object.values(GRIDWORLD_PRESETS)
    .filter((preset) => preset.spec.mode === 'mdp')
    .map((preset): WorldChoice => ({ value: `gridworld:${preset.id}`, title: preset.title, group: 'Gridworlds' })),
  { value: 'cartpole', title: 'CartPole', group: 'Classic control' },
  ...ARCADE_WORLD_IDS.map((id): WorldChoice => ({ value: `arcade:${id.slice('arcade/'.length)}`, title: getWorld(id)?.title ?? id, group: 'Arcade' })),
];

export type WorldFamily = 'gridworld' | 'cartpole' | 'arcade';

export function worldFamily(world: string): WorldFamily {
  if (world.startsWith('gridworld:')) return 'gridworld';
  return world === 'cartpole' ? 'cartpole' : 'arcade';
}

/** The experiment file's world for the form's world. */
export function experimentWorld(form: Pick<ExperimentForm, 'world' | 'map'>): Record<string, unknown> {
  const world = form.world;
  if (world === MAP_WORLD) return { kind: 'gridworld', spec: form.map };
  if (world.startsWith('gridworld:')) return { kind: 'gridworld', preset: world.slice('gridworld:'.length) };
  if (world === 'cartpole') return { kind: 'cartpole' };
  return { kind: 'arcade', id: world.startsWith('arcade:') ? world.slice('arcade:'.length) : world };
}

/** The agents a world offers: tabular learners (gridworlds only), then the deep agents. */
export function agentsFor(world: string): readonly string[] {
  return worldFamily(world) === 'gridworld' ? [...TABULAR_LEARNER_NAMES, ...DEEP_AGENT_NAMES] : DEEP_AGENT_NAMES;
}

/** The options an agent starts with on a world: tuned ones on CartPole and the arcade, else none (the defaults). */
export function startOptions(world: string, agent: string): Record<string, OptionValue> {
  const family = worldFamily(world);
  if (family === 'cartpole' && isDeepAgentName(agent)) return { ...cartpoleStart(agent).options };
  if (family === 'arcade' && isDeepAgentName(agent)) return { ...arcadeStart(agent).options };
  return {};
}

/** `base`, or `base 2`, `base 3`, ...: the first not among `taken`. */
export function uniqueLabel(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let k = 2; ; k++) if (!taken.includes(`${base} ${k}`)) return `${base} ${k}`;
}

export function agentTitle(agent: string): string {
  return agentInfo(agent).title;
}

/** Whether a label is one the form made for the agent (its title, maybe numbered), not one a person typed. */
export function isAutoLabel(label: string, agent: string): boolean {
  const title = agentTitle(agent);
  return label === title || (label.startsWith(`${title} `) && /^\d+$/.test(label.slice(title.length + 1)));
}

/** Sutton and Barto's example 6.6: alpha 0.5, epsilon 0.1, where SARSA learns the safe path and Q-learning the cliff edge. */
const CLIFF_OPTIONS = { alpha: 0.5, epsilon: 0.1 };

/** The page's first experiment: Q-learning against SARSA on the cliff walk, 5 seeds of 20,000 steps. */
export function defaultForm(): ExperimentForm {
  return {
    world: 'gridworld:cliff-walk',
    map: null,
    configs: [
      { label: 'Q-learning', agent: 'q-learning', options: { ...CLIFF_OPTIONS } },
      { label: 'SARSA', agent: 'sarsa', options: { ...CLIFF_OPTIONS } },
    ],
    seeds: 5,
    steps: 20_000,
    points: 100,
    useThreshold: true,
    threshold: -30,
  };
}

/** A first experiment on a person's map: Q-learning against SARSA with their default options, 5 seeds, no threshold. */
export function mapForm(map: GridworldSpec): ExperimentForm {
  return {
    ...defaultForm(),
    world: MAP_WORLD,
    map,
    configs: [
      { label: 'Q-learning', agent: 'q-learning', options: {} },
      { label: 'SARSA', agent: 'sarsa', options: {} },
    ],
    useThreshold: false,
  };
}

/** The form as an experiment file (not yet checked). */
export function formToRaw(form: ExperimentForm): Record<string, unknown> {
  return {
    format: EXPERIMENT_FORMAT,
    version: EXPERIMENT_VERSION,
    world: experimentWorld(form),
    configs: form.configs.map((c) => ({ label: c.label, agent: c.agent, options: { ...c.options } })),
    seeds: form.seeds,
    steps: form.steps,
    points: form.points,
    ...(form.useThreshold ? { threshold: form.threshold } : {}),
  };
}

/** The form checked by parseExperiment: the experiment, or its one message. */
export function formToExperiment(form: ExperimentForm): ExperimentParse {
  return parseExperiment(formToRaw(form));
}

/** Another world: tabular configurations on a world without a table become DQN (the world's tuned start). */
export function withWorld(form: ExperimentForm, world: string): ExperimentForm {
  const offered = agentsFor(world);
  const configs: FormConfig[] = [];
  for (const config of form.configs) {
    if (offered.includes(config.agent) && worldFamily(world) === worldFamily(form.world)) {
      configs.push(config);
      continue;
    }
    const agent = offered.includes(config.agent) ? config.agent : 'dqn';
    const label = uniqueLabel(agent === config.agent ? config.label : agentTitle(agent), configs.map((c) => c.label));
    configs.push({ label, agent, options: startOptions(world, agent) });
  }
  return { ...form, world, configs };
}

/** The form on a person's own map (a gridworld spec, checked when the form is). */
export function withMap(form: ExperimentForm, map: GridworldSpec): ExperimentForm {
  return { ...withWorld(form, MAP_WORLD), map };
}

/** Configuration `index` runs another agent, from the world's start options; an untouched label follows the agent. */
export function withAgent(form: ExperimentForm, index: number, agent: string): ExperimentForm {
  const others = form.configs.filter((_, i) => i !== index).map((c) => c.label);
  const old = form.configs[index];
  const label = isAutoLabel(old.label, old.agent) ? uniqueLabel(agentTitle(agent), others) : old.label;
  return { ...form, configs: form.configs.map((c, i) => (i === index ? { label, agent, options: startOptions(form.world, agent) } : c)) };
}

export function withOption(form: ExperimentForm, index: number, key: string, value: OptionValue): ExperimentForm {
  return { ...form, configs: form.configs.map((c, i) => (i === index ? { ...c, options: { ...c.options, [key]: value } } : c)) };
}

export function withLabel(form: ExperimentForm, index: number, label: string): ExperimentForm {
  return { ...form, configs: form.configs.map((c, i) => (i === index ? { ...c, label } : c)) };
}

/** One more configuration (up to MAX_CONFIGS): a copy of the last one, so "the same agent with other settings" is one click. */
export function withAddedConfig(form: ExperimentForm): ExperimentForm {
  if (form.configs.length >= MAX_CONFIGS) return form;
  const last = form.configs[form.configs.length - 1];
  const label = uniqueLabel(agentTitle(last.agent), form.configs.map((c) => c.label));
  return { ...form, configs: [...form.configs, { label, agent: last.agent, options: { ...last.options } }] };
}

export function withoutConfig(form: ExperimentForm, index: number): ExperimentForm {
  if (form.configs.length <= MIN_CONFIGS) return form;
  return { ...form, configs: form.configs.filter((_, i) => i !== index) };
}
