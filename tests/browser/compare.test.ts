/**
 * The compare page as a person uses it: Q-learning against SARSA on the cliff walk over 3 seeds,
 * two curves with bands, a filled results table sorted by a column; and a long run paused,
 * resumed and one configuration stopped. Screenshots go to tests/browser/artifacts/compare-*.png.
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

async function openCompare(): Promise<Page> {
  session = await openPage('/compare');
  await session.page.getByTestId('run').waitFor();
  return session.page;
}

async function setNumber(page: Page, testId: string, value: number): Promise<void> {
  await page.getByTestId(testId).fill(String(value));
  await page.getByTestId(testId).press('Enter');
  await page.getByTestId(testId).blur();
}

const phase = (page: Page) => page.getByTestId('run-status').getAttribute('data-phase');

interface ChartEntry {
  label: string;
  points: number;
  band: number;
}
const chartData = async (page: Page): Promise<ChartEntry[]> => JSON.parse((await page.getByTestId('compare-chart').getAttribute('data-series')) ?? '[]');

/** The results table's rows in display order: label and each column's numeric value (NaN when empty). */
async function resultRows(page: Page) {
  return page.getByTestId('result-row').evaluateAll((rows) =>
    rows.map((row) => {
      const value = (key: string) => {
        const text = row.querySelector(`[data-testid="cell-${key}"]`)?.getAttribute('data-value') ?? '';
        return text === '' ? Number.NaN : Number(text);
      };
      return {
        label: row.querySelector('[data-testid="row-label"]')?.textContent?.trim() ?? '',
        text: row.textContent ?? '',
        finalReturn: value('finalReturn'),
        stepsToThreshold: value('stepsToThreshold'),
        auc: value('auc'),
        wallSeconds: value('wallSeconds'),
      };
    }),
  );
}

