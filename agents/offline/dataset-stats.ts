/**
 * What the dataset view shows about a dataset (issue 7, section 2): how much is in it, how good
 * its episodes were, which actions it holds and, for gridworlds, where the penguin went.
 *
 * - Returns are undiscounted: the sum of an episode's rewards (the dataset does not know gamma,
 *   and "how much fish per episode" is what a person reads off a histogram).
 * - The histogram's bins are given (a count of equal-width bins, or the edges themselves) or
 *   chosen: returns that are all whole numbers over at most 20 values get one bin per value
 *   (gridworld returns such as -2, 1, 3 each keep their own bar); otherwise Sturges' rule,
 *   ceil(log2 n) + 1 equal-width bins over [min, max], at most 20.
 * - Bin i holds the returns r with edges[i] <= r < edges[i + 1]; the last bin also holds its right
 *   edge. With given edges, returns outside them are counted in `below` and `above`.
 * - State visits count the states actions were taken in (`states` of each step), so a cell the
 *   episode ended on arriving in is not counted.
 */
import type { Dataset } from './dataset-types';

export interface ReturnHistogram {
  /** bins + 1 increasing edges (empty when there are no episodes). */
  readonly edges: readonly number[];
  /** Episodes per bin. */
  readonly counts: readonly number[];
  /** Returns below the first edge and above the last (only given edges leave any out). */
  readonly below: number;
  readonly above: number;
}

export interface DatasetStats {
  readonly episodes: number;
  readonly steps: number;
  /** Episodes the world ended (the rest were truncated or cut). */
  readonly terminatedEpisodes: number;
  /** Each episode's undiscounted return, in order. */
  readonly returns: readonly number[];
  /** null when there are no episodes. */
  readonly meanReturn: number | null;
  readonly minReturn: number | null;
  readonly maxReturn: number | null;
  readonly meanLength: number | null;
  readonly histogram: ReturnHistogram;
  /** Steps taking each action, indexed by action. */
  readonly actionCounts: readonly number[];
  /** Steps taken from each cell, indexed by cell; null when no episode recorded states. */
  readonly stateVisits: readonly number[] | null;
}

export interface DatasetStatsOptions {
  /** A count of equal-width bins over [min, max] return, or increasing edges; default: chosen (see above). */
  readonly bins?: number | readonly number[];
  /** Cells of the visit count (a gridworld's nS); default: the input's size for one-hot input, else the largest state + 1. */
  readonly cells?: number;
}

/** At most this many bins are chosen automatically. */
const MAX_AUTO_BINS = 20;

function fail(message: string): never {
  throw new Error(`dataset stats: ${message}`);
}

/** Equal-width edges over [low, high]; a single value gets a bin of width 1 around it. */
function equalWidthEdges(low: number, high: number, bins: number): number[] {
  if (low === high) return [low - 0.5, high + 0.5];
  const width = (high - low) / bins;
  // The last edge is `high` itself, not low + bins * width, which rounding may put below it.
  return Array.from({ length: bins + 1 }, (_, i) => (i === bins ? high : low + i * width));
}

function chooseEdges(returns: readonly number[], low: number, high: number): number[] {
  if (returns.every(Number.isInteger) && high - low + 1 <= MAX_AUTO_BINS) {
    return Array.from({ length: high - low + 2 }, (_, i) => low - 0.5 + i);
  }
  const sturges = Math.ceil(Math.log2(returns.length)) + 1;
  return equalWidthEdges(low, high, Math.min(MAX_AUTO_BINS, Math.max(1, sturges)));
}

function checkEdges(edges: readonly number[]): number[] {
  if (!Array.isArray(edges) || edges.length < 2) fail(`bins as edges needs at least 2 edges, got ${Array.isArray(edges) ? edges.length : typeof edges}`);
  edges.forEach((edge, i) => {
    if (typeof edge !== 'number' || !Number.isFinite(edge)) fail(`bin edge ${i} must be a finite number, got ${String(edge)}`);
    if (i > 0 && !(edge > edges[i - 1])) fail(`bin edges must increase, but edge ${i} (${edge}) is not above edge ${i - 1} (${edges[i - 1]})`);
  });
  return [...edges];
}

