/**
 * The CartPole page's "Hide the velocities" switch: the agent then trains on x and θ only (the
 * network's input shrinks to 2, and to 4 with two observations stacked), the person still reads
 * the whole cart, the agent can take the controls on what it was trained on, and the run saves
 * with its world and history and loads back with the switch set as it was. Screenshots:
 * tests/browser/artifacts/cartpole-hidden-*.png.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, screenshot, type BrowserSession } from './browser';

let session: BrowserSession | undefined;
afterEach(async () => {
  expect(session?.errors ?? []).toEqual([]);
  await session?.close();
  session = undefined;
});

const training = (page: Page) => page.getByTestId('training-panel');
const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').trim();
const inputUnits = async (page: Page) => ((await page.locator('[data-testid="network-layer"][data-kind="input"] .units').textContent()) ?? '').trim();

async function trainingStep(page: Page): Promise<number> {
  const status = (await training(page).getByRole('status').textContent()) ?? '';
  return Number(/step ([\d,]+)/.exec(status)?.[1].replace(/,/g, '') ?? -1);
}

it('hides the velocities: the agent trains on x and θ, stacked, drives the cart, and its run saves and loads with its history', async () => {
  session = await openPage('/cartpole');
  const page = session.page;
  await page.getByTestId('cartpole-view').locator('canvas').waitFor();
  await page.getByTestId('backend-select').selectOption('wasm');
  await expect.poll(() => text(page, 'backend-name'), { timeout: 30_000 }).toBe('backend: wasm');
  await expect.poll(() => inputUnits(page), { timeout: 30_000 }).toBe('4');
  await expect(text(page, 'agent-sees')).resolves.toContain('The agent sees these four numbers.');

  await page.getByTestId('hide-velocities').check();
  await expect.poll(() => text(page, 'agent-sees')).toContain('The agent sees x and θ only');
  await expect(page.getByTestId('readout-x-dot').getAttribute('class')).resolves.toContain('unseen');
  await expect(page.getByTestId('readout-x').getAttribute('class')).resolves.not.toContain('unseen');
  // Memoryless: the network reads two numbers.
  await expect.poll(() => inputUnits(page), { timeout: 30_000 }).toBe('2');
  await page.getByTestId('history-select').selectOption('2');
  await expect.poll(() => inputUnits(page), { timeout: 30_000 }).toBe('4');
  await expect(text(page, 'agent-sees')).resolves.toContain('x and θ of the last 2 steps');
  // The agent and its options stayed: still the tuned DQN.
  await expect(page.getByTestId('preset-select').inputValue()).resolves.toBe('cartpole-dqn');

  await training(page).getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => trainingStep(page), { timeout: 60_000 }).toBeGreaterThan(2500);
  await training(page).getByRole('button', { name: 'Pause' }).click();
  await expect.poll(() => training(page).getAttribute('aria-busy')).toBe('false');
  const saved = await trainingStep(page);

  // The agent takes the controls: it is asked about the last two [x, θ] of the person's episode.
  await page.keyboard.press('a');
  await expect.poll(() => page.getByTestId('controller').textContent()).toContain('the agent at the controls');
  await expect.poll(async () => Number(await text(page, 'steps')), { timeout: 10_000 }).toBeGreaterThan(5);
  await expect(page.getByTestId('agent-error').count()).resolves.toBe(0);
  // The person still reads all four numbers.
  expect(Number(await page.getByTestId('readout-theta-dot').getAttribute('data-value'))).not.toBe(0);
  await screenshot(page, 'cartpole-hidden-driving');
  await page.keyboard.press('ArrowLeft');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-file').click()]);
  expect(download.suggestedFilename()).toBe('floe-dqn-cartpole-hidden.json');
  const path = join(mkdtempSync(join(tmpdir(), 'floe-download-')), download.suggestedFilename());
  await download.saveAs(path);
  const file = JSON.parse(readFileSync(path, 'utf8')) as { world: unknown; history: unknown; progress: { globalStep: number; obs: number[][] } };
  expect([file.world, file.history, file.progress.globalStep]).toEqual(['pomdp/cartpole-hidden-velocities', 2, saved]);
  expect(file.progress.obs[0]).toHaveLength(4);

  // Back to the full view (a fresh run), then the file: the switch and the stacking come back with it.
  await page.getByTestId('hide-velocities').uncheck();
  await expect.poll(() => inputUnits(page), { timeout: 30_000 }).toBe('4');
  await expect.poll(() => trainingStep(page)).toBe(0);
  await page.getByTestId('open-file').setInputFiles(path);
  await expect.poll(() => trainingStep(page), { timeout: 20_000 }).toBe(saved);
  await expect(page.getByTestId('hide-velocities').isChecked()).resolves.toBe(true);
  await expect(page.getByTestId('history-select').inputValue()).resolves.toBe('2');
  await training(page).getByRole('button', { name: /^Step one/ }).click();
  await expect.poll(() => trainingStep(page)).toBe(saved + 1);
  await page.getByTestId('hidden-hint').scrollIntoViewIfNeeded();
  await screenshot(page, 'cartpole-hidden-loaded');
});