describe('compare page', () => {
  it('Q-learning against SARSA on the cliff walk over 3 seeds: two curves with bands, a sortable results table', async () => {
    const page = await openCompare();
    await expect(page.getByRole('link', { name: 'Compare' }).getAttribute('aria-current')).resolves.toBe('page');
    await expect(page.getByTestId('world-select').inputValue()).resolves.toBe('gridworld:cliff-walk');
    await expect(page.getByTestId('config-agent-0').inputValue()).resolves.toBe('q-learning');
    await expect(page.getByTestId('config-agent-1').inputValue()).resolves.toBe('sarsa');
    await expect(page.getByTestId('seeds').inputValue()).resolves.toBe('5');

    // A bad field gets parseExperiment's one message and no Run.
    await setNumber(page, 'steps', 50);
    await expect(page.getByTestId('form-error').textContent()).resolves.toMatch(/points \(100\) must be at most steps \(50\)/);
    await expect(page.getByTestId('run').isDisabled()).resolves.toBe(true);
    await setNumber(page, 'steps', 20000);
    await setNumber(page, 'seeds', 3);
    await expect(page.getByTestId('form-error').count()).resolves.toBe(0);
    await screenshot(page, 'compare-form');

    await page.getByTestId('run').click();
    await expect.poll(() => phase(page), { timeout: 60_000 }).toBe('finished');
    await expect(page.getByTestId('run-status').textContent()).resolves.toMatch(/Finished: 6 of 6 runs/);

    // Two curves on one chart, each with a 95% band across the 3 seeds.
    const series = await chartData(page);
    expect(series.map((s) => s.label)).toEqual(['Q-learning', 'SARSA']);
    for (const s of series) {
      expect(s.points).toBeGreaterThan(90);
      expect(s.band).toBeGreaterThan(80);
    }
    const summary = (await page.getByTestId('compare-chart').getByRole('img').getAttribute('aria-label')) ?? '';
    expect(summary).toMatch(/Q-learning: 100 points, last −?[\d.]+ at env step 20000, band −?[\d.]+ to −?[\d.]+/);
    expect(summary).toMatch(/SARSA: 100 points, last −?[\d.]+ at env step 20000, band −?[\d.]+ to −?[\d.]+/);

    // Small multiples: one card per configuration, with its world drawn.
    for (const i of [0, 1]) {
      await expect(page.getByTestId(`config-progress-${i}`).textContent()).resolves.toMatch(/^\s*3\/3 runs/);
      await page.getByTestId(`config-card-${i}`).locator('canvas').waitFor();
    }

    // The results table: two rows of numbers. SARSA (the safe path) earns more online than
    // Q-learning (the cliff edge), so it comes first under the default sort (final return, best first).
    let rows = await resultRows(page);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.label)).toEqual(['SARSA', 'Q-learning']);
    for (const row of rows) {
      expect(Number.isFinite(row.finalReturn)).toBe(true);
      expect(Number.isFinite(row.auc)).toBe(true);
      expect(row.wallSeconds).toBeGreaterThan(0);
      expect(row.text).toMatch(/±/);
      expect(row.text).toMatch(/3 runs/);
      expect(row.text).toMatch(/\(\d\/3\)/); // reached/of for the threshold
    }
    expect(rows[0].finalReturn).toBeGreaterThan(rows[1].finalReturn);
    await page.getByTestId('results-table').scrollIntoViewIfNeeded();
    await screenshot(page, 'compare-finished');

    // Sort: final return again (worst first), then by area under the curve (best first).
    await page.getByTestId('sort-finalReturn').click();
    rows = await resultRows(page);
    expect(rows.map((r) => r.label)).toEqual(['Q-learning', 'SARSA']);
    await expect(page.locator('th[aria-sort="ascending"]').textContent()).resolves.toContain('Final return');
    await page.getByTestId('sort-auc').click();
    rows = await resultRows(page);
    expect(rows[0].auc).toBeGreaterThanOrEqual(rows[1].auc);
    await expect(page.locator('th[aria-sort="descending"]').textContent()).resolves.toContain('Area under curve');
    await page.getByTestId('sort-label').click();
    rows = await resultRows(page);
    expect(rows.map((r) => r.label)).toEqual(['Q-learning', 'SARSA']);
    await screenshot(page, 'compare-sorted');
  });

  it('pause and resume all; stop one configuration: the results cover what finished', async () => {
    const page = await openCompare();
    await setNumber(page, 'seeds', 3);
    await setNumber(page, 'steps', 1_500_000);
    await page.getByTestId('run').click();
    await page.getByTestId('pause').click();
    await expect.poll(() => phase(page)).toBe('paused');
    // Paused means paused: progress stands still (a chunk in flight may land first).
    await page.waitForTimeout(400);
    const percent = () => page.getByTestId('config-card-0').locator('progress').getAttribute('value');
    const before = await percent();
    await page.waitForTimeout(800);
    expect(await percent()).toBe(before);
    await expect(page.getByTestId('form-error').count()).resolves.toBe(0);
    await screenshot(page, 'compare-paused');

    // Stop SARSA while paused, then resume: Q-learning's runs go on to the end.
    await page.getByTestId('stop-config-1').click();
    await expect(page.getByTestId('config-progress-1').textContent()).resolves.toMatch(/stopped/);
    await expect(page.getByTestId('stop-config-1').isDisabled()).resolves.toBe(true);
    await page.getByTestId('resume').click();
    await expect.poll(() => phase(page), { timeout: 90_000 }).toBe('finished');
    await expect(page.getByTestId('config-progress-0').textContent()).resolves.toMatch(/^\s*3\/3 runs/);

    const rows = await resultRows(page);
    expect(rows).toHaveLength(2);
    const q = rows.find((r) => r.label === 'Q-learning');
    const sarsa = rows.find((r) => r.label === 'SARSA');
    expect(q?.text).toMatch(/3 runs/);
    expect(Number.isFinite(q?.finalReturn)).toBe(true);
    // SARSA was stopped after at most its first run.
    expect(sarsa?.text).toMatch(/[01] runs?/);
    await page.getByTestId('results-table').scrollIntoViewIfNeeded();
    await screenshot(page, 'compare-stopped');
  });

  it('deep agents on CartPole run through the same pool (tfjs loads in the worker only for them)', async () => {
    const page = await openCompare();
    await page.getByTestId('world-select').selectOption('cartpole');
    await expect(page.getByTestId('config-agent-0').inputValue()).resolves.toBe('dqn');
    await expect(page.getByTestId('config-label-1').inputValue()).resolves.toBe('Deep Q-network 2');
    await page.getByTestId('use-threshold').uncheck();
    await setNumber(page, 'seeds', 2);
    await setNumber(page, 'steps', 600);
    await setNumber(page, 'points', 10);
    await expect(page.getByTestId('form-error').count()).resolves.toBe(0);
    await page.getByTestId('run').click();
    await expect.poll(() => phase(page), { timeout: 90_000 }).toBe('finished');
    await expect(page.getByTestId('run-status').textContent()).resolves.toMatch(/Finished: 4 of 4 runs/);
    const rows = await resultRows(page);
    expect(rows).toHaveLength(2);
    // CartPole pays +1 a step: every finished episode returns at least 1.
    for (const row of rows) expect(row.finalReturn).toBeGreaterThanOrEqual(1);
    await expect(page.getByTestId('config-last-return-0').textContent()).resolves.toMatch(/^\d/);
    // Each card draws its run's cart (the first env copy's, from the last progress report).
    for (const index of [0, 1]) await expect(page.getByTestId(`config-world-${index}`).getAttribute('aria-label')).resolves.toContain('the cart and pole');
    await screenshot(page, 'compare-cartpole');
  });
});
