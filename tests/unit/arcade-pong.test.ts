/**
 * Pong: the two-player core (paddles, ball, returns, scoring, the end of a match), the scripted
 * opponent and the single-agent env, with states built by hand and exact values checked.
 */
import { describe, expect, it } from 'vitest';
import { arcadeState } from '../../environments/arcade/arcade-env';
import {
  PONG_ACTION,
  PONG_DEFAULTS,
  arrivalRow,
  makePong,
  observePong,
  pongEnv,
  pongOpponentAction,
  resetPong,
  resolvePongParams,
  returnSpeed,
  stepPong,
  type PongState,
} from '../../environments/arcade/pong';
import { createRng, type Rng } from '../../environments/core/rng';

const { noop, up, down } = PONG_ACTION;
const C = 4;

function lit(obs: Float32Array, channel: number): [number, number][] {
  const cells: [number, number][] = [];
  for (let cell = 0; cell < 100; cell++) if (obs[cell * C + channel] === 1) cells.push([Math.floor(cell / 10), cell % 10]);
  return cells;
}

/** An Rng whose draws are the given values in turn (then repeats). */
function scripted(values: number[]): Rng {
  let i = 0;
  const next = () => values[i++ % values.length];
  return { next, int: (n) => Math.floor(next() * n), state: () => ({ c: 0, s0: 0, s1: 0, s2: 0 }) };
}

const rng = createRng('pong');
/** Paddles at rows 3-5, the ball as given, 0-0. */
function court(ballRow: number, ballCol: number, ballDRow: number, ballDCol: number, extra: Partial<PongState> = {}): PongState {
  return { leftTop: 3, rightTop: 3, ballRow, ballCol, ballDRow, ballDCol, trailRow: ballRow, trailCol: ballCol, leftScore: 0, rightScore: 0, terminal: false, ...extra };
}
const ballOf = (s: PongState) => [s.ballRow, s.ballCol, s.ballDRow, s.ballDCol];

describe('Pong reset and paddles', () => {
  it('centres the paddles and serves from the middle, four steps from either paddle', () => {
    const rightward = resetPong(scripted([0.55, 0.9, 0.2]));
    expect([rightward.leftTop, rightward.rightTop, rightward.leftScore, rightward.rightScore]).toEqual([3, 3, 0, 0]);
    expect(ballOf(rightward)).toEqual([5, 4, -1, 1]);
    expect([rightward.trailRow, rightward.trailCol]).toEqual([5, 4]);
    const leftward = resetPong(scripted([0.05, 0.1, 0.7]));
    expect(ballOf(leftward)).toEqual([0, 5, 1, -1]);
  });

  it('moves each paddle one row, clamped to the court', () => {
    const s = court(5, 5, 1, 1);
    const moved = stepPong(s, up, down, rng).state;
    expect([moved.leftTop, moved.rightTop]).toEqual([2, 4]);
    const clamped = stepPong({ ...s, leftTop: 0, rightTop: 7 }, up, down, rng).state;
    expect([clamped.leftTop, clamped.rightTop]).toEqual([0, 7]);
  });

  it('rejects an action that is not 0, 1 or 2', () => {
    expect(() => stepPong(court(5, 5, 1, 1), 3, 0, rng)).toThrow(/Pong paddle action/);
  });
});

