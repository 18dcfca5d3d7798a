/**
 * The convolution page (/convolution; issue 8, M4): each of its four parts loads; the 1-D
 * playground follows its presets, typed settings, a selected unit and a dragged input; the conv
 * net and the MLP train side by side in the worker (Play, Pause, Step) with their exact parameter
 * counts and answer the shifted input; the 2-D gallery follows the stride and a typed kernel; the
 * residual part's plots follow their sliders and the shattered-gradient networks grow (Play,
 * Pause, Step). Screenshots: tests/browser/artifacts/convolution-*.png.
 */
import { afterEach, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, screenshot, type BrowserSession } from './browser';

let session: BrowserSession | undefined;
afterEach(async () => {
  expect(session?.errors ?? []).toEqual([]);
  await session?.close();
  session = undefined;
});

const text = async (page: Page, testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** The step count in a part's status line ("step 1,234 of 4,000" or "depth 7 of 50"). */
async function counter(page: Page, part: string, word: 'step' | 'depth'): Promise<number> {
  const status = (await page.getByTestId(part).getByRole('group', { name: 'Training controls' }).textContent()) ?? '';
  const match = new RegExp(`${word} ([\\d,]+)`).exec(status);
  return match ? Number(match[1].replace(/,/g, '')) : -1;
}

it('the 1-D playground: presets, typed settings, a selected unit and a dragged input change the matrix, the sizes and the sums', async () => {
  session = await openPage('/convolution');
  const page = session.page;
  await page.getByTestId('conv-diagram').locator('svg').waitFor();
  // Eq. 10.3 on 11 inputs: kernel 3, one zero each side, an 11 x 11 banded matrix.
  expect(await text(page, 'matrix-counts')).toContain('W is 11 × 11 = 121 entries, but it holds only the 3 shared weights');
  expect(await page.getByTestId('conv-matrix').locator('rect').count()).toBeGreaterThan(121);
  await screenshot(page, 'convolution-conv1d');

  // Fig. 10.4: 6 inputs, 3 shared weights instead of 36.
  await page.getByTestId('conv1d-preset').selectOption('fig-10-4');
  await expect.poll(() => text(page, 'matrix-counts')).toContain('W is 6 × 6 = 36 entries');
  // Stride 2: 3 outputs.
  await page.getByTestId('stride').fill('2');
  await expect.poll(() => text(page, 'matrix-counts')).toContain('W is 3 × 6 = 18 entries');
  await expect.poll(() => page.getByTestId('conv1d-preset').inputValue()).toBe('custom');
  // 'same' padding with stride 2 puts its one zero on the right: the last output reads inputs 5 and 6 and that zero.
  await page.getByTestId('unit-1-2').click();
  await expect.poll(() => text(page, 'receptive-fields')).toContain('depends on 2 of the 6 inputs');
  // A kernel weight typed in changes the sum.
  const before = await text(page, 'unit-equation');
  await page.getByTestId('kernel-weight-1').fill('2');
  await expect.poll(() => text(page, 'unit-equation')).not.toBe(before);
  // A kernel too long for the input is refused with the layer named.
  await page.getByTestId('kernel-size').fill('7');
  await page.getByTestId('padding').selectOption('valid');
  await expect.poll(() => text(page, 'stack-error')).toContain('layer 1: conv1d: the kernel spans 7 inputs');
  expect(await text(page, 'matrix-counts')).toContain('W is 3 × 6');

  // Fig. 10.6: receptive fields 3, 5, 7 and all 11 inputs.
  await page.getByTestId('conv1d-preset').selectOption('fig-10-6');
  await expect.poll(() => text(page, 'receptive-fields')).toContain('3, 5, 7, 11 inputs');
  expect(await text(page, 'receptive-fields')).toContain('depends on 11 of the 11 inputs');
  // Pointing at a first-layer unit: three inputs.
  await page.getByTestId('unit-1-5').hover();
  await expect.poll(() => text(page, 'receptive-fields')).toContain('depends on 3 of the 11 inputs');
  await page.mouse.move(5, 5);
  // The arrow keys move the selection: down from the top unit to layer 3.
  await page.getByTestId('unit-4-2').focus();
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => page.getByTestId('unit-3-2').getAttribute('aria-pressed')).toBe('true');
  await expect.poll(() => text(page, 'receptive-fields')).toContain('depends on 7 of the 11 inputs');
  // Dragging an input with the pointer, and moving one with the keyboard, changes the outputs above it.
  const sum = await text(page, 'unit-equation');
  const handle = await page.getByTestId('input-plot-handle-5').boundingBox();
  expect(handle).not.toBeNull();
  await page.mouse.move(handle!.x + handle!.width / 2, handle!.y + handle!.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle!.x + handle!.width / 2, handle!.y - 40, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => text(page, 'unit-equation')).not.toBe(sum);
  const dragged = await text(page, 'unit-equation');
  await page.getByTestId('input-plot-handle-4').focus();
  await page.keyboard.press('Shift+ArrowUp');
  await expect.poll(() => text(page, 'unit-equation')).not.toBe(dragged);
  await screenshot(page, 'convolution-conv1d-fig-10-6');
  // A tablet's width: the settings go under the picture.
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.waitForTimeout(300);
  await screenshot(page, 'convolution-conv1d-tablet');
});

