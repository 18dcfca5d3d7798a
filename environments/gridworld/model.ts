/**
 * Gridworld spec -> exact tabular model: the numbers dynamic programming, the Bellman stepper and
 * the simulator all share.
 *
 * Every (state, action) pair gets a short list of outcomes (actual move, next cell, probability,
 * reward, episode end), precomputed once into flat typed arrays. `step()` samples one outcome
 * from these arrays with a single uniform draw, and `P(s, a)` is the same list merged by next
 * cell, so the simulator and the model cannot drift apart.
 *
 * Semantics (chosen so the book's numbers come out, see tests/unit/gridworld-model.test.ts):
 * - Actions up = 0, right = 1, down = 2, left = 3 in `mdp` mode. In `markov-process` and
 *   `markov-reward-process` modes there is one action and the penguin random-walks.
 * - A move is valid when it stays on the grid and does not enter a wall.
 * - `terminal(s)`: acting in s ends the episode, so q(s, a) = r(s, a) with no continuation. Its
 *   row of P is a self loop so every row is a distribution.
 * - Reward timing `leave` (the book): r(s, a) = tileReward(s) + stepReward, whatever happens; on a
 *   terminal tile that step is the last (v(fish) = 3). `arrive` (the notebooks): the reward of
 *   the tile arrived in (bumping into an edge "arrives" where the penguin already is) plus
 *   stepReward; arriving on a terminal tile ends the episode, and a terminal tile itself is
 *   absorbing with reward 0 (v = 0).
 * - `returnToStart` tiles (the cliff): with `arrive`, arriving pays the tile's reward and lands the
 *   penguin on a start tile (uniform over starts); with `leave`, any action on the tile pays it
 *   and sends the penguin to a start.
 * - Wall cells are never occupied; they are modelled as absorbing, zero-reward and terminal so
 *   that every row is a distribution and DP leaves them at 0 even with gamma = 1.
 */
import type { TabularModel, Transition1 } from '../core/types';
import { DEFAULT_LEGEND, DEFAULT_SLIP_PROBABILITY, MOVES, type GridworldSpec, type TileKind, type TileLook } from './spec';
import { parseGridworldSpec } from './validate';

/** One way taking action `a` in state `s` can turn out. */
export interface MoveOutcome {
  /** The move that actually happened, 0..3, or -1 when the penguin is sent elsewhere without
   * moving (return to start on leaving, acting in a terminal cell, no valid move at all). A move
   * that bumps into an edge or a wall keeps its direction and has `next === s`. */
  readonly direction: number;
  readonly next: number;
  readonly prob: number;
}

/**
 * The flat arrays `step()` samples from. Entry i of (s, a) lives at offsets[s * nA + a] + i.
 * `next` is -1 for "a uniformly chosen start" when there are several starts: the leftover of the
 * same uniform draw picks which, so sampling stays one draw and matches `outcomes()` exactly.
 */
export interface OutcomeTable {
  readonly offsets: Int32Array;
  readonly cumulative: Float64Array;
  readonly prob: Float64Array;
  readonly next: Int32Array;
  readonly direction: Int8Array;
  readonly reward: Float64Array;
  readonly terminated: Uint8Array;
  /** Frozen `{ intended, actual, slipped }` per entry, shared by every step that samples it. */
  readonly info: readonly Readonly<Record<string, number>>[];
}

export interface GridModel extends TabularModel {
  /** The complete, validated spec (defaults filled in). */
  readonly spec: GridworldSpec;
  readonly rows: number;
  readonly cols: number;
  /** Resolved legend entry per cell, row-major. */
  readonly tiles: readonly TileKind[];
  /** How each cell is drawn: the tile's own look, else derived from its rules. */
  readonly looks: readonly TileLook[];
  readonly starts: readonly number[];
  /** What `step()` samples; `P(s, a)` is these merged by `next`. */
  outcomes(s: number, a: number): readonly MoveOutcome[];
  tileReward(s: number): number;
  /** Cell index of (row, col), or -1 when off the grid. */
  cellAt(row: number, col: number): number;
  readonly table: OutcomeTable;
}

/** Marks "some start tile" in the flat table while several starts share the draw. */
const ANY_START = -1;

interface RawOutcome {
  direction: number;
  target: number;
  prob: number;
}

