/**
 * The arcade page's Pong match (src/pages/arcade/pong-match.svelte.ts) and its clock
 * (lockstep-driver.svelte.ts), with the worker's answers faked: the person's keys move the left
 * paddle, the agent's answers about the exact state move the right one, the match ends at the
 * chosen score, and it waits (never guesses) while the agent has not answered.
 */
import { describe, expect, it } from 'vitest';
import type { AgentChoiceReading } from '../../agents/runner/world-deep-session';
import { observePong, PONG_DEFAULTS, pongOpponentAction, resetPong, stepPong, type PongState } from '../../environments/arcade/pong';
import { deriveRng } from '../../environments/core/rng';
import { MAX_OWED } from '../../src/lib/loop/agent-driver.svelte';
import { LockstepDriver, RETRY_MS, serialAsk } from '../../src/pages/arcade/lockstep-driver.svelte';
import { PongMatch } from '../../src/pages/arcade/pong-match.svelte';
import { answer, fakeWorker } from './fake-agent';

/**
 * The right paddle's policy read from its own planes (channels last: paddle, opponent, ball,
 * trail): move toward the ball's row. Row of the first lit cell of a channel.
 */
function firstRow(obs: readonly number[], channel: number): number {
  for (let cell = 0; cell < 100; cell++) if (obs[cell * 4 + channel] === 1) return Math.floor(cell / 10);
  return -1;
}
const follow = (obs: readonly number[]): number => {
  const centre = firstRow(obs, 0) + 1;
  const ball = firstRow(obs, 2);
  return ball < centre ? 1 : ball > centre ? 2 : 0;
};

const scoreText = (m: PongMatch) => `${m.you} : ${m.agent}`;

describe('PongMatch', () => {
  it('waits for a key; the keys move the left paddle; against the script it ends at the chosen score', () => {
    const match = new PongMatch(4, { opponent: 'scripted', targetScore: 3 });
    expect([match.phase, match.state.leftTop, match.state.rightTop, scoreText(match)]).toEqual(['ready', 3, 3, '0 : 0']);
    match.step();
    expect(match.steps).toBe(0); // not started
    match.press(1); // up, tapped and released before the step
    match.release(1);
    match.step();
    expect([match.phase, match.state.leftTop, match.lastAction]).toEqual(['running', 2, 1]);
    match.step(); // nothing held: the paddle stays
    expect(match.state.leftTop).toBe(2);
    match.press(2); // down, held for two steps
    match.step();
    match.step();
    match.release(2);
    expect(match.state.leftTop).toBe(4);
    match.step(0); // an agent's action is ignored when the script plays
    expect(match.steps).toBe(5);

    while (match.phase === 'running') match.step();
    expect(Math.max(match.you, match.agent)).toBe(3);
    expect(Math.min(match.you, match.agent)).toBeLessThan(3);
    expect(match.winner).toBe(match.you === 3 ? 'you' : 'agent');
    expect(match.history).toHaveLength(1);
    expect(match.history[0]).toEqual({ match: 1, opponent: 'scripted', you: match.you, agent: match.agent, winner: match.winner, steps: match.steps });
    match.step();
    expect(match.history).toHaveLength(1); // a finished match does not move
  });

  it('replays the pure core exactly: serves from the match stream, the script from its own', () => {
    const seed = 9;
    const keys = (t: number) => (t % 7 < 3 ? 1 : t % 7 < 5 ? 2 : 0);
    const match = new PongMatch(seed, { opponent: 'scripted', targetScore: 5 });
    match.start();
    // The same match by hand from environments/arcade/pong.ts.
    const serveRng = deriveRng(seed, 'match-1');
    const opponentRng = deriveRng(seed, 'match-1-opponent');
    const params = { ...PONG_DEFAULTS, targetScore: 5 };
    let state: PongState = resetPong(serveRng, params);
    expect(match.state).toEqual(state);
    for (let t = 0; !state.terminal; t++) {
      match.press(keys(t));
      match.release(keys(t));
      match.step();
      const right = pongOpponentAction(state, 'right', opponentRng, params.opponentSkill, params);
      state = stepPong(state, keys(t), right, serveRng, params).state;
      expect(match.state).toEqual(state);
    }
    expect(match.phase).toBe('over');
    // The next match of the seed is served from another stream; the same match is always the same.
    const first = new PongMatch(seed).state;
    expect(new PongMatch(seed, { opponent: 'scripted' }).state).toEqual(first); // the opponent changes nothing of the serve
    match.rematch();
    expect([match.match, match.phase, scoreText(match)]).toEqual([2, 'running', '0 : 0']);
    expect(match.state).toEqual(resetPong(deriveRng(seed, 'match-2'), params));
  });

  it('a new target or opponent starts the match afresh', () => {
    const match = new PongMatch(2, { opponent: 'scripted' });
    match.start();
    for (let i = 0; i < 30; i++) match.step();
    match.setTarget(7);
    expect([match.targetScore, match.phase, match.steps, scoreText(match)]).toEqual([7, 'ready', 0, '0 : 0']);
    match.setOpponent('agent');
    expect([match.opponent, match.phase]).toEqual(['agent', 'ready']);
    expect(match.agentState).toBe(match.state);
    match.setOpponent('scripted');
    expect(match.agentState).toBeNull();
  });
});

