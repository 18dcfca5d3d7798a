/** The arcade page's game logic (src/pages/arcade/arcade-play.svelte.ts), without a browser. */
import { describe, expect, it } from 'vitest';
import { ArcadePlay } from '../../src/pages/arcade/arcade-play.svelte';
import { actionForKey, ARCADE_GAMES, gameFromHash } from '../../src/pages/arcade/catalogue';

const breakout = gameFromHash('#breakout');
const paddle = (play: ArcadePlay) => (play.state.inner.game as unknown as { paddle: number }).paddle;

describe('arcade catalogue', () => {
  it('lists every registered game with its channels, colours and keys', () => {
    expect(ARCADE_GAMES.map((g) => g.slug)).toEqual(['breakout', 'space-invaders', 'freeway', 'asterix', 'seaquest', 'pong']);
    for (const game of ARCADE_GAMES) {
      expect(game.colors).toHaveLength(game.channels.length);
      expect(game.actionNames[0]).toBe('noop');
    }
    expect(gameFromHash('#nonsense').slug).toBe('breakout');
    expect([actionForKey(breakout, 'ArrowLeft'), actionForKey(breakout, 'ArrowRight'), actionForKey(breakout, ' '), actionForKey(breakout, 'ArrowUp')]).toEqual([1, 2, null, null]);
    const invaders = gameFromHash('#space-invaders');
    expect(actionForKey(invaders, ' ')).toBe(3);
  });
});

describe('ArcadePlay', () => {
  it('waits for the first key; a tap between steps counts once; a held key keeps acting', () => {
    // Sticky actions (MinAtar's 10%) repeat the previous action now and then: the checks below
    // read the action executed at each step, and the paddle follows it.
    const play = new ArcadePlay(breakout, 1);
    const executed: number[] = [];
    const stepOnce = () => {
      play.step();
      executed.push(play.info.executedAction);
      return play.info.sticky === 1;
    };
    play.step();
    expect([play.phase, play.state.elapsed]).toEqual(['ready', 0]);
    const sticky: boolean[] = [];
    play.press(2); // right, tapped and released before the step
    play.release(2);
    sticky.push(stepOnce());
    sticky.push(stepOnce()); // nothing held: noop
    play.press(1); // left, held
    sticky.push(stepOnce(), stepOnce());
    play.release(1);
    sticky.push(stepOnce());
    // Full-set actions: 0 noop, 1 left, 3 right. A sticky step repeats the one before it.
    const chosen = [3, 0, 1, 1, 0];
    expect(sticky.filter(Boolean).length).toBeLessThanOrEqual(1); // seed 1: the checks below mostly see chosen actions
    chosen.forEach((action, i) => expect(executed[i]).toBe(sticky[i] ? (i === 0 ? 0 : executed[i - 1]) : action));
    const moves = executed.reduce((col, a) => Math.min(9, Math.max(0, col + (a === 3 ? 1 : a === 1 ? -1 : 0))), 4);
    expect(paddle(play)).toBe(moves);
  });

  it('the same seed and keys give the same game; the agent steps only with an action; records say who played', () => {
    const run = () => {
      const play = new ArcadePlay(breakout, 7);
      play.press(1);
      play.release(1);
      while (play.phase === 'running') play.step();
      return [play.state.elapsed, play.score, Array.from(play.obs).join('')];
    };
    expect(run()).toEqual(run());

    const play = new ArcadePlay(breakout, 7);
    play.takeOver();
    expect(play.phase).toBe('running');
    play.step(); // no action from the agent yet
    expect(play.state.elapsed).toBe(0);
    play.step(9); // not one of Breakout's 3 actions
    expect(play.state.elapsed).toBe(0);
    play.step(2);
    play.press(1); // a key takes the controls back
    expect(play.controller).toBe('person');
    play.step();
    play.reset();
    expect(play.history[0]).toMatchObject({ player: 'you + agent', end: 'reset', steps: 2 });
    expect(play.episode).toBe(2);
  });
});
