/**
 * A Svelte attachment that mounts a scene renderer on its element and redraws it whenever the
 * scene changes, without rebuilding Pixi: only the inner effect reads the scene.
 */
import type { Attachment } from 'svelte/attachments';

/** What `attachScene` needs of a mount handle (e.g. `mountGridRenderer`'s). */
export interface SceneHandle<S> {
  draw(scene: S): void;
  destroy(): void;
}

/**
 * `{@attach attachScene(mountGridRenderer, () => scene, (h) => (handle = h))}`: `onhandle` gets
 * the handle once mounted and null once destroyed.
 */
export function attachScene<S, H extends SceneHandle<S>>(
  mount: (host: HTMLElement) => H,
  scene: () => S,
  onhandle?: (handle: H | null) => void,
): Attachment<HTMLElement> {
  return (host) => {
    const handle = mount(host);
    $effect(() => {
      handle.draw(scene());
    });
    onhandle?.(handle);
    return () => {
      handle.destroy();
      onhandle?.(null);
    };
  };
}
