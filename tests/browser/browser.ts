/** Launch Debian's Chromium for a test: a fresh profile, the toolchain notes' flags, no network. */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';

const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;

export interface BrowserSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught page errors seen so far. */
  readonly errors: string[];
  close(): Promise<void>;
}

export async function openPage(path: string, viewport = { width: 1400, height: 900 }): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'floe-chromium-'));
  // WebGL and WebGPU run on SwiftShader here (no GPU). Page rasterisation stays on the CPU raster
  // threads: through SwiftShader it saturates the GPU process and starves the page (seconds of
  // event-loop lag while training draws at 15-30 frames a second).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport,
    args: [
      '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader',
      '--use-angle=swiftshader', '--disable-gpu-rasterization', '--disable-accelerated-2d-canvas',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  await page.goto(inject('baseUrl') + path);
  return {
    context, page, errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const DOCS = new URL('../../docs/', import.meta.url).pathname;

/**
 * Save a screenshot under tests/browser/artifacts/ (git-ignored) and return its path. With
 * `docsName`, and FLOE_UPDATE_DOCS=1 in the environment, the same picture also goes to docs/
 * (the README's screenshot comes from here).
 */
export async function screenshot(page: Page, name: string, docsName?: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  if (docsName && process.env.FLOE_UPDATE_DOCS === '1') {
    mkdirSync(DOCS, { recursive: true });
    await page.screenshot({ path: join(DOCS, docsName), fullPage: true });
  }
  return path;
}
