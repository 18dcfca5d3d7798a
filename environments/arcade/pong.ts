/**
 * Pong for two players on a 10x10 grid (Floe's own rules; not a MinAtar game).
 *
 * Description: two paddles, 3 cells tall, in column 0 (left) and column 9 (right) return a ball
 *   that moves one column every step. A player scores when the ball gets past the other paddle;
 *   the first to `targetScore` wins. The two-player core (`stepPong`) takes one action per
 *   paddle, so a page can put a person, the scripted opponent or an agent on either side.
 * Grid: 10x10 by default (height, width and paddleHeight are params). The same size as the MinAtar
 *   games, so the same conv network (MinAtar's 16 3x3 filters, 128 dense) plays every arcade game;
 *   the renderer can interpolate between frames for smooth motion. On 10x10 a 3-cell paddle is a
 *   third of the court: hard enough to miss by reacting late, easy enough to hit on purpose.
 * Actions (per paddle): 0 noop, 1 up, 2 down; a paddle moves one row, clamped to the court.
 *   Paddles move before the ball, so moving into place on the ball's arrival step counts.
 * Ball: moves (dRow, dCol) per step: dCol = +-1, dRow in {-2, -1, +1, +2} (never flat). It reflects
 *   off the top and bottom rows (row -1 becomes row 1), touching the edge row for one step. When
 *   it arrives in the column next to a paddle (1 or width - 2) moving toward it, it is returned if
 *   the paddle covers its row (`returnSpeed`): dCol flips; the top third of the paddle sends it
 *   up, the bottom third down, the middle keeps its vertical direction at speed 1; an end hit
 *   while the paddle moves that way doubles the speed to 2 rows a step. Otherwise it goes on into
 *   the paddle's column on the next step and the other side scores. No corner hits: a ball
 *   passing just beyond the paddle's end is a miss.
 *   Why these rules: with the ball never faster than a paddle, a paddle that simply follows the
 *   ball never misses and rallies last thousands of steps (measured); flat shots let two
 *   followers lock into an endless straight rally. The fast end shot is the skill to learn.
 * Serve: after each point (and at reset) the ball starts in the middle column on its side of the
 *   centre line (column 4 moving right, column 5 moving left: four steps to either paddle), in a
 *   random row, with a random horizontal and a random vertical direction at speed 1 (three draws:
 *   row, dCol, dRow). The paddles stay where they are. No serve after the winning point: that
 *   frame shows the ball in the goal column.
 * Scripted opponent (`pongOpponentAction`): each step, with probability `skill` (default 0.8) it
 *   moves its paddle's centre toward the ball's CURRENT row while the ball approaches (and back to
 *   the court's centre while it recedes); otherwise it lapses and stays put. It does not predict,
 *   so fast shots beat it. One uniform draw per call, always. Measured over 400 matches to 5
 *   against the default opponent: a random player wins 6% (1.7 points a match); the same
 *   follower on the other side about half; a player that moves to the predicted arrival row
 *   (`arrivalRow`) wins all. Matches last about 75-180 steps.
 * Single-agent env (`pongEnv`, `makePong`): the agent plays the RIGHT paddle against the scripted
 *   opponent on the left.
 *   Actions: discrete(3): 0 noop, 1 up, 2 down (the full-set indices 0, 2, 4, so the shared
 *     arcade options, sticky actions included, apply: actionSet 'full' gives MinAtar's 6 actions,
 *     where left, right and fire do nothing).
 *   Observations: 10x10x4 binary planes, channels last, seen from the agent's side: 0 paddle (its
 *     own), 1 opponent, 2 ball, 3 trail (the ball's cell before the last step).
 *     `observePong(state, 'left')` mirrors the court so a left-side agent also sees itself on the
 *     right: one trained agent can play either side.
 *   Rewards: +1 when the agent scores, -1 when the opponent scores, 0 otherwise.
 *   Episode end: `terminated` when either side reaches targetScore (default 5). `makePong` adds
 *     a 10,000-step truncation limit (a long rally between two good paddles can last for ever).
 *   Randomness per step: the sticky draw, the opponent's draw, then the serve's three draws when
 *     a point is scored and the match goes on.
 *   info: leftScore, rightScore (plus the shared executedAction and sticky).
 */
import type { Rng } from '../core/rng';
import { ARCADE_ACTION, ARCADE_DEFAULTS, arcadeEnv, emptyPlanes, light, makeArcade, type ArcadeGame, type ArcadeOptions, type PlanesShape } from './arcade-env';

