/**
 * The offline RL page (/offline), the test: record a dataset by playing the ice run with
 * the arrow keys (three clean episodes along the top, return 1.8, and three down the left and
 * through both holes, return -2.2), train the decision transformer on it in the worker until its
 * loss falls, then run an episode at a low and at a high target return: the penguin takes the
 * other road and the achieved return follows the target. Also: a damaged dataset file gets one
 * message and leaves the dataset as it was; Breakout and CartPole recorded from their shipped
 * experts with random actions mixed in, a learner trained on each and run in its world.
 * Screenshots go to tests/browser/artifacts/offline-*.png.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, screenshot, type BrowserSession } from './browser';

let session: BrowserSession | undefined;
afterEach(async () => {
  expect(session?.errors ?? []).toEqual([]);
  await session?.close();
  session = undefined;
});

const GOOD = ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowDown', 'ArrowDown', 'ArrowDown'];
/** Down to row 2, then right through the holes at cells 10 and 11 (1-based), and down to the fish. */
const POOR = ['ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowDown'];

async function playEpisode(page: Page, keys: readonly string[], episode: number): Promise<void> {
  for (const key of keys) await page.keyboard.press(key);
  await expect.poll(() => page.getByTestId('stat-episodes').textContent()).toBe(String(episode));
  await page.keyboard.press('Enter');
}

const text = async (page: Page, testid: string) => ((await page.getByTestId(testid).textContent()) ?? '').trim();

/** Runs an episode at `target` to its end; returns the achieved return and the actions taken. */
async function runAt(page: Page, target: string, runs: number, midShot?: string): Promise<{ achieved: number; actions: string }> {
  const slider = page.getByTestId('target-slider');
  await slider.fill(target);
  await expect.poll(() => text(page, 'target-value')).toBe(target);
  await page.getByTestId('run-episode').click();
  // It plays back a step at a time (the table lists it once it has played); then straight to the end.
  await page.locator(`[data-testid="run-episode-view"][data-run="${runs}"]`).waitFor({ timeout: 20_000 });
  await expect.poll(() => text(page, 'run-step'), { timeout: 5_000 }).toMatch(/^[1-9]\d* \/ \d+$/);
  if (midShot) await screenshot(page, midShot);
  await page.getByTestId('run-skip').click();
  await page.getByTestId('run-result').waitFor();
  await expect.poll(() => page.getByTestId('run-row').count()).toBe(runs);
  const achieved = Number(await text(page, 'run-achieved'));
  // The return-to-go counted down by every reward: what is left is the target less the return.
  expect(Number(await text(page, 'run-return-to-go'))).toBeCloseTo(Number(target) - achieved, 5);
  return { achieved, actions: await text(page, 'run-actions') };
}