describe('LockstepDriver with the Pong match', () => {
  it('the agent moves the right paddle with its answer about the exact state, never ahead of it', async () => {
    const match = new PongMatch(5, { opponent: 'agent', targetScore: 3 });
    const worker = fakeWorker(follow);
    const driver = new LockstepDriver(match, (obs) => worker.ask(obs));
    driver.pump(0); // asks ahead while the match waits for the person: the reading shows at once
    expect(worker.asked).toEqual([Array.from(observePong(match.state, 'right'))]);
    await worker.flush();
    expect(driver.reading?.outputs.values).toHaveLength(3);
    expect(match.steps).toBe(0);

    match.press(1);
    match.release(1);
    driver.due(5); // capped at MAX_OWED
    driver.pump(16);
    expect(match.steps).toBe(1); // the answer about the first state was in hand: one step at once
    await worker.flush(); // the answer about state 1 arrives: the second due step
    expect(match.steps).toBe(MAX_OWED);
    await worker.flush(); // asked ahead about state 2, but nothing is due
    expect(match.steps).toBe(MAX_OWED);
    expect(driver.waiting).toBe(false);

    // Play to the end: every right-paddle move is the policy's answer about the state before it.
    let before = match.state;
    let checked = 0;
    for (let frame = 0; frame < 5000 && match.phase === 'running'; frame++) {
      driver.due(1);
      driver.pump(16 * frame);
      if (match.state !== before) {
        const action = follow(Array.from(observePong(before, 'right')));
        const expected = action === 1 ? Math.max(0, before.rightTop - 1) : action === 2 ? Math.min(7, before.rightTop + 1) : before.rightTop;
        expect(match.state.rightTop).toBe(expected);
        checked++;
        before = match.state;
      }
      await worker.flush();
    }
    expect(match.phase).toBe('over');
    expect(checked).toBeGreaterThan(20);
    expect(Math.max(match.you, match.agent)).toBe(3);
    // A paddle that follows the ball beats a person who never moves.
    expect(match.winner).toBe('agent');
    expect(match.history[0]).toMatchObject({ opponent: 'agent', agent: 3, winner: 'agent' });
    // Every question was about a state the match was in: one per state before the last (the first asked while the match waited).
    expect(worker.asked.length).toBe(match.steps);
  });

  it('with no answer nothing moves; against the script it steps without asking', async () => {
    const match = new PongMatch(5, { opponent: 'agent' });
    const worker = fakeWorker(() => 2);
    const driver = new LockstepDriver(match, (obs) => worker.ask(obs));
    match.start();
    for (let frame = 0; frame < 10; frame++) {
      driver.due(1);
      driver.pump(frame * 16);
    }
    expect([match.steps, worker.asked.length, driver.waiting]).toEqual([0, 1, true]);

    const scripted = new PongMatch(5, { opponent: 'scripted' });
    const silent = fakeWorker(() => 0);
    const scriptDriver = new LockstepDriver(scripted, (obs) => silent.ask(obs));
    scripted.start();
    for (let frame = 0; frame < 10; frame++) {
      scriptDriver.due(1);
      scriptDriver.pump(frame * 16);
    }
    expect([scripted.steps, silent.asked.length]).toEqual([10, 0]);
  });

  it('a stale answer (the match restarted meanwhile) is dropped and the new state asked about', async () => {
    const match = new PongMatch(5, { opponent: 'agent' });
    const worker = fakeWorker(() => 1);
    const driver = new LockstepDriver(match, (obs) => worker.ask(obs));
    match.start();
    driver.due(1);
    driver.pump(0);
    match.setTarget(3); // a new match while the question is out
    match.start();
    await worker.flush();
    expect(match.steps).toBe(0);
    expect(worker.asked).toHaveLength(2);
    driver.due(1);
    await worker.flush();
    driver.pump(20);
    expect(match.steps).toBe(1);
    expect(match.state.rightTop).toBe(2); // moved up once, on the answer about the new match
  });

  it('an agent that cannot answer: the error shows, the match waits, questions are spaced by RETRY_MS', async () => {
    const match = new PongMatch(5, { opponent: 'agent' });
    let asked = 0;
    const driver = new LockstepDriver(match, () => {
      asked++;
      return Promise.reject(new Error('no agent is running on Pong yet'));
    });
    match.start();
    driver.due(1);
    driver.pump(0);
    for (let i = 0; i < 4; i++) await Promise.resolve();
    expect(driver.error).toBe('no agent is running on Pong yet');
    driver.pump(RETRY_MS - 1);
    expect(asked).toBe(1);
    driver.pump(RETRY_MS + 1);
    expect(asked).toBe(2);
    expect(match.steps).toBe(0);
  });

  it('serialAsk keeps one question in flight for several drivers', async () => {
    let inFlight = 0;
    let most = 0;
    const resolvers: (() => void)[] = [];
    const ask = serialAsk(() => {
      inFlight++;
      most = Math.max(most, inFlight);
      return new Promise<AgentChoiceReading>((resolve) =>
        resolvers.push(() => {
          inFlight--;
          resolve(answer(0));
        }),
      );
    });
    const answers = Promise.all([ask([1]), ask([2]), ask([3])]);
    for (let i = 0; i < 3; i++) {
      for (let k = 0; k < 4; k++) await Promise.resolve();
      resolvers.shift()?.();
    }
    await answers;
    expect(most).toBe(1);
  });
});
