/**
 * The synchronous mount handle shared by the scene renderers, for Svelte `{@attach}`: it returns at
 * once, keeps the latest scene until the renderer exists and handles "destroyed before init resolved".
 */

/** What `mountRenderer` needs of a renderer. */
export interface SceneRenderer<S> {
  draw(scene: S): void;
  resize(): void;
  destroy(): void;
}

export interface RendererHandle<S, R extends SceneRenderer<S>> {
  /** Draw now if ready, else remember the scene and draw it when the renderer is ready. */
  draw(scene: S): void;
  /** Re-measure the host; nothing before the renderer is ready. */
  resize(): void;
  destroy(): void;
  /** The renderer once ready; null before, after destroy, or if creation failed. */
  readonly renderer: R | null;
  /** Resolves with the renderer, or null when destroyed first or creation failed. Never rejects. */
  readonly ready: Promise<R | null>;
}

export interface MountErrorOptions {
  /** Called when Pixi cannot start (no WebGL/WebGPU); default logs to the console. */
  readonly onError?: (error: unknown) => void;
}

/**
 * Start `create(host, opts)` with an abort signal and return a handle at once. Destroying the
 * handle aborts a pending creation (the renderer is destroyed as soon as it exists).
 */
export function mountRenderer<S, R extends SceneRenderer<S>, O extends object>(
  create: (host: HTMLElement, opts: O & { readonly signal?: AbortSignal }) => Promise<R>,
  host: HTMLElement,
  opts: O & MountErrorOptions,
): RendererHandle<S, R> {
  const ctrl = new AbortController();
  let renderer: R | null = null;
  let pending: S | null = null;
  const ready = create(host, { ...opts, signal: ctrl.signal }).then(
    (r) => {
      if (ctrl.signal.aborted) {
        // Destroyed in the gap between init resolving and this callback.
        r.destroy();
        return null;
      }
      renderer = r;
      if (pending !== null) r.draw(pending);
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
