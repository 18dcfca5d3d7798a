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
import { createLearner, getTabularAgent } from '../tabular/registry';

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
}

export function createGridSession(config: SessionConfig): GridSession {
  const parsed = parseGridworldSpec(config.world);
  if (!parsed.ok) throw new Error(parsed.error);
  const world = parsed.spec;
  const entry = getTabularAgent(config.agent);
  // The world's gamma is the default; an explicit agent option overrides it.
  const options: Record<string, unknown> = { gamma: world.gamma, ...config.options };
  // Planning methods with randomness of their own (async DP's random order) follow the run's seed.
  if (entry.docs.some((d) => d.key === 'seed') && options.seed === undefined) options.seed = config.seed;
  if (entry.kind === 'dp') {
    return createDpSession({ model: buildModel(world), method: entry.name, config: options });
  }
  const env = makeGridworld(world);
  const agent = createLearner(entry.name, { nS: env.model.nS, nA: env.model.nA }, options);
  const session = createLearnerSession({ env, agent, seed: config.seed });
  return {
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
