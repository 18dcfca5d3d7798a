/**
 * Deep RL on the gridworld page: DQN trains in the worker, the network's values (read for every
 * cell) move toward the exact values from DP, and the backend indicator and override work.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { readValuesTable, useGridworldPage } from './grid-helpers';

const currentSession = useGridworldPage();

/** The values of the table's cells (walls left out), row-major. */
async function tableValues(page: Page): Promise<(number | null)[]> {
  return (await readValuesTable(page)).map((text) => (text === 'wall' ? null : Number(text.split(' ')[0])));
}

function meanAbsoluteDifference(a: readonly (number | null)[], b: readonly (number | null)[]): number {
  let sum = 0;
  let n = 0;
  a.forEach((v, i) => {
    const w = b[i];
    if (v === null || w === null) return;
    sum += Math.abs(v - w);
    n++;
  });
  return sum / n;
}

async function setNumber(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.fill(value);
  await input.press('Enter');
}

it("DQN's network values converge toward DP's, on the backend shown; switching to cpu restarts there", async () => {
  const { page } = currentSession();
  const exact = await tableValues(page);
  const status = page.getByRole('status');
  const steps = async () => Number(/step ([\d,]+)/.exec((await status.textContent()) ?? '')?.[1].replace(/,/g, '') ?? 0);
  const indicator = page.getByTestId('backend-name');

  await page.getByTestId('agent-select').selectOption('dqn');
  // auto: the first backend of webgpu, webgl, wasm, cpu that starts here.
  await expect.poll(() => indicator.textContent(), { timeout: 30_000 }).toMatch(/^backend: (webgpu|webgl|wasm|cpu)$/);
  console.info(`auto chose ${await indicator.textContent()}`);

  // A small network on wasm, the fastest backend for it without a GPU (toolchain notes).
  await page.getByTestId('backend-select').selectOption('wasm');
  await expect.poll(() => indicator.textContent(), { timeout: 30_000 }).toBe('backend: wasm');
  await page.locator('summary', { hasText: 'Options' }).click();
  const hidden = page.getByTestId('option-hidden');
  await hidden.fill('32');
  await hidden.press('Enter');
  await setNumber(page, 'Batch size', '64');
  await setNumber(page, 'Learning starts', '500');
  await setNumber(page, 'Target sync every', '250');
  await page.getByLabel('Loss', { exact: true }).selectOption({ label: 'squared' });

  await page.getByTestId('source-agent').check();
  const slider = page.getByRole('slider', { name: 'Speed' });
  await slider.focus();
  await slider.press('End'); // flat out
  await page.waitForTimeout(500); // the last option change restarts the run
  const start = meanAbsoluteDifference(await tableValues(page), exact);
  // The restart may still be under way: press Play until the run moves.
  await expect
    .poll(
      async () => {
        const play = page.getByRole('button', { name: 'Play' });
        if (await play.isVisible()) await play.click();
        return steps();
      },
      { timeout: 15_000 },
    )
    .toBeGreaterThan(0);

  const t0 = Date.now();
  await expect
    .poll(async () => meanAbsoluteDifference(await tableValues(page), exact), { timeout: 60_000, interval: 1000 })
    .toBeLessThanOrEqual(start / 3);
  const end = meanAbsoluteDifference(await tableValues(page), exact);
  console.info(`mean |v_net - v_DP| ${start.toFixed(3)} -> ${end.toFixed(3)} after ${(await steps()).toLocaleString('en')} steps, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await page.locator('summary', { hasText: 'Options' }).click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'gridworld-dqn-converging');

  // The loss curve is drawn next to the return curve.
  const loss = page.getByTestId('loss-chart').getByRole('img');
  expect(Number(/(\d+) points/.exec((await loss.getAttribute('aria-label')) ?? '')?.[1] ?? 0)).toBeGreaterThan(10);
  // So are DQN's diagnostics, one at a time: mean Q first, epsilon on request.
  const diagnostics = page.getByTestId('diagnostic-select');
  expect(await diagnostics.locator('option').allTextContents()).toEqual(['mean Q', 'epsilon']);
  await diagnostics.selectOption({ label: 'epsilon' });
  await expect.poll(() => page.getByTestId('diagnostic-chart').getByRole('img').getAttribute('aria-label')).toMatch(/epsilon: \d+ points/);

  // Switching the backend restarts the run there.
  await page.getByTestId('backend-select').selectOption('cpu');
  await expect.poll(() => indicator.textContent(), { timeout: 30_000 }).toBe('backend: cpu');
  await expect.poll(steps, { timeout: 10_000 }).toBe(0);
  await screenshot(page, 'gridworld-dqn-cpu');
});