export const PONG_ID = 'arcade/pong';
export const PONG_CHANNELS = ['paddle', 'opponent', 'ball', 'trail'] as const;
/** Actions of one paddle in `stepPong`, and of the agent in the single-agent env. */
export const PONG_ACTIONS = ['noop', 'up', 'down'] as const;
export const PONG_ACTION = Object.freeze({ noop: 0, up: 1, down: 2 } as const);
export type PongSide = 'left' | 'right';

export interface PongParams {
  /** Court rows. Default 10. */
  readonly height: number;
  /** Court columns, the paddles' included. Default 10. */
  readonly width: number;
  /** Paddle length in cells. Default 3. */
  readonly paddleHeight: number;
  /** The match ends when a side reaches this score. Default 5. */
  readonly targetScore: number;
  /** The scripted opponent's probability of acting (rather than lapsing) each step. Default 0.8. */
  readonly opponentSkill: number;
}

export const PONG_DEFAULTS: Readonly<PongParams> = Object.freeze({
  height: 10,
  width: 10,
  paddleHeight: 3,
  targetScore: 5,
  opponentSkill: 0.8,
});

/** Plain data: what the renderer draws from (`observePong` gives its planes). */
export interface PongState {
  /** Top row of each paddle; a paddle covers rows top .. top + paddleHeight - 1. */
  readonly leftTop: number;
  readonly rightTop: number;
  readonly ballRow: number;
  readonly ballCol: number;
  /** Rows per step: -2, -1, +1 or +2 (up is negative). */
  readonly ballDRow: number;
  /** -1 or +1 columns per step. */
  readonly ballDCol: number;
  /** The ball's cell before the last step. */
  readonly trailRow: number;
  readonly trailCol: number;
  readonly leftScore: number;
  readonly rightScore: number;
  readonly terminal: boolean;
}

export interface PongStepResult {
  readonly state: PongState;
  /** +1 to the side that scored this step, -1 to the other, 0 to both when nobody did. */
  readonly leftReward: number;
  readonly rightReward: number;
  /** A side reached targetScore (this step or before). */
  readonly terminated: boolean;
}

const PARAM_KEYS = Object.keys(PONG_DEFAULTS);

/** Defaults filled in and every field checked; unknown keys are errors. */
export function resolvePongParams(params: Partial<PongParams> = {}): Readonly<PongParams> {
  for (const key of Object.keys(params)) {
    if (!PARAM_KEYS.includes(key)) throw new Error(`unknown Pong parameter '${key}'; known: ${PARAM_KEYS.join(', ')}`);
  }
  const defined = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as Partial<PongParams>;
  const p: PongParams = { ...PONG_DEFAULTS, ...defined };
  const int = (key: keyof PongParams, min: number) => {
    const v: unknown = p[key];
    if (!(typeof v === 'number' && Number.isInteger(v) && v >= min)) throw new Error(`Pong ${key} must be an integer >= ${min}, got ${JSON.stringify(v)}`);
  };
  int('paddleHeight', 1);
  // At least 4 rows, so a 2-rows-a-step ball reflects back onto the court.
  int('height', Math.max(4, p.paddleHeight + 1));
  int('width', 6);
  int('targetScore', 1);
  const skill: unknown = p.opponentSkill;
  if (!(typeof skill === 'number' && skill >= 0 && skill <= 1)) throw new Error(`Pong opponentSkill must be a number in [0, 1], got ${JSON.stringify(skill)}`);
  return Object.freeze(p);
}

/** A new ball from the serve position: three draws (row, horizontal, vertical direction). */
function serve(rng: Rng, p: PongParams): Pick<PongState, 'ballRow' | 'ballCol' | 'ballDRow' | 'ballDCol' | 'trailRow' | 'trailCol'> {
  const row = rng.int(p.height);
  const dCol = rng.next() < 0.5 ? -1 : 1;
  const dRow = rng.next() < 0.5 ? -1 : 1;
  // Just on its own side of the centre line, so it is equally far from both paddles.
  const col = dCol > 0 ? Math.floor((p.width - 1) / 2) : Math.ceil((p.width - 1) / 2);
  return { ballRow: row, ballCol: col, ballDRow: dRow, ballDCol: dCol, trailRow: row, trailCol: col };
}

export function resetPong(rng: Rng, params: Readonly<PongParams> = PONG_DEFAULTS): PongState {
  const top = Math.floor((params.height - params.paddleHeight) / 2);
  return { leftTop: top, rightTop: top, ...serve(rng, params), leftScore: 0, rightScore: 0, terminal: false };
}