describe('offline RL page', () => {
  it('records by playing, trains the decision transformer, and acts differently for a low and a high target', async () => {
    session = await openPage('/offline');
    const page = session.page;
    await expect(page.title()).resolves.toBe('Offline RL · Floe');
    await expect(page.getByTestId('world-select').inputValue()).resolves.toBe('ice-run');
    await page.getByTestId('dataset-empty').waitFor();
    // Nothing to train on yet.
    await expect(page.getByTestId('step-train').getByRole('button', { name: 'Play' }).isDisabled()).resolves.toBe(true);

    // 1. Record by playing: three good episodes and three poor ones.
    await page.getByTestId('play-overlay').waitFor();
    for (let i = 0; i < 3; i++) await playEpisode(page, GOOD, i + 1);
    for (let i = 0; i < 3; i++) await playEpisode(page, POOR, i + 4);
    await expect(text(page, 'stat-steps')).resolves.toBe('36');
    await expect(text(page, 'stat-mean')).resolves.toBe('-0.2');
    await expect(text(page, 'stat-min')).resolves.toBe('-2.2');
    await expect(text(page, 'stat-max')).resolves.toBe('1.8');
    await expect(text(page, 'dataset-source')).resolves.toContain('acted by you');
    await page.getByTestId('visit-heatmap').waitFor();
    await page.getByTestId('return-histogram').waitFor();
    await page.waitForTimeout(400); // the heatmap's renderer draws after it mounts
    await screenshot(page, 'offline-recorded');

    // A damaged file is refused with one message; the dataset stays.
    await page.getByTestId('dataset-open-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "floe-dataset", "version": 1, "world": 3}', 'utf8') });
    await expect.poll(() => text(page, 'dataset-files-error')).toMatch(/^dataset: /);
    await expect(text(page, 'stat-episodes')).resolves.toBe('6');

    // 2. Train the decision transformer (the default learner) on wasm until the loss falls.
    const train = page.getByTestId('step-train');
    await train.locator('summary', { hasText: 'Settings' }).click();
    await page.getByTestId('backend-select').selectOption('wasm');
    await expect.poll(() => text(page, 'backend-name'), { timeout: 30_000 }).toBe('backend: wasm');
    // One gradient step first: the loss of the untrained model, about ln 4 (four moves, no preference).
    await expect
      .poll(
        async () => {
          const step = train.getByRole('button', { name: /^Step one/ });
          if (Number(await text(page, 'train-steps')) === 0 && (await step.isEnabled())) await step.click();
          return Number(await text(page, 'train-steps'));
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    const firstLoss = Number(await text(page, 'train-loss'));
    expect(firstLoss).toBeGreaterThan(0.5);
    await expect
      .poll(
        async () => {
          const play = train.getByRole('button', { name: 'Play' });
          if ((await play.count()) > 0 && (await play.isEnabled())) await play.click();
          return Number(await text(page, 'train-steps'));
        },
        { timeout: 20_000 },
      )
      .toBeGreaterThan(1);
    await expect.poll(async () => Number(await text(page, 'train-loss')), { timeout: 60_000, interval: 500 }).toBeLessThan(Math.min(0.15, firstLoss / 4));
    await expect.poll(async () => Number(await text(page, 'train-steps')), { timeout: 60_000, interval: 500 }).toBeGreaterThan(300);
    await train.getByRole('button', { name: 'Pause' }).click();
    console.info(`offline page: loss ${firstLoss} -> ${await text(page, 'train-loss')} after ${await text(page, 'train-steps')} steps`);
    await page.getByTestId('loss-chart').scrollIntoViewIfNeeded();
    await screenshot(page, 'offline-trained');

    // 3. Run at a low and at a high target: the return follows the target, the moves differ.
    await page.getByTestId('step-run').scrollIntoViewIfNeeded();
    const low = await runAt(page, '-2.2', 1);
    await page.getByTestId('attention-map').waitFor();
    await screenshot(page, 'offline-low-target');
    const high = await runAt(page, '1.8', 2, 'offline-running');
    await page.getByTestId('attention-map').scrollIntoViewIfNeeded();
    await screenshot(page, 'offline-high-target');
    console.info(`offline page: target -2.2 -> ${low.achieved} (${low.actions}); target 1.8 -> ${high.achieved} (${high.actions})`);
    expect(high.achieved).toBeCloseTo(1.8, 5);
    expect(low.achieved).toBeLessThan(high.achieved);
    expect(low.actions).not.toBe(high.actions);
    // Behaviour cloning, trained beside it on the same episodes, is shown for contrast.
    await expect(page.getByTestId('run-baseline').textContent()).resolves.toMatch(/^-?\d/);
    await expect(page.getByTestId('row-target').first().textContent()).resolves.toBe('1.8');
  });

  it('records Breakout from the pretrained expert with random actions, trains behaviour cloning and runs it', async () => {
    session = await openPage('/offline');
    const page = session.page;
    await page.getByTestId('world-select').selectOption('arcade/breakout');
    await page.getByTestId('record-expert').click();
    await expect.poll(() => text(page, 'expert-note')).toContain('pretrained agent');
    await page.getByTestId('expert-episodes').fill('3');
    await page.getByTestId('expert-episodes').press('Enter');
    await page.getByTestId('expert-random-rate').fill('30');
    await expect(text(page, 'expert-random-readout')).resolves.toBe('30%');
    await expect.poll(() => page.getByTestId('expert-record').isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.getByTestId('expert-record').click();
    await expect.poll(() => text(page, 'stat-episodes'), { timeout: 30_000 }).toBe('3');
    await expect(text(page, 'dataset-source')).resolves.toContain('pretrained actor-critic with 30% random actions');
    await page.getByTestId('action-counts').waitFor();

    const train = page.getByTestId('step-train');
    await page.getByTestId('learner-bc').click();
    // wasm: SwiftShader's WebGPU here compiles the conv layer's shaders for tens of seconds.
    await train.locator('summary', { hasText: 'Settings' }).click();
    await page.getByTestId('backend-select').selectOption('wasm');
    await expect.poll(() => text(page, 'backend-name'), { timeout: 30_000 }).toBe('backend: wasm');
    await expect
      .poll(
        async () => {
          const play = train.getByRole('button', { name: 'Play' });
          if ((await play.count()) > 0 && (await play.isEnabled())) await play.click();
          return Number(await text(page, 'train-steps'));
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(50);
    await train.getByRole('button', { name: 'Pause' }).click();
    await page.getByTestId('step-run').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('target-slider').isDisabled()).resolves.toBe(true);
    await page.getByTestId('run-episode').click();
    await expect.poll(() => text(page, 'run-step'), { timeout: 20_000 }).toMatch(/^[1-9]\d* \/ \d+$/);
    await page.waitForTimeout(300);
    await screenshot(page, 'offline-breakout');
    await page.getByTestId('run-skip').click();
    await expect.poll(() => text(page, 'run-result')).toMatch(/^Behaviour cloning achieved \d+\./);
  });

  it('CartPole: played by hand, recorded from the pretrained expert with random actions; the decision transformer trains and balances the cart', async () => {
    session = await openPage('/offline');
    const page = session.page;
    await page.getByTestId('world-select').selectOption('cartpole');
    await expect.poll(() => text(page, 'play-overlay')).toContain('Press ← or → to start');
    await page.getByTestId('play-view').locator('canvas').waitFor();
    // Pushing right all along: the pole falls within a second, and the episode is recorded.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => text(page, 'stat-episodes'), { timeout: 10_000 }).toBe('1');
    await expect(text(page, 'dataset-source')).resolves.toContain('acted by you');
    await expect(text(page, 'play-overlay')).resolves.toContain('Episode recorded');
    const played = Number(await text(page, 'stat-steps'));
    expect(played).toBeGreaterThan(3);
    expect(played).toBeLessThan(60);
    await screenshot(page, 'offline-cartpole-played');

    // wasm for the worker (the expert's recording and the training): SwiftShader's WebGPU here takes
    // many milliseconds for each of the expert's per-step decisions.
    const train = page.getByTestId('step-train');
    await train.locator('summary', { hasText: 'Settings' }).click();
    await page.getByTestId('backend-select').selectOption('wasm');
    await expect.poll(() => text(page, 'backend-name'), { timeout: 30_000 }).toBe('backend: wasm');

    await page.getByTestId('record-expert').click();
    await expect.poll(() => text(page, 'expert-note')).toMatch(/pretrained agent shipped with Floe\. Trained for 50,000 steps; playing greedily it balances for \d/);
    await page.getByTestId('expert-episodes').fill('10');
    await page.getByTestId('expert-episodes').press('Enter');
    await page.getByTestId('expert-random-rate').fill('30');
    await expect.poll(() => page.getByTestId('expert-record').isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.getByTestId('expert-record').click();
    await expect.poll(() => text(page, 'stat-episodes'), { timeout: 30_000 }).toBe('11');
    await expect(text(page, 'dataset-source')).resolves.toContain('you + pretrained actor-critic with 30% random actions');
    await expect(text(page, 'stat-max')).resolves.toBe('500');
    await page.getByTestId('return-histogram').waitFor();

    await expect
      .poll(
        async () => {
          const play = train.getByRole('button', { name: 'Play' });
          if ((await play.count()) > 0 && (await play.isEnabled())) await play.click();
          return Number(await text(page, 'train-steps'));
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBeGreaterThan(200);
    await train.getByRole('button', { name: 'Pause' }).click();
    await screenshot(page, 'offline-cartpole-trained');

    // Asked for the dataset's best return, 500: the cart is drawn as it balances.
    await page.getByTestId('step-run').scrollIntoViewIfNeeded();
    await expect(text(page, 'target-value')).resolves.toBe('500');
    await page.getByTestId('run-episode').click();
    await page.getByTestId('run-view').locator('canvas').waitFor({ timeout: 20_000 });
    await expect.poll(() => text(page, 'run-step'), { timeout: 10_000 }).toMatch(/^[1-9]\d* \/ \d+$/);
    await page.waitForTimeout(500);
    await screenshot(page, 'offline-cartpole-running');
    await page.getByTestId('run-skip').click();
    await page.getByTestId('run-result').waitFor();
    const achieved = Number(await text(page, 'run-achieved'));
    const baseline = Number(await text(page, 'run-baseline'));
    console.info(`offline page, CartPole: decision transformer ${achieved} at target 500, behaviour cloning ${baseline}`);
    // Random pushes last about 22 steps (public/pretrained/manifest.json).
    expect(achieved).toBeGreaterThan(100);
    await screenshot(page, 'offline-cartpole-result');
  });
});