it('conv net vs MLP: 2,050 and 59,065 parameters; Play trains both, Pause stops, Step steps; the shifted input moves the feature map', async () => {
  session = await openPage('/convolution#mnist');
  const page = session.page;
  const part = page.getByTestId('part-mnist');
  await part.waitFor();
  expect(await text(page, 'params-conv')).toBe('2,050');
  expect(await text(page, 'params-mlp')).toBe('59,065');
  await page.getByTestId('mnist-backend-select').selectOption('wasm');
  await expect.poll(() => text(page, 'mnist-backend-name'), { timeout: 30_000 }).toBe('backend: wasm');
  // The networks the worker built hold exactly those numbers.
  await expect.poll(() => text(page, 'worker-params-conv'), { timeout: 30_000 }).toContain('2,050 trainable numbers');
  expect(await text(page, 'worker-params-mlp')).toContain('59,065 trainable numbers');
  expect(await text(page, 'mnist-setup')).toContain('momentum, book form (eq. 6.11');

  await part.getByRole('button', { name: /^Play/ }).click();
  await expect.poll(() => counter(page, 'part-mnist', 'step'), { timeout: 90_000, interval: 500 }).toBeGreaterThan(250);
  await part.getByRole('button', { name: /^Pause/ }).click();
  await expect.poll(() => part.getByRole('button', { name: /^Play/ }).count(), { timeout: 20_000 }).toBe(1);
  // The worker finishes its chunk and sends its last frame: then the count stands still.
  await expect.poll(() => page.getByTestId('mnist-training').getAttribute('aria-busy'), { timeout: 20_000 }).toBe('false');
  const paused = await counter(page, 'part-mnist', 'step');
  await page.waitForTimeout(500);
  expect(await counter(page, 'part-mnist', 'step')).toBe(paused);
  // The curves are measured every 100 steps: both test errors fell well below chance (90%).
  for (const id of ['conv', 'mlp']) expect(Number((await text(page, `test-error-${id}`)).replace('%', ''))).toBeLessThan(80);
  await expect.poll(() => page.getByTestId('test-error-chart').locator('canvas').count()).toBeGreaterThan(0);
  await part.getByRole('button', { name: /^Step one/ }).click();
  await expect.poll(() => counter(page, 'part-mnist', 'step')).toBe(paused + 1);

  // Shift by 2 samples: the conv net's first feature map moves one position (stride 2). The cells'
  // tooltips hold the values, channel by channel, 19 positions each.
  await page.getByTestId('feature-map').waitFor();
  const cells = async () => page.getByTestId('feature-map').locator('title').evaluateAll((titles) => titles.map((t) => (t.textContent ?? '').split(': ')[1]));
  const unshifted = await cells();
  expect(unshifted).toHaveLength(19 * 15);
  await page.getByTestId('shift').fill('2');
  await expect.poll(() => text(page, 'shift-value')).toBe('2');
  await expect.poll(cells).not.toEqual(unshifted);
  const shifted = await cells();
  for (let channel = 0; channel < 15; channel++) {
    const row = (values: string[]) => values.slice(19 * channel, 19 * (channel + 1));
    expect(row(shifted).slice(1)).toEqual(row(unshifted).slice(0, 18));
  }
  await page.getByTestId('equivariance').scrollIntoViewIfNeeded();
  await screenshot(page, 'convolution-mnist-shift');
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'convolution-mnist');
});

