/**
 * What `train` (deep agents) and `play` share: the TensorFlow.js backend option, CartPole as an
 * `--env`, reading a saved agent file, and matching a saved agent to a world; and `train`'s tuned
 * presets (`--preset`, agents/deep/config/presets.ts).
 */
import { statSync } from 'node:fs';
import { readJsonFile } from './files';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendName } from '../../agents/core/tf-backend';
import { DEEP_PRESETS, DEEP_PRESET_IDS, type DeepPreset } from '../../agents/deep/config/presets';
import { deepAgentDims, type DeepAgent } from '../../agents/deep/registry';
import { deepWorld, type DeepObservation, type DeepWorld } from '../../agents/runner/deep-session';
import { ARCADE_WORLD_IDS, isArcadeWorldId, type ArcadeWorldId } from '../../environments/arcade/register';
import { CARTPOLE_HIDDEN_VELOCITIES_ID } from '../../environments/pomdp/cartpole-hidden';
import { MAX_RUN_HISTORY } from '../../agents/runner/run-file';
import type { InputSpec } from '../../agents/deep/types';
import { optional, UsageError, type OptionSpec, type ParsedOptions } from './args';
import type { CliIo } from './command';
import { loadEnv, presetIds, type LoadedEnv } from './env-loader';

export const CLI_BACKENDS = ['wasm', 'cpu'] as const;
export type CliBackend = (typeof CLI_BACKENDS)[number];

export const BACKEND_OPTION: OptionSpec = {
  name: 'backend',
  value: '<wasm|cpu>',
  doc: 'TensorFlow.js backend for deep agents (default wasm; cpu is slower; the one used goes to stderr)',
};

export const DEEP_ENV_DOC = `a gridworld preset (${presetIds()[0]}, ...), a gridworld spec .json, cartpole (classic/cartpole), cartpole-hidden-velocities (CartPole seen as [x, theta] only, a POMDP; --history k stacks the last k observations), or an arcade game (${ARCADE_WORLD_IDS.map((id) => id.slice('arcade/'.length)).join(', ')})`;

export function backendFrom(parsed: ParsedOptions): CliBackend {
  const text = optional(parsed, 'backend') ?? 'wasm';
  if (!(CLI_BACKENDS as readonly string[]).includes(text)) throw new UsageError(`--backend must be ${CLI_BACKENDS.join(' or ')}, got '${text}'`);
  return text as CliBackend;
}

/**
 * Starts the backend; a fallback (the requested one did not start) is said on stderr at once.
 * The caller names the backend that runs (`backendLine`) once the run is under way, so that bad
 * input found after the start (a bad agent file) is still the only line on stderr. tfjs's
 * "install tfjs-node" banner is a console.warn on stderr: PROD turns it off.
 */
export async function startBackend(requested: CliBackend, where: string, io: CliIo): Promise<BackendName> {
  tf.env().set('PROD', true);
  const used = await initBackend(requested as BackendName);
  if (used !== requested) io.stderr(`${where}: warning: backend ${requested} did not start; using ${used}\n`);
  return used;
}

/** Names the backend that runs, on stderr, unless quiet. */
export function backendLine(used: BackendName, where: string, io: CliIo, quiet: boolean): void {
  if (!quiet) io.stderr(`${where}: backend ${used}\n`);
}

export type DeepEnv =
  | { readonly kind: 'cartpole'; readonly id: 'classic/cartpole' }
  /** CartPole with its velocities hidden (environments/pomdp/cartpole-hidden.ts). */
  | { readonly kind: 'hidden-cartpole'; readonly id: typeof CARTPOLE_HIDDEN_VELOCITIES_ID }
  | { readonly kind: 'arcade'; readonly id: ArcadeWorldId }
  | ({ readonly kind: 'gridworld' } & LoadedEnv);

/** The world createDeepSession takes for an env. */
export function deepWorldOf(env: DeepEnv): DeepWorld {
  if (env.kind === 'cartpole') return 'cartpole';
  return env.kind === 'arcade' || env.kind === 'hidden-cartpole' ? env.id : env.spec;
}

export function isCartPoleArg(text: string): boolean {
  return text === 'cartpole' || text === 'classic/cartpole';
}

export function isHiddenCartPoleArg(text: string): boolean {
  return text === CARTPOLE_HIDDEN_VELOCITIES_ID || `pomdp/${text}` === CARTPOLE_HIDDEN_VELOCITIES_ID;
}

export function deepEnvFrom(text: string): DeepEnv {
  if (isCartPoleArg(text)) return { kind: 'cartpole', id: 'classic/cartpole' };
  if (isHiddenCartPoleArg(text)) return { kind: 'hidden-cartpole', id: CARTPOLE_HIDDEN_VELOCITIES_ID };
  // An arcade game by id ('arcade/breakout') or by name ('breakout').
  const arcade = text.startsWith('arcade/') ? text : `arcade/${text}`;
  if (isArcadeWorldId(arcade)) return { kind: 'arcade', id: arcade };
  return { kind: 'gridworld', ...loadEnv(text) };
}

function describeInput(input: InputSpec): string {
  return input.kind === 'planes' ? `planes(${input.height}x${input.width}x${input.channels})` : `${input.kind}(${input.size})`;
}

