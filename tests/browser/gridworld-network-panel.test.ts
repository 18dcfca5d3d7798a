/**
 * The network panel of the deep agents on the gridworld page: layer rows and the four action
 * values after a few DQN steps, and a click on a cell makes the panel read that state.
 */
import { expect, it } from 'vitest';
import { screenshot } from './browser';
import { clickCell, useGridworldPage } from './grid-helpers';

const currentSession = useGridworldPage();

it('shows the layers and 4 action values for DQN, and reads the clicked cell', async () => {
  const { page } = currentSession();
  await page.getByTestId('agent-select').selectOption('dqn');
  const panel = page.getByTestId('network-panel');
  await expect.poll(() => panel.getByTestId('network-output').count(), { timeout: 30_000 }).toBe(4);

  const step = page.getByRole('button', { name: /^Step one/ });
  for (let i = 0; i < 3; i++) await step.click();
  await expect.poll(() => page.getByRole('status').textContent(), { timeout: 10_000 }).toMatch(/step 3\b/);

  const labels = await panel.getByTestId('network-output').locator('.label').allTextContents();
  expect(labels).toEqual(['up', 'right', 'down', 'left']);
  expect(await panel.locator('[data-greedy="true"]').count()).toBeGreaterThanOrEqual(1);
  // input, two hidden layers (the default 64,64), output; 64 squares in a hidden row.
  const kinds = await panel.getByTestId('network-layer').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-kind')));
  expect(kinds).toEqual(['input', 'dense', 'dense', 'output']);
  expect(await panel.getByTestId('network-layer').nth(1).locator('.square').count()).toBe(64);
  await expect.poll(() => panel.getByTestId('network-state').textContent()).toMatch(/^the penguin's state \d+$/);
  expect(await panel.getByTestId('network-diagram').getAttribute('aria-label')).toMatch(/Q-values: up -?\d/);

  // Stepping may have scrolled the page; clickCell needs the whole grid in view.
  await page.evaluate(() => window.scrollTo(0, 0));
  await clickCell(page, 5, 4, 4); // book state 6
  await expect.poll(() => panel.getByTestId('network-state').textContent(), { timeout: 10_000 }).toBe('the selected state 6');
  expect(await panel.getByTestId('network-diagram').getAttribute('aria-label')).toContain('the selected state 6');
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: 'tests/browser/artifacts/gridworld-network-panel-only.png' });
  await screenshot(page, 'gridworld-network-panel');
});
