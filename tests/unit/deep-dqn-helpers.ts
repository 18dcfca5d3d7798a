/** A minimal training loop for the DQN tests (not a test file itself). */
import { deriveStreams, type Rng } from '../../environments/core/rng';
import { makeGridworld, type TimeLimitedGridEnv } from '../../environments/gridworld/env';
import type { TimeLimitedState } from '../../environments/core/time-limit';
import type { Dqn } from '../../agents/deep/dqn';
import { presetModel } from './agents-helpers';

export const fig = presetModel('fig-19-10');
export const ONE_HOT_16 = { input: { kind: 'one-hot', size: 16 }, nA: 4 } as const;

/** A world, its position and the run's rng streams: everything outside the agent. */
export interface Run {
  readonly env: TimeLimitedGridEnv;
  readonly envRng: Rng;
  readonly explore: Rng;
  readonly replay: Rng;
  state: TimeLimitedState<number>;
  obs: number;
}

export function startRun(seed: number): Run {
  const env = makeGridworld(fig);
  const streams = deriveStreams(seed);
  const start = env.reset(streams.env);
  return { env, envRng: streams.env, explore: streams.explore, replay: streams.replay, state: start.state, obs: start.obs };
}

/** Steps the agent in the world as the runner does (act, step, observe, update); returns the losses. */
export function drive(agent: Dqn, run: Run, steps: number): number[] {
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const action = agent.act(run.obs, run.explore, 'explore');
    const result = run.env.step(run.state, action, run.envRng);
    agent.observe({ obs: run.obs, action, reward: result.reward, nextObs: result.obs, terminated: result.terminated, truncated: result.truncated });
    const metrics = agent.update(run.replay);
    if (metrics !== null) losses.push(metrics['losses/td_loss']);
    run.state = result.state;
    run.obs = result.obs;
    if (result.terminated || result.truncated) {
      const start = run.env.reset(run.envRng);
      run.state = start.state;
      run.obs = start.obs;
      agent.reset();
    }
  }
  return losses;
}
