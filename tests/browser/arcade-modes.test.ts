/**
 * The arcade page's modes against the agent: a Pong match between a person (the test, at the
 * keyboard) and the agent running in the worker, with the score on screen and a winner screen;
 * and a Breakout duel, the person's game and the agent's side by side, ending in a result and a
 * replay of the agent's game. Screenshots: tests/browser/artifacts/arcade-modes-*.png.
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

/** The arcade page on a game, with its agent running on the wasm backend. */
async function openWithAgent(hash: string): Promise<Page> {
  session = await openPage(`/arcade${hash}`);
  const page = session.page;
  await page.getByTestId('arcade-view').locator('canvas').waitFor();
  await page.getByTestId('backend-select').selectOption('wasm');
  await expect.poll(() => page.getByTestId('backend-name').textContent(), { timeout: 30_000 }).toBe('backend: wasm');
  await expect.poll(() => page.getByTestId('controller-agent').isEnabled(), { timeout: 30_000 }).toBe(true);
  return page;
}

/** The lit cells (row * 10 + col) of one channel in "What the agent sees". */
async function litCells(page: Page, channel: string): Promise<number[]> {
  const text = (await page.locator(`[data-testid="plane"][data-channel="${channel}"]`).getAttribute('data-cells')) ?? '';
  return text === '' ? [] : text.split(',').map(Number);
}
const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())?.trim() ?? '';

it('Pong: a person at the keys plays a match against the pretrained agent; the score and the winner show on screen', async () => {
  const page = await openWithAgent('#pong');
  // The shipped agent (public/pretrained/pong.json), fetched only now: A2C, which the page adopts.
  await page.getByTestId('load-pretrained').click();
  await expect.poll(() => page.getByTestId('pretrained-note').textContent(), { timeout: 30_000 }).toMatch(/^\s*Loaded and running: Trained for 500,000 frames/);
  await expect(page.getByTestId('agent-select').inputValue()).resolves.toBe('actor-critic');
  await page.getByTestId('mode-match').click();
  await page.getByTestId('match-view').locator('canvas').waitFor();
  // The agent is running, so it is the opponent; the score starts even.
  await expect(page.getByTestId('match-opponent-agent').getAttribute('aria-pressed')).resolves.toBe('true');
  await expect(page.getByTestId('match-opponent-name').textContent()).resolves.toBe('Agent');
  expect(await text(page, 'match-score')).toBe('0 : 0');
  await page.getByTestId('match-target').selectOption('3');
  await page.getByTestId('match-speed').selectOption('8');
  await expect(page.getByTestId('match-overlay').textContent()).resolves.toContain('First to 3');
  // "What the agent sees" is the court from the agent's side: the person's paddle is its opponent, in column 0.
  expect(await litCells(page, 'opponent')).toEqual([30, 40, 50]);
  expect(await litCells(page, 'paddle')).toEqual([39, 49, 59]);
  await screenshot(page, 'arcade-modes-match-ready');

  // The first key serves and counts: one row up.
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => litCells(page, 'opponent'), { timeout: 10_000 }).toEqual([20, 30, 40]);
  // Held down, the paddle goes to the bottom and stays there.
  await page.keyboard.down('ArrowDown');
  await expect.poll(() => litCells(page, 'opponent'), { timeout: 10_000 }).toEqual([70, 80, 90]);
  await page.keyboard.up('ArrowDown');
  // The agent answers for the court on screen: its action values show in the network panel.
  await expect.poll(() => page.getByTestId('network-output').count(), { timeout: 10_000 }).toBe(3);
  await expect(page.getByTestId('network-state').textContent()).resolves.toBe("the court from the agent's side · its move");

  // The match goes on until a point is scored, and the score on screen follows.
  await page.getByTestId('match-speed').selectOption('40');
  await expect.poll(() => text(page, 'match-score'), { timeout: 30_000 }).not.toBe('0 : 0');
  expect(await text(page, 'match-score')).toMatch(/^[0-3] : [0-3]$/);
  await screenshot(page, 'arcade-modes-match-playing', 'screenshot-arcade.png');

  // The person keeps moving; the match ends at 3 with a winner screen, and a rematch starts at 0 : 0.
  for (let i = 0; i < 200 && !(await page.getByTestId('match-winner').isVisible()); i++) {
    await page.keyboard.press(i % 2 === 0 ? 'ArrowUp' : 'ArrowDown');
    await page.waitForTimeout(150);
  }
  await page.getByTestId('match-winner').waitFor({ timeout: 60_000 });
  const [you, agent] = (await text(page, 'match-score')).split(' : ').map(Number);
  expect(Math.max(you, agent)).toBe(3);
  expect(Math.min(you, agent)).toBeLessThan(3);
  await expect(page.getByTestId('match-winner').textContent()).resolves.toContain(you === 3 ? 'You win!' : 'The agent wins');
  await expect(page.getByTestId('match-history').locator('tbody tr').count()).resolves.toBe(1);
  await screenshot(page, 'arcade-modes-match-over');
  await page.getByTestId('rematch').click();
  expect(await text(page, 'match-score')).toBe('0 : 0');
  await expect(page.getByTestId('match-winner').count()).resolves.toBe(0);

  // The scripted opponent is the other choice; back on Play the page is as it was.
  await page.getByTestId('match-opponent-scripted').click();
  await expect(page.getByTestId('match-opponent-name').textContent()).resolves.toBe('Script');
  await page.getByTestId('mode-play').click();
  await page.getByTestId('arcade-view').locator('canvas').waitFor();
  expect(await page.getByTestId('match-view').count()).toBe(0);
});

