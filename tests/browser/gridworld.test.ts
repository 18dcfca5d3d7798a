/**
 * The gridworld page as a person uses it: edit the ice and watch the policy re-route, step
 * through Bellman backups and read the book's numbers, train Q-learning flat out and pause it.
 */
import { describe, expect, it } from 'vitest';
import { screenshot } from './browser';
import { clickCell, readValuesTable, useGridworldPage } from './grid-helpers';

const currentSession = useGridworldPage();

describe('reward-map editor', () => {
  it('painting a hole into the optimal path re-routes the policy', async () => {
    const { page } = currentSession();
    const before = await readValuesTable(page);
    // Fig 19.10: from state 2 (0-indexed 1) the optimal move is right, along the top row.
    expect(before[1]).toMatch(/→$/);
    const canvasBefore = await page.getByTestId('grid-view').screenshot();

    await page.getByTestId('tool-hole').click();
    await clickCell(page, 2, 4, 4);
    await page.waitForTimeout(300);

    const after = await readValuesTable(page);
    expect(after[2]).not.toEqual(before[2]);
    expect(after[1]).not.toMatch(/→$/); // no longer heads into the new hole
    const canvasAfter = await page.getByTestId('grid-view').screenshot();
    expect(canvasAfter.equals(canvasBefore)).toBe(false);
    await screenshot(page, 'editor-hole-painted');

    await page.getByTestId('undo').click();
    await page.waitForTimeout(200);
    expect(await readValuesTable(page)).toEqual(before);
  });

  it('a bad edit is refused with one message and changes nothing', async () => {
    const { page } = currentSession();
    const before = await readValuesTable(page);
    await page.getByTestId('gamma').fill('1.5');
    await page.getByTestId('gamma').press('Enter');
    await expect(page.getByTestId('message').textContent()).resolves.toContain('gamma');
    expect(await readValuesTable(page)).toEqual(before);
  });
});

describe('Bellman stepper', () => {
  it('shows problem 19.3 numbers for book state 6 and applies them', async () => {
    const { page } = currentSession();
    await clickCell(page, 5, 4, 4); // book state 6
    await page.getByTestId('one-sweep').click();
    await expect.poll(() => page.getByTestId('dp-progress').textContent()).toContain('1 sweep,');

    // After one sweep v = r (problem 19.3), so the preview of state 6's second backup is -0.30.
    const card = page.getByTestId('bellman-panel');
    await expect.poll(() => card.textContent()).toContain('next backup (preview)');
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('−0.30'); // KaTeX's minus sign
    expect(text).toContain('−2.00'); // v(s10) after one sweep, a successor term

    await page.getByTestId('source-agent').check();
    await page.getByTestId('one-sweep').click();
    await expect.poll(() => page.getByTestId('dp-progress').textContent()).toContain('2 sweeps');
    await page.locator('summary', { hasText: 'Values and greedy actions' }).click();
    const values = (await readValuesTable(page)).map((t) => t.split(' ')[0]);
    // Problem 19.3 after two sweeps, row by row.
    expect(values).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00', '-0.30', '-0.30', '0.00', '-0.45', '-2.30', '-2.60', '0.90', '0.00', '-0.90', '-1.10', '3.00']);

    // Backing up state 6 on its own applies the backup shown and marks it applied.
    await page.getByTestId('backup-state').click();
    await expect.poll(() => card.textContent()).toContain('last update applied');
    await expect.poll(() => page.getByTestId('dp-progress').textContent()).toContain('33 backups');
    await screenshot(page, 'bellman-card', 'screenshot-gridworld.png');
  });
});

describe('training loop', () => {
  it('Q-learning learns flat out, the curve grows, and pause takes effect within 200 ms', async () => {
    const { page } = currentSession();
    await page.getByTestId('agent-select').selectOption('q-learning');
    const slider = page.getByRole('slider', { name: 'Speed' });
    await slider.focus();
    await slider.press('End'); // flat out
    await page.getByRole('button', { name: 'Play' }).click();

    const status = page.getByRole('status');
    const episodes = async () => Number(/episode ([\d,]+)/.exec((await status.textContent()) ?? '')?.[1].replace(/,/g, '') ?? 0);
    await expect.poll(episodes, { timeout: 20_000 }).toBeGreaterThan(500);
    const early = await episodes();
    await page.waitForTimeout(1000);
    expect(await episodes()).toBeGreaterThan(early);
    // Changing the speed mid-run keeps the run going (it does not restart it).
    await slider.press('ArrowLeft');
    await page.waitForTimeout(300);
    expect(await episodes()).toBeGreaterThan(early);
    await slider.press('End');

    // The learning curve is drawn: its text summary counts the points.
    const chart = page.getByTestId('chart').getByRole('img');
    const points = Number(/(\d+) points/.exec((await chart.getAttribute('aria-label')) ?? '')?.[1] ?? 0);
    expect(points).toBeGreaterThan(100);
    await screenshot(page, 'q-learning-running');

    // Measured inside the page: from the click until the worker's last frame says it stopped.
    const paused = await page.evaluate(async () => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Pause');
      const panel = document.querySelector('[data-testid=training-panel]');
      if (!button || !panel) throw new Error('no Pause button or training panel');
      const t0 = performance.now();
      button.click();
      return new Promise<number>((resolve) => {
        const poll = () => {
          if (panel.getAttribute('aria-busy') === 'false') resolve(performance.now() - t0);
          else setTimeout(poll, 1);
        };
        poll();
      });
    });
    console.info(`pause took effect ${paused.toFixed(1)} ms after the click`);
    expect(paused).toBeLessThan(200);
    await expect.poll(() => status.textContent()).toContain('Paused');
    const stepText = await status.textContent();
    await page.waitForTimeout(400);
    expect(await status.textContent()).toEqual(stepText); // nothing ran after the pause
  });
});
