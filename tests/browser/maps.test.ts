/**
 * A person's own map: saved in the library from the gridworld page, opened again from the
 * library and from a downloaded file (a damaged file changes nothing), then raced on the compare
 * page through "Compare agents on this map", where each configuration's card draws the map small.
 * Screenshots: tests/browser/artifacts/maps-*.png.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { useGridworldPage } from './grid-helpers';

const currentSession = useGridworldPage();

const maxSteps = (page: Page) => page.getByTestId('max-steps').inputValue();

async function setNumber(page: Page, testId: string, value: number): Promise<void> {
  await page.getByTestId(testId).fill(String(value));
  await page.getByTestId(testId).press('Enter');
  await page.getByTestId(testId).blur();
}

it('save a map, open it from the library and from a file, then compare agents on it', async () => {
  const { page } = currentSession();
  // An edit: fig 19.10 with a time limit of 37 steps.
  await setNumber(page, 'max-steps', 37);
  await expect.poll(() => maxSteps(page)).toBe('37');
  await page.getByTestId('map-save-library').click();
  await expect.poll(() => page.getByTestId('map-files-note').textContent()).toMatch(/^saved ".+" in the library$/);

  // Another world, then the saved map back from the library.
  await page.getByTestId('preset-select').selectOption('cliff-walk');
  await expect.poll(() => maxSteps(page)).not.toBe('37');
  const saved = page.getByTestId('map-open-library').locator('option').nth(1);
  await page.getByTestId('map-open-library').selectOption((await saved.getAttribute('value')) ?? '');
  await expect.poll(() => maxSteps(page)).toBe('37');
  await expect.poll(() => page.getByTestId('map-files-note').textContent()).toContain('from the library');

  // Download it; a damaged file gets one message and the map stays.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('map-download').click()]);
  const path = join(mkdtempSync(join(tmpdir(), 'floe-map-')), download.suggestedFilename());
  await download.saveAs(path);
  const file = JSON.parse(readFileSync(path, 'utf8')) as { format: string; spec: { maxSteps: number } };
  expect([file.format, file.spec.maxSteps]).toEqual(['floe-world', 37]);
  const damaged = JSON.stringify({ ...file, spec: { ...file.spec, maxSteps: -1 } });
  await page.getByTestId('map-open-file').setInputFiles({ name: 'damaged.json', mimeType: 'application/json', buffer: Buffer.from(damaged) });
  await expect.poll(() => page.getByTestId('map-files-error').textContent()).toMatch(/^world file: .*maxSteps/);
  await expect.poll(() => maxSteps(page)).toBe('37');
  await page.getByTestId('preset-select').selectOption('cliff-walk');
  await page.getByTestId('map-open-file').setInputFiles(path);
  await expect.poll(() => maxSteps(page)).toBe('37');
  await screenshot(page, 'maps-gridworld');

  // The compare page with this map: Q-learning against SARSA.
  await page.getByTestId('compare-map').click();
  await page.getByTestId('run').waitFor();
  expect(new URL(page.url()).pathname).toBe('/compare');
  await expect(page.getByTestId('world-select').inputValue()).resolves.toBe('gridworld:map');
  const mapOptions = await page.getByTestId('world-select').locator('optgroup[label="Your maps"] option').allTextContents();
  expect(mapOptions.length).toBe(2); // the map of the link, and the one saved in the library
  expect(mapOptions[1]).toMatch(/\(library\)$/);
  await setNumber(page, 'seeds', 2);
  await setNumber(page, 'steps', 3000);
  await setNumber(page, 'points', 10);
  await page.getByTestId('run').click();
  await expect.poll(() => page.getByTestId('run-status').getAttribute('data-phase'), { timeout: 60_000 }).toBe('finished');
  const series = JSON.parse((await page.getByTestId('compare-chart').getAttribute('data-series')) ?? '[]') as { label: string; points: number }[];
  expect(series.map((s) => s.label)).toEqual(['Q-learning', 'SARSA']);
  for (const s of series) expect(s.points).toBeGreaterThan(0);
  for (const index of [0, 1]) await expect(page.getByTestId(`config-world-${index}`).locator('canvas').count()).resolves.toBe(1);

  // Picking the library's copy keeps the map (the same world, read back from IndexedDB).
  const libraryValue = await page.getByTestId('world-select').locator('optgroup[label="Your maps"] option').nth(1).getAttribute('value');
  await page.getByTestId('world-select').selectOption(libraryValue ?? '');
  await expect.poll(() => page.getByTestId('world-select').inputValue()).toBe('gridworld:map');
  await screenshot(page, 'maps-compare');
});
