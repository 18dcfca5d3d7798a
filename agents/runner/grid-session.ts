/**
 * One entry point for "this gridworld, this tabular agent, this seed": what the worker, the CLI
 * and the tests all build. Planning methods get a DP session on the exact model; learners get a
 * learner session on the time-limited env. Both come back as one `GridSession`.
 */
import { buildModel, makeGridworld, parseGridworldSpec, type GridworldSpec } from '../../environments/gridworld';
import type { Metrics } from '../../environments/core/types';
import { createDpSession, type DpSnapshot } from './dp-session';
import { createLearnerSession, type LearnerSnapshot } from './session';
import type { StepUnit, Trainable } from './trainable';
import type { DeepGridSnapshot } from './grid-deep-session';
import { createLearner, getTabularAgent, isTabularAgentName, loadTabularAgent } from '../tabular/registry';
import type { TabularLearner } from '../tabular/learner';
import { gridWorldOf, inRunFile, RUN_FILE_FORMAT, RUN_FILE_VERSION, type RunFile } from './run-file';

/** Everything that defines a run: plain data, safe to post to a worker and to put in a URL. */
export interface SessionConfig {
  readonly world: GridworldSpec;
  /**
   * A tabular agent name (see agents/tabular/registry.ts), or, in the training worker, a deep
   * agent name (agents/deep/registry.ts, run by createGridDeepSession).
   */
  readonly agent: string;
  /** Agent options; missing ones take the agent's defaults. gamma defaults to the world's. */
  readonly options: Readonly<Record<string, number | string | boolean>>;
  /** Master seed: same seed, same config, same numbers. */
  readonly seed: number;
}

export type SessionSnapshot = DpSnapshot | LearnerSnapshot | DeepGridSnapshot;

export interface GridSession extends Trainable<SessionSnapshot> {
  /** The units `step` accepts; the first is the natural one (what play advances by). */
  readonly units: readonly StepUnit[];
  step(n: number, unit?: StepUnit): Metrics[];
  /** The Bellman stepper: back up one chosen state (planning methods only). */
  backupState(state: number): Metrics[];
  done(): boolean;
  /** The run as a run file (run-file.ts); planning methods throw: they have nothing to save. */
  saveRun(): RunFile;
}

export interface GridSessionStart {
  /** Start from this learner (a loaded one) instead of a fresh one; its dims must match the world's. */
  readonly agent?: TabularLearner;
  /** Continue a saved run's progress (with `agent` the learner saved with it). */
  readonly resume?: RunFile['progress'];
}

export function createGridSession(config: SessionConfig, start: GridSessionStart = {}): GridSession {
  const parsed = parseGridworldSpec(config.world);
  if (!parsed.ok) throw new Error(parsed.error);
  const world = parsed.spec;
  const entry = getTabularAgent(config.agent);
  // The world's gamma is the default; an explicit agent option overrides it.
  const options: Record<string, unknown> = { gamma: world.gamma, ...config.options };
  // Planning methods with randomness of their own (async DP's random order) follow the run's seed.
  if (entry.docs.some((d) => d.key === 'seed') && options.seed === undefined) options.seed = config.seed;
  if (entry.kind === 'dp') {
    const dp = createDpSession({ model: buildModel(world), method: entry.name, config: options });
    return Object.assign(dp, {
      saveRun(): RunFile {
        throw new Error(`${entry.title} plans with the model: there is no learned agent to save`);
      },
    });
  }
  const env = makeGridworld(world);
  if (start.agent && (start.agent.name !== entry.name || start.agent.nS !== env.model.nS || start.agent.nA !== env.model.nA)) {
    throw new Error(`the agent (${start.agent.name}, nS ${start.agent.nS} x nA ${start.agent.nA}) does not fit this run (${entry.name}, nS ${env.model.nS} x nA ${env.model.nA})`);
  }
  if (start.resume && start.resume.kind !== 'learner') throw new Error(`run file: progress.kind must be 'learner' for ${entry.title}, got '${start.resume.kind}'`);
  const agent = start.agent ?? createLearner(entry.name, { nS: env.model.nS, nA: env.model.nA }, options);
  const session = createLearnerSession({ env, agent, seed: config.seed, resume: start.resume?.kind === 'learner' ? start.resume : undefined });
  return {
    saveRun: () => ({
      format: RUN_FILE_FORMAT,
      version: RUN_FILE_VERSION,
      world,
      seed: config.seed,
      agent: agent.save(),
      progress: session.progress(),
    }),
    units: session.units,
    step: (n, unit) => session.step(n, unit),
    snapshot: () => session.snapshot(),
    done: () => false,
    backupState() {
      throw new Error(`${entry.title} learns from experience: there is no model backup to step; step the environment instead`);
    },
    dispose: () => session.dispose(),
  };
}

/**
 * A tabular learner's run file (checked with checkRunFile) as a session that continues it:
 * loadTabularAgent checks the agent, then its dims must match the world's and the progress
 * must fit. `options` become the session config's (the page's options for this agent).
 */
export function loadGridSession(file: RunFile, options: SessionConfig['options'] = {}): { session: GridSession; config: SessionConfig } {
  const name = file.agent.agent;
  if (!isTabularAgentName(name)) throw new Error(`run file: agent.agent '${name}' is not a tabular agent`);
  const world = gridWorldOf(file);
  const agent = inRunFile('agent', () => loadTabularAgent(file.agent));
  const model = buildModel(world);
  if (agent.nS !== model.nS || agent.nA !== model.nA) {
    agent.dispose();
    throw new Error(`run file: the agent has nS ${agent.nS} x nA ${agent.nA}, but its world has ${model.nS} states and ${model.nA} actions`);
  }
  const config: SessionConfig = { world, agent: name, options, seed: file.seed };
  try {
    return { session: createGridSession(config, { agent, resume: file.progress }), config };
  } catch (error) {
    agent.dispose();
    throw error;
  }
}
