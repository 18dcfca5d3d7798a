/**
 * The small image the convolution page's 2-D gallery works on (M4.3): a 20 x 20 penguin on the
 * ice, drawn by the Floe team as pixel art (no third-party image). Grey levels in [0, 1], 0 black:
 * the penguin's black back and head, its white belly and eyes, an orange beak and feet (mid grey),
 * light snow behind and a band of ice below. Its hard edges give the edge kernels something to
 * find and pooling something to lose.
 */
import { imageFromRows, type Image2d } from '../m4';

/** One character per pixel; PENGUIN_SHADES gives each character's grey level. */
export const PENGUIN_PIXELS: readonly string[] = Object.freeze([
  '....................',
  '........####........',
  '......########......',
  '.....##########.....',
  '.....##o####o##.....',
  '.....####^^####.....',
  '....#####^^#####....',
  '....###oooooo###....',
  '...####oooooo####...',
  '..#####oooooo#####..',
  '..##.##oooooo##.##..',
  '..#..##oooooo##..#..',
  '.....##oooooo##.....',
  '.....##oooooo##.....',
  '......#oooooo#......',
  '.......######.......',
  '.......^^..^^.......',
  '......^^^..^^^......',
  '~~~~~~~~~~~~~~~~~~~~',
  '~~~~~~~~~~~~~~~~~~~~',
]);

export const PENGUIN_SHADES: Readonly<Record<string, number>> = Object.freeze({
  /** Snow behind the penguin. */
  '.': 0.8,
  /** Back, head and flippers. */
  '#': 0.08,
  /** Belly and eyes. */
  o: 1,
  /** Beak and feet. */
  '^': 0.5,
  /** Ice. */
  '~': 0.62,
});

/** The penguin as an Image2d (supervised/m4/image.ts), row 0 at the top. */
export function penguinImage(): Image2d {
  return imageFromRows(
    PENGUIN_PIXELS.map((row, r) =>
      Array.from(row, (character, c) => {
        const shade = PENGUIN_SHADES[character];
        if (shade === undefined) throw new Error(`penguin image: row ${r} column ${c} has '${character}', which has no shade`);
        return shade;
      }),
    ),
  );
}