describe('Pong ball', () => {
  it('moves diagonally and reflects off the top and bottom rows', () => {
    const s = stepPong(court(4, 5, -1, 1), noop, noop, rng).state;
    expect(ballOf(s)).toEqual([3, 6, -1, 1]);
    expect([s.trailRow, s.trailCol]).toEqual([4, 5]);
    expect(ballOf(stepPong(court(0, 5, -1, 1), noop, noop, rng).state)).toEqual([1, 6, 1, 1]);
    expect(ballOf(stepPong(court(9, 5, 1, -1), noop, noop, rng).state)).toEqual([8, 4, -1, -1]);
    expect(ballOf(stepPong(court(1, 5, -2, 1), noop, noop, rng).state)).toEqual([1, 6, 2, 1]);
    expect(ballOf(stepPong(court(8, 5, 2, 1), noop, noop, rng).state)).toEqual([8, 6, -2, 1]);
  });

  it('a return off the middle keeps the vertical direction; the ends send it up or down', () => {
    // Right paddle rows 3-5; the ball arrives in column 8.
    expect(ballOf(stepPong(court(3, 7, 1, 1), noop, noop, rng).state)).toEqual([4, 8, 1, -1]);
    expect(ballOf(stepPong(court(5, 7, -1, 1), noop, noop, rng).state)).toEqual([4, 8, -1, -1]);
    expect(ballOf(stepPong(court(2, 7, 1, 1), noop, noop, rng).state)).toEqual([3, 8, -1, -1]);
    expect(ballOf(stepPong(court(4, 7, 1, 1), noop, noop, rng).state)).toEqual([5, 8, 1, -1]);
    // The left paddle, the same way round.
    expect(ballOf(stepPong(court(2, 2, 1, -1), noop, noop, rng).state)).toEqual([3, 1, -1, 1]);
  });

  it('an end hit while the paddle moves that way doubles the vertical speed', () => {
    // Right paddle moves up to rows 2-4; the ball arrives at row 2 (its top).
    expect(ballOf(stepPong(court(1, 7, 1, 1), noop, up, rng).state)).toEqual([2, 8, -2, -1]);
    // Moving the other way (down to rows 3-5, the ball on its top cell): an ordinary end hit.
    expect(ballOf(stepPong(court(2, 7, 1, 1, { rightTop: 2 }), noop, down, rng).state)).toEqual([3, 8, -1, -1]);
    expect(returnSpeed(2, 1, -1, 3)).toBe(2);
    expect(returnSpeed(1, 1, -1, 3)).toBe(-1);
  });

  it('moving into place on the arrival step counts', () => {
    // The ball arrives at row 6, below the paddle (3-5) until it moves down to 4-6.
    expect(ballOf(stepPong(court(5, 7, 1, 1), noop, down, rng).state)).toEqual([6, 8, 2, -1]);
    const miss = stepPong(court(5, 7, 1, 1), noop, noop, rng).state;
    expect(ballOf(miss)).toEqual([6, 8, 1, 1]);
  });

  it('a ball past a paddle scores for the other side, pays +1/-1 and is served again', () => {
    const r = stepPong(court(6, 8, 1, 1), noop, noop, scripted([0.35, 0.2, 0.8]));
    expect([r.leftReward, r.rightReward, r.terminated]).toEqual([1, -1, false]);
    expect([r.state.leftScore, r.state.rightScore]).toEqual([1, 0]);
    expect(ballOf(r.state)).toEqual([3, 5, 1, -1]);
    const l = stepPong(court(7, 1, 1, -1, { rightScore: 2 }), noop, noop, scripted([0.95, 0.6, 0.1]));
    expect([l.leftReward, l.rightReward]).toEqual([-1, 1]);
    expect([l.state.leftScore, l.state.rightScore]).toEqual([0, 3]);
    expect(ballOf(l.state)).toEqual([9, 4, -1, 1]);
  });

  it('ends the match at the target score, leaves the ball in the goal, then stays frozen', () => {
    const r = stepPong(court(6, 8, 1, 1, { leftScore: 4, rightScore: 3 }), noop, noop, rng);
    expect([r.leftReward, r.terminated, r.state.terminal, r.state.leftScore]).toEqual([1, true, true, 5]);
    expect(ballOf(r.state)).toEqual([7, 9, 1, 1]);
    const after = stepPong(r.state, up, up, rng);
    expect(after.state).toBe(r.state);
    expect([after.leftReward, after.rightReward, after.terminated]).toEqual([0, 0, true]);
    const short = stepPong(court(6, 8, 1, 1), noop, noop, rng, resolvePongParams({ targetScore: 1 }));
    expect(short.terminated).toBe(true);
  });
});

describe('Pong scripted opponent', () => {
  it('follows the ball while it approaches and recentres while it recedes', () => {
    const sure = scripted([0]);
    expect(pongOpponentAction(court(1, 5, 1, -1), 'left', sure, 1)).toBe(up);
    expect(pongOpponentAction(court(8, 5, 1, -1), 'left', sure, 1)).toBe(down);
    expect(pongOpponentAction(court(4, 5, 1, -1), 'left', sure, 1)).toBe(noop);
    expect(pongOpponentAction(court(8, 5, 1, 1, { leftTop: 6 }), 'left', sure, 1)).toBe(up);
    expect(pongOpponentAction(court(8, 5, 1, 1), 'right', sure, 1)).toBe(down);
  });

  it('lapses with probability 1 - skill and always makes exactly one draw', () => {
    const s = court(1, 5, 1, -1);
    expect(pongOpponentAction(s, 'left', scripted([0.79]), 0.8)).toBe(up);
    expect(pongOpponentAction(s, 'left', scripted([0.8]), 0.8)).toBe(noop);
    let draws = 0;
    const counted: Rng = { next: () => (draws++, 0.5), int: () => 0, state: () => ({ c: 0, s0: 0, s1: 0, s2: 0 }) };
    pongOpponentAction(s, 'left', counted, 0.8);
    pongOpponentAction(s, 'left', counted, 0.1);
    pongOpponentAction({ ...s, terminal: true }, 'left', counted, 1);
    expect(draws).toBe(3);
  });

  it('predicts arrival rows through bounces', () => {
    expect(arrivalRow(court(2, 5, -1, 1), 'right')).toBe(1);
    expect(arrivalRow(court(2, 4, -2, 1), 'right')).toBe(6);
    expect(arrivalRow(court(2, 5, 1, -1), 'left')).toBe(6);
  });
});

