/**
 * The generalisation page (module M3) as a person uses it: the bias-variance lab (the fig. 8.9
 * preset finds the optimum at 4 regions; moving the capacity and N changes the bars); the MNIST-1D
 * monitor and the double-descent sweep play, pause and step in the worker; the regulariser bench
 * (L2's slider changes the fit's errors; early stopping plays, pauses, steps and scrubs back; dropout
 * removes the kink; input noise restarts with another sigma; bagging's K changes the ensemble);
 * implicit regularisation's step slider changes the paths. Screenshots go to
 * tests/browser/artifacts/generalisation-*.png.
 */
import { mkdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openPage, type BrowserSession } from './browser';

let session: BrowserSession | undefined;
afterEach(async () => {
  expect(session?.errors ?? []).toEqual([]);
  await session?.close();
  session = undefined;
});

const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}generalisation-${name}.png`, fullPage: true });
}

const text = async (page: Page | Locator, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').trim();
const number = async (page: Page | Locator, testId: string) => Number((await text(page, testId)).replace(/,/g, '').replace('−', '-').replace('%', ''));

async function open(path: string): Promise<Page> {
  session = await openPage(path);
  await session.page.getByRole('heading', { name: 'Generalisation and regularisation' }).waitFor();
  return session.page;
}

const panel = (page: Page, part: string) => page.getByTestId(`panel-${part}`);
const statusWord = (scope: Locator) => scope.locator('.floe-controls .status .word').textContent();

/** Pause, and wait until the worker has stopped too (its last frame shown). */
async function pause(scope: Locator, run: string): Promise<void> {
  await scope.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect.poll(() => statusWord(scope), { timeout: 30_000 }).toBe('Paused');
  await expect.poll(() => scope.getByTestId(run).getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false');
}

async function ready(scope: Locator): Promise<void> {
  await expect.poll(() => statusWord(scope), { timeout: 60_000 }).toBe('Idle');
}

/** Moves a range input by arrow keys (as a keyboard user would). */
async function nudge(slider: Locator, key: 'ArrowRight' | 'ArrowLeft', times = 1): Promise<void> {
  await slider.focus();
  for (let k = 0; k < times; k++) await slider.press(key);
}

describe('generalisation page', () => {
  it('the bias-variance lab: fig. 8.9 finds the optimum at 4; capacity and N move the bars', async () => {
    const page = await open('/generalisation');
    // The chapters menu names the page it is on.
    expect(await text(page, 'chapters-menu')).toContain('Generalisation');
    const lab = panel(page, 'bias-variance');
    await lab.getByTestId('bv-samples').getByRole('img').waitFor();
    expect(await text(lab, 'bar-noise')).toBe('0.090');
    await lab.getByTestId('bv-preset-fig-8-9').click();
    await expect.poll(() => text(lab, 'bv-capacity')).toBe('4');
    expect(await text(lab, 'bv-readout-best')).toBe('4');
    const variance4 = await number(lab, 'bar-variance');
    const bias4 = await number(lab, 'bar-bias');
    await shot(page, 'bias-variance');
    // More capacity: more variance, less bias (fig. 8.7).
    await nudge(lab.getByTestId('bv-capacity-slider'), 'ArrowRight', 6);
    await expect.poll(() => text(lab, 'bv-capacity')).toBe('10');
    expect(await number(lab, 'bar-variance')).toBeGreaterThan(variance4);
    expect(await number(lab, 'bar-bias')).toBeLessThan(bias4 + 1e-9);
    // More data: less variance (fig. 8.6).
    const variance10 = await number(lab, 'bar-variance');
    await lab.getByTestId('bv-points-100').click();
    await expect.poll(() => number(lab, 'bar-variance')).toBeLessThan(variance10 / 3);
    await lab.getByTestId('bv-points-6').click();
    await shot(page, 'bias-variance-6-points');
  });

  it('the MNIST-1D monitor trains the book’s MLP in the worker: Play, Pause, Step; the SGD form is stated', async () => {
    const page = await open('/generalisation#mnist1d');
    const monitor = panel(page, 'mnist1d');
    await monitor.getByTestId('monitor-run-backend-select').selectOption('wasm');
    await expect.poll(() => text(monitor, 'monitor-run-backend'), { timeout: 60_000 }).toBe('backend: wasm');
    await ready(monitor);
    expect(await text(monitor, 'monitor-sgd')).toContain('α = 0.1 / 100 = 0.001');
    await monitor.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => number(monitor, 'monitor-step'), { timeout: 90_000 }).toBeGreaterThan(150);
    await pause(monitor, 'monitor-run');
    const before = await number(monitor, 'monitor-step');
    await monitor.getByRole('button', { name: /^Step one/ }).click();
    await expect.poll(() => number(monitor, 'monitor-step')).toBe(before + 1);
    // The curves have data: the test error is a percentage below chance (90%) after 150 steps.
    const testError = await number(monitor, 'monitor-test-error');
    expect(testError).toBeGreaterThan(0);
    expect(testError).toBeLessThan(90);
    expect(await monitor.getByTestId('monitor-error-chart').locator('canvas').count()).toBeGreaterThan(0);
    await monitor.getByTestId('monitor-weights').waitFor();
    await shot(page, 'mnist1d');
    // The library form restarts the run and says so.
    await monitor.getByTestId('monitor-form-library').click();
    await expect.poll(() => text(monitor, 'monitor-sgd')).toContain('averaged over each batch of 100');
    await expect.poll(() => text(monitor, 'monitor-step'), { timeout: 30_000 }).toBe('0');
  });

  it('double descent: the coarse sweep plays in the worker, pauses, steps, and plots the first networks', async () => {
    const page = await open('/generalisation#double-descent');
    const dd = panel(page, 'double-descent');
    await dd.getByTestId('dd-run-backend-select').selectOption('wasm');
    await expect.poll(() => text(dd, 'dd-run-backend'), { timeout: 60_000 }).toBe('backend: wasm');
    await ready(dd);
    expect(await text(dd, 'dd-setup')).toContain('2,000 training and 1,000 test sequences');
    await dd.getByRole('button', { name: 'Play', exact: true }).click();
    // Two networks (width 4 clean and noisy) measured.
    await expect.poll(() => dd.getByTestId('dd-table').locator('tbody tr').count(), { timeout: 110_000 }).toBeGreaterThan(0);
    await expect.poll(() => dd.locator('.status').textContent(), { timeout: 60_000 }).toContain('network 3 of 24');
    await pause(dd, 'dd-run');
    const stepOf = async () => Number(/step (\d+) of 1,000/.exec(await text(dd, 'dd-current'))?.[1]);
    const step = await stepOf();
    expect(await text(dd, 'dd-current')).toContain('Training width 8 with 0% label noise');
    await dd.getByRole('button', { name: /^Step one/ }).click();
    await expect.poll(stepOf).toBeGreaterThan(step);
    expect(await dd.getByTestId('dd-plot').locator('circle').count()).toBeGreaterThan(1);
    await shot(page, 'double-descent');
  });

  it('the regulariser bench: L2, early stopping (play, pause, step, scrub), dropout, input noise and bagging', async () => {
    const page = await open('/generalisation#regularisers');
    const bench = panel(page, 'regularisers');
    // L2: the slider moves lambda and the errors.
    const test = await text(bench, 'l2-test');
    const lambda = await text(bench, 'l2-lambda');
    await nudge(bench.getByTestId('l2-slider'), 'ArrowLeft', 20);
    await expect.poll(() => text(bench, 'l2-lambda')).not.toBe(lambda);
    expect(await text(bench, 'l2-test')).not.toBe(test);
    await bench.getByTestId('l2-preset-smooth').click();
    await expect.poll(() => text(bench, 'l2-lambda')).toBe('3.2e-3');
    await shot(page, 'l2');

    // Early stopping trains in the worker.
    await bench.getByTestId('tool-early-stopping').click();
    await ready(bench);
    await bench.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => number(bench, 'trained-step'), { timeout: 60_000 }).toBeGreaterThan(5000);
    await pause(bench, 'trained-run');
    const before = await number(bench, 'trained-step');
    await bench.getByRole('button', { name: /^Step one/ }).click();
    await expect.poll(() => number(bench, 'trained-step')).toBe(before + 1);
    expect(await text(bench, 'trained-description')).toContain('batches of 5), α = 0.05');
    // Scrub back to an early checkpoint: the step shown and the fit change.
    const drawnNow = await bench.getByTestId('trained-fit').getByRole('img').innerHTML();
    await nudge(bench.getByTestId('es-scrub'), 'ArrowLeft', 25);
    await expect.poll(() => number(bench, 'es-scrub-step')).toBeLessThan(before);
    expect(await number(bench, 'trained-step')).toBe(await number(bench, 'es-scrub-step'));
    expect(await bench.getByTestId('trained-fit').getByRole('img').innerHTML()).not.toBe(drawnNow);
    await bench.getByTestId('es-best').click();
    await expect.poll(() => text(bench, 'trained-test')).toBe((await text(bench, 'trained-best')).split(' at ')[0]);
    await shot(page, 'early-stopping');

    // Dropout: run its 2,000 steps; the kink goes.
    await bench.getByTestId('tool-dropout').click();
    await ready(bench);
    await expect.poll(() => text(bench, 'trained-description'), { timeout: 30_000 }).toContain('removes one of the kink');
    await bench.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => statusWord(bench), { timeout: 60_000 }).toBe('Done');
    expect(await number(bench, 'trained-step')).toBe(2000);
    expect(await number(bench, 'trained-train')).toBeLessThan(0.01);
    await shot(page, 'dropout');

    // Input noise: a new sigma restarts the run.
    await bench.getByTestId('tool-input-noise').click();
    await ready(bench);
    await nudge(bench.getByTestId('noise-slider'), 'ArrowRight', 5);
    await expect.poll(() => text(bench, 'noise-sigma')).toBe('0.10');
    await expect.poll(() => text(bench, 'trained-description')).toContain('Norm[0, 0.1²]');
    await ready(bench);
    await bench.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => number(bench, 'trained-step'), { timeout: 60_000 }).toBeGreaterThan(3000);
    await shot(page, 'input-noise');

    // Bagging: more models, a new ensemble error.
    await bench.getByTestId('tool-bagging').click();
    const error4 = await text(bench, 'bagging-ensemble-error');
    await nudge(bench.getByTestId('bagging-slider'), 'ArrowRight', 6);
    await expect.poll(() => text(bench, 'bagging-models')).toBe('10');
    expect(await text(bench, 'bagging-ensemble-error')).not.toBe(error4);
    await bench.getByTestId('bench-new-data').click();
    await expect.poll(() => text(bench, 'bench-data-seed')).toBe('3');
    await shot(page, 'bagging');
  });

  it('implicit regularisation: the step slider walks the paths; gradient descent stays near the flow of the modified loss', async () => {
    const page = await open('/generalisation#implicit');
    const implicit = panel(page, 'implicit');
    await implicit.getByTestId('implicit-surface').getByRole('img').first().waitFor();
    expect(await text(implicit, 'implicit-step')).toBe('100 of 100');
    expect(await number(implicit, 'implicit-gap-modified')).toBeLessThan((await number(implicit, 'implicit-gap-flow')) / 4);
    const end = await text(implicit, 'implicit-discrete');
    await nudge(implicit.getByTestId('implicit-step-slider'), 'ArrowLeft', 60);
    await expect.poll(() => text(implicit, 'implicit-step')).toBe('40 of 100');
    expect(await text(implicit, 'implicit-discrete')).not.toBe(end);
    await implicit.getByTestId('implicit-surface-modified').click();
    await shot(page, 'implicit');
    // A tablet's width: the side column goes under the plots.
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByTestId('part-bias-variance').click();
    await page.waitForTimeout(300);
    await shot(page, 'tablet');
  });
});
