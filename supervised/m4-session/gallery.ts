/**
 * The convolution page's 2-D gallery (section 10.4, figs. 10.9-10.13, M4.3) as plain data: a few
 * 3 x 3 kernels applied to a small image, the three ways down (fig. 10.11: subsampling, max and
 * average pooling) and the four ways back up (fig. 10.12: duplication, max-unpooling, bilinear
 * interpolation, transposed convolution), and the matrices of a strided convolution and its
 * transpose on a tiny image (fig. 10.13). Everything is supervised/m4's float64 code; this only
 * chooses what to show and names it.
 */
import {
  averagePool,
  conv2d,
  conv2dMatrix,
  imageFromRows,
  maxPool,
  maxUnpool,
  subsample,
  transposedConv2d,
  transposedConv2dMatrix,
  upsampleBilinear,
  upsampleDuplicate,
  type Image2d,
  type Padding,
} from '../m4';

export interface KernelPreset {
  readonly id: string;
  readonly title: string;
  /** The 3 x 3 weights, row by row (cross-correlation, as every library: eq. 10.6). */
  readonly rows: readonly (readonly number[])[];
  /** What it does, in a few words. */
  readonly note: string;
}

const third = 1 / 9;

/** The gallery's kernels. */
export const GALLERY_KERNELS: readonly KernelPreset[] = Object.freeze([
  { id: 'identity', title: 'Identity', rows: [[0, 0, 0], [0, 1, 0], [0, 0, 0]], note: 'copies the image' },
  { id: 'box-blur', title: 'Box blur', rows: [[third, third, third], [third, third, third], [third, third, third]], note: 'the mean of each 3 × 3 patch' },
  { id: 'gaussian-blur', title: 'Gaussian blur', rows: [[1 / 16, 2 / 16, 1 / 16], [2 / 16, 4 / 16, 2 / 16], [1 / 16, 2 / 16, 1 / 16]], note: 'a weighted mean, heavier in the middle' },
  { id: 'sharpen', title: 'Sharpen', rows: [[0, -1, 0], [-1, 5, -1], [0, -1, 0]], note: 'the pixel plus its difference from its neighbours' },
  { id: 'laplacian', title: 'Edges (Laplacian)', rows: [[0, 1, 0], [1, -4, 1], [0, 1, 0]], note: 'zero on flat patches, large at edges and corners' },
  { id: 'vertical-edges', title: 'Vertical edges (Sobel)', rows: [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], note: 'brighter to the right is positive' },
  { id: 'horizontal-edges', title: 'Horizontal edges (Sobel)', rows: [[-1, -2, -1], [0, 0, 0], [1, 2, 1]], note: 'brighter below is positive' },
]);

/** The kernel of the transposed convolution in the gallery: each pixel spreads into a 3 x 3 tent, blocks 2 apart (linear interpolation's weights). */
export const TENT_KERNEL: readonly (readonly number[])[] = Object.freeze([
  [0.25, 0.5, 0.25],
  [0.5, 1, 0.5],
  [0.25, 0.5, 0.25],
]);

export interface GalleryImage {
  readonly id: string;
  readonly title: string;
  /** How it was made, with its size. */
  readonly caption: string;
  readonly image: Image2d;
}

function sized(image: Image2d): string {
  return `${image.height} × ${image.width}`;
}

/** The image through each kernel, with the stride and padding given (eq. 10.6). */
export function convolutionGallery(image: Image2d, kernels: readonly KernelPreset[], stride = 1, padding: Padding = 'same'): GalleryImage[] {
  return kernels.map((kernel) => {
    const out = conv2d(image, imageFromRows(kernel.rows.map((row) => [...row])), { stride, padding });
    return { id: kernel.id, title: kernel.title, caption: `${kernel.note}; ${sized(out)}`, image: out };
  });
}

export interface ResamplingGallery {
  /** Fig. 10.11: subsample, max pool, average pool (each 2 x 2, stride 2). */
  readonly down: GalleryImage[];
  /** Fig. 10.12, from the max-pooled image: duplicate, max-unpool, bilinear, transposed convolution. */
  readonly up: GalleryImage[];
}

/** Down by 2 three ways, then the max-pooled image back up four ways. */
export function resamplingGallery(image: Image2d): ResamplingGallery {
  const sub = subsample(image, 2);
  const pooled = maxPool(image, 2);
  const averaged = averagePool(image, 2);
  const small = pooled.image;
  const duplicated = upsampleDuplicate(small, 2);
  const unpooled = maxUnpool(small, pooled.argmax, image.height, image.width);
  const bilinear = upsampleBilinear(small, 2);
  const transposed = transposedConv2d(small, imageFromRows(TENT_KERNEL.map((row) => [...row])), 2);
  return {
    down: [
      { id: 'subsample', title: 'Subsample', caption: `every second pixel; ${sized(sub)}`, image: sub },
      { id: 'max-pool', title: 'Max pool', caption: `the largest of each 2 × 2 block; ${sized(small)}`, image: small },
      { id: 'average-pool', title: 'Average pool', caption: `the mean of each 2 × 2 block; ${sized(averaged)}`, image: averaged },
    ],
    up: [
      { id: 'duplicate', title: 'Duplicate', caption: `each pixel copied into a 2 × 2 block; ${sized(duplicated)}`, image: duplicated },
      { id: 'max-unpool', title: 'Max-unpool', caption: `each value back where its maximum was, zeros elsewhere; ${sized(unpooled)}`, image: unpooled },
      { id: 'bilinear', title: 'Bilinear', caption: `interpolated between pixel centres; ${sized(bilinear)}`, image: bilinear },
      { id: 'transposed', title: 'Transposed convolution', caption: `each pixel adds a 3 × 3 tent, stride 2; ${sized(transposed)}`, image: transposed },
    ],
  };
}

export interface TransposeMatrices {
  /** The strided 'valid' convolution of a 5 x 5 image with the tent kernel: 4 outputs x 25 inputs. */
  readonly convolution: number[][];
  /** The transposed convolution of a 2 x 2 image: 25 outputs x 4 inputs, exactly the transpose (fig. 10.13). */
  readonly transposed: number[][];
}

/** Fig. 10.13 on the smallest useful example: stride 2 down from 5 x 5 to 2 x 2, and back up. */
export function transposeMatrices(): TransposeMatrices {
  const kernel = imageFromRows(TENT_KERNEL.map((row) => [...row]));
  return { convolution: conv2dMatrix(5, 5, kernel, { stride: 2, padding: 'valid' }), transposed: transposedConv2dMatrix(2, 2, kernel, 2) };
}
