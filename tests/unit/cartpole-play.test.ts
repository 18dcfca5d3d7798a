/** The CartPole page's game logic and real-time clock, without a browser. */
import { describe, expect, it } from 'vitest';
import { CartPoleGame } from '../../src/pages/cartpole/game.svelte';
import { StepClock } from '../../src/lib/loop/step-clock';

describe('StepClock', () => {
  it('gives exactly 50 steps a second at 1x on a 60 Hz or 144 Hz display, and 12.5 at 0.25x', () => {
    for (const hz of [60, 144]) {
      for (const [speed, expected] of [[1, 500], [0.5, 250], [0.25, 125]] as const) {
        const clock = new StepClock(20);
        let steps = 0;
        for (let frame = 0; frame <= 10 * hz; frame++) steps += clock.advance((frame * 1000) / hz, speed);
        expect(steps).toBe(expected);
      }
    }
  });

  it('drops a long gap (hidden tab) instead of racing through it', () => {
    const clock = new StepClock(20, 100);
    clock.advance(0, 1);
    expect(clock.advance(5000, 1)).toBe(5);
  });
});

describe('CartPoleGame', () => {
  it('waits for the first push, then steps with the last arrow pressed', () => {
    const game = new CartPoleGame(3);
    const start = game.state.inner;
    game.step();
    expect(game.state.elapsed).toBe(0); // not started
    game.pressPush(1);
    for (let i = 0; i < 10; i++) game.step();
    expect(game.state.elapsed).toBe(10);
    expect(game.episodeReturn).toBe(10);
    expect(game.state.inner.xDot).toBeGreaterThan(start.xDot); // pushed right
  });

  it('ends on termination with the reason, records the episode, and resets to the next seeded start', () => {
    const game = new CartPoleGame(7);
    const first = game.state.inner;
    game.pressPush(1);
    while (game.phase === 'running') game.step();
    expect(game.phase).toBe('over');
    expect(game.terminated).toBe(true);
    expect(game.endReason).toBe('fallen'); // always pushing right tips the pole left
    expect(game.state.inner.theta).toBeLessThan(0);
    expect(game.history[0]).toMatchObject({ seed: 7, episode: 1, return: game.episodeReturn, reason: 'fallen' });
    expect(game.best).toBe(game.episodeReturn);

    game.reset();
    expect(game.episode).toBe(2);
    expect(game.phase).toBe('ready');
    expect(game.episodeReturn).toBe(0);
    expect(game.state.inner).not.toEqual(first);

    // The same seed replays the same starts.
    expect(new CartPoleGame(7).state.inner).toEqual(first);
    expect(game.setSeed(-1)).toMatch(/seed/);
    expect(game.seed).toBe(7);
  });

  it('pause stops stepping; alternating pushes can reach the time limit, which truncates', () => {
    const game = new CartPoleGame(1);
    game.pressPush(1);
    game.togglePause();
    game.step();
    expect(game.state.elapsed).toBe(0);
    game.togglePause();
    // A simple balancing rule, as a person would play: push the way the pole is falling.
    while (game.phase === 'running') {
      const { theta, thetaDot } = game.state.inner;
      game.pressPush(theta + 0.5 * thetaDot > 0 ? 1 : -1);
      game.step();
    }
    expect(game.truncated).toBe(true);
    expect(game.terminated).toBe(false);
    expect(game.endReason).toBe('time-limit');
    expect(game.episodeReturn).toBe(500);
    expect(game.scene.truncated).toBe(true);
  });
});