/** How a saved agent sees its env: a gridworld's observation kind, or how many hidden-velocity CartPole observations it stacks. */
export interface AgentView {
  readonly observation: DeepObservation;
  readonly history?: number;
}

/**
 * How a saved agent sees this env, checked against the world: CartPole gives a vector of 4;
 * hidden-velocity CartPole a vector of 2k (k stacked observations, read off the agent's input);
 * a gridworld of nS cells gives one-hot(nS) or coordinates, vector(2).
 */
export function viewFor(agent: DeepAgent, env: DeepEnv, where: string): AgentView {
  const { input, nActions } = deepAgentDims(agent);
  const mismatch = (wants: string) =>
    new UsageError(`${where}: the ${agent.name} agent takes input ${describeInput(input)} and ${nActions} actions, but ${env.id} gives ${wants}`);
  if (env.kind === 'cartpole') {
    if (input.kind !== 'vector' || input.size !== 4 || nActions !== 2) throw mismatch('vector(4) and 2 actions');
    return { observation: 'one-hot' }; // the observation kind is ignored for CartPole
  }
  if (env.kind === 'hidden-cartpole') {
    const history = input.kind === 'vector' ? input.size / 2 : 0;
    if (!(Number.isInteger(history) && history >= 1 && history <= MAX_RUN_HISTORY) || nActions !== 2) {
      throw mismatch(`vector(2k), k stacked observations of [x, theta] with k from 1 to ${MAX_RUN_HISTORY}, and 2 actions`);
    }
    return { observation: 'one-hot', history };
  }
  if (env.kind === 'arcade') {
    const world = deepWorld(env.id);
    if (JSON.stringify(input) !== JSON.stringify(world.dims.input) || nActions !== world.dims.nActions) {
      throw mismatch(`${describeInput(world.dims.input)} and ${world.dims.nActions} actions`);
    }
    return { observation: 'one-hot' }; // ignored for the arcade games
  }
  const { nS, nA } = env.model;
  const wants = `one-hot(${nS}) or vector(2) (coordinates) and ${nA} actions`;
  if (nActions !== nA) throw mismatch(wants);
  if (input.kind === 'one-hot' && input.size === nS) return { observation: 'one-hot' };
  if (input.kind === 'vector' && input.size === 2) return { observation: 'coordinates' };
  throw mismatch(wants);
}

/** A saved agent file's JSON; a missing, unreadable or non-JSON file is one UsageError line. */
export function readAgentJson(path: string): unknown {
  return readJsonFile(path, 'agent file');
}

/** Fails before training, not after, when `option`'s file (--save, --export-policy) cannot be written. */
export function checkSavePath(path: string, option = '--save'): void {
  const dir = dirname(path);
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UsageError(`${option}: directory '${dir}' does not exist`);
  }
  if (!isDir) throw new UsageError(`${option}: '${dir}' is not a directory`);
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`${option}: '${path}' is a directory`);
  } catch (error) {
    if (error instanceof UsageError) throw error; // else it does not exist yet: fine
  }
}

export const PRESET_OPTION: OptionSpec = {
  name: 'preset',
  value: '<id>',
  doc: `deep agents: a tuned option set (${DEEP_PRESET_IDS.join(', ')}); it sets --env, --agent and a default --steps, and --set overrides its options`,
};

/** The preset list of `train --help`: id, world, agent, title, steps and the measured figures. */
export function presetLines(): string[] {
  const width = Math.max(...DEEP_PRESETS.map((p) => p.id.length));
  return DEEP_PRESETS.map((p) => {
    const m = p.measured;
    const figures = m === null ? '' : m.medianSteps === null ? `; solved ${m.solvedSeeds}/${m.seeds.length} seeds` : `; solved ${m.solvedSeeds}/${m.seeds.length} seeds, median ${m.medianSteps} steps`;
    return `  ${p.id.padEnd(width)}  --env ${p.world} --agent ${p.agent} (${p.title}), --steps ${p.steps}${figures}`;
  });
}

/**
 * `--preset <id>` checked against `--env` and `--agent` where those are given too (a preset
 * implies both): one UsageError line on an unknown id or a mismatch.
 */
export function presetFrom(parsed: ParsedOptions, where: string): DeepPreset | undefined {
  const id = optional(parsed, 'preset');
  if (id === undefined) return undefined;
  const preset = DEEP_PRESETS.find((p) => p.id === id);
  if (preset === undefined) throw new UsageError(`${where}: unknown preset '${id}'; presets are ${DEEP_PRESET_IDS.join(', ')}`);
  const env = optional(parsed, 'env');
  // A CartPole preset also runs on CartPole with its velocities hidden (the CartPole page's switch).
  const worldMatches = env === undefined || (preset.world === 'cartpole' ? isCartPoleArg(env) || isHiddenCartPoleArg(env) : env === preset.world);
  if (!worldMatches) throw new UsageError(`${where}: preset ${preset.id} is tuned for --env ${preset.world}, not '${env}'; leave --env out or pick a preset for that world`);
  const agent = optional(parsed, 'agent');
  if (agent !== undefined && agent !== preset.agent) {
    throw new UsageError(`${where}: preset ${preset.id} is for --agent ${preset.agent}, not '${agent}'; leave --agent out or pick a preset for that agent`);
  }
  return preset;
}
