/**
 * Saving and loading a run on the gridworld page: to a downloaded file and back, and in the
 * browser's IndexedDB across a reload. A loaded run continues from its step, not from 0.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { useGridworldPage, waitForCanvas } from './grid-helpers';

const currentSession = useGridworldPage();

async function stepCount(page: Page): Promise<number> {
  const text = (await page.getByRole('status').textContent()) ?? '';
  return Number(/step ([\d,]+)/.exec(text)?.[1].replace(/,/g, '') ?? -1);
}

/** Q-learning flat out until a few hundred steps, then paused; returns the step it stopped at. */
async function trainAndPause(page: Page): Promise<number> {
  await page.getByTestId('agent-select').selectOption('q-learning');
  const slider = page.getByRole('slider', { name: 'Speed' });
  await slider.focus();
  await slider.press('End');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => stepCount(page), { timeout: 20_000 }).toBeGreaterThan(300);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toContain('Paused');
  // The worker's last frame (it stopped) has arrived: the counter is final.
  await expect.poll(() => page.getByTestId('training-panel').getAttribute('aria-busy')).toBe('false');
  const steps = await stepCount(page);
  expect(steps).toBeGreaterThan(300);
  return steps;
}

const stepOnce = (page: Page) => page.getByRole('button', { name: /^Step one/ }).click();

it('Save to file, Reset, Open the file: the step counter continues from the saved step', async () => {
  const { page } = currentSession();
  const saved = await trainAndPause(page);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-file').click()]);
  expect(download.suggestedFilename()).toBe('floe-q-learning-fig-19-10.json');
  const path = join(mkdtempSync(join(tmpdir(), 'floe-download-')), download.suggestedFilename());
  await download.saveAs(path);
  const file = JSON.parse(readFileSync(path, 'utf8')) as { format: string; version: number; progress: { globalStep: number } };
  expect([file.format, file.version, file.progress.globalStep]).toEqual(['floe-run', 1, saved]);

  await page.getByRole('button', { name: 'Reset' }).click();
  await expect.poll(() => stepCount(page)).toBe(0);

  await page.getByTestId('open-file').setInputFiles(path);
  await expect.poll(() => stepCount(page)).toBe(saved);
  await expect.poll(() => page.getByTestId('files-note').textContent()).toContain(`loaded floe-q-learning-fig-19-10.json at step ${saved.toLocaleString('en')}`);
  await stepOnce(page);
  await expect.poll(() => stepCount(page)).toBe(saved + 1);
  await screenshot(page, 'save-load-file');

  // A damaged file: one message, and the run goes on untouched.
  await page.getByTestId('open-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "floe-run", "vers') });
  await expect.poll(() => page.getByTestId('message').textContent()).toContain('broken.json not loaded: run file is not valid JSON');
  expect(await stepCount(page)).toBe(saved + 1);
});

it('Save in browser, reload the page, Load the listed entry: the counter continues', async () => {
  const { page } = currentSession();
  const saved = await trainAndPause(page);
  await page.getByTestId('save-browser').click();
  await expect.poll(() => page.getByTestId('saved-agents').textContent()).toContain(`floe-q-learning-fig-19-10 step ${saved}`);

  await page.reload();
  await waitForCanvas(page);
  const entry = page.getByTestId('saved-agents').locator('li', { hasText: `step ${saved}` });
  await entry.waitFor();
  await entry.getByTestId('saved-load').click();
  await expect.poll(() => stepCount(page)).toBe(saved);
  await stepOnce(page);
  await expect.poll(() => stepCount(page)).toBe(saved + 1);
  await screenshot(page, 'save-load-browser');

  await entry.getByTestId('saved-delete').click();
  await expect.poll(() => page.getByTestId('saved-agents').count()).toBe(0);
});
