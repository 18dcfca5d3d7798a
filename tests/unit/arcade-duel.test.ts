/**
 * The arcade page's duel (src/pages/arcade/arcade-duel.svelte.ts) with the worker's answers faked:
 * the person and the agent play the same seeded game in lockstep, each side ends on its own, the
 * scores are compared, and the agent's recorded game replays exactly, sticky actions included.
 */
import { describe, expect, it } from 'vitest';
import { deriveRng } from '../../environments/core/rng';
import { ArcadeDuel, SeededRun } from '../../src/pages/arcade/arcade-duel.svelte';
import { ArcadePlay } from '../../src/pages/arcade/arcade-play.svelte';
import { gameFromHash } from '../../src/pages/arcade/catalogue';
import { LockstepDriver } from '../../src/pages/arcade/lockstep-driver.svelte';
import { fakeWorker } from './fake-agent';

const breakout = gameFromHash('#breakout');

/** Breakout's planes (channels last: paddle, ball, trail, brick): the (row, col) of a channel's first lit cell. */
function firstCell(obs: readonly number[], channel: number): [number, number] {
  for (let cell = 0; cell < 100; cell++) if (obs[cell * 4 + channel] === 1) return [Math.floor(cell / 10), cell % 10];
  return [-1, -1];
}
/**
 * A fair Breakout player: move toward where a falling ball will reach the bottom row (walls
 * included), toward the ball itself while it rises. 1 left, 2 right, 0 stay.
 */
const track = (obs: readonly number[]): number => {
  const paddle = firstCell(obs, 0)[1];
  const [row, col] = firstCell(obs, 1);
  const [trailRow, trailCol] = firstCell(obs, 2);
  if (row < 0) return 0;
  let dCol = col - trailCol;
  if (dCol === 0) dCol = col === 0 ? 1 : -1; // just reset: the ball leaves its wall
  let target = col;
  if (row >= trailRow) {
    for (let r = row; r < 9; r++) {
      target += dCol;
      if (target < 0 || target > 9) {
        dCol = -dCol;
        target += 2 * dCol;
      }
    }
  }
  return target === paddle ? 0 : target < paddle ? 1 : 2;
};

/** Run the driver frame by frame (one step due a frame) until the duel is over. */
async function playOut(duel: ArcadeDuel, driver: LockstepDriver, worker: ReturnType<typeof fakeWorker>, maxFrames = 20_000): Promise<void> {
  for (let frame = 0; frame < maxFrames && duel.phase !== 'over'; frame++) {
    driver.due(1);
    driver.pump(frame * 16);
    await worker.flush();
  }
}

