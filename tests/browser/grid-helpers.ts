/** What a person does on the gridworld page, as test steps. */
import { afterEach, beforeEach, expect } from 'vitest';
import { openPage, type BrowserSession } from './browser';
import type { Page } from 'playwright-core';

/** Click the middle of a cell on the canvas (the renderer centres the grid in its host). */
export async function clickCell(page: Page, cell: number, rows: number, cols: number): Promise<void> {
  const box = await page.getByTestId('grid-view').boundingBox();
  if (!box) throw new Error('grid view is not visible');
  const padding = 6;
  const size = Math.floor(Math.min((box.width - 2 * padding) / cols, (box.height - 2 * padding) / rows));
  const row = Math.floor(cell / cols);
  const col = cell % cols;
  const x = box.x + box.width / 2 + (col - cols / 2 + 0.5) * size;
  const y = box.y + box.height / 2 + (row - rows / 2 + 0.5) * size;
  await page.mouse.click(x, y);
}

/** The text of each cell of the values table, row-major: "value arrows". */
export async function readValuesTable(page: Page): Promise<string[]> {
  const cells = page.getByTestId('values-table').locator('td');
  const texts = await cells.allTextContents();
  return texts.map((t) => t.replace(/\[\d+\]/, '').trim());
}

export async function waitForCanvas(page: Page): Promise<void> {
  await page.getByTestId('grid-view').locator('canvas').waitFor();
}

/**
 * A fresh gridworld page for every test of the file, closed after it, with no console or page
 * errors allowed. Returns a getter for the current test's session.
 */
export function useGridworldPage(): () => BrowserSession {
  let session: BrowserSession | undefined;
  beforeEach(async () => {
    session = await openPage('/');
    await waitForCanvas(session.page);
  });
  afterEach(async () => {
    expect(session?.errors ?? []).toEqual([]);
    await session?.close();
    session = undefined;
  });
  return () => {
    if (!session) throw new Error('no gridworld page open: call inside a test');
    return session;
  };
}
