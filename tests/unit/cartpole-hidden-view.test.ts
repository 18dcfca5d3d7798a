/**
 * The CartPole page with "Hide the velocities": the person's game asks the agent about exactly
 * the observations its training copies give it (the history wrapper over hidden-velocity
 * CartPole), and the page's training state turns the switch and the stacking into the run's
 * world and history.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../environments/core/rng';
import { CARTPOLE_HIDDEN_VELOCITIES_ID, makeCartPoleHiddenVelocities } from '../../environments/pomdp/cartpole-hidden';
import { withHistory } from '../../environments/pomdp/history';
import { episodeRng } from '../../src/lib/loop/seeded-episodes';
import { agentObservation, FULL_VIEW } from '../../src/pages/cartpole/agent-view';
import { CartPoleTraining } from '../../src/pages/cartpole/cartpole-training.svelte';
import { CartPoleGame } from '../../src/pages/cartpole/game.svelte';

describe("the agent's view of the person's game", () => {
  for (const k of [1, 2, 4]) {
    it(`with hidden velocities and ${k} stacked: the training env's observations, step for step`, () => {
      const game = new CartPoleGame(6);
      game.agentView = { hiddenVelocities: true, history: k };
      const env = withHistory(makeCartPoleHiddenVelocities(), { k });
      const rng = episodeRng(6, 1);
      let { state, obs } = env.reset(rng);
      expect(game.observation()).toEqual(Array.from(obs));
      const pushes = createRng('pushes');
      for (let t = 0; t < 30 && game.phase !== 'over'; t++) {
        const action = pushes.int(2);
        game.pressPush(action === 1 ? 1 : -1);
        game.step();
        const result = env.step(state, action, rng);
        ({ state, obs } = result);
        expect(game.observation(), `step ${t + 1}`).toEqual(Array.from(obs));
      }
      expect(game.state.elapsed).toBeGreaterThan(k);
    });
  }

  it('the full view is the four numbers; a new episode starts the window again with zeros', () => {
    const game = new CartPoleGame(2);
    const { x, xDot, theta, thetaDot } = game.state.inner;
    expect(game.observation()).toEqual([x, xDot, theta, thetaDot]);
    game.agentView = { hiddenVelocities: true, history: 3 };
    game.pressPush(1);
    for (let i = 0; i < 5; i++) game.step();
    expect(game.observation().slice(0, 2)).not.toEqual([0, 0]);
    game.reset();
    const start = game.state.inner;
    expect(game.observation()).toEqual([0, 0, 0, 0, Math.fround(start.x), Math.fround(start.theta)]);
    expect(agentObservation([start], FULL_VIEW)).toEqual([start.x, start.xDot, start.theta, start.thetaDot]);
  });
});

describe("the CartPole page's training choice", () => {
  it('hiding the velocities changes the world and adds the history; the agent and options stay', () => {
    const training = new CartPoleTraining();
    const full = training.runConfig;
    expect(full.world).toBe('cartpole');
    expect('history' in full).toBe(false);
    expect(training.view).toEqual(FULL_VIEW);
    training.setHiddenVelocities(true);
    expect(training.runConfig).toEqual({ ...full, world: CARTPOLE_HIDDEN_VELOCITIES_ID, history: 1 });
    training.setHistory(2);
    training.setHistory(9); // not a choice: ignored
    expect(training.runConfig.history).toBe(2);
    expect(training.view).toEqual({ hiddenVelocities: true, history: 2 });
    training.setHiddenVelocities(false);
    expect(training.runConfig).toEqual(full);
  });

  it('a loaded run brings its world and history', () => {
    const training = new CartPoleTraining();
    training.adoptRun({ world: CARTPOLE_HIDDEN_VELOCITIES_ID, agent: 'ppo', options: { nEnvs: 4 }, seed: 9, history: 6 });
    expect(training.runConfig).toEqual({ world: CARTPOLE_HIDDEN_VELOCITIES_ID, agent: 'ppo', options: { nEnvs: 4 }, seed: 9, history: 6 });
    training.adoptRun({ world: 'cartpole', agent: 'dqn', options: {}, seed: 2 });
    expect(training.runConfig).toEqual({ world: 'cartpole', agent: 'dqn', options: {}, seed: 2 });
  });
});
