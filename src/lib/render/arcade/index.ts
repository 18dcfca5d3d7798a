/**
 * Arcade renderer: draws an `ArcadeScene` (a game's binary planes, plain data) as pixel art with Pixi v8.
 * `mountArcadeRenderer(host)` returns at once, for Svelte `{@attach}` (see ../mount).
 */
import { mountRenderer, type MountErrorOptions, type RendererHandle } from '../mount';
import { createArcadeRenderer, type ArcadeRenderer, type ArcadeRendererOptions } from './renderer';
import type { ArcadeScene } from './scene';

export { createArcadeRenderer };
export type { ArcadeRenderer, ArcadeRendererOptions };
export { cellColor, fitArcade, type ArcadeLayout, type ArcadeScene } from './scene';

export type ArcadeRendererHandle = RendererHandle<ArcadeScene, ArcadeRenderer>;

export interface MountOptions extends Omit<ArcadeRendererOptions, 'signal'>, MountErrorOptions {}

export function mountArcadeRenderer(host: HTMLElement, opts: MountOptions = {}): ArcadeRendererHandle {
  return mountRenderer(createArcadeRenderer, host, opts);
}