export function buildModel(input: GridworldSpec): GridModel {
  const parsed = parseGridworldSpec(input);
  if (!parsed.ok) throw new Error(`invalid gridworld spec: ${parsed.error}`);
  const spec = parsed.spec;
  const legend = spec.legend ?? DEFAULT_LEGEND;
  const grid = spec.map.map((row) => Array.from(row));
  const rows = grid.length;
  const cols = grid[0].length;
  const nS = rows * cols;
  const nA = spec.mode === 'mdp' ? 4 : 1;
  const stepReward = spec.stepReward ?? 0;

  const tiles: TileKind[] = [];
  for (const row of grid) for (const ch of row) tiles.push(legend[ch]);
  const looks = tiles.map(lookOf);
  const starts: number[] = [];
  tiles.forEach((t, s) => {
    if (t.start) starts.push(s);
  });
  const tileReward = (s: number) => tiles[s].reward ?? 0;
  const isTerminal = (s: number) => tiles[s].terminal === true || tiles[s].wall === true;
  const cellAt = (row: number, col: number) => (row >= 0 && row < rows && col >= 0 && col < cols ? row * cols + col : -1);

  /** Where move d from s lands, or -1 when it leaves the grid or enters a wall. */
  const targetOf = (s: number, d: number): number => {
    const t = cellAt(Math.floor(s / cols) + MOVES[d][0], (s % cols) + MOVES[d][1]);
    return t >= 0 && !tiles[t].wall ? t : -1;
  };
  const validMoves = (s: number) => [0, 1, 2, 3].filter((d) => targetOf(s, d) >= 0);
  const slipModel = spec.mode === 'mdp' ? spec.slip.model : 'random-walk';
  const p = spec.slip.probability ?? DEFAULT_SLIP_PROBABILITY[spec.slip.model] ?? 1;

  /** The slip model: which moves action a turns into, before rewards and teleports. */
  function moves(s: number, a: number): RawOutcome[] {
    const valid = validMoves(s);
    const go = (d: number, prob: number): RawOutcome => {
      const t = targetOf(s, d);
      return { direction: d, target: t >= 0 ? t : s, prob };
    };
    const uniform = () => (valid.length === 0 ? [{ direction: -1, target: s, prob: 1 }] : valid.map((d) => go(d, 1 / valid.length)));
    switch (slipModel) {
      case 'random-walk':
        return uniform();
      case 'deterministic':
        return [go(a, 1)];
      case 'book': {
        // An impossible intended move becomes a uniform choice among the possible ones (this is
        // the reading that reproduces problem 19.3); a lone valid move gets everything.
        if (!valid.includes(a)) return uniform();
        if (valid.length === 1) return [go(a, 1)];
        const other = (1 - p) / (valid.length - 1);
        return valid.map((d) => go(d, d === a ? p : other));
      }
      case 'notebook':
        return [0, 1, 2, 3].map((d) => go(d, d === a ? p : (1 - p) / 3));
      case 'perpendicular':
        return [go(a, p), go((a + 1) % 4, (1 - p) / 2), go((a + 3) % 4, (1 - p) / 2)];
    }
  }

  // ---- fill the flat table --------------------------------------------------------------------
  const offsets = new Int32Array(nS * nA + 1);
  const prob: number[] = [];
  const next: number[] = [];
  const direction: number[] = [];
  const reward: number[] = [];
  const terminated: number[] = [];
  const info: Readonly<Record<string, number>>[] = [];
  const expectedReward = new Float64Array(nS * nA);
  const teleportTo = starts.length === 1 ? starts[0] : ANY_START;

  /** First table entry of the (s, a) pair being filled. */
  let currentStart = 0;
  const push = (a: number, o: { direction: number; next: number; prob: number; reward: number; terminated: boolean }) => {
    if (o.prob <= 0) return; // zero-probability outcomes would only slow the sampling scan
    // Merge repeats of the same (move, next) within the pair.
    for (let i = currentStart; i < next.length; i++) {
      if (direction[i] === o.direction && next[i] === o.next) {
        prob[i] += o.prob;
        return;
      }
    }
    prob.push(o.prob);
    next.push(o.next);
    direction.push(o.direction);
    reward.push(o.reward);
    terminated.push(o.terminated ? 1 : 0);
    const slipped = nA > 1 && o.direction >= 0 && o.direction !== a ? 1 : 0;
    info.push(Object.freeze({ intended: a, actual: o.direction, slipped }));
  };

  for (let s = 0; s < nS; s++) {
    for (let a = 0; a < nA; a++) {
      const k = s * nA + a;
      currentStart = next.length;
      offsets[k] = currentStart;
      if (isTerminal(s)) {
        // NOTE: reward timing decides what the last step pays: leaving the fish pays +3 (book),
        // while with `arrive` the reward was paid on the way in and the tile is absorbing.
        const r = tiles[s].wall || spec.rewardTiming === 'arrive' ? 0 : tileReward(s) + stepReward;
        push(a, { direction: -1, next: s, prob: 1, reward: r, terminated: true });
        expectedReward[k] = r;
      } else if (spec.rewardTiming === 'leave') {
        const r = tileReward(s) + stepReward;
        if (tiles[s].returnToStart) {
          push(a, { direction: -1, next: teleportTo, prob: 1, reward: r, terminated: false });
        } else {
          for (const m of moves(s, a)) push(a, { direction: m.direction, next: m.target, prob: m.prob, reward: r, terminated: false });
        }
        expectedReward[k] = r;
      } else {
        let arrivalReward = 0;
        for (const m of moves(s, a)) {
          const there = tiles[m.target];
          arrivalReward += m.prob * tileReward(m.target);
          push(a, {
            direction: m.direction,
            next: there.returnToStart ? teleportTo : m.target,
            prob: m.prob,
            reward: stepReward + tileReward(m.target),
            terminated: there.terminal === true,
          });
        }
        expectedReward[k] = stepReward + arrivalReward;
      }
    }
  }
  offsets[nS * nA] = next.length;

  const cumulative = new Float64Array(prob.length);
  for (let k = 0; k < nS * nA; k++) {
    let sum = 0;
    for (let i = offsets[k]; i < offsets[k + 1]; i++) {
      sum += prob[i];
      cumulative[i] = sum;
    }
  }
  const table: OutcomeTable = {
    offsets,
    cumulative,
    prob: Float64Array.from(prob),
    next: Int32Array.from(next),
    direction: Int8Array.from(direction),
    reward: Float64Array.from(reward),
    terminated: Uint8Array.from(terminated),
    info,
  };

  // ---- the TabularModel view, built lazily and cached (DP calls P in tight loops) --------------
  const outcomeCache: (readonly MoveOutcome[] | undefined)[] = new Array(nS * nA);
  const transitionCache: (readonly Transition1[] | undefined)[] = new Array(nS * nA);
  const checkPair = (s: number, a: number) => {
    if (!(Number.isInteger(s) && s >= 0 && s < nS && Number.isInteger(a) && a >= 0 && a < nA)) {
      throw new Error(`no such state-action pair (${s}, ${a}): states are 0..${nS - 1}, actions 0..${nA - 1}`);
    }
    return s * nA + a;
  };

  function outcomes(s: number, a: number): readonly MoveOutcome[] {
    const k = checkPair(s, a);
    const cached = outcomeCache[k];
    if (cached) return cached;
    const list: MoveOutcome[] = [];
    for (let i = offsets[k]; i < offsets[k + 1]; i++) {
      const d = table.direction[i];
      if (table.next[i] === ANY_START) {
        for (const start of starts) list.push(Object.freeze({ direction: d, next: start, prob: table.prob[i] / starts.length }));
      } else {
        list.push(Object.freeze({ direction: d, next: table.next[i], prob: table.prob[i] }));
      }
    }
    outcomeCache[k] = Object.freeze(list);
    return outcomeCache[k];
  }

  function P(s: number, a: number): readonly Transition1[] {
    const k = checkPair(s, a);
    const cached = transitionCache[k];
    if (cached) return cached;
    const merged = new Map<number, number>();
    for (const o of outcomes(s, a)) merged.set(o.next, (merged.get(o.next) ?? 0) + o.prob);
    const list = Object.freeze([...merged].map(([n, pr]) => Object.freeze({ next: n, prob: pr })));
    transitionCache[k] = list;
    return list;
  }

  return Object.freeze({
    nS,
    nA,
    spec,
    rows,
    cols,
    tiles: Object.freeze(tiles),
    looks: Object.freeze(looks),
    starts: Object.freeze(starts),
    table,
    P,
    r: (s: number, a: number) => expectedReward[checkPair(s, a)],
    terminal: (s: number) => {
      checkPair(s, 0);
      return isTerminal(s);
    },
    outcomes,
    tileReward,
    cellAt,
  });
}

/** The tile's own look, else one derived from its rules. */
function lookOf(tile: TileKind): TileLook {
  if (tile.look) return tile.look;
  if (tile.wall) return 'wall';
  const reward = tile.reward ?? 0;
  if (tile.terminal && reward > 0) return 'goal';
  // A positive tile that does not end the episode is a fish the penguin can come back to (fig 19.2).
  if (reward > 0) return 'fish';
  if (reward < 0) return 'hole';
  return 'ice';
}

/** Whether a value is a built model rather than a spec (both are accepted by the env). */
export function isGridModel(value: GridworldSpec | GridModel): value is GridModel {
  return typeof (value as Partial<GridModel>).outcomes === 'function';
}
