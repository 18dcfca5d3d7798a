/**
 * The arcade page as a person plays it: the keyboard moves Breakout's paddle, the planes the agent
 * sees follow, the agent in training takes the controls with A, and the game tabs switch games.
 * Screenshots: tests/browser/artifacts/arcade-*.png.
 */
import { afterEach, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, screenshot, type BrowserSession } from './browser';

let session: BrowserSession | undefined;
afterEach(async () => {
  expect(session?.errors ?? []).toEqual([]);
  await session?.close();
  session = undefined;
});

async function openArcade(hash: string): Promise<Page> {
  session = await openPage(`/arcade${hash}`);
  const page = session.page;
  await page.getByTestId('arcade-view').locator('canvas').waitFor();
  return page;
}

/** The lit cells (row * 10 + col) of one channel in "What the agent sees". */
async function litCells(page: Page, channel: string): Promise<number[]> {
  const text = (await page.locator(`[data-testid="plane"][data-channel="${channel}"]`).getAttribute('data-cells')) ?? '';
  return text === '' ? [] : text.split(',').map(Number);
}
const number = async (page: Page, testId: string) => Number(await page.getByTestId(testId).textContent());

it('Breakout: the arrow keys move the paddle, and the planes the agent sees follow', async () => {
  const page = await openArcade('#breakout');
  await expect(page.getByTestId('overlay').textContent()).resolves.toContain('Press a key to start');
  expect(await litCells(page, 'paddle')).toEqual([94]); // row 9, column 4
  expect((await litCells(page, 'brick')).length).toBe(30);
  await page.getByTestId('speed').selectOption('4');
  await screenshot(page, 'arcade-breakout-ready');

  // Each tap moves the paddle one cell (the ball needs 6 steps to reach the paddle's row).
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => litCells(page, 'paddle'), { timeout: 10_000 }).toEqual([95]); // row 9, column 5
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => litCells(page, 'paddle'), { timeout: 10_000 }).toEqual([94]);
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => litCells(page, 'paddle'), { timeout: 10_000 }).toEqual([93]);
  expect(await number(page, 'steps')).toBeGreaterThanOrEqual(3);
  await page.keyboard.press('p');
  await expect(page.getByTestId('overlay').textContent()).resolves.toContain('Paused');
  await screenshot(page, 'arcade-breakout-playing');
});

it('the agent in training takes the controls with A; the tabs switch games', async () => {
  const page = await openArcade('#freeway');
  await page.getByTestId('backend-select').selectOption('wasm');
  await expect.poll(() => page.getByTestId('backend-name').textContent(), { timeout: 30_000 }).toBe('backend: wasm');
  await expect.poll(() => page.getByTestId('controller-agent').isEnabled(), { timeout: 30_000 }).toBe(true);
  await expect.poll(() => page.getByTestId('network-output').count(), { timeout: 10_000 }).toBe(3); // noop, up, down
  await page.getByTestId('speed').selectOption('20');
  await page.keyboard.press('a');
  await expect.poll(() => page.getByTestId('controller').textContent()).toContain('the agent at the controls');
  await expect.poll(() => number(page, 'steps'), { timeout: 10_000 }).toBeGreaterThan(10);
  await expect(page.getByTestId('network-state').textContent()).resolves.toBe('the frame on screen · the agent plays');
  await screenshot(page, 'arcade-freeway-agent');
  await page.keyboard.press('ArrowUp'); // a game key takes the controls back
  await expect.poll(() => page.getByTestId('controller').textContent()).toContain('you at the controls');

  await page.getByTestId('game-space-invaders').click();
  await expect.poll(() => page.getByTestId('plane').count()).toBe(6);
  expect(new URL(page.url()).hash).toBe('#space-invaders');
  await expect.poll(() => page.getByTestId('network-output').count(), { timeout: 30_000 }).toBe(4); // the new game's agent
  expect(await number(page, 'steps')).toBe(0);
});

it('a link holds the whole setup: the game, its seed and the training agent; a bad link gives one message', async () => {
  const state = { v: 1, game: 'seaquest', seed: 42, agent: 'actor-critic', options: { convFilters: 8, hiddenLayers: 1, hiddenUnits: 32 }, trainingSeed: 7 };
  const hash = '#s=' + Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
  const page = await openArcade(hash);
  await expect(page.getByTestId('game-seaquest').getAttribute('aria-selected')).resolves.toBe('true');
  await expect(page.getByTestId('game-seed').inputValue()).resolves.toBe('42');
  await expect(page.getByTestId('agent-select').inputValue()).resolves.toBe('actor-critic');
  await expect(page.getByTestId('seed').inputValue()).resolves.toBe('7');
  expect(new URL(page.url()).hash).toBe(hash); // the page writes back the same link
  expect(session?.errors).toEqual([]);
  await session?.close();

  session = await openPage('/arcade#s=' + Buffer.from('{"v":9}', 'utf8').toString('base64url'));
  await session.page.getByTestId('arcade-view').locator('canvas').waitFor();
  await expect.poll(() => session?.page.getByTestId('message').textContent()).toContain('arcade link: version 9 comes from a newer Floe');
  await expect(session.page.getByTestId('game-breakout').getAttribute('aria-selected')).resolves.toBe('true');
});
