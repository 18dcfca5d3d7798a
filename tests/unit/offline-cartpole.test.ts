/**
 * CartPole on the offline page (issue 7 section 2): a person's real-time play recorded step by
 * step, the shipped CartPole expert (public/pretrained/cartpole.json and its manifest entry)
 * recorded with random actions mixed in, and behaviour cloning and the decision transformer
 * trained on that and balancing the pole far longer than random pushes, with no tensor left over.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import type { Dataset } from '../../agents/offline/dataset-types';
import { createOfflineSession } from '../../agents/runner/offline-session';
import { datasetDocument, type RolloutAnswer } from '../../agents/runner/offline/offline-protocol';
import { makeCartPole } from '../../environments/classic/cartpole';
import type { PretrainedEntry } from '../../src/pages/arcade/pretrained';
import { pretrainedOffer } from '../../src/pages/arcade/pretrained';
import { cartpoleScene } from '../../src/pages/offline/offline-scene';
import { CartPoleRecording } from '../../src/pages/offline/cartpole-recording.svelte';
import { emptyDataset, mergeDatasets } from '../../src/pages/offline/dataset-merge';
import { learnerDefaults } from '../../src/pages/offline/offline-page.svelte';
import { expertOffer, worldById } from '../../src/pages/offline/offline-worlds';
import { episodeRng } from '../../src/lib/loop/seeded-episodes';

const cartpole = worldById('cartpole')!;
const manifest = JSON.parse(readFileSync(new URL('../../public/pretrained/manifest.json', import.meta.url), 'utf8')) as { games: PretrainedEntry[] };
const policy = JSON.parse(readFileSync(new URL('../../public/pretrained/cartpole.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('CartPole among the offline worlds', () => {
  it('is offered with its session world, its actions, and learner settings scaled to its returns', () => {
    expect(cartpole).toMatchObject({ kind: 'cartpole', env: 'cartpole', game: null, actionNames: ['left', 'right'] });
    expect(cartpole.world).toMatchObject({ name: 'cartpole', input: { kind: 'vector', size: 4 }, nActions: 2 });
    expect(learnerDefaults('dt', cartpole)).toMatchObject({ returnScale: 100, maxTimestep: 501 });
    expect(learnerDefaults('bc', cartpole)).toEqual({ hiddenLayers: 1, hiddenUnits: 64 });
  });

  it("the shipped expert: the manifest's CartPole entry beats random pushes, and the arcade reader still finds its games", () => {
    const entry = manifest.games.find((e) => e.game === 'cartpole')!;
    expect(entry).toMatchObject({ shipped: true, file: 'pretrained/cartpole.json', frames: 50_000 });
    expect(entry.command).toMatch(/^npm run -s rl -- train --env cartpole --agent actor-critic .* --steps 50000 --seed 1 --export-policy public\/pretrained\/cartpole.json --quiet$/);
    expect(entry.greedyAverage).toBeGreaterThan(10 * entry.randomAverage);
    expect(expertOffer(manifest.games, cartpole, '/')).toEqual({
      url: '/pretrained/cartpole.json',
      note: `Trained for 50,000 steps; playing greedily it balances for ${entry.greedyAverage} steps on average over 100 episodes (random pushes: ${entry.randomAverage}).`,
    });
    expect(expertOffer(manifest.games, worldById('arcade/breakout')!, '/')).toEqual(pretrainedOffer(manifest.games, 'breakout', '/'));
    expect(expertOffer(manifest.games, worldById('ice-run')!, '/')).toBeNull();
    expect(expertOffer(manifest.games.filter((e) => e.game !== 'cartpole'), cartpole, '/')).toBeNull();
    expect((policy as { world: string; provenance: { command: string } }).world).toBe('cartpole');
    expect((policy as { provenance: { command: string } }).provenance.command).toBe(entry.command);
  });

  it('the run view draws the cart of an observation, with the push and how it ended', () => {
    expect(cartpoleScene([0.1, -0.2, 0.03, 0.4], 1)).toMatchObject({ state: { x: 0.1, xDot: -0.2, theta: 0.03, thetaDot: 0.4 }, pushing: 1, terminated: false, truncated: false });
    expect(cartpoleScene([0, 0, 0, 0], 0).pushing).toBe(-1);
    expect(cartpoleScene([0, 0, 0.3, 0], 1, 'terminated')).toMatchObject({ pushing: 0, terminated: true, truncated: false });
  });
});

describe('a person playing CartPole', () => {
  it('records every step with the cart it was taken on, and the episode when the pole falls or the person moves on', () => {
    const recorded: Dataset[] = [];
    const play = new CartPoleRecording('cartpole', 4, (episode) => recorded.push(episode));
    const env = makeCartPole();
    const rng = episodeRng(4, 1);
    let { state, obs } = env.reset(rng);
    play.step(); // waits for the first push: nothing recorded
    play.game.pressPush(1);
    const seen: number[][] = [];
    while (play.game.phase === 'running') {
      seen.push(Array.from(obs));
      play.step();
      ({ state, obs } = env.step(state, 1, rng));
    }
    expect(recorded).toHaveLength(1);
    const [episode] = recorded[0].episodes;
    expect(recorded[0]).toMatchObject({ world: 'cartpole', input: { kind: 'vector', size: 4 }, nActions: 2, source: { kind: 'person' } });
    expect(episode.observations.map((o) => Array.from(o as Float32Array))).toEqual(seen);
    expect(episode.actions.every((a) => a === 1)).toBe(true);
    expect(episode.rewards.every((r) => r === 1)).toBe(true);
    expect(episode.terminated).toBe(true); // pushed right all along: the pole falls

    play.next();
    play.game.pressPush(-1);
    for (let i = 0; i < 5; i++) play.step();
    play.next(); // cut short: kept, not ended by the world
    expect(recorded).toHaveLength(2);
    expect(recorded[1].episodes[0]).toMatchObject({ actions: [0, 0, 0, 0, 0], terminated: false });
    expect(mergeDatasets(mergeDatasets(emptyDataset(cartpole.world), recorded[0]), recorded[1]).episodes).toHaveLength(2);
  });
});

describe('learning CartPole offline from the shipped expert', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('records the expert with random actions, then behaviour cloning and the decision transformer balance far longer than random pushes', () => {
    const before = tf.memory().numTensors;
    const recorder = createOfflineSession({ module: 'offline', world: { dataset: datasetDocument(emptyDataset(cartpole.world)), env: 'cartpole' }, agent: 'bc', options: {}, seed: 1 });
    const parts = [0.1, 0.3, 0.5].map((randomRate, i) => recorder.query({ type: 'record', episodes: 6, randomRate, seed: i + 1, policy }) as Dataset);
    recorder.dispose();
    expect(parts[0]).toMatchObject({ world: 'cartpole', source: { kind: 'mixture', agent: 'pretrained actor-critic', randomRate: 0.1 } });
    const dataset = parts.reduce((merged, part) => mergeDatasets(merged, part), emptyDataset(cartpole.world));
    const returns = dataset.episodes.map((e) => e.rewards.length);
    // A mixed-quality dataset: the expert's full 500 steps and noisy episodes far shorter.
    expect(Math.max(...returns)).toBe(500);
    expect(Math.min(...returns)).toBeLessThan(250);

    const session = createOfflineSession({ module: 'offline', world: { dataset: datasetDocument(dataset), env: 'cartpole' }, agent: 'dt', options: learnerDefaults('dt', cartpole), seed: 1 });
    const rows = session.step(150);
    expect(rows[149]['losses/dt_loss']).toBeLessThan(rows[0]['losses/dt_loss']);
    const played = (question: object) => (session.query({ type: 'rollout', seed: 7, attention: false, ...question }) as RolloutAnswer).return;
    const dt = played({ target: 500 });
    const bc = played({ learner: 'baseline' });
    console.info(`offline CartPole: returns ${Math.min(...returns)}..500; after 150 steps DT (target 500) ${dt}, BC ${bc}`);
    // Random pushes last about 22 steps (public/pretrained/manifest.json).
    expect(dt).toBeGreaterThan(150);
    expect(bc).toBeGreaterThan(150);
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
