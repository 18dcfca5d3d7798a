/**
 * The agent at the CartPole page's game (src/lib/loop/agent-driver.svelte.ts and the
 * game's controller), with the worker's answers faked: takeover at any moment, the arrow taking
 * control back, who played each episode, and never a step on a stale answer.
 */
import { describe, expect, it } from 'vitest';
import { AgentDriver, MAX_OWED, REFRESH_MS } from '../../src/lib/loop/agent-driver.svelte';
import { CartPoleGame } from '../../src/pages/cartpole/game.svelte';
import { fakeWorker } from './fake-agent';

/** A balancing rule for the fake agent: push toward the side the pole leans. */
const lean = (obs: readonly number[]): number => (obs[2] + 0.5 * obs[3] > 0 ? 1 : 0);
describe('CartPoleGame controllers', () => {
  it('the agent takes over from a waiting episode; an arrow gives control back; the record says who played', () => {
    const game = new CartPoleGame(5);
    game.takeOver();
    expect([game.controller, game.phase]).toEqual(['agent', 'running']);
    game.step(); // no answer from the agent yet: nothing moves
    expect(game.state.elapsed).toBe(0);
    game.step(1);
    game.step(0);
    expect(game.state.elapsed).toBe(2);
    expect(game.push).toBe(-1); // the agent's last push is shown

    game.pressPush(1);
    expect(game.controller).toBe('person');
    game.step(0); // the person has the controls: the agent's action is ignored, the push acts
    expect(game.push).toBe(1);
    while (game.phase === 'running') game.step();
    expect(game.history[0].player).toBe('you + agent');

    // With the agent at the controls the next episode runs at once, and is the agent's alone.
    game.takeOver();
    game.reset();
    const phase = () => game.phase; // read afresh: the loop above narrowed game.phase
    expect(phase()).toBe('running');
    while (phase() === 'running') game.step(1);
    expect(game.history[0].player).toBe('agent');
  });
});

describe('AgentDriver', () => {
  it('steps with the answer about the current state only, at most MAX_OWED behind the clock', async () => {
    const game = new CartPoleGame(2);
    const worker = fakeWorker(lean, 2);
    const driver = new AgentDriver(game, (obs) => worker.ask(obs));
    game.takeOver();
    let now = 0;
    for (let frame = 0; frame < 100 && game.phase === 'running'; frame++) {
      driver.due(5); // far more than the agent can answer: capped
      driver.pump((now += 20));
      await worker.flush();
    }
    // Every step used an answer about the state it was taken in: the fake policy's actions.
    expect(worker.asked.length).toBeGreaterThan(50);
    expect(game.state.elapsed).toBeGreaterThan(50);
    expect(game.state.elapsed).toBeLessThanOrEqual(100 * MAX_OWED);
    expect(driver.advice).toBe(lean(worker.asked.at(-1)!));
    expect(driver.reading?.outputs.values).toHaveLength(2);
  });

  it('an answer that arrives after the person moved the cart is not acted on, and is asked again', async () => {
    const game = new CartPoleGame(2);
    const worker = fakeWorker(() => 1, 2);
    const driver = new AgentDriver(game, (obs) => worker.ask(obs));
    game.pressPush(-1);
    driver.pump(0); // asked about the first state
    game.step(); // the person steps before the answer comes
    const afterPerson = game.state;
    game.takeOver();
    driver.due(1);
    await worker.flush(); // the stale answer arrives: it is not used; the driver asks about the new state
    expect(worker.asked).toHaveLength(2);
    expect(game.state).toBe(afterPerson);
    await worker.flush();
    expect(game.state.elapsed).toBe(2); // now the agent steps, once (one step was due)
    expect(game.push).toBe(1);
  });

  it('asks again about an unchanged state only after REFRESH_MS (training moves the weights)', async () => {
    const game = new CartPoleGame(2);
    const worker = fakeWorker(() => 0, 2);
    const driver = new AgentDriver(game, (obs) => worker.ask(obs));
    driver.pump(0);
    await worker.flush();
    driver.pump(REFRESH_MS - 1);
    expect(worker.asked).toHaveLength(1);
    driver.pump(REFRESH_MS + 1);
    expect(worker.asked).toHaveLength(2);
    await worker.flush();
    driver.invalidate();
    driver.pump(REFRESH_MS + 2);
    expect(worker.asked).toHaveLength(3);
  });

  it('an agent that cannot answer leaves the game as it is and says why', async () => {
    const game = new CartPoleGame(2);
    const driver = new AgentDriver(game, () => Promise.reject(new Error('no agent is running on CartPole yet')));
    game.takeOver();
    driver.due(1);
    driver.pump(0);
    await Promise.resolve();
    await Promise.resolve();
    expect(driver.error).toBe('no agent is running on CartPole yet');
    expect(game.state.elapsed).toBe(0);
  });
});
