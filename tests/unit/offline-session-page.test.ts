/**
 * The offline page's side of its session (src/pages/offline/): recording a person's play on a
 * gridworld and an arcade game step by step, merging recordings into one dataset of mixed
 * sources, playing a rollout back with the return-to-go counting down, and the dataset view's
 * labels. No browser and no tfjs.
 */
import { describe, expect, it } from 'vitest';
import { datasetFromJson } from '../../agents/offline/dataset-file';
import { datasetStats } from '../../agents/offline/dataset-stats';
import type { Dataset } from '../../agents/offline/dataset-types';
import { datasetDocument, type RolloutAnswer } from '../../agents/runner/offline/offline-protocol';
import { resolveOfflineWorld } from '../../agents/runner/offline/offline-world';
import { ArcadeRecording } from '../../src/pages/offline/arcade-recording.svelte';
import { describeSource, emptyDataset, mergeDatasets } from '../../src/pages/offline/dataset-merge';
import { binLabels, datasetFileName, formatReturn } from '../../src/pages/offline/dataset-view';
import { EpisodePlayer } from '../../src/pages/offline/episode-player.svelte';
import { GridPlay } from '../../src/pages/offline/grid-play.svelte';
import { learnerValues } from '../../src/pages/offline/offline-page.svelte';
import { ICE_RUN, OFFLINE_WORLDS, worldOfDataset } from '../../src/pages/offline/offline-worlds';

const [UP, RIGHT, DOWN, LEFT] = [0, 1, 2, 3];

function playGrid(moves: readonly number[][]): Dataset[] {
  const recorded: Dataset[] = [];
  const play = new GridPlay(ICE_RUN, ICE_RUN.name, 1, (episode) => recorded.push(episode));
  for (const episode of moves) {
    for (const action of episode) play.move(action);
    play.next();
  }
  return recorded;
}

describe('offline page worlds', () => {
  it('offers the ice run, the penguin presets with moves and the arcade games, each resolved for the session', () => {
    expect(OFFLINE_WORLDS[0].id).toBe('ice-run');
    expect(OFFLINE_WORLDS.map((w) => w.id)).toContain('fig-19-10');
    expect(OFFLINE_WORLDS.map((w) => w.id)).not.toContain('fig-19-1-markov-process');
    expect(OFFLINE_WORLDS.filter((w) => w.kind === 'arcade').map((w) => w.id)).toContain('arcade/breakout');
    expect(worldOfDataset('Ice run')?.id).toBe('ice-run');
    expect(worldOfDataset('arcade/pong')?.world.input).toEqual({ kind: 'planes', height: 10, width: 10, channels: 4 });
    expect(worldOfDataset('Somewhere else')).toBeUndefined();
    expect(resolveOfflineWorld('gridworld/fig-19-10').name).toBe('fig-19-10');
    expect(resolveOfflineWorld('cartpole')).toMatchObject({ kind: 'cartpole', name: 'cartpole', input: { kind: 'vector', size: 4 }, nActions: 2 });
    expect(() => resolveOfflineWorld(42)).toThrow("offline world: a world is a gridworld preset id, a gridworld spec, 'cartpole' or an arcade game id, got 42");
    expect(() => resolveOfflineWorld({ ...ICE_RUN, map: ['S..', '....'] })).toThrow(/^offline world: the gridworld spec is not valid: /);
    // The form shows every setting: the learner's defaults under the page's.
    expect(learnerValues('dt', { width: 32 })).toMatchObject({ width: 32, learningRate: 0.001, maxGradNorm: 1, contextLength: 20 });
  });
});

describe('recording a person', () => {
  it('records each gridworld move with the cell it was made from, and the episode when it ends or is cut', () => {
    const [good, poor, cut] = playGrid([
      [RIGHT, RIGHT, RIGHT, DOWN, DOWN, DOWN],
      [DOWN, DOWN, RIGHT, RIGHT, RIGHT, DOWN],
      [LEFT, UP],
    ]);
    expect(good.episodes[0]).toEqual({ observations: [0, 1, 2, 3, 7, 11], actions: [1, 1, 1, 2, 2, 2], rewards: [-0.2, -0.2, -0.2, -0.2, -0.2, 2.8], terminated: true, states: [0, 1, 2, 3, 7, 11] });
    expect(poor.episodes[0].rewards.reduce((a, b) => a + b, 0)).toBeCloseTo(-2.2, 10);
    // Walking into the edge stays put; Enter keeps the steps so far as a cut episode.
    expect(cut.episodes[0]).toMatchObject({ observations: [0, 0], terminated: false });
    expect(good.source).toEqual({ kind: 'person' });
    // The recorded episodes are a valid dataset file of the ice run.
    const all = [good, poor, cut].reduce(mergeDatasets);
    expect(datasetFromJson(datasetDocument(all)).episodes).toHaveLength(3);
  });

  it('keeps the trail and the return of the episode under way, and ignores keys once it is over', () => {
    const recorded: Dataset[] = [];
    const play = new GridPlay(ICE_RUN, ICE_RUN.name, 1, (episode) => recorded.push(episode));
    expect(play.phase).toBe('ready');
    play.move(DOWN);
    play.move(DOWN);
    play.move(RIGHT);
    expect(play.phase).toBe('running');
    expect(play.cell).toBe(9);
    expect(play.episodeReturn).toBeCloseTo(-2.6, 10);
    expect(play.trail.map((step) => [step.from, step.to])).toEqual([[0, 4], [4, 8], [8, 9]]);
    for (const action of [RIGHT, RIGHT, DOWN]) play.move(action);
    expect(play.phase).toBe('over');
    play.move(UP);
    expect(recorded).toHaveLength(1);
    expect(play.lastEnd).toBe('Episode 1: return -2.20, the episode ended');
    play.next();
    expect(play).toMatchObject({ phase: 'ready', episode: 2, cell: 0, episodeReturn: 0 });
    expect(recorded).toHaveLength(1);
  });

  it('records an arcade game step by step: the frame acted on, the key taken and the points it scored', () => {
    const breakout = OFFLINE_WORLDS.find((w) => w.id === 'arcade/breakout')!.game!;
    const recorded: Dataset[] = [];
    const recording = new ArcadeRecording(breakout, 3, (episode) => recorded.push(episode));
    recording.step(); // waits for the first key: nothing recorded
    recording.play.press(2);
    const first = recording.play.obs;
    recording.step();
    recording.play.release(2);
    for (let i = 0; i < 4000 && recording.play.phase === 'running'; i++) recording.step();
    expect(recording.play.phase).toBe('over');
    expect(recorded).toHaveLength(1);
    const episode = recorded[0].episodes[0];
    expect(episode.observations[0]).toEqual(first);
    expect(episode.actions[0]).toBe(2);
    expect(episode.actions.slice(1).every((a) => a === 0)).toBe(true);
    expect(episode.actions).toHaveLength(recording.play.state.elapsed);
    expect(episode.rewards.reduce((a, b) => a + b, 0)).toBe(recording.play.score);
    expect(episode.terminated).toBe(true);
    expect(recorded[0]).toMatchObject({ world: 'arcade/breakout', input: { kind: 'planes', height: 10, width: 10, channels: 4 }, nActions: 3 });
    // The next game, cut after two steps, is kept as a cut episode.
    recording.next();
    recording.play.press(1);
    recording.step();
    recording.step();
    recording.next();
    expect(recorded[1].episodes[0]).toMatchObject({ actions: [1, 1], terminated: false });
  });
});