it('the 2-D gallery: kernels, pooling, upsampling and the transposed matrix; stride and a typed kernel change the pictures', async () => {
  session = await openPage('/convolution');
  const page = session.page;
  await page.getByTestId('tab-images').click();
  await page.getByTestId('part-images').waitFor();
  expect(await page.getByTestId('kernel-gallery').locator('canvas').count()).toBe(8);
  expect(await page.getByTestId('down-gallery').locator('canvas').count()).toBe(3);
  expect(await page.getByTestId('up-gallery').locator('canvas').count()).toBe(4);
  expect(await text(page, 'gallery-transposed')).toContain('21 × 21');
  expect(await text(page, 'gallery-max-pool')).toContain('10 × 10');
  expect(await page.getByTestId('matrix-conv').locator('rect').count()).toBeGreaterThan(100);
  await screenshot(page, 'convolution-images');
  await page.getByTestId('image-stride').selectOption('2');
  await expect.poll(() => text(page, 'gallery-identity')).toContain('10 × 10');
  const yours = async () => page.getByTestId('gallery-yours').locator('canvas').evaluate((c: HTMLCanvasElement) => c.toDataURL());
  const before = await yours();
  await page.getByTestId('custom-1-1').fill('4');
  await expect.poll(yours).not.toBe(before);
  await page.getByTestId('up-gallery').scrollIntoViewIfNeeded();
  await screenshot(page, 'convolution-images-resampling');
});

it('residual networks: variance and paths follow their sliders; the shattered-gradient networks grow with Play, Pause and Step', async () => {
  session = await openPage('/convolution#residual');
  const page = session.page;
  const part = page.getByTestId('part-residual');
  await part.waitFor();
  // Fig. 11.6 at 10 blocks: the plain residual stack's variance doubles per block (about 2^10), batch norm's grows to about 11.
  expect(Number(await text(page, 'variance-last-residual'))).toBeGreaterThan(300);
  const batchNorm = Number(await text(page, 'variance-last-residual-batchnorm'));
  expect(batchNorm).toBeGreaterThan(8);
  expect(batchNorm).toBeLessThan(14);
  await page.getByTestId('variance-blocks').fill('4');
  await expect.poll(async () => Number(await text(page, 'variance-last-residual'))).toBeLessThan(40);
  // Four blocks: 16 paths, 1, 4, 6, 4, 1 (fig. 11.4b); five: 32.
  expect(await text(page, 'path-counts')).toContain('= 16 paths; 1, 4, 6, 4, 1 of them');
  expect(await page.getByTestId('path-list').locator('li').count()).toBe(16);
  await page.getByTestId('path-blocks').fill('5');
  await expect.poll(() => text(page, 'path-counts')).toContain('= 32 paths; 1, 5, 10, 10, 5, 1 of them');
  await screenshot(page, 'convolution-residual');

  await page.getByTestId('shattered-backend-select').selectOption('wasm');
  await expect.poll(() => text(page, 'shattered-backend-name'), { timeout: 30_000 }).toBe('backend: wasm');
  await page.getByTestId('shattered-width').selectOption('50');
  const shattered = page.getByTestId('shattered');
  await expect.poll(() => counter(page, 'shattered', 'depth'), { timeout: 30_000 }).toBe(1);
  await shattered.getByRole('button', { name: /^Play/ }).click();
  await expect.poll(() => counter(page, 'shattered', 'depth'), { timeout: 60_000, interval: 500 }).toBeGreaterThan(6);
  await shattered.getByRole('button', { name: /^Pause/ }).click();
  await expect.poll(() => shattered.getByRole('button', { name: /^Play/ }).count(), { timeout: 20_000 }).toBe(1);
  await expect.poll(() => page.getByTestId('shattered-controls').getAttribute('aria-busy'), { timeout: 20_000 }).toBe('false');
  const depth = await counter(page, 'shattered', 'depth');
  await page.waitForTimeout(400);
  expect(await counter(page, 'shattered', 'depth')).toBe(depth);
  await shattered.getByRole('button', { name: /^Step one/ }).click();
  await expect.poll(() => counter(page, 'shattered', 'depth')).toBe(depth + 1);
  await expect.poll(() => page.getByTestId('depth-chart').locator('canvas').count()).toBeGreaterThan(0);
  expect(await page.getByTestId('gradient-plots').locator('path').count()).toBeGreaterThan(3);
  await shattered.scrollIntoViewIfNeeded();
  await screenshot(page, 'convolution-shattered');
});
