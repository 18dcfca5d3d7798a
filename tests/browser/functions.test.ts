/**
 * The functions page (module M1) as a person uses it: the regression line at the notebooks' start
 * shows L = 12.367, dragging it changes the loss shown, gradient descent plays, pauses and steps in
 * the worker; the shallow network counts its regions (4, and 7 with two inputs), composition
 * makes 9 and 13, the calculator gives 471 parameters and 161,051 regions; the loss lab trains a
 * head and its NLL falls. Screenshots go to tests/browser/artifacts/functions-*.png.
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

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())?.trim() ?? '';
const number = async (page: Page, testId: string) => Number((await text(page, testId)).replace(/,/g, '').replace('−', '-'));
const statusWord = (page: Page) => page.locator('.floe-controls .status .word').textContent();

async function open(path: string, viewport?: { width: number; height: number }): Promise<Page> {
  session = await openPage(path, viewport);
  await session.page.getByRole('heading', { name: 'Functions and losses' }).waitFor();
  return session.page;
}

const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;

/** The whole page, below the fold too (the shared helper takes the viewport). */
async function fullScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}

/** Waits until the worker has built the session (the controls leave "Setting up"). */
async function ready(page: Page): Promise<void> {
  await expect.poll(() => statusWord(page), { timeout: 60_000 }).toBe('Idle');
}

/** The number in `testId` once it has stopped changing (the worker's last frame after a pause has arrived). */
async function settled(page: Page, testId: string): Promise<number> {
  let last = Number.NaN;
  await expect
    .poll(async () => {
      const previous = last;
      last = await number(page, testId);
      await page.waitForTimeout(250);
      return last === previous && last === (await number(page, testId));
    })
    .toBe(true);
  return last;
}

