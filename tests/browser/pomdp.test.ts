/**
 * The POMDP page (/pomdp): the fig 19.4 penguin seen three ways (the world, the penguin's view,
 * the exact belief), played with the arrow keys, and an agent trained beside it with Play, whose
 * return curve and section 19.5 numbers fill in. Screenshots: tests/browser/artifacts/pomdp-*.png.
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

/** The /pomdp page with its agent on the wasm backend (fast here; SwiftShader's WebGPU is slow). */
async function openPomdp(): Promise<Page> {
  session = await openPage('/pomdp');
  const page = session.page;
  await page.getByTestId('god-view').locator('canvas').waitFor();
  await page.getByTestId('belief-view').locator('canvas').waitFor();
  await page.getByTestId('backend-select').selectOption('wasm');
  await expect.poll(() => page.getByTestId('backend-name').textContent(), { timeout: 30_000 }).toBe('backend: wasm');
  return page;
}

/** A key for the page itself, not for the control that has the focus (the backend select, after choosing wasm). */
async function press(page: Page, key: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(key);
}

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').trim();
const beliefOf = (page: Page, cell: number) => text(page, `belief-${cell}`);

it('a person plays with the arrow keys: the two look-alike starts are 0.50 each, one move down tells them apart', async () => {
  const page = await openPomdp();
  // Fig 19.4: book states 3 and 9 (cells 2, 8) are marked, and the penguin starts in one of them.
  await expect(page.getByTestId('god-view-mark-2').isVisible()).resolves.toBe(true);
  await expect(page.getByTestId('god-view-mark-8').isVisible()).resolves.toBe(true);
  await expect(page.getByTestId('agent-view').getAttribute('data-rows')).resolves.toBe('###/#../#.#');
  await expect(page.getByTestId('same-view').textContent()).resolves.toContain('state 3, state 9');
  expect(await beliefOf(page, 2)).toBe('0.50');
  expect(await beliefOf(page, 8)).toBe('0.50');
  expect(await page.getByTestId('belief-table').locator('tbody tr').count()).toBe(2);
  await screenshot(page, 'pomdp-start');

  // Down: from state 3 it reaches state 7 (a corridor), from state 9 the dead end state 13. The views differ: certain.
  await press(page, 'ArrowDown');
  await expect.poll(() => text(page, 'steps')).toBe('1');
  expect(await page.getByTestId('belief-table').locator('tbody tr').count()).toBe(1);
  const after = (await page.getByTestId('belief-table').locator('tbody td').first().textContent()) ?? '';
  expect(['state 7', 'state 13']).toContain(after.trim());
  expect(await beliefOf(page, after.trim() === 'state 7' ? 6 : 12)).toBe('1.00');
  await screenshot(page, 'pomdp-after-down');

  // Play the episode to the fish with what the belief says: from state 13 go up then right; from 7 down then left.
  const moves = after.trim() === 'state 13' ? ['ArrowUp', 'ArrowRight'] : ['ArrowDown', 'ArrowLeft'];
  for (const key of moves) await press(page, key);
  await expect.poll(() => page.getByTestId('end').isVisible()).toBe(true);
  expect(await text(page, 'return')).toBe('3.0');
  expect(await text(page, 'discounted')).toBe('2.43');
  await screenshot(page, 'pomdp-fish');
  await press(page, 'Enter');
  await expect.poll(() => text(page, 'steps')).toBe('0');
  expect(await beliefOf(page, 2)).toBe('0.50');
  // A tablet's width: the columns stack, the pictures stay side by side.
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.waitForTimeout(300);
  await screenshot(page, 'pomdp-tablet');
});

it('Play trains REINFORCE on the view: the return curve and the section 19.5 numbers fill in', async () => {
  const page = await openPomdp();
  const panel = page.getByTestId('aliasing-panel');
  // The exact numbers of the world come with the first frame.
  await expect.poll(() => text(page, 'value-deterministic'), { timeout: 30_000 }).toBe('1.215');
  expect(await text(page, 'value-stochastic')).toBe('1.785');
  expect(await text(page, 'value-full')).toBe('2.715');

  await page.getByRole('button', { name: /^Play/ }).click();
  await expect.poll(() => page.getByTestId('watch-agent').getAttribute('aria-pressed')).toBe('true');
  // Training flat out: the learned policy's exact value climbs past the best deterministic one.
  await expect.poll(async () => Number(await text(page, 'value-policy')), { timeout: 90_000, interval: 1000 }).toBeGreaterThan(1.3);
  await expect.poll(() => page.getByTestId('chart').locator('canvas').count(), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(() => page.getByTestId('value-chart').locator('canvas').count(), { timeout: 20_000 }).toBeGreaterThan(0);
  const right = Number(await text(page, 'pi-right'));
  expect(right).toBeGreaterThan(0);
  expect(right).toBeLessThan(1);
  await page.getByTestId('measure').click();
  await expect.poll(() => text(page, 'value-memory'), { timeout: 30_000 }).not.toBe('—');
  await panel.scrollIntoViewIfNeeded();
  await screenshot(page, 'pomdp-training');
  await page.getByRole('button', { name: /^Pause/ }).click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'pomdp-training-paused');
});

it('another world through a window of its own, and an agent with memory measured as it trains', async () => {
  const page = await openPomdp();
  await page.getByTestId('world-select').selectOption('gridworld:fig-19-10');
  await page.getByTestId('radius-select').selectOption('0');
  await page.getByTestId('hide-hole').check();
  // Its own cell only, holes under snow: one reading, and nothing marks a hole.
  await expect.poll(() => page.getByTestId('agent-view').getAttribute('data-rows')).toBe('.');
  await expect.poll(() => page.getByTestId('belief-table').locator('tbody tr').count()).toBe(1);
  await expect.poll(() => text(page, 'value-deterministic'), { timeout: 30_000 }).not.toBe('—');

  await page.getByTestId('world-select').selectOption('pomdp:fig-19-4');
  await page.getByTestId('agent-select').selectOption('recurrent-reinforce');
  await expect(page.getByTestId('history-select').count()).resolves.toBe(0);
  await expect.poll(() => text(page, 'value-deterministic'), { timeout: 30_000 }).toBe('1.215');
  await page.getByRole('button', { name: /^Play/ }).click();
  // Measured every few seconds while it trains; with memory it passes the best memoryless policy.
  await expect.poll(async () => Number(await text(page, 'value-memory')), { timeout: 100_000, interval: 1000 }).toBeGreaterThan(1.785);
  await page.getByRole('button', { name: /^Pause/ }).click();
  expect(await text(page, 'value-policy')).toBe('—');
  await page.getByTestId('aliasing-panel').scrollIntoViewIfNeeded();
  await screenshot(page, 'pomdp-recurrent');
});
