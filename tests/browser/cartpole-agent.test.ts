/**
 * The CartPole page's agent: a deep agent trains in the worker beside the person's game, takes
 * the controls at any moment (A) and gives them back at an arrow; its run saves to a file and
 * loads again, continuing from the saved step. Screenshots: tests/browser/artifacts/cartpole-agent-*.png.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

/** The CartPole page with its agent on the wasm backend (fast here; SwiftShader's WebGPU is slow). */
async function openWithAgent(): Promise<Page> {
  session = await openPage('/cartpole');
  const page = session.page;
  await page.getByTestId('cartpole-view').locator('canvas').waitFor();
  await page.getByTestId('backend-select').selectOption('wasm');
  await expect.poll(() => page.getByTestId('backend-name').textContent(), { timeout: 30_000 }).toBe('backend: wasm');
  await expect.poll(() => page.getByTestId('controller-agent').isEnabled(), { timeout: 30_000 }).toBe(true);
  return page;
}

const training = (page: Page) => page.getByTestId('training-panel');
const number = async (page: Page, testId: string) => Number(await page.getByTestId(testId).textContent());

async function trainingStep(page: Page): Promise<number> {
  const text = (await training(page).getByRole('status').textContent()) ?? '';
  return Number(/step ([\d,]+)/.exec(text)?.[1].replace(/,/g, '') ?? -1);
}

it('the agent takes the controls with A, plays on its own, and an arrow gives them back', async () => {
  const page = await openWithAgent();
  await expect(page.getByTestId('overlay').textContent()).resolves.toContain('or A to let the agent play');
  // Before anyone plays, the network panel already shows the agent's advice for the cart as it stands.
  await expect.poll(() => page.getByTestId('network-output').count(), { timeout: 10_000 }).toBe(2);
  await expect(page.getByTestId('network-state').textContent()).resolves.toBe('the cart now · its advice to you');

  await page.keyboard.press('a');
  await expect.poll(() => page.getByTestId('controller').textContent()).toContain('the agent at the controls');
  await expect(page.getByTestId('controller-agent').getAttribute('aria-pressed')).resolves.toBe('true');
  // Nobody presses a key: the agent steps the episode.
  await expect.poll(() => number(page, 'steps'), { timeout: 10_000 }).toBeGreaterThan(5);
  await expect(page.getByTestId('network-state').textContent()).resolves.toBe('the cart now · the agent drives');
  await screenshot(page, 'cartpole-agent-driving');

  // An untrained agent drops the pole soon; it plays on into the next episode by itself.
  await expect.poll(() => number(page, 'episode'), { timeout: 20_000 }).toBeGreaterThan(1);
  await expect(page.getByTestId('history').locator('tbody tr').first().textContent()).resolves.toContain('agent');

  // An arrow takes the controls back, mid-episode.
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => page.getByTestId('controller').textContent()).toContain('you at the controls');
  await page.keyboard.press('p');
  const paused = await number(page, 'steps');
  await page.waitForTimeout(300);
  expect(await number(page, 'steps')).toBe(paused);
});

it('the page starts with the tuned DQN preset; choosing the PPO preset switches agent and options', async () => {
  const page = await openWithAgent();
  await expect(page.getByTestId('preset-select').inputValue()).resolves.toBe('cartpole-dqn');
  await expect(page.getByTestId('agent-select').inputValue()).resolves.toBe('dqn');
  await page.getByTestId('preset-select').selectOption('cartpole-ppo');
  await expect.poll(() => page.getByTestId('agent-select').inputValue()).toBe('ppo');
  await expect(page.getByTestId('preset-select').inputValue()).resolves.toBe('cartpole-ppo');
  // Changing one option makes them the person's own.
  await page.getByText(/^Options \(/).click();
  const epochs = page.getByLabel('Epochs', { exact: true });
  await epochs.fill('3');
  await epochs.press('Enter');
  await expect.poll(() => page.getByTestId('preset-select').inputValue()).toBe('');
});

it('trains DQN, saves the run to a file, and a reset run continues from the file; bad files change nothing', async () => {
  const page = await openWithAgent();
  await training(page).getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => trainingStep(page), { timeout: 60_000 }).toBeGreaterThan(1500);
  await training(page).getByRole('button', { name: 'Pause' }).click();
  await expect.poll(() => training(page).getAttribute('aria-busy')).toBe('false');
  const saved = await trainingStep(page);
  await expect.poll(() => page.getByTestId('training-average').textContent()).toMatch(/average of the last \d+: \d+\.\d/);
  await expect(page.getByTestId('loss-chart').locator('canvas').count()).resolves.toBeGreaterThan(0);
  await screenshot(page, 'cartpole-agent-trained');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-file').click()]);
  expect(download.suggestedFilename()).toBe('floe-dqn-cartpole.json');
  const dir = mkdtempSync(join(tmpdir(), 'floe-download-'));
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  const file = JSON.parse(readFileSync(path, 'utf8')) as { world: unknown; agent: { agent: string }; progress: { globalStep: number } };
  expect([file.world, file.agent.agent, file.progress.globalStep]).toEqual(['cartpole', 'dqn', saved]);

  await training(page).getByRole('button', { name: 'Reset' }).click();
  await expect.poll(() => trainingStep(page)).toBe(0);
  await page.getByTestId('open-file').setInputFiles(path);
  await expect.poll(() => trainingStep(page), { timeout: 20_000 }).toBe(saved);
  await training(page).getByRole('button', { name: /^Step one/ }).click();
  await expect.poll(() => trainingStep(page)).toBe(saved + 1);

  // A gridworld run does not load here, and a damaged file neither: one message each, the run untouched.
  const gridRun = { ...file, world: { version: 1, name: 'tiny', gamma: 0.9, tiles: ['S.F'] } };
  const gridPath = join(dir, 'grid-run.json');
  writeFileSync(gridPath, JSON.stringify(gridRun));
  await page.getByTestId('open-file').setInputFiles(gridPath);
  await expect.poll(() => page.getByTestId('message').textContent()).toMatch(/grid-run.json not loaded: run file: /);
  await page.getByTestId('open-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "floe-run", "vers') });
  await expect.poll(() => page.getByTestId('message').textContent()).toContain('broken.json not loaded: run file is not valid JSON');
  expect(await trainingStep(page)).toBe(saved + 1);
  await screenshot(page, 'cartpole-agent-loaded');
});