describe('merging recordings', () => {
  const world = resolveOfflineWorld(ICE_RUN);
  const person = playGrid([[RIGHT, RIGHT, RIGHT, DOWN, DOWN, DOWN]])[0];
  const expert: Dataset = { ...person, source: { kind: 'mixture', agent: 'value-iteration', randomRate: 0.25 } };

  it('adds episodes, naming every source once; an empty dataset takes the added source', () => {
    expect(mergeDatasets(emptyDataset(world), expert).source).toEqual(expert.source);
    const mixed = mergeDatasets(mergeDatasets(person, expert), person);
    expect(mixed.episodes).toHaveLength(3);
    expect(mixed.source).toEqual({ kind: 'agent', agent: 'mixed: you + value-iteration with 25% random actions' });
    expect(mergeDatasets(mixed, expert).source).toEqual(mixed.source);
    expect(mergeDatasets(person, person).source).toEqual({ kind: 'person' });
    expect(describeSource({ kind: 'agent', agent: 'pretrained dqn' })).toBe('pretrained dqn');
  });

  it('refuses episodes of another world or shape with one message', () => {
    expect(() => mergeDatasets(person, { ...expert, world: 'fig-19-10' })).toThrow('these episodes were recorded in "fig-19-10", the dataset holds "Ice run": one dataset holds one world');
    expect(() => mergeDatasets(person, { ...expert, nActions: 5 })).toThrow('these episodes of "Ice run" do not have the dataset\'s observations and actions');
  });
});

describe('the dataset view and the episode playback', () => {
  it('labels the return bins by value or range, and names files by world and size', () => {
    const dataset = mergeDatasets(...(playGrid([[RIGHT, RIGHT, RIGHT, DOWN, DOWN, DOWN], [DOWN, DOWN, RIGHT, RIGHT, RIGHT, DOWN]]) as [Dataset, Dataset]));
    expect(binLabels(datasetStats(dataset).histogram)).toEqual(['-2.2…-0.2', '-0.2…1.8']);
    expect(binLabels({ edges: [-1.5, -0.5, 0.5, 1.5], counts: [1, 0, 2], below: 0, above: 0 })).toEqual(['-1', '0', '1']);
    expect([formatReturn(1.7999999999999998), formatReturn(-0.0001), formatReturn(null)]).toEqual(['1.8', '0', '–']);
    expect(datasetFileName(dataset)).toBe('floe-dataset-ice-run-2-episodes.json');
  });

  it('plays a rollout back: the return-to-go goes down by each reward, and the trail follows the moves', () => {
    const answer: RolloutAnswer = {
      learner: 'dt',
      seed: 1,
      target: 1.8,
      steps: [
        { frame: 0, action: RIGHT, reward: -0.2, returnToGo: 1.8, move: { intended: RIGHT, actual: RIGHT }, attention: null },
        { frame: 1, action: DOWN, reward: -0.2, returnToGo: 2, move: { intended: DOWN, actual: DOWN }, attention: null },
      ],
      finalFrame: 5,
      return: -0.4,
      terminated: false,
    };
    const player = new EpisodePlayer(answer);
    expect([player.frame, player.returnToGo, player.current?.action, player.finished]).toEqual([0, 1.8, RIGHT, false]);
    player.advance();
    expect([player.frame, player.returnToGo, player.collected]).toEqual([1, 2, -0.2]);
    expect(player.trail).toEqual([{ from: 0, to: 1, intended: RIGHT, actual: RIGHT }]);
    player.advance();
    player.advance();
    expect(player.finished).toBe(true);
    expect(player.frame).toBe(5);
    expect(player.returnToGo).toBeCloseTo(2.2, 10);
    expect(player.current?.action).toBe(DOWN);
    expect(new EpisodePlayer({ ...answer, target: null }).returnToGo).toBeNull();
  });
});
