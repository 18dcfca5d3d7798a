/**
 * The compare page's library and links: Q-learning against SARSA on the cliff walk over 3 seeds,
 * saved, found again after a reload and opened from the library (curves and table from the stored
 * results, nothing re-run); and a link from "Copy link" opened in a new page fills the same form.
 * Screenshots go to tests/browser/artifacts/compare-library-*.png.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import { openPage, screenshot, type BrowserSession } from './browser';

const NAME = 'Cliff walking (Sutton & Barto, example 6.6): Q-learning, SARSA, 3 seeds';
let session: BrowserSession | undefined;
afterEach(async () => {
  expect(session?.errors ?? []).toEqual([]);
  await session?.close();
  session = undefined;
});

async function setNumber(page: Page, testId: string, value: number): Promise<void> {
  await page.getByTestId(testId).fill(String(value));
  await page.getByTestId(testId).press('Enter');
  await page.getByTestId(testId).blur();
}

const phase = (page: Page) => page.getByTestId('run-status').getAttribute('data-phase');
const chartData = async (page: Page): Promise<{ label: string; points: number; band: number }[]> =>
  JSON.parse((await page.getByTestId('compare-chart').getAttribute('data-series')) ?? '[]');
const rowValues = (page: Page) =>
  page.getByTestId('result-row').evaluateAll((rows) =>
    rows.map((row) => ({
      label: row.querySelector('[data-testid="row-label"]')?.textContent?.trim() ?? '',
      finalReturn: Number(row.querySelector('[data-testid="cell-finalReturn"]')?.getAttribute('data-value') || Number.NaN),
      auc: Number(row.querySelector('[data-testid="cell-auc"]')?.getAttribute('data-value') || Number.NaN),
    })),
  );

describe('compare library and links', () => {
  it('save a run, reload, open it from the library: two curves and a filled table, not re-run', async () => {
    session = await openPage('/compare');
    const page = session.page;
    await page.getByTestId('run').waitFor();
    await expect(page.getByTestId('save-run').isDisabled()).resolves.toBe(true);
    await setNumber(page, 'seeds', 3);
    await setNumber(page, 'steps', 3000);
    await setNumber(page, 'points', 30);
    await page.getByTestId('run').click();
    await expect.poll(() => phase(page), { timeout: 60_000 }).toBe('finished');
    const before = await rowValues(page);
    expect(before).toHaveLength(2);

    await expect(page.getByTestId('run-name').inputValue()).resolves.toBe(NAME);
    await page.getByTestId('save-run').click();
    await expect(page.getByTestId('library-item-name').first().textContent()).resolves.toBe(NAME);
    await expect(page.getByTestId('library-error').count()).resolves.toBe(0);

    await page.reload();
    await page.getByTestId('run').waitFor();
    await expect(phase(page)).resolves.toBe('idle');
    const item = page.getByTestId('library-item').filter({ hasText: NAME });
    await item.waitFor();
    await expect(item.textContent()).resolves.toMatch(/KB|B/);
    await item.getByTestId('library-open').click();
    await expect.poll(() => phase(page)).toBe('opened');
    await expect(page.getByTestId('small-multiples').count()).resolves.toBe(0);

    const series = await chartData(page);
    expect(series.map((s) => s.label)).toEqual(['Q-learning', 'SARSA']);
    for (const s of series) {
      expect(s.points).toBeGreaterThan(20);
      expect(s.band).toBeGreaterThan(15);
    }
    const after = await rowValues(page);
    expect(after).toEqual(before);
    for (const row of after) {
      expect(Number.isFinite(row.finalReturn)).toBe(true);
      expect(Number.isFinite(row.auc)).toBe(true);
    }
    await expect(page.getByTestId('steps').inputValue()).resolves.toBe('3000');
    await screenshot(page, 'compare-library-opened');

    // Duplicate, rename the copy, delete it: the original stays.
    await item.getByTestId('library-duplicate').click();
    const copy = page.getByTestId('library-item').filter({ hasText: '(copy)' });
    await copy.waitFor();
    // While renamed, the item shows a field instead of its name: found by its id.
    const copyItem = page.locator(`[data-testid="library-item"][data-id="${await copy.getAttribute('data-id')}"]`);
    await copyItem.getByTestId('library-rename').click();
    await copyItem.getByTestId('rename-input').fill('Cliff, second look');
    await copyItem.getByTestId('rename-save').click();
    const renamed = page.getByTestId('library-item').filter({ hasText: 'Cliff, second look' });
    await renamed.waitFor();
    await screenshot(page, 'compare-library-list');
    await renamed.getByTestId('library-delete').click();
    await expect.poll(() => page.getByTestId('library-item').count()).toBe(1);

    // The mean curves as CSV.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toBe('cliff-walking-sutton-barto-example-6-6-q-learning-sarsa-3-seeds.csv');
  });

  it('a link from "Copy link" opens the same experiment in a new page; a broken link gives one message', async () => {
    session = await openPage('/compare');
    const page = session.page;
    await page.getByTestId('run').waitFor();
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByTestId('world-select').selectOption('gridworld:cliff-walk');
    await setNumber(page, 'seeds', 4);
    await setNumber(page, 'steps', 7000);
    await page.getByTestId('use-threshold').uncheck();
    await page.getByTestId('config-agent-1').selectOption('expected-sarsa');
    await page.getByTestId('copy-link').click();
    await page.getByTestId('link-notice').waitFor();
    const link = page.url();
    expect(link).toMatch(/\/compare#x=[A-Za-z0-9_-]+$/);

    const other = await session.context.newPage();
    await other.goto(link);
    await other.getByTestId('run').waitFor();
    await expect(other.getByTestId('seeds').inputValue()).resolves.toBe('4');
    await expect(other.getByTestId('steps').inputValue()).resolves.toBe('7000');
    await expect(other.getByTestId('use-threshold').isChecked()).resolves.toBe(false);
    await expect(other.getByTestId('config-agent-0').inputValue()).resolves.toBe('q-learning');
    await expect(other.getByTestId('config-agent-1').inputValue()).resolves.toBe('expected-sarsa');
    await expect(other.getByTestId('link-error').count()).resolves.toBe(0);
    await screenshot(other, 'compare-library-link');

    const broken = await session.context.newPage();
    await broken.goto(`${inject('baseUrl')}/compare#x=eyJmb3JtYXQiOiJmbG9lLWV4cGVyaW1lbnQiLCJ2ZXJzaW9uIjo5OX0`);
    await broken.getByTestId('run').waitFor();
    await expect(broken.getByTestId('link-error').textContent()).resolves.toMatch(/^experiment link: /);
    await expect(broken.getByTestId('seeds').inputValue()).resolves.toBe('5');
  });
});
