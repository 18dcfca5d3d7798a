/**
 * The CartPole page as a person plays it: arrows push the cart, the numbers follow, the pole
 * falls, Enter starts the next episode. Screenshots go to tests/browser/artifacts/cartpole-*.png.
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

async function openCartPole(path = '/cartpole', viewport?: { width: number; height: number }): Promise<Page> {
  session = await openPage(path, viewport);
  await session.page.getByTestId('cartpole-view').locator('canvas').waitFor();
  return session.page;
}

const number = async (page: Page, testId: string) => Number(await page.getByTestId(testId).textContent());
const readout = async (page: Page, id: string) => Number(await page.getByTestId(`readout-${id}`).getAttribute('data-value'));

describe('CartPole page', () => {
  it('the arrow keys push the cart; the pole falls; Enter starts the next episode', async () => {
    const page = await openCartPole();
    await expect(page.getByRole('link', { name: 'CartPole' }).getAttribute('aria-current')).resolves.toBe('page');
    await expect(page.getByRole('link', { name: 'Gridworld' }).getAttribute('aria-current')).resolves.toBeNull();
    await expect(page.getByTestId('overlay').textContent()).resolves.toContain('Press ← or →');
    expect(await number(page, 'episode')).toBe(1);
    expect(await number(page, 'steps')).toBe(0);
    const x0 = await readout(page, 'x');
    await screenshot(page, 'cartpole-ready');

    // One push right, then pause at once: the arrow shows which way it pushes.
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('p');
    await expect(page.getByTestId('overlay').textContent()).resolves.toContain('Paused');
    await screenshot(page, 'cartpole-paused');
    const pausedSteps = await number(page, 'steps');
    await page.waitForTimeout(300);
    expect(await number(page, 'steps')).toBe(pausedSteps); // paused means paused

    // Hold → (the last arrow keeps pushing anyway): the cart runs right until the pole falls left.
    await page.keyboard.press('p');
    await page.keyboard.down('ArrowRight');
    await expect.poll(() => page.getByTestId('end-reason').textContent(), { timeout: 10_000 }).toMatch(/pole fell|left the track/);
    await page.keyboard.up('ArrowRight');
    const steps = await number(page, 'steps');
    expect(steps).toBeGreaterThan(pausedSteps);
    expect(await readout(page, 'x')).toBeGreaterThan(x0);
    expect(await readout(page, 'theta')).toBeLessThan(0); // pushed right, the pole tips left
    expect(await number(page, 'return')).toBe(steps);
    expect(await number(page, 'best')).toBe(steps);
    await expect(page.getByTestId('history').locator('tbody tr').count()).resolves.toBe(1);
    await screenshot(page, 'cartpole-fallen');

    // Arrows do nothing once it is over; Enter starts episode 2 from a fresh seeded state.
    await page.keyboard.press('ArrowLeft');
    expect(await number(page, 'steps')).toBe(steps);
    await page.keyboard.press('Enter');
    await expect.poll(() => number(page, 'episode')).toBe(2);
    expect(await number(page, 'steps')).toBe(0);
    expect(await number(page, 'return')).toBe(0);
    expect(await number(page, 'best')).toBe(steps);
    await expect(page.getByTestId('overlay').textContent()).resolves.toContain('Press ← or →');

    // The Reset button ends a running episode too, and it is listed.
    // Both clicks in one task: pushed left the pole falls within 200 ms, which a loaded machine
    // can take between two separate clicks.
    await page.evaluate(() => {
      for (const id of ['push-left', 'reset']) (document.querySelector(`[data-testid="${id}"]`) as HTMLButtonElement).click();
    });
    await expect.poll(() => number(page, 'episode')).toBe(3);
    await expect(page.getByTestId('history').locator('tbody tr').count()).resolves.toBe(2);
    await expect(page.getByTestId('history').textContent()).resolves.toContain('reset');
    await screenshot(page, 'cartpole-next-episode');
  });

  it('shortcuts stay quiet while typing a seed; a new seed restarts at episode 1', async () => {
    const page = await openCartPole();
    const seed = page.getByTestId('game-seed');
    await seed.fill('42');
    await seed.press('ArrowRight');
    await seed.press('p');
    await seed.press('Enter');
    await expect.poll(() => page.locator('.controller').textContent()).toContain('seed 42');
    await page.waitForTimeout(200);
    expect(await number(page, 'steps')).toBe(0);
    expect(await number(page, 'episode')).toBe(1);
    await expect(page.getByTestId('overlay').textContent()).resolves.toContain('Press');

    await seed.fill('-3');
    await seed.press('Enter');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('seed');
    await expect(seed.inputValue()).resolves.toBe('42');
  });

  it('the nav links the pages, and the page fits a tablet', async () => {
    session = await openPage('/');
    const { page } = session;
    await page.getByTestId('grid-view').locator('canvas').waitFor();
    await expect(page.getByRole('link', { name: 'Gridworld' }).getAttribute('aria-current')).resolves.toBe('page');
    await page.getByRole('link', { name: 'CartPole' }).click();
    await page.getByTestId('cartpole-view').locator('canvas').waitFor();
    expect(new URL(page.url()).pathname).toBe('/cartpole');
    await session.close();

    const tablet = await openCartPole('/cartpole', { width: 820, height: 1180 });
    await tablet.getByTestId('push-right').dispatchEvent('pointerdown');
    await expect.poll(() => number(tablet, 'steps')).toBeGreaterThan(3);
    await tablet.keyboard.press('p');
    await screenshot(tablet, 'cartpole-tablet');
  });
});