function movePaddle(top: number, action: number, p: PongParams): number {
  if (action === PONG_ACTION.up) return Math.max(0, top - 1);
  if (action === PONG_ACTION.down) return Math.min(p.height - p.paddleHeight, top + 1);
  return top;
}

/**
 * The ball's dRow after a return. `offset` is where it hit the paddle (0 = top cell), `motion`
 * the paddle's move this step (-1 up, 0, +1 down), `incoming` the ball's dRow as it arrives (after
 * any wall bounce on that step).
 * The top third sends it up, the bottom third down, the middle keeps its vertical direction (so
 * there is no flat shot and no endless straight rally); an end hit while moving that way doubles
 * the speed to 2 rows a step: the shot that outruns a paddle.
 */
export function returnSpeed(offset: number, motion: number, incoming: number, paddleHeight: number): number {
  const up = 3 * offset < paddleHeight;
  const down = 3 * offset >= 2 * paddleHeight;
  const base = up ? -1 : down ? 1 : incoming >= 0 ? 1 : -1;
  return (up || down) && motion === base ? 2 * base : base;
}

function checkPaddleAction(a: number): void {
  if (a !== 0 && a !== 1 && a !== 2) throw new Error(`Pong paddle action must be 0 (noop), 1 (up) or 2 (down), got ${String(a)}`);
}

/** One step of both paddles and the ball. Pure: `s` is never changed. Draws only to serve. */
export function stepPong(s: PongState, leftAction: number, rightAction: number, rng: Rng, params: Readonly<PongParams> = PONG_DEFAULTS): PongStepResult {
  checkPaddleAction(leftAction);
  checkPaddleAction(rightAction);
  if (s.terminal) return { state: s, leftReward: 0, rightReward: 0, terminated: true };
  const p = params;
  const leftTop = movePaddle(s.leftTop, leftAction, p);
  const rightTop = movePaddle(s.rightTop, rightAction, p);

  let dRow = s.ballDRow;
  let dCol = s.ballDCol;
  let row = s.ballRow + dRow;
  const col = s.ballCol + dCol;
  // Reflect off the top and bottom: the ball touches the edge row for one step.
  if (row < 0) {
    row = -row;
    dRow = -dRow;
  } else if (row > p.height - 1) {
    row = 2 * (p.height - 1) - row;
    dRow = -dRow;
  }

  const covers = (top: number) => row >= top && row < top + p.paddleHeight;
  let scorer: PongSide | null = null;
  if (dCol < 0 && col === 1 && covers(leftTop)) {
    dCol = 1;
    dRow = returnSpeed(row - leftTop, leftTop - s.leftTop, dRow, p.paddleHeight);
  } else if (dCol > 0 && col === p.width - 2 && covers(rightTop)) {
    dCol = -1;
    dRow = returnSpeed(row - rightTop, rightTop - s.rightTop, dRow, p.paddleHeight);
  } else if (col <= 0) scorer = 'right';
  else if (col >= p.width - 1) scorer = 'left';

  const leftScore = s.leftScore + (scorer === 'left' ? 1 : 0);
  const rightScore = s.rightScore + (scorer === 'right' ? 1 : 0);
  const terminal = leftScore >= p.targetScore || rightScore >= p.targetScore;
  const moved = { ballRow: row, ballCol: col, ballDRow: dRow, ballDCol: dCol, trailRow: s.ballRow, trailCol: s.ballCol };
  // After a point the next rally starts at once, except after the winning point.
  const ball = scorer !== null && !terminal ? serve(rng, p) : moved;
  const reward = scorer === null ? 0 : scorer === 'left' ? 1 : -1;
  return {
    state: { leftTop, rightTop, ...ball, leftScore, rightScore, terminal },
    leftReward: reward,
    rightReward: -reward,
    terminated: terminal,
  };
}

/** The row where the ball will reach `side`'s contact column, bounces included (it is approaching). */
export function arrivalRow(s: PongState, side: PongSide, params: Readonly<PongParams> = PONG_DEFAULTS): number {
  const contactCol = side === 'left' ? 1 : params.width - 2;
  let row = s.ballRow;
  let dRow = s.ballDRow;
  for (let n = Math.abs(contactCol - s.ballCol); n > 0; n--) {
    row += dRow;
    if (row < 0) {
      row = -row;
      dRow = -dRow;
    } else if (row > params.height - 1) {
      row = 2 * (params.height - 1) - row;
      dRow = -dRow;
    }
  }
  return row;
}

