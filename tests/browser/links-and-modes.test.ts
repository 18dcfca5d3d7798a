/** Links reproduce the page; hostile links are refused; Markov (reward) processes sample returns. */
import { afterEach, describe, expect, it } from 'vitest';
import { openPage, screenshot, type BrowserSession } from './browser';
import { waitForCanvas } from './grid-helpers';

let session: BrowserSession | undefined;
afterEach(async () => {
  expect(session?.errors ?? []).toEqual([]);
  await session?.close();
  session = undefined;
});

describe('links', () => {
  it('a link opens the same world, agent and seed', async () => {
    session = await openPage('/');
    const { page } = session;
    await waitForCanvas(page);
    await page.getByTestId('preset-select').selectOption('frozen-lake-8x8');
    await page.getByTestId('agent-select').selectOption('sarsa');
    await page.getByTestId('seed').fill('42');
    await page.getByTestId('seed').press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#s=/);
    const hash = await page.evaluate(() => location.hash);
    await session.close();

    session = await openPage('/' + hash);
    const reopened = session.page;
    await waitForCanvas(reopened);
    await expect(reopened.getByTestId('preset-select').inputValue()).resolves.toBe('frozen-lake-8x8');
    await expect(reopened.getByTestId('agent-select').inputValue()).resolves.toBe('sarsa');
    await expect(reopened.getByTestId('seed').inputValue()).resolves.toBe('42');
    await screenshot(reopened, 'link-frozen-lake-8x8');
  });

  it('a hostile link gets one message and the default world', async () => {
    // Written as text: an object literal's __proto__ would set a prototype, not a key.
    const payload = Buffer.from('{"v":1,"world":{"__proto__":{"polluted":true}},"agent":"q-learning","options":{},"seed":1}').toString('base64url');
    for (const hash of ['#s=%%%', '#s=' + payload, '#s=' + Buffer.from('{"v":1,"constructor":{}}').toString('base64url')]) {
      session = await openPage('/' + hash);
      const { page } = session;
      await waitForCanvas(page);
      await expect(page.getByTestId('message').textContent()).resolves.toMatch(/link/);
      await expect(page.getByTestId('preset-select').inputValue()).resolves.toBe('fig-19-10');
      expect(await page.evaluate(() => ({} as Record<string, unknown>).polluted)).toBeUndefined();
      await session.close();
      session = undefined;
    }
  });
});

describe('Markov reward process', () => {
  it('samples a trajectory and shows G_t = r_{t+1} + gamma G_{t+1} along it', async () => {
    session = await openPage('/');
    const { page } = session;
    await waitForCanvas(page);
    await page.getByTestId('preset-select').selectOption('fig-19-2-reward-process');
    await page.getByTestId('sample-trajectory').click();
    const rows = await page.getByTestId('trajectory-table').locator('tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThan(3);
    const cells = await page.getByTestId('trajectory-table').locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.textContent))),
    );
    for (let t = 0; t + 1 < cells.length; t++) {
      const [, , reward, g] = cells[t];
      const gNext = cells[t + 1][3];
      expect(g).toBeCloseTo(reward + 0.9 * gNext, 3);
    }
    await screenshot(page, 'reward-process-trajectory');
  });
});
