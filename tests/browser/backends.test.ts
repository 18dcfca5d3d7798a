/**
 * The /backends page: run the checks on webgpu (SwiftShader here, no real GPU) and cpu only, to
 * keep it short; webgpu must start, give updates/s for both networks and decision-transformer
 * training steps/s, and match cpu on the seeded DQN. Screenshot: tests/browser/artifacts/backends.png.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openPage, screenshot, type BrowserSession } from './browser';

let session: BrowserSession | undefined;
afterEach(async () => {
  expect(session?.errors ?? []).toEqual([]);
  await session?.close();
  session = undefined;
});

const MEASURED = ['webgpu', 'cpu'] as const;
const RATES = ['mlp-floe', 'mlp-bare', 'conv-floe', 'conv-bare', 'dt-floe', 'mnist1d-floe', 'mnist1d-bare'] as const;

describe('Backends page', () => {
  it('webgpu starts, trains both networks, the decision transformer and the MNIST-1D MLP, and matches cpu on a seeded DQN', async () => {
    session = await openPage('/backends');
    const { page } = session;
    await expect(page.getByRole('link', { name: 'Backends' }).getAttribute('aria-current')).resolves.toBe('page');
    await expect.poll(() => page.getByTestId('default-backend').textContent(), { timeout: 20_000 }).toMatch(/default: (webgpu|webgl|wasm|cpu)/);

    await page.getByTestId('select-webgl').uncheck();
    await page.getByTestId('select-wasm').uncheck();
    await page.getByTestId('run-checks').click();
    await expect.poll(() => page.getByTestId('run-checks').isDisabled()).toBe(true);
    // The decision transformer's steps take seconds each on cpu and on SwiftShader's webgpu.
    await expect.poll(() => page.getByTestId('run-checks').isEnabled(), { timeout: 200_000, interval: 500 }).toBe(true);

    await screenshot(page, 'backends');
    console.log(await page.getByTestId('results').innerText());
    for (const b of MEASURED) {
      await expect(page.getByTestId(`init-${b}`).getAttribute('data-ok')).resolves.toBe('true');
      for (const key of RATES) {
        const value = Number(await page.getByTestId(`rate-${b}-${key}`).getAttribute('data-value'));
        expect(value, `${b} ${key} updates/s`).toBeGreaterThan(0);
      }
    }
    await expect(page.getByTestId('parity-webgpu').getAttribute('data-pass')).resolves.toBe('true');
    await expect(page.getByTestId('parity-cpu').textContent()).resolves.toContain('reference');
    // A slow rate still reads as a number, not as 0.
    expect(Number(await page.getByTestId('rate-cpu-dt-floe').textContent())).toBeGreaterThan(0);
    // Not selected: left empty.
    expect((await page.getByTestId('init-webgl').textContent())?.trim()).toBe('');
  }, 240_000);
});
