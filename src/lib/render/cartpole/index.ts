/**
 * CartPole renderer: draws a `CartPoleScene` (plain data) with Pixi v8.
 *
 * - `createCartPoleRenderer(host, opts)` resolves once Pixi is ready.
 * - `mountCartPoleRenderer(host, opts)` returns at once, for Svelte `{@attach}`: it keeps the
 *   latest scene until the renderer exists and handles "destroyed before init resolved".
 */
import { createCartPoleRenderer, type CartPoleRenderer, type CartPoleRendererOptions } from './renderer';
import type { CartPoleScene } from './scene';

export { createCartPoleRenderer };
export type { CartPoleRenderer, CartPoleRendererOptions };
export { endCause, type CartPoleScene, type EndCause, type PushDirection } from './scene';
export { fitCartPole, poleScreenEndpoints, toScreen, type CartPoleLayout, type ScreenPoint } from './layout';

export interface CartPoleRendererHandle {
  /** Draw now if ready, else remember the scene and draw it when the renderer is ready. */
  draw(scene: CartPoleScene): void;
  destroy(): void;
  /** Resolves with the renderer, or null when destroyed first or creation failed. Never rejects. */
  readonly ready: Promise<CartPoleRenderer | null>;
}

export interface MountOptions extends Omit<CartPoleRendererOptions, 'signal'> {
  /** Called when Pixi cannot start (no WebGL/WebGPU); default logs to the console. */
  readonly onError?: (error: unknown) => void;
}

/** Mount synchronously: `{@attach (host) => { const h = mountCartPoleRenderer(host); ...; return h.destroy; }}`. */
export function mountCartPoleRenderer(host: HTMLElement, opts: MountOptions = {}): CartPoleRendererHandle {
  const ctrl = new AbortController();
  let renderer: CartPoleRenderer | null = null;
  let pending: CartPoleScene | null = null;
  const ready = createCartPoleRenderer(host, { ...opts, signal: ctrl.signal }).then(
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
    destroy() {
      ctrl.abort();
      pending = null;
      renderer?.destroy();
      renderer = null;
    },
    ready,
  };
}
