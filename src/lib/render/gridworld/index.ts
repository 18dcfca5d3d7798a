/**
 * Gridworld renderer: draws a `GridScene` (plain data) with Pixi v8.
 *
 * - `createGridRenderer(host, opts)` resolves once Pixi is ready.
 * - `mountGridRenderer(host, opts)` returns at once, for Svelte `{@attach}` (see ../mount).
 */
import { mountRenderer, type MountErrorOptions, type RendererHandle } from '../mount';
import { createGridRenderer, type GridRenderer, type GridRendererOptions } from './renderer';
import type { GridScene } from './scene';

export { createGridRenderer };
export type { GridRenderer, GridRendererOptions };
export type { GridScene, Overlay, TrailStep } from './scene';
export { divergingColor, sequentialColor } from './colors';

export interface GridRendererHandle extends RendererHandle<GridScene, GridRenderer> {
  /** Cell index under a client point; null until the renderer is ready. */
  cellAt(clientX: number, clientY: number): number | null;
}

export interface MountOptions extends Omit<GridRendererOptions, 'signal'>, MountErrorOptions {}

/**
 * Mount synchronously, e.g. `{@attach (host) => { const h = mountGridRenderer(host); ...; return h.destroy; }}`.
 */
export function mountGridRenderer(host: HTMLElement, opts: MountOptions = {}): GridRendererHandle {
  const handle: RendererHandle<GridScene, GridRenderer> = mountRenderer(createGridRenderer, host, opts);
  return Object.assign(handle, { cellAt: (x: number, y: number) => handle.renderer?.cellAt(x, y) ?? null });
}