describe('Pong observation', () => {
  it('shows the own paddle on the right, mirrored for the left side', () => {
    const s = court(2, 6, 1, 1, { leftTop: 0, rightTop: 7, trailRow: 1, trailCol: 5 });
    const right = observePong(s, 'right');
    expect(lit(right, 0)).toEqual([
      [7, 9],
      [8, 9],
      [9, 9],
    ]);
    expect(lit(right, 1)).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
    ]);
    expect(lit(right, 2)).toEqual([[2, 6]]);
    expect(lit(right, 3)).toEqual([[1, 5]]);
    const left = observePong(s, 'left');
    expect(lit(left, 0)).toEqual([
      [0, 9],
      [1, 9],
      [2, 9],
    ]);
    expect(lit(left, 1)).toEqual([
      [7, 0],
      [8, 0],
      [9, 0],
    ]);
    expect(lit(left, 2)).toEqual([[2, 3]]);
    expect(lit(left, 3)).toEqual([[1, 4]]);
  });
});

describe('Pong single-agent env', () => {
  it('plays the right paddle: up, down, noop are actions 1, 2, 0', () => {
    const env = pongEnv({ stickyProbability: 0 });
    expect(env.actionNames).toEqual(['noop', 'up', 'down']);
    expect(env.observationSpace).toEqual({ kind: 'box', shape: [10, 10, 4], low: 0, high: 1 });
    // Draws: sticky, then the opponent's (0.99 >= skill: it lapses).
    const r = env.step(arcadeState(court(5, 5, 1, 1)), 1, scripted([0.5, 0.99]));
    expect([r.state.game.rightTop, r.state.game.leftTop]).toEqual([2, 3]);
  });

  it('pays +1 when the agent scores and -1 when the opponent scores', () => {
    const env = pongEnv({ stickyProbability: 0 });
    const lapse = scripted([0.5, 0.99, 0.5, 0.5, 0.5]);
    const won = env.step(arcadeState(court(7, 1, 1, -1)), 0, lapse);
    expect([won.reward, won.terminated, won.info?.rightScore, won.info?.leftScore]).toEqual([1, false, 1, 0]);
    const lost = env.step(arcadeState(court(6, 8, 1, 1)), 0, lapse);
    expect([lost.reward, lost.info?.leftScore]).toEqual([-1, 1]);
  });

  it('ends when a side reaches the target score', () => {
    const env = pongEnv({ stickyProbability: 0, targetScore: 2 });
    const r = env.step(arcadeState(court(7, 1, 1, -1, { rightScore: 1 })), 0, scripted([0.5, 0.99]));
    expect([r.reward, r.terminated, r.truncated]).toEqual([1, true, false]);
  });

  it('a random player loses to the scripted opponent; matches end', () => {
    const env = makePong({ stickyProbability: 0 });
    const envRng = createRng('pong-matches');
    const actions = createRng('pong-actions');
    let wins = 0;
    for (let match = 0; match < 20; match++) {
      let { state } = env.reset(envRng);
      for (;;) {
        const r = env.step(state, actions.int(3), envRng);
        state = r.state;
        if (r.terminated || r.truncated) {
          expect(r.terminated).toBe(true);
          if (state.inner.game.rightScore === PONG_DEFAULTS.targetScore) wins++;
          break;
        }
      }
    }
    expect(wins).toBeLessThanOrEqual(4);
  });

  it('validates its options', () => {
    expect(() => pongEnv({ targetScore: 0 })).toThrow(/targetScore/);
    expect(() => pongEnv({ opponentSkill: 2 })).toThrow(/opponentSkill/);
    expect(() => pongEnv({ colour: 'red' } as never)).toThrow(/unknown Pong option 'colour'/);
    expect(() => resolvePongParams({ height: 3 })).toThrow(/height/);
  });
});
