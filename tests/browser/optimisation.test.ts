/**
 * The optimisation page (/optimisation, module M2) as a person uses it. The race: the Gabor
 * surface with two racers, the loss at the start live (16.419 typed in at [0.6, -0.2]), Play,
 * Pause and Step in the worker, a start pressed onto the surface, the batch slider turning GD into
 * SGD, the library form, and fig. 6.9's bowl run flat out. Backprop: one value per step, the A.4
 * values (f0 = 1.230 ... dl/df0 = 2.281) and other inputs. Initialisation: fig. 7.7's five
 * variances and one of the person's own. Implicit regularisation (section 9.2): the tab leads to
 * the generalisation page, which computes it. Screenshots go to
 * tests/browser/artifacts/optimisation-*.png.
 */
import { mkdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, screenshot, type BrowserSession } from './browser';

let session: BrowserSession | undefined;
afterEach(async () => {
  expect(session?.errors ?? []).toEqual([]);
  await session?.close();
  session = undefined;
});

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).first().textContent())?.trim() ?? '';
const number = async (page: Page, testId: string) => Number((await text(page, testId)).replace(/,/g, '').replace('−', '-'));
const statusWord = (page: Page) => page.locator('.floe-controls .status .word').textContent();
const statusDetail = async (page: Page) => ((await page.locator('.floe-controls .status .detail').textContent()) ?? '').trim();

const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;
async function fullScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}

async function open(hash = ''): Promise<Page> {
  session = await openPage(`/optimisation${hash}`);
  await session.page.getByRole('heading', { name: 'Optimisation and gradients' }).waitFor();
  return session.page;
}

/** Waits until the worker has built the run the page asked for (the status line shows its progress). */
async function ready(page: Page, progress: RegExp): Promise<void> {
  await expect.poll(() => statusDetail(page), { timeout: 60_000 }).toMatch(progress);
  await expect.poll(() => statusWord(page), { timeout: 10_000 }).toBe('Idle');
}

async function play(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Play', exact: true }).click();
}
async function pause(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect.poll(() => statusWord(page)).toBe('Paused');
}
async function step(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Step one/ }).click();
}
/** The speed slider's top: flat out. */
async function flatOut(page: Page): Promise<void> {
  await page.getByLabel('Speed').fill('100');
}

/** Presses the pointer at (fx, fy) of an element's box (fractions) and drags it by (dx, dy) pixels. */
async function dragOn(page: Page, testId: string, fx: number, fy: number, dx: number, dy: number): Promise<void> {
  const box = await page.getByTestId(testId).locator('.frame svg').boundingBox();
  if (!box) throw new Error(`${testId} is not on screen`);
  const x = box.x + box.width * fx;
  const y = box.y + box.height * fy;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 6 });
  await page.mouse.up();
}