describe('ArcadeDuel', () => {
  it('both sides start from the same seeded game: round k is episode k of the Play tab', () => {
    const duel = new ArcadeDuel(breakout, 12);
    const play = new ArcadePlay(breakout, 12);
    expect(Array.from(duel.you.obs)).toEqual(Array.from(play.obs));
    expect(Array.from(duel.agent.obs)).toEqual(Array.from(play.obs));
    duel.next();
    play.reset();
    expect([duel.round, duel.phase]).toEqual([2, 'ready']);
    expect(Array.from(duel.agent.obs)).toEqual(Array.from(play.obs));
    // A seed and round give the same start; another seed another (the ball starts elsewhere).
    expect(Array.from(new ArcadeDuel(breakout, 12, 2).you.obs)).toEqual(Array.from(duel.you.obs));
    expect(Array.from(new ArcadeDuel(breakout, 13, 2).you.obs)).not.toEqual(Array.from(duel.you.obs));
  });

  it('steps in lockstep: both wait for the agent; the keys move only the person\'s paddle', async () => {
    const duel = new ArcadeDuel(breakout, 3);
    const worker = fakeWorker(() => 1); // the agent always goes left
    const driver = new LockstepDriver(duel, (obs) => worker.ask(obs));
    driver.pump(0);
    expect(worker.asked).toHaveLength(0); // a waiting duel asks nothing
    duel.step(1);
    expect(duel.you.steps + duel.agent.steps).toBe(0); // not started

    duel.press(2); // right, held
    expect(duel.phase).toBe('running');
    driver.due(1);
    driver.pump(16);
    expect([duel.you.steps, duel.agent.steps]).toEqual([0, 0]); // no answer yet: neither moves
    expect(driver.waiting).toBe(true);
    await worker.flush();
    expect([duel.you.steps, duel.agent.steps]).toEqual([1, 1]);
    duel.step(); // a step without the agent's action while its game goes on: nothing
    expect([duel.you.steps, duel.agent.steps]).toEqual([1, 1]);
    driver.due(1);
    driver.pump(32);
    await worker.flush();
    duel.release(2);
    expect([duel.you.steps, duel.agent.steps]).toEqual([2, 2]);
    expect(duel.you.actions).toEqual([2, 2]);
    expect(duel.agent.actions).toEqual([1, 1]);
    expect(worker.asked[0]).toEqual(Array.from(new ArcadeDuel(breakout, 3).agent.obs)); // asked about its own first frame
    expect(duel.lastAction).toBe(2);
  });

  it('each side ends on its own; the other plays on; the result compares the scores', async () => {
    const duel = new ArcadeDuel(breakout, 1);
    const worker = fakeWorker(track);
    const driver = new LockstepDriver(duel, (obs) => worker.ask(obs));
    duel.start(); // the person never presses a key: the ball gets past their paddle soon
    let youEnded = -1;
    for (let frame = 0; frame < 20_000 && duel.phase !== 'over'; frame++) {
      driver.due(1);
      driver.pump(frame * 16);
      await worker.flush();
      if (youEnded < 0 && duel.you.over) youEnded = duel.you.steps;
    }
    expect(duel.phase).toBe('over');
    expect(duel.you.end).toBe('game over');
    expect(duel.agent.end).not.toBeNull();
    // The tracking agent outlasts the idle person; the person's game stood still after its end.
    expect(youEnded).toBeGreaterThan(0);
    expect(duel.you.steps).toBe(youEnded);
    expect(duel.agent.steps).toBeGreaterThan(duel.you.steps);
    expect(duel.agent.score).toBeGreaterThan(duel.you.score);
    expect(duel.result).toEqual({ you: duel.you.score, agent: duel.agent.score, winner: 'agent' });
    expect(worker.asked).toHaveLength(duel.agent.steps); // one question per agent step, none after its end
  });

  it('the same play on both sides is a draw, frame for frame', async () => {
    const duel = new ArcadeDuel(breakout, 8);
    const worker = fakeWorker(() => 0);
    const driver = new LockstepDriver(duel, (obs) => worker.ask(obs));
    duel.start();
    for (let frame = 0; frame < 2000 && duel.phase !== 'over'; frame++) {
      driver.due(1);
      driver.pump(frame * 16);
      await worker.flush();
      expect(Array.from(duel.you.obs)).toEqual(Array.from(duel.agent.obs));
    }
    expect(duel.result).toEqual({ you: duel.you.score, agent: duel.you.score, winner: 'draw' });
  });

  it("the agent's game replays exactly from the seed and its recorded actions, sticky actions included", async () => {
    const duel = new ArcadeDuel(breakout, 11);
    // A tracking agent that now and then goes its own way (a seeded coin): a long, varied game.
    const coin = deriveRng(99, 'test-agent');
    const worker = fakeWorker((obs) => (coin.next() < 0.2 ? coin.int(3) : track(obs)));
    const driver = new LockstepDriver(duel, (obs) => worker.ask(obs));
    const frames: string[] = [];
    duel.start();
    let last = duel.agent.state;
    for (let frame = 0; frame < 20_000 && duel.phase !== 'over'; frame++) {
      driver.due(1);
      driver.pump(frame * 16);
      await worker.flush();
      if (duel.agent.state !== last) {
        frames.push(Array.from(duel.agent.obs).join(''));
        last = duel.agent.state;
      }
    }
    expect(duel.phase).toBe('over');
    const actions = duel.agent.actions;
    expect(actions.length).toBe(duel.agent.steps);
    expect(frames).toHaveLength(actions.length);
    expect(actions.length).toBeGreaterThan(80);

    // Sticky actions did happen in this game: re-running the env by hand finds steps where the
    // executed action was the previous one rather than the chosen one.
    const check = new SeededRun(duel.env, 11, 1);
    const rng = deriveRng(11, 'episode-1');
    let state = duel.env.reset(rng).state;
    let stuck = 0;
    for (const action of actions) {
      const result = duel.env.step(state, action, rng);
      if (result.info?.sticky === 1 && result.info.executedAction !== duel.env.actionMap[action]) stuck++;
      state = result.state;
      check.step(action);
    }
    expect(stuck).toBeGreaterThan(0);
    expect(check.score).toBe(duel.agent.score);

    // The replay, a step at a time, shows every frame of the agent's game and ends where it ended.
    duel.startReplay();
    expect(duel.replaying).toBe(true);
    const replayed: string[] = [];
    while (duel.stepReplay()) replayed.push(Array.from(duel.replay!.obs).join(''));
    expect(replayed).toEqual(frames);
    expect([duel.replaying, duel.replayMatches, duel.replay!.score, duel.replay!.end]).toEqual([false, true, duel.agent.score, duel.agent.end]);

    // The same actions on another round's world are another game: the replay depends on the seed's stream.
    const elsewhere = new SeededRun(duel.env, 11, 2);
    for (const action of actions) elsewhere.step(action);
    expect(elsewhere.actions.length < actions.length || Array.from(elsewhere.obs).join('') !== frames.at(-1)).toBe(true);

    duel.stopReplay();
    expect(duel.replay).toBeNull();
    duel.next();
    expect([duel.round, duel.phase, duel.agent.actions.length, duel.result]).toEqual([2, 'ready', 0, null]);
  });

  it('pause stops the lockstep; a replay waits for the end of the duel', async () => {
    const duel = new ArcadeDuel(breakout, 4);
    const worker = fakeWorker(() => 0);
    const driver = new LockstepDriver(duel, (obs) => worker.ask(obs));
    duel.startReplay();
    expect(duel.replay).toBeNull();
    duel.start();
    await playOut(duel, driver, worker, 3);
    const steps = duel.you.steps;
    expect(steps).toBeGreaterThan(0);
    duel.togglePause();
    driver.due(1);
    driver.pump(1000);
    await worker.flush();
    driver.pump(1016);
    expect(duel.you.steps).toBe(steps);
    duel.togglePause();
    await playOut(duel, driver, worker);
    expect(duel.phase).toBe('over');
  });
});
