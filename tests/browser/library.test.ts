/**
 * The library page (/library): import a world file made here, rename it, duplicate it, find both
 * after a reload, export them in one archive (and the selected one in another, imported back),
 * refuse a damaged and a future-version file with one message each (nothing changes), delete. Screenshots go to tests/browser/artifacts/library-*.png.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld/presets';
import { openPage, screenshot, type BrowserSession } from './browser';

let session: BrowserSession | undefined;
afterEach(async () => {
  expect(session?.errors ?? []).toEqual([]);
  await session?.close();
  session = undefined;
});

const names = (page: Page) => page.getByTestId('library-row').evaluateAll((rows) => rows.map((row) => row.querySelector('[data-testid="row-name"]')?.textContent?.trim() ?? ''));
const row = (page: Page, name: string) => page.getByTestId('library-row').filter({ has: page.getByTestId('row-name').getByText(name, { exact: true }) });

function worldFileText(name: string): string {
  const preset = Object.values(GRIDWORLD_PRESETS)[0];
  return JSON.stringify({ format: 'floe-world', version: 1, spec: { ...preset.spec, name } });
}

async function importText(page: Page, fileName: string, text: string): Promise<void> {
  await page.getByTestId('import-file').setInputFiles({ name: fileName, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
}

describe('library page', () => {
  it('import, rename, duplicate, reload, export, refuse a damaged file, delete', async () => {
    session = await openPage('/library');
    const page = session.page;
    await page.getByTestId('library-empty').waitFor();
    await expect(page.title()).resolves.toBe('Library · Floe');

    // Import a world file: listed under its own name, as a world.
    const world = worldFileText('Test pond');
    await importText(page, 'test-pond.json', world);
    await row(page, 'Test pond').waitFor();
    await expect(page.getByTestId('library-notice').textContent()).resolves.toBe('Added "Test pond" (world) from test-pond.json.');
    await expect(row(page, 'Test pond').getByTestId('row-kind').textContent()).resolves.toBe('World');
    const size = Number(await row(page, 'Test pond').getByTestId('row-size').getAttribute('data-value'));
    expect(size).toBeGreaterThan(100);

    // Rename in place.
    await row(page, 'Test pond').getByTestId('row-rename').click();
    await page.getByTestId('rename-input').fill('Pond, renamed');
    await page.getByTestId('rename-save').click();
    await row(page, 'Pond, renamed').waitFor();
    await expect(page.getByTestId('rename-input').count()).resolves.toBe(0);

    // Duplicate.
    await row(page, 'Pond, renamed').getByTestId('row-duplicate').click();
    await row(page, 'Pond, renamed (copy)').waitFor();

    // Both are still there after a reload.
    await page.reload();
    await expect.poll(() => names(page)).toEqual(['Pond, renamed (copy)', 'Pond, renamed']);

    // The kind filter: no runs, then every item again.
    await page.getByTestId('kind-filter').selectOption('run');
    await page.getByTestId('library-empty').waitFor();
    await page.getByTestId('kind-filter').selectOption('world');
    await expect.poll(() => names(page)).toEqual(['Pond, renamed (copy)', 'Pond, renamed']);
    await page.getByTestId('kind-filter').selectOption('all');

    // Export all: one archive listing both, documents included.
    await expect(page.getByTestId('export').textContent()).resolves.toContain('Export all');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    expect(download.suggestedFilename()).toMatch(/^floe-library-\d{4}-\d{2}-\d{2}\.json$/);
    const archive = JSON.parse(readFileSync(await download.path(), 'utf8')) as { format: string; version: number; items: { kind: string; name: string; document: { format: string; spec: { name: string } } }[] };
    expect(archive.format).toBe('floe-archive');
    expect(archive.version).toBe(1);
    expect(archive.items.map((item) => item.name).sort()).toEqual(['Pond, renamed', 'Pond, renamed (copy)']);
    for (const item of archive.items) {
      expect(item.kind).toBe('world');
      expect(item.document.format).toBe('floe-world');
      expect(item.document.spec.name).toBe('Test pond');
    }

    // One item downloaded on its own is its document.
    const [single] = await Promise.all([page.waitForEvent('download'), row(page, 'Pond, renamed').getByTestId('row-download').click()]);
    expect(single.suggestedFilename()).toBe('pond-renamed.json');
    expect(JSON.parse(readFileSync(await single.path(), 'utf8'))).toEqual(JSON.parse(world));

    // A damaged (truncated) file: one message, nothing changes.
    await importText(page, 'damaged.json', world.slice(0, Math.floor(world.length / 2)));
    await page.getByTestId('library-message').waitFor();
    await expect(page.getByTestId('library-message').count()).resolves.toBe(1);
    await expect(page.getByTestId('library-message').textContent()).resolves.toMatch(/^damaged\.json was not imported \(nothing in the library changed\): .+/);
    await expect(names(page)).resolves.toEqual(['Pond, renamed (copy)', 'Pond, renamed']);
    await screenshot(page, 'library-refused');

    // A file from a future version: one message naming the version, nothing changes.
    await importText(page, 'future.json', world.replace('"version":1,', '"version":99,'));
    await expect.poll(() => page.getByTestId('library-message').textContent()).toMatch(/^future\.json was not imported \(nothing in the library changed\): .*version/);
    await expect(names(page)).resolves.toEqual(['Pond, renamed (copy)', 'Pond, renamed']);

    // Export the selected item only, then import the archive back: its item is added.
    await row(page, 'Pond, renamed (copy)').getByTestId('row-select').check();
    await expect(page.getByTestId('export').textContent()).resolves.toContain('Export selected (1)');
    const [selectedDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    const selectedText = readFileSync(await selectedDownload.path(), 'utf8');
    expect((JSON.parse(selectedText) as { items: { name: string }[] }).items.map((item) => item.name)).toEqual(['Pond, renamed (copy)']);
    await importText(page, 'selected.json', selectedText);
    await expect.poll(() => names(page)).toEqual(['Pond, renamed (copy)', 'Pond, renamed (copy)', 'Pond, renamed']);
    await expect(page.getByTestId('library-notice').textContent()).resolves.toBe('Added "Pond, renamed (copy)" (world) from selected.json.');

    // Delete one.
    await page.getByTestId('library-row').first().getByTestId('row-delete').click();
    await expect.poll(() => names(page)).toEqual(['Pond, renamed (copy)', 'Pond, renamed']);
    await row(page, 'Pond, renamed (copy)').getByTestId('row-delete').click();
    await expect.poll(() => names(page)).toEqual(['Pond, renamed']);
    // Undo puts the last deleted item back, with its name and date.
    await page.getByTestId('undo-delete').click();
    await expect.poll(() => names(page)).toEqual(['Pond, renamed (copy)', 'Pond, renamed']);
    await expect(page.getByTestId('library-notice').textContent()).resolves.toBe('Restored "Pond, renamed (copy)".');
    await row(page, 'Pond, renamed (copy)').getByTestId('row-delete').click();
    await expect.poll(() => names(page)).toEqual(['Pond, renamed']);
    await expect(page.getByTestId('library-message').count()).resolves.toBe(0);
    await screenshot(page, 'library-list');
  });
});