it('Breakout duel: the person and the agent play the same game side by side; both end, the result shows, the agent\'s game replays', async () => {
  const page = await openWithAgent('#breakout');
  await page.getByTestId('mode-duel').click();
  // Two games, each with its own canvas, from the same start.
  await page.getByTestId('duel-you-view').locator('canvas').waitFor();
  await page.getByTestId('duel-agent-view').locator('canvas').waitFor();
  expect(await page.locator('[data-testid="duel-you-view"] canvas, [data-testid="duel-agent-view"] canvas').count()).toBe(2);
  expect(await page.getByTestId('mode-match').count()).toBe(0); // Match is Pong's alone
  await expect(page.getByTestId('duel-overlay').textContent()).resolves.toContain('Round 1 of seed 1');
  expect([await text(page, 'duel-you-score'), await text(page, 'duel-agent-score')]).toEqual(['0', '0']);
  await screenshot(page, 'arcade-modes-duel-ready');

  // The person does nothing: the ball gets past their paddle soon; the agent plays its own game.
  await page.getByTestId('duel-speed').selectOption('40');
  await page.getByTestId('duel-start').click();
  await page.getByTestId('duel-result').waitFor({ timeout: 90_000 });
  const result = await text(page, 'duel-result');
  const scores = /you (\d+), the agent (\d+)/.exec(result);
  expect(scores).not.toBeNull();
  expect([scores![1], scores![2]]).toEqual([await text(page, 'duel-you-score'), await text(page, 'duel-agent-score')]);
  const [you, agent] = [Number(scores![1]), Number(scores![2])];
  expect(result).toContain(you > agent ? 'You win' : agent > you ? 'The agent wins' : 'A draw');
  await screenshot(page, 'arcade-modes-duel-result');

  // The agent's game again, from the seed and its recorded actions: the same game to the end.
  await page.getByTestId('duel-replay').click();
  await expect.poll(() => text(page, 'duel-replay-status'), { timeout: 90_000 }).toContain('Replay done: the same game, step for step');
  expect(await text(page, 'duel-agent-score')).toBe(String(agent));
  await screenshot(page, 'arcade-modes-duel-replay');

  await page.getByTestId('duel-next').click();
  await expect(page.getByTestId('duel-overlay').textContent()).resolves.toContain('Round 2 of seed 1');
});

it('a link keeps the mode: the duel the page is in is in its address, and a reload opens it again', async () => {
  const page = await openWithAgent('#breakout');
  await page.getByTestId('mode-duel').click();
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#s=/);
  await page.reload();
  await page.getByTestId('duel-agent-view').locator('canvas').waitFor();
  await expect(page.getByTestId('mode-duel').getAttribute('aria-selected')).resolves.toBe('true');
  // Back on Play, the address is the short one again.
  await page.getByTestId('mode-play').click();
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('#breakout');
});
