/** The dataset view's statistics (agents/offline/dataset-stats.ts), with exact numbers on hand-built datasets. */
import { describe, expect, it } from 'vitest';
import { datasetStats, histogram } from '../../agents/offline/dataset-stats';
import type { Dataset, DatasetEpisode } from '../../agents/offline/dataset-types';

function episode(states: number[], actions: number[], rewards: number[], terminated: boolean): DatasetEpisode {
  return { observations: states, actions, rewards, terminated, states };
}

/** A 2x3 grid (cells 0-5), three actions, four episodes with returns 5, -2, 1 and 5. */
const hand: Dataset = {
  world: 'hand-built',
  input: { kind: 'one-hot', size: 6 },
  nActions: 3,
  source: { kind: 'person' },
  episodes: [
    episode([0, 1, 2], [0, 1, 1], [0, 0, 5], true),
    episode([0, 3], [2, 2], [-1, -1], false),
    episode([0, 1, 4, 5], [1, 1, 0, 2], [0, -2, 0, 3], true),
    episode([0], [0], [5], true),
  ],
};

function withReturns(returns: number[]): Dataset {
  return { ...hand, input: { kind: 'vector', size: 1 }, episodes: returns.map((r) => ({ observations: [Float32Array.of(0)], actions: [0], rewards: [r], terminated: true })) };
}

describe('dataset statistics', () => {
  it('counts episodes, steps, returns, actions and visits exactly', () => {
    const stats = datasetStats(hand);
    expect(stats).toEqual({
      episodes: 4,
      steps: 10,
      terminatedEpisodes: 3,
      returns: [5, -2, 1, 5],
      meanReturn: 2.25,
      minReturn: -2,
      maxReturn: 5,
      meanLength: 2.5,
      // Whole-number returns over 8 values: one bin per value, -2 to 5.
      histogram: { edges: [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, 4.5, 5.5], counts: [1, 0, 0, 1, 0, 0, 0, 2], below: 0, above: 0 },
      actionCounts: [3, 4, 3],
      // Every episode starts in cell 0; cell 5 is where episode 2 acted last.
      stateVisits: [4, 2, 1, 1, 1, 1],
    });
  });

  it('uses the bins it is given: a count, or edges (left-closed, the last bin closed on both sides)', () => {
    expect(datasetStats(hand, { bins: 2 }).histogram).toEqual({ edges: [-2, 1.5, 5], counts: [2, 2], below: 0, above: 0 });
    expect(datasetStats(hand, { bins: [-2, 1, 5] }).histogram).toEqual({ edges: [-2, 1, 5], counts: [1, 3], below: 0, above: 0 });
    expect(datasetStats(hand, { bins: [0, 2, 4] }).histogram).toEqual({ edges: [0, 2, 4], counts: [1, 0], below: 1, above: 2 });
    expect(() => datasetStats(hand, { bins: 0 })).toThrow('dataset stats: bins must be an integer from 1 to 1000 or a list of edges, got 0');
    expect(() => datasetStats(hand, { bins: [1, 1] })).toThrow('dataset stats: bin edges must increase, but edge 1 (1) is not above edge 0 (1)');
    expect(() => datasetStats(hand, { bins: [1] })).toThrow('dataset stats: bins as edges needs at least 2 edges, got 1');
  });

  it("chooses Sturges' bins for fractional or widely spread returns", () => {
    // 9 returns: ceil(log2 9) + 1 = 5 bins of width 1.6 over [0.5, 8.5].
    const fractional = datasetStats(withReturns([0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5])).histogram;
    expect(fractional.counts).toEqual([2, 2, 1, 2, 2]);
    [0.5, 2.1, 3.7, 5.3, 6.9, 8.5].forEach((edge, i) => expect(fractional.edges[i]).toBeCloseTo(edge, 12));
    expect(fractional.edges[5]).toBe(8.5);
    // CartPole-like lengths: whole numbers over too many values for a bin each.
    const spread = datasetStats(withReturns([10, 200, 500])).histogram;
    expect(spread.counts).toEqual([1, 1, 1]);
    expect(spread.edges[0]).toBe(10);
    expect(spread.edges[3]).toBe(500);
    expect(datasetStats(withReturns([3, 3])).histogram).toEqual({ edges: [2.5, 3.5], counts: [2], below: 0, above: 0 });
    expect(datasetStats(withReturns([0.25])).histogram).toEqual({ edges: [-0.25, 0.75], counts: [1], below: 0, above: 0 });
  });

  it('an empty dataset has counts of zero and no returns', () => {
    expect(datasetStats({ ...hand, episodes: [] })).toEqual({
      episodes: 0,
      steps: 0,
      terminatedEpisodes: 0,
      returns: [],
      meanReturn: null,
      minReturn: null,
      maxReturn: null,
      meanLength: null,
      histogram: { edges: [], counts: [], below: 0, above: 0 },
      actionCounts: [0, 0, 0],
      stateVisits: null,
    });
  });

  it('visits are sized by the given cells, else by the one-hot input or the largest state', () => {
    expect(datasetStats(hand, { cells: 8 }).stateVisits).toEqual([4, 2, 1, 1, 1, 1, 0, 0]);
    expect(datasetStats({ ...hand, input: { kind: 'vector', size: 2 } }).stateVisits).toEqual([4, 2, 1, 1, 1, 1]);
    expect(datasetStats(withReturns([1])).stateVisits).toBeNull();
    expect(() => datasetStats(hand, { cells: 5 })).toThrow('dataset stats: episode 2 step 3 state 5 is not one of the 5 cells');
  });

  it('histogram() puts values on bin edges into the bin on their right, the last edge into the last bin', () => {
    expect(histogram([0, 1, 2, 3, -0.1, 3.1], [0, 1, 2, 3])).toEqual({ edges: [0, 1, 2, 3], counts: [1, 1, 2], below: 1, above: 1 });
  });
});