/** Presses the pointer on an element's centre and drags it by (dx, dy) pixels. */
async function drag(page: Page, testId: string, dx: number, dy: number): Promise<void> {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} is not on screen`);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 6 });
  await page.mouse.up();
}

describe('functions page', () => {
  it('linear regression: 12.367 at the start; dragging changes the loss; Play trains, Pause stops, Step steps', async () => {
    const page = await open('/functions');
    // The top bar's chapters menu names this page, and its link is the current one.
    await expect(page.getByTestId('chapters-menu').textContent()).resolves.toContain('Functions');
    await page.getByTestId('chapters-menu').click();
    await expect(page.getByRole('link', { name: /^Functions/ }).getAttribute('aria-current')).resolves.toBe('page');
    await page.keyboard.press('Escape');
    expect(await text(page, 'linear-loss')).toBe('12.367');
    expect(await text(page, 'phi0')).toBe('0.600');
    expect(await text(page, 'phi1')).toBe('−0.200');
    await ready(page);
    await screenshot(page, 'functions-linear-start');

    // Drag the line's right end up: the slope and the loss change.
    await drag(page, 'regression-plot-handle-right', 0, -90);
    await expect.poll(() => text(page, 'linear-loss')).not.toBe('12.367');
    const dragged = await number(page, 'linear-loss');
    expect(await number(page, 'phi1')).toBeGreaterThan(-0.2);
    // The run restarts from where the line was left.
    await ready(page);
    expect(await number(page, 'readout-steps')).toBe(0);

    // Play: gradient descent runs in the worker and the loss falls.
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => number(page, 'readout-steps'), { timeout: 30_000 }).toBeGreaterThan(5);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect.poll(() => statusWord(page)).toBe('Paused');
    const paused = await settled(page, 'readout-steps');
    expect(await number(page, 'linear-loss')).toBeLessThan(dragged);
    await page.waitForTimeout(500);
    expect(await number(page, 'readout-steps')).toBe(paused); // paused means paused

    // Step: exactly one more update.
    await page.getByRole('button', { name: /^Step one/ }).click();
    await expect.poll(() => number(page, 'readout-steps')).toBe(paused + 1);
    await screenshot(page, 'functions-linear-trained');

    // The point on the loss surface moves with the arrow keys; the loss shown follows.
    const before = await text(page, 'linear-loss');
    await page.getByTestId('loss-surface-point').focus();
    await page.keyboard.press('Shift+ArrowUp');
    await expect.poll(() => text(page, 'linear-loss')).not.toBe(before);

    // The closed-form optimum: L = 0.200 (fig. 2.2d).
    await page.getByTestId('start-optimum').click();
    await expect.poll(() => text(page, 'linear-loss')).toBe('0.200');
  });

  it('shallow networks: 4 regions for fig. 3.3, none with tanh, 7 with two inputs', async () => {
    const page = await open('/functions#shallow');
    await expect.poll(() => text(page, 'region-count')).toBe('4');
    expect(await text(page, 'region-count-2d')).toBe('7');
    await expect(page.getByTestId('regions-table').locator('tbody tr').count()).resolves.toBe(4);
    await screenshot(page, 'functions-shallow');
    await fullScreenshot(page, 'functions-shallow-full');

    await page.getByTestId('activation').selectOption('tanh');
    await expect.poll(() => text(page, 'region-count')).toBe('no linear regions');
    await page.getByTestId('activation').selectOption('relu');
    // Moving theta_10 moves unit 1's joint; at theta_10 = 0.5 it leaves [0, 2] (x = -1.25): 3 regions.
    await page.getByTestId('parameter-4').fill('0.5');
    await expect.poll(() => text(page, 'region-count')).toBe('3');
    await page.getByTestId('reset-fig-3-3').click();
    await expect.poll(() => text(page, 'region-count')).toBe('4');
  });

  it('depth: 3 x 3 = 9 regions, 13 with two inputs; the calculator gives 471 parameters and 161,051 regions', async () => {
    const page = await open('/functions#depth');
    expect(await text(page, 'regions-network-1')).toBe('3');
    expect(await text(page, 'regions-network-2')).toBe('3');
    expect(await text(page, 'regions-composition')).toBe('9');
    expect(await text(page, 'regions-composition-2d')).toBe('13');
    expect(await text(page, 'parameter-count')).toBe('471');
    expect(await text(page, 'max-regions')).toBe('161,051');
    await page.getByTestId('region-preset').selectOption('fig-4-7b');
    await expect.poll(() => text(page, 'parameter-count')).toBe('10,801');
    expect(await text(page, 'max-regions')).toBe('1.80 × 1041');
    await page.getByTestId('shape-layers').fill('0');
    await expect.poll(() => page.getByTestId('calculator-error').textContent()).toContain('hidden layers (K) must be a whole number');
    await page.getByTestId('shape-layers').fill('5');
    await screenshot(page, 'functions-depth');
    await fullScreenshot(page, 'functions-depth-full');
  });

  it('loss lab: the heteroscedastic head trains and its NLL falls; pause and step; another head restarts', async () => {
    const page = await open('/functions#losses');
    await ready(page);
    await page.getByTestId('lab-nll').waitFor();
    const start = await number(page, 'lab-nll');
    expect(await number(page, 'lab-steps')).toBe(0);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => number(page, 'lab-steps'), { timeout: 30_000 }).toBeGreaterThan(300);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect.poll(() => statusWord(page)).toBe('Paused');
    const steps = await settled(page, 'lab-steps');
    expect(await number(page, 'lab-nll')).toBeLessThan(start * 0.5);
    await page.getByRole('button', { name: /^Step one/ }).click();
    await expect.poll(() => number(page, 'lab-steps')).toBe(steps + 1);
    await screenshot(page, 'functions-losses-heteroscedastic');
    // The weights as a matrix: bias, slope and two outputs for each of 12 hidden units.
    await expect(page.getByTestId('lab-weights').locator('svg[role="img"] g rect').count()).resolves.toBe(12 * 4);
    await fullScreenshot(page, 'functions-losses-heteroscedastic-full');

    // A new head is a new run: back to step 0 on its own data.
    await page.getByTestId('lab-head').selectOption('mixture');
    await ready(page);
    await expect.poll(() => number(page, 'lab-steps')).toBe(0);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => number(page, 'lab-steps'), { timeout: 30_000 }).toBeGreaterThan(1500);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await screenshot(page, 'functions-losses-mixture');

    // A bad learning rate is refused with one message; the run is untouched.
    await page.getByTestId('lab-learningRate').fill('2');
    await page.getByTestId('lab-learningRate').press('Enter');
    await expect.poll(() => page.getByTestId('lab-error').textContent()).toContain('learning rate α must be a number');
  });

  it('fits a tablet', async () => {
    const page = await open('/functions#losses', { width: 820, height: 1180 });
    await ready(page);
    await page.getByTestId('lab-head').selectOption('softmax');
    await ready(page);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => number(page, 'lab-steps'), { timeout: 30_000 }).toBeGreaterThan(500);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    // Nothing of the page's own is wider than the screen.
    await page.evaluate(() => window.scrollTo(0, 0));
    const widest = await page.evaluate(() => Math.max(...[...document.querySelectorAll('main *')].map((e) => e.getBoundingClientRect().right)));
    expect(widest).toBeLessThanOrEqual(820);
    await fullScreenshot(page, 'functions-tablet-softmax');
  });
});