describe('optimisation page', () => {
  it('the race: live start loss, Play, Pause, Step, a start set on the surface, batches, forms and fig. 6.9', async () => {
    const page = await open();
    await expect(page.title()).resolves.toBe('Optimisation · Floe');
    await ready(page, /^step 0 of 21$/);
    expect(await text(page, 'racer-row-0')).toContain('GD + line search');
    expect(await text(page, 'racer-row-1')).toContain('GD α = 0.2');
    const startLoss = await text(page, 'start-loss');

    // Play: both racers run the preset's 21 steps at 10 a second and the race ends.
    await play(page);
    await expect.poll(() => statusWord(page), { timeout: 30_000 }).toBe('Done');
    expect(await number(page, 'racer-steps-0')).toBe(21);
    expect(await number(page, 'racer-loss-1')).toBeLessThan(Number(startLoss));
    expect(await page.getByTestId('race-surface').locator('path.trajectory').count()).toBe(2);
    await expect.poll(() => page.getByTestId('race-chart').locator('canvas').count()).toBeGreaterThan(0);
    await screenshot(page, 'optimisation-race-gabor');

    // Reset, Play, Pause, Step: one step more.
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => statusDetail(page)).toBe('step 0 of 21');
    await play(page);
    await expect.poll(() => number(page, 'racer-steps-0'), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    await pause(page);
    const paused = await number(page, 'racer-steps-0');
    expect(paused).toBeLessThan(21);
    await step(page);
    await expect.poll(() => number(page, 'racer-steps-0')).toBe(paused + 1);

    // Typing the notebook's check point: 16.419, outside the plotted window.
    await page.getByTestId('start-phi0').fill('0.6');
    await page.getByTestId('start-phi0').press('Enter');
    await page.getByTestId('start-phi1').fill('-0.2');
    await page.getByTestId('start-phi1').press('Enter');
    await expect.poll(() => text(page, 'start-loss')).toBe('16.419');
    await page.getByTestId('outside-window').waitFor();
    await ready(page, /^step 0 of 21$/);

    // Pressing on the surface moves the start there (and a fresh race starts from it).
    await dragOn(page, 'race-surface', 0.7, 0.3, 0, 0);
    await expect.poll(() => page.getByTestId('start-phi0').inputValue()).not.toBe('0.6');
    expect(await text(page, 'start-loss')).not.toBe('16.419');
    expect(await page.getByTestId('outside-window').count()).toBe(0);
    const phi0 = Number(await page.getByTestId('start-phi0').inputValue());
    expect(phi0).toBeGreaterThan(0);
    await ready(page, /^step 0 of 21$/);

    // The batch slider: five points a step turns the fixed-step racer into SGD.
    await page.getByTestId('batch-slider').fill('5');
    await expect.poll(() => text(page, 'racer-row-1')).toContain('SGD α = 0.2, B = 5');
    expect(await text(page, 'batch-size')).toBe('5');
    // The library form, rescaled to follow the book: α × |B|.
    await page.getByTestId('form-library').click();
    await expect.poll(() => text(page, 'racer-row-1')).toContain('SGD α = 1, B = 5');
    expect(await text(page, 'update-rules')).toContain('a mean');
    await page.getByTestId('match-book').uncheck();
    await expect.poll(() => text(page, 'racer-row-1')).toContain('SGD α = 0.2, B = 5');
    await ready(page, /^step 0 of 21$/);
    await flatOut(page);
    await play(page);
    await expect.poll(() => statusWord(page), { timeout: 30_000 }).toBe('Done');
    await fullScreenshot(page, 'optimisation-race-library');

    // Fig. 6.9 on the anisotropic bowl: four racers, each for its own count, flat out.
    await page.getByTestId('landscape-select').selectOption('anisotropic-bowl');
    await ready(page, /^step 0 of 200$/);
    expect(await page.getByTestId('racer-table').locator('tbody tr').count()).toBe(4);
    await play(page);
    await expect.poll(() => statusWord(page), { timeout: 30_000 }).toBe('Done');
    expect(await Promise.all([0, 1, 2, 3].map((k) => number(page, `racer-steps-${k}`)))).toEqual([200, 40, 40, 60]);
    // Adam ends near the minimum at (0.7, 0).
    expect(await number(page, 'racer-loss-3')).toBeLessThan(0.01);
    await fullScreenshot(page, 'optimisation-race-adam');
  });

  it('backprop: one value per step, the A.4 values with their formulas, and other inputs', async () => {
    const page = await open('#backprop');
    await ready(page, /^value 0 of 23$/);
    expect(await text(page, 'value-f0')).toBe('…');
    await step(page);
    await expect.poll(() => text(page, 'value-f0')).toBe('1.230');
    expect(await text(page, 'value-h1')).toBe('…');
    await step(page);
    await expect.poll(() => text(page, 'value-h1')).toBe('0.942');
    await screenshot(page, 'optimisation-backprop-step');
    await play(page);
    await expect.poll(() => statusDetail(page), { timeout: 10_000 }).not.toBe('value 2 of 23');
    await pause(page);
    await flatOut(page);
    await play(page);
    await expect.poll(() => statusWord(page), { timeout: 30_000 }).toBe('Done');
    const forward = await Promise.all(['f1', 'h2', 'f2', 'h3', 'f3'].map((n) => text(page, `value-${n}`)));
    expect(forward).toEqual(['1.623', '5.068', '7.137', '0.657', '2.372']);
    const backward = await Promise.all(['df3', 'dh3', 'df2', 'dh2', 'df1', 'dh1', 'df0'].map((n) => text(page, `value-dl-${n}`)));
    expect(backward).toEqual(['0.745', '2.234', '−1.683', '−3.366', '−17.060', '6.824', '2.281']);
    expect(await text(page, 'values-parameter')).toContain('finite difference');
    expect(await page.getByTestId('values-forward').locator('.katex').count()).toBe(8);
    await fullScreenshot(page, 'optimisation-backprop-done');

    // Another input: x = 0 makes f0 = beta0.
    await page.getByTestId('input-x').fill('0');
    await page.getByTestId('input-x').press('Enter');
    await ready(page, /^value 0 of 23$/);
    await step(page);
    await expect.poll(() => text(page, 'value-f0')).toBe('1.000');
    await page.getByTestId('backprop-book-inputs').click();
    await ready(page, /^value 0 of 23$/);
    // A tablet's width: the side column stays beside the stage.
    await page.setViewportSize({ width: 1024, height: 768 });
    await flatOut(page);
    await play(page);
    await expect.poll(() => statusWord(page), { timeout: 30_000 }).toBe('Done');
    await screenshot(page, 'optimisation-backprop-tablet');
  });

  it('initialisation: fig. 7.7’s five variances one per step, and a variance of one’s own', async () => {
    const page = await open('#initialisation');
    await ready(page, /^σ² 0 of 5$/);
    await page.getByTestId('init-empty').waitFor();
    await step(page);
    await expect.poll(() => page.getByTestId('factor-table').locator('tbody tr').count(), { timeout: 20_000 }).toBe(1);
    await play(page);
    await expect.poll(() => statusWord(page), { timeout: 60_000 }).toBe('Done');
    expect(await page.getByTestId('factor-table').locator('tbody tr').count()).toBe(5);
    // He (the third): about 1 per layer forward; 0.1 (the fourth): about 5.
    const factors = await page.getByTestId('forward-factor').allTextContents();
    expect(Number(factors[2])).toBeGreaterThan(0.8);
    expect(Number(factors[2])).toBeLessThan(1.2);
    expect(Number(factors[3])).toBeGreaterThan(3);
    await expect.poll(() => page.getByTestId('forward-chart').locator('canvas').count()).toBeGreaterThan(0);
    await page.getByTestId('variance-slider').fill(String(Math.log10(0.05)));
    await expect.poll(() => page.getByTestId('factor-table').locator('tbody tr').count(), { timeout: 20_000 }).toBe(6);
    expect(await text(page, 'factor-table')).toContain('σ² = 0.05 (yours)');
    await fullScreenshot(page, 'optimisation-initialisation');
  });

  it('implicit regularisation: its tab leads to the generalisation page, which computes it, and so does the old address', async () => {
    const page = await open();
    const tab = page.getByTestId('part-implicit');
    expect(await tab.getAttribute('href')).toBe('/generalisation#implicit');
    await screenshot(page, 'optimisation-tabs');
    await tab.click();
    await page.getByRole('heading', { name: 'Generalisation and regularisation' }).waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).hash).toBe('/generalisation#implicit');
    await page.getByTestId('panel-implicit').getByTestId('implicit-surface').waitFor();
    // A link to the old part opens the generalisation page's.
    await page.goto(new URL('/optimisation#implicit', page.url()).href);
    await page.getByRole('heading', { name: 'Generalisation and regularisation' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#implicit');
  });

});
