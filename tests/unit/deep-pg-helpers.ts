/** Shared drivers for the policy-gradient agent tests (deep-pg-*.test.ts). */
import { deriveRng, type Rng } from '../../environments/core/rng';
import type { Env } from '../../environments/core/types';
import type { Agent, AgentFile } from '../../agents/core/agent';
import { createVectorSession, type VectorAgent } from '../../agents/runner/vector-session';
import type { Observation } from '../../agents/deep/types';
import type { Metrics, Transition } from '../../environments/core/types';

/** Runs `steps` env steps of a single-env agent, calling observe then update each step; returns the update metrics and episode returns. */
export function runAgent<S>(
  env: Env<S, Observation, number>,
  agent: Agent<Observation, number>,
  seed: number,
  steps: number,
): { updates: Metrics[]; returns: number[] } {
  const envRng = deriveRng(seed, 'env');
  const exploreRng = deriveRng(seed, 'explore');
  const replayRng = deriveRng(seed, 'replay');
  return runWith(env, agent, { envRng, exploreRng, replayRng }, steps);
}

export interface Streams {
  readonly envRng: Rng;
  readonly exploreRng: Rng;
  readonly replayRng: Rng;
}

export function runWith<S>(
  env: Env<S, Observation, number>,
  agent: Agent<Observation, number>,
  streams: Streams,
  steps: number,
  start?: { state: S; obs: Observation },
): { updates: Metrics[]; returns: number[]; last: { state: S; obs: Observation } } {
  let { state, obs } = start ?? env.reset(streams.envRng);
  const updates: Metrics[] = [];
  const returns: number[] = [];
  let episodeReturn = 0;
  for (let i = 0; i < steps; i++) {
    const action = agent.act(obs, streams.exploreRng, 'explore');
    const r = env.step(state, action, streams.envRng);
    agent.observe({ obs, action, reward: r.reward, nextObs: r.obs, terminated: r.terminated, truncated: r.truncated }, streams.replayRng);
    const m = agent.update(streams.replayRng);
    if (m !== null) updates.push(m);
    episodeReturn += r.reward;
    if (r.terminated || r.truncated) {
      returns.push(episodeReturn);
      episodeReturn = 0;
      ({ state, obs } = env.reset(streams.envRng));
    } else {
      ({ state, obs } = r);
    }
  }
  return { updates, returns, last: { state, obs } };
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** What a batched agent needs for the manual vector loop below. */
export interface BatchedAgent {
  actBatch(obs: readonly Observation[], rng: Rng, mode: 'explore' | 'greedy'): number[];
  observeBatch(transitions: readonly Transition<Observation, number>[], rng: Rng): void;
  update(rng: Rng): Metrics | null;
}

/** A batched agent that can also be saved and disposed. */
export interface SavableBatchedAgent extends BatchedAgent {
  save(): AgentFile;
  dispose(): void;
}

/** Saves `agent` through JSON text, loads the copy, disposes the original and returns the copy. */
export function reload<A extends { save(): AgentFile; dispose(): void }>(agent: A, load: (file: unknown) => A): A {
  const loaded = load(JSON.parse(JSON.stringify(agent.save())));
  agent.dispose();
  return loaded;
}

/** The state of a manual vector loop, so that a run can be cut, the agent saved and reloaded, and the run continued. */
export interface VectorLoop<S> {
  readonly envs: Env<S, Observation, number>[];
  readonly envRngs: Rng[];
  readonly exploreRng: Rng;
  readonly replayRng: Rng;
  states: S[];
  obs: Observation[];
}

export function startVectorLoop<S>(makeEnv: () => Env<S, Observation, number>, nEnvs: number, seed: number): VectorLoop<S> {
  const envs = Array.from({ length: nEnvs }, makeEnv);
  const envRngs = envs.map((_, i) => deriveRng(seed, `env/${i}`));
  const starts = envs.map((env, i) => env.reset(envRngs[i]));
  return { envs, envRngs, exploreRng: deriveRng(seed, 'explore'), replayRng: deriveRng(seed, 'replay'), states: starts.map((s) => s.state), obs: starts.map((s) => s.obs) };
}

/** Steps every copy `steps` times, as the vector session does; returns the update metrics. */
export function stepVectorLoop<S>(loop: VectorLoop<S>, agent: BatchedAgent, steps: number): Metrics[] {
  const updates: Metrics[] = [];
  for (let k = 0; k < steps; k++) {
    const actions = agent.actBatch(loop.obs, loop.exploreRng, 'explore');
    const transitions = loop.envs.map((env, i) => {
      const r = env.step(loop.states[i], actions[i], loop.envRngs[i]);
      const t = { obs: loop.obs[i], action: actions[i], reward: r.reward, nextObs: r.obs, terminated: r.terminated, truncated: r.truncated };
      if (r.terminated || r.truncated) {
        const start = env.reset(loop.envRngs[i]);
        loop.states[i] = start.state;
        loop.obs[i] = start.obs;
      } else {
        loop.states[i] = r.state;
        loop.obs[i] = r.obs;
      }
      return t;
    });
    agent.observeBatch(transitions, loop.replayRng);
    const m = agent.update(loop.replayRng);
    if (m !== null) updates.push(m);
  }
  return updates;
}

/** Runs a fresh agent for `steps` steps of a new vector loop over `nEnvs` copies seeded with `seed`; disposes it and returns the update metrics. */
export function runFresh<S>(makeAgent: () => SavableBatchedAgent, makeEnv: () => Env<S, Observation, number>, nEnvs: number, seed: number, steps: number): Metrics[] {
  const agent = makeAgent();
  const updates = stepVectorLoop(startVectorLoop(makeEnv, nEnvs, seed), agent, steps);
  agent.dispose();
  return updates;
}

/** The run of runFresh cut after `cut` steps, the agent saved, reloaded with `load` and continued: the update metrics of both parts. */
export function runWithReload<S, A extends SavableBatchedAgent>(
  makeAgent: () => A,
  load: (file: unknown) => A,
  makeEnv: () => Env<S, Observation, number>,
  nEnvs: number,
  seed: number,
  steps: number,
  cut: number,
): Metrics[] {
  const first = makeAgent();
  const loop = startVectorLoop(makeEnv, nEnvs, seed);
  const part1 = stepVectorLoop(loop, first, cut);
  const second = reload(first, load);
  const part2 = stepVectorLoop(loop, second, steps - cut);
  second.dispose();
  return [...part1, ...part2];
}

/** Trains `agent` in a vector session of `nEnvs` copies (seed 1) for `units` session steps, then disposes the session; returns the episode returns. */
export function trainInSession<S>(makeEnv: () => Env<S, Observation, number>, nEnvs: number, agent: VectorAgent, units: number): number[] {
  const session = createVectorSession({ makeEnv, nEnvs, agent, seed: 1 });
  const returns = episodeReturns(session.step(units));
  session.dispose();
  return returns;
}

/** The episode returns among a session's metrics rows. */
export function episodeReturns(rows: readonly Metrics[]): number[] {
  return rows.filter((row) => row['charts/episodic_return'] !== undefined).map((row) => row['charts/episodic_return']);
}