/** The scripted opponent's action for the paddle on `side`. Exactly one draw per call. */
export function pongOpponentAction(s: PongState, side: PongSide, rng: Rng, skill: number = PONG_DEFAULTS.opponentSkill, params: Readonly<PongParams> = PONG_DEFAULTS): number {
  // NOTE: drawn before any early return, so the stream stays aligned whatever the position.
  const lapse = rng.next() >= skill;
  if (lapse || s.terminal) return PONG_ACTION.noop;
  const top = side === 'left' ? s.leftTop : s.rightTop;
  const approaching = side === 'left' ? s.ballDCol < 0 : s.ballDCol > 0;
  // NOTE: it follows the ball's current row rather than predicting where it will arrive: a
  // 2-rows-a-step shot outruns it, which is how a player (or an agent) beats it.
  const target = approaching ? s.ballRow : Math.floor((params.height - 1) / 2);
  const centre = top + Math.floor(params.paddleHeight / 2);
  if (target < centre) return PONG_ACTION.up;
  if (target > centre) return PONG_ACTION.down;
  return PONG_ACTION.noop;
}

/** The planes seen from `side` (default right); the left side sees a mirrored court. */
export function observePong(s: PongState, side: PongSide = 'right', params: Readonly<PongParams> = PONG_DEFAULTS): Float32Array {
  const shape: PlanesShape = { height: params.height, width: params.width, channels: PONG_CHANNELS.length };
  const obs = emptyPlanes(shape);
  const last = params.width - 1;
  const x = side === 'right' ? (col: number) => col : (col: number) => last - col;
  const ownTop = side === 'right' ? s.rightTop : s.leftTop;
  const otherTop = side === 'right' ? s.leftTop : s.rightTop;
  for (let i = 0; i < params.paddleHeight; i++) {
    light(obs, shape, ownTop + i, last, 0);
    light(obs, shape, otherTop + i, 0, 1);
  }
  light(obs, shape, s.ballRow, x(s.ballCol), 2);
  light(obs, shape, s.trailRow, x(s.trailCol), 3);
  return obs;
}

/** Pong as a one-player arcade game: the agent plays right, the scripted opponent left. */
export function pongGame(params: Partial<PongParams> = {}): ArcadeGame<PongState> {
  const p = resolvePongParams(params);
  return Object.freeze({
    id: PONG_ID,
    title: 'Pong',
    height: p.height,
    width: p.width,
    channels: PONG_CHANNELS,
    minimalActions: [ARCADE_ACTION.noop, ARCADE_ACTION.up, ARCADE_ACTION.down],
    reset: (rng: Rng) => resetPong(rng, p),
    step(s: PongState, action: number, rng: Rng) {
      const opponent = pongOpponentAction(s, 'left', rng, p.opponentSkill, p);
      const own = action === ARCADE_ACTION.up ? PONG_ACTION.up : action === ARCADE_ACTION.down ? PONG_ACTION.down : PONG_ACTION.noop;
      const result = stepPong(s, opponent, own, rng, p);
      return { game: result.state, reward: result.rightReward };
    },
    observe: (s: PongState) => observePong(s, 'right', p),
    info: (s: PongState) => ({ leftScore: s.leftScore, rightScore: s.rightScore }),
  });
}

export type PongOptions = ArcadeOptions & PongParams;

/** Splits one options object into the shared arcade options and Pong's own params. */
function splitPongOptions(options: Partial<PongOptions>): { arcade: Partial<ArcadeOptions>; pong: Partial<PongParams> } {
  const arcade: Record<string, unknown> = {};
  const pong: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (Object.hasOwn(PONG_DEFAULTS, key)) pong[key] = value;
    else if (Object.hasOwn(ARCADE_DEFAULTS, key)) arcade[key] = value;
    else throw new Error(`unknown Pong option '${key}'; known: ${[...Object.keys(ARCADE_DEFAULTS), ...PARAM_KEYS].join(', ')}`);
  }
  return { arcade, pong };
}

/** Single-agent Pong (right paddle against the scripted opponent) without a time limit. */
export function pongEnv(options: Partial<PongOptions> = {}) {
  const { arcade, pong } = splitPongOptions(options);
  return arcadeEnv(pongGame(pong), arcade);
}

/** Single-agent Pong with its truncation limit (`maxSteps`, 10,000): what the registry uses. */
export function makePong(options: Partial<PongOptions> = {}) {
  const { arcade, pong } = splitPongOptions(options);
  return makeArcade(pongGame(pong), arcade);
}