/** Counts `values` into the bins of `edges` (see the top of the file for the rule at the edges). */
export function histogram(values: readonly number[], edges: readonly number[]): ReturnHistogram {
  const counts = new Array<number>(Math.max(0, edges.length - 1)).fill(0);
  let below = 0;
  let above = 0;
  const last = edges.length - 1;
  for (const value of values) {
    if (value < edges[0]) below++;
    else if (value > edges[last]) above++;
    else if (value === edges[last]) counts[last - 1]++;
    else {
      // The bin whose left edge is the last one at or below the value.
      let low = 0;
      let high = last;
      while (high - low > 1) {
        const middle = (low + high) >> 1;
        if (edges[middle] <= value) low = middle;
        else high = middle;
      }
      counts[low]++;
    }
  }
  return { edges: [...edges], counts, below, above };
}

export function datasetStats(dataset: Dataset, options: DatasetStatsOptions = {}): DatasetStats {
  const returns: number[] = [];
  const actionCounts = new Array<number>(dataset.nActions).fill(0);
  let steps = 0;
  let terminatedEpisodes = 0;
  let largestState = -1;
  let hasStates = false;
  dataset.episodes.forEach((episode, index) => {
    let total = 0;
    for (const reward of episode.rewards) total += reward;
    returns.push(total);
    steps += episode.actions.length;
    if (episode.terminated) terminatedEpisodes++;
    episode.actions.forEach((action, t) => {
      if (!(Number.isInteger(action) && action >= 0 && action < dataset.nActions)) fail(`episode ${index} step ${t} action ${action} is not an action of the ${dataset.nActions}`);
      actionCounts[action]++;
    });
    if (episode.states) {
      hasStates = true;
      for (const state of episode.states) largestState = Math.max(largestState, state);
    }
  });

  let stateVisits: number[] | null = null;
  if (hasStates) {
    const cells = options.cells ?? (dataset.input.kind === 'one-hot' ? dataset.input.size : largestState + 1);
    if (!(Number.isInteger(cells) && cells >= 1)) fail(`cells must be a positive integer, got ${String(cells)}`);
    stateVisits = new Array<number>(cells).fill(0);
    dataset.episodes.forEach((episode, index) => {
      episode.states?.forEach((state, t) => {
        if (!(Number.isInteger(state) && state >= 0 && state < cells)) fail(`episode ${index} step ${t} state ${state} is not one of the ${cells} cells`);
        stateVisits![state]++;
      });
    });
  }

  const n = returns.length;
  // A loop, not Math.min(...returns): spreading 100,000 episodes would overflow the call stack.
  const minReturn = n > 0 ? returns.reduce((a, b) => Math.min(a, b)) : null;
  const maxReturn = n > 0 ? returns.reduce((a, b) => Math.max(a, b)) : null;
  let edges: number[] = [];
  const bins = options.bins;
  if (bins !== undefined && typeof bins !== 'number') edges = checkEdges(bins);
  else if (bins !== undefined && !(Number.isInteger(bins) && bins >= 1 && bins <= 1000)) fail(`bins must be an integer from 1 to 1000 or a list of edges, got ${String(bins)}`);
  else if (n > 0) edges = bins === undefined ? chooseEdges(returns, minReturn!, maxReturn!) : equalWidthEdges(minReturn!, maxReturn!, bins);

  return {
    episodes: n,
    steps,
    terminatedEpisodes,
    returns,
    meanReturn: n > 0 ? returns.reduce((a, b) => a + b, 0) / n : null,
    minReturn,
    maxReturn,
    meanLength: n > 0 ? steps / n : null,
    histogram: edges.length > 0 ? histogram(returns, edges) : { edges: [], counts: [], below: 0, above: 0 },
    actionCounts,
    stateVisits,
  };
}
