/**
 * Gridworld renderer: draws a `GridScene` (plain data) with Pixi v8.
 *
 * - `createGridRenderer(host, opts)` resolves once Pixi is ready.
 * - `mountGridRenderer(host, opts)` returns at once, for Svelte `{@attach}`: it keeps the latest
 *   scene until the renderer exists and handles "destroyed before init resolved".
 */
import { createGridRenderer, type GridRenderer, type GridRendererOptions } from './renderer';
import type { GridScene } from './scene';

export { createGridRenderer };
export type { GridRenderer, GridRendererOptions };
export type { GridScene, Overlay, TrailStep } from './scene';
export { divergingColor, sequentialColor } from './colors';

export interface GridRendererHandle {
  /** Draw now if ready, else remember the scene and draw it when the renderer is ready. */
  draw(scene: GridScene): void;
  cellAt(clientX: number, clientY: number): number | null;
  resize(): void;
  destroy(): void;
  /** The renderer once ready; null before, after destroy, or if creation failed. */
  readonly renderer: GridRenderer | null;
  /** Resolves with the renderer, or null when destroyed first or creation failed. Never rejects. */
  readonly ready: Promise<GridRenderer | null>;
}

export interface MountOptions extends Omit<GridRendererOptions, 'signal'> {
  /** Called when Pixi cannot start (no WebGL/WebGPU); default logs to the console. */
  readonly onError?: (error: unknown) => void;
}

/**
 * Mount synchronously, e.g. `{@attach (host) => { const h = mountGridRenderer(host); ...; return h.destroy; }}`.
 */
export function mountGridRenderer(host: HTMLElement, opts: MountOptions = {}): GridRendererHandle {
  const ctrl = new AbortController();
  let renderer: GridRenderer | null = null;
  let pending: GridScene | null = null;
  const ready = createGridRenderer(host, { ...opts, signal: ctrl.signal }).then(
    (r) => {
      if (ctrl.signal.aborted) {
        // Destroyed in the gap between init resolving and this callback.
        r.destroy();
        return null;
      }
      renderer = r;
      if (pending) r.draw(pending);
      pending = null;
      return r;
    },
    (error: unknown) => {
      if (!ctrl.signal.aborted) (opts.onError ?? console.error)(error);
      return null;
    },
  );
  return {
    draw(scene) {
      if (renderer) renderer.draw(scene);
      else if (!ctrl.signal.aborted) pending = scene;
    },
    cellAt: (x, y) => renderer?.cellAt(x, y) ?? null,
    resize: () => renderer?.resize(),
    destroy() {
      ctrl.abort();
      pending = null;
      renderer?.destroy();
      renderer = null;
    },
    get renderer() {
      return renderer;
    },
    ready,
  };
}
