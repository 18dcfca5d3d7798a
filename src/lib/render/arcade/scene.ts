/**
 * What the arcade renderer draws: one plain snapshot of a game's binary planes. The page builds
 * it from an observation (height x width x C, channels last) and the game's channel list; the
 * renderer never reads anything else.
 */
export interface ArcadeScene {
  readonly height: number;
  readonly width: number;
  /** Channel names, in observation order (for the palette and the legend). */
  readonly channels: readonly string[];
  /** One 0xRRGGBB colour per channel; later channels are drawn over earlier ones. */
  readonly colors: readonly number[];
  /** The planes: the value of (row, col, channel) at (row * width + col) * channels.length + channel. */
  readonly planes: ArrayLike<number>;
  /** The game is over: the picture dims. */
  readonly over: boolean;
}

/** The colour of one cell: the last channel set in it wins; null for an empty cell. */
export function cellColor(scene: ArcadeScene, row: number, col: number): number | null {
  const c = scene.channels.length;
  const base = (row * scene.width + col) * c;
  for (let k = c - 1; k >= 0; k--) if (scene.planes[base + k] > 0.5) return scene.colors[k];
  return null;
}

export interface ArcadeLayout {
  /** Whole CSS pixels per cell: crisp edges at any size. */
  readonly cell: number;
  readonly left: number;
  readonly top: number;
}

/** The largest whole cell size that fits, centred; at least 1 px a cell. */
export function fitArcade(width: number, height: number, rows: number, cols: number): ArcadeLayout {
  const cell = Math.max(1, Math.floor(Math.min(width / cols, height / rows)));
  return { cell, left: Math.floor((width - cell * cols) / 2), top: Math.floor((height - cell * rows) / 2) };
}
