/**
 * Downsampling and upsampling of small images (section 10.4.3, figs. 10.11-10.13, M4.3).
 *
 * Down (fig. 10.11): `subsample` keeps every s-th pixel (the top-left one of each block);
 * `maxPool` and `averagePool` take the maximum / mean of each size x size block, stepping by
 * `stride` (default: the block size, so blocks do not overlap). Blocks that would run off the
 * right or bottom edge are dropped ('valid' pooling), so a 5 x 5 image pools 2 x 2 to 2 x 2.
 *
 * Up (fig. 10.12):
 * - `upsampleDuplicate`: each pixel becomes a factor x factor block of copies;
 * - `maxUnpool`: each pooled value goes back to the position its maximum came from (the
 *   `argmax` maxPool returns), every other pixel is 0;
 * - `upsampleBilinear`: bilinear interpolation with pixel centres aligned the way PyTorch's
 *   `align_corners=False` and TensorFlow 2 do (output pixel i samples input coordinate
 *   (i + 0.5) / factor - 0.5, clamped to the image): a row [0, 1] becomes [0, 0.25, 0.75, 1];
 * - `transposedConv2d`: each input pixel adds kernel x value into the output, the blocks placed
 *   `stride` apart, so the output is ((h - 1) s + k_h) x ((w - 1) s + k_w). Its matrix is exactly
 *   the transpose of the matrix of the strided 'valid' convolution with the same kernel that maps
 *   the large image back to the small one (fig. 10.13): `transposedConv2dMatrix` builds it that way
 *   and the tests check it against `transposedConv2d`.
 */
import { conv2dMatrix } from './conv2d';
import { checkImage, type Image2d } from './image';

function checkPositiveInteger(value: unknown, name: string, where: string): number {
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= 1)) throw new Error(`${where}: ${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return value;
}

function pooledSize(length: number, size: number, stride: number, axis: string, where: string): number {
  if (size > length) throw new Error(`${where}: the ${size} x ${size} block does not fit in the image's ${length} ${axis}`);
  return Math.floor((length - size) / stride) + 1;
}

/** Every stride-th pixel in both directions, starting at (0, 0). */
export function subsample(image: Image2d, stride = 2): Image2d {
  checkImage(image, 'subsample');
  checkPositiveInteger(stride, 'stride', 'subsample');
  const height = Math.ceil(image.height / stride);
  const width = Math.ceil(image.width / stride);
  const data = new Float64Array(height * width);
  for (let i = 0; i < height; i++) for (let j = 0; j < width; j++) data[i * width + j] = image.data[i * stride * image.width + j * stride];
  return { height, width, data };
}

export interface MaxPoolResult {
  readonly image: Image2d;
  /** For each output pixel, the flat index (r * width + c) in the input where its maximum was (the first one on ties). */
  readonly argmax: Int32Array;
}

function pool(image: Image2d, size: number, stride: number, where: string, reduce: (block: number[]) => { value: number; index: number }): MaxPoolResult {
  checkImage(image, where);
  checkPositiveInteger(size, 'size', where);
  checkPositiveInteger(stride, 'stride', where);
  const height = pooledSize(image.height, size, stride, 'rows', where);
  const width = pooledSize(image.width, size, stride, 'columns', where);
  const data = new Float64Array(height * width);
  const argmax = new Int32Array(height * width);
  const block: number[] = new Array(size * size);
  const indices: number[] = new Array(size * size);
  for (let i = 0; i < height; i++) {
    for (let j = 0; j < width; j++) {
      for (let a = 0; a < size; a++) {
        for (let b = 0; b < size; b++) {
          const index = (i * stride + a) * image.width + (j * stride + b);
          block[a * size + b] = image.data[index];
          indices[a * size + b] = index;
        }
      }
      const { value, index } = reduce(block);
      data[i * width + j] = value;
      argmax[i * width + j] = indices[index];
    }
  }
  return { image: { height, width, data }, argmax };
}

/** The maximum of each size x size block (and where it was, for max-unpooling). */
export function maxPool(image: Image2d, size = 2, stride = size): MaxPoolResult {
  return pool(image, size, stride, 'max pool', (block) => {
    let index = 0;
    for (let k = 1; k < block.length; k++) if (block[k] > block[index]) index = k;
    return { value: block[index], index };
  });
}

/** The mean of each size x size block. */
export function averagePool(image: Image2d, size = 2, stride = size): Image2d {
  return pool(image, size, stride, 'average pool', (block) => ({ value: block.reduce((a, b) => a + b, 0) / block.length, index: 0 })).image;
}

/** Each pixel repeated into a factor x factor block (fig. 10.12a). */
export function upsampleDuplicate(image: Image2d, factor = 2): Image2d {
  checkImage(image, 'duplicate upsampling');
  checkPositiveInteger(factor, 'factor', 'duplicate upsampling');
  const height = image.height * factor;
  const width = image.width * factor;
  const data = new Float64Array(height * width);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) data[r * width + c] = image.data[Math.floor(r / factor) * image.width + Math.floor(c / factor)];
  return { height, width, data };
}

/** Max-unpooling (fig. 10.12b): the pooled values put back where their maxima were, zeros elsewhere. */
export function maxUnpool(pooled: Image2d, argmax: Int32Array, height: number, width: number): Image2d {
  checkImage(pooled, 'max unpool', 'pooled');
  checkPositiveInteger(height, 'height', 'max unpool');
  checkPositiveInteger(width, 'width', 'max unpool');
  if (!(argmax instanceof Int32Array) || argmax.length !== pooled.data.length) throw new Error(`max unpool: argmax must be an Int32Array with one index per pooled pixel (${pooled.data.length})`);
  const data = new Float64Array(height * width);
  argmax.forEach((index, k) => {
    if (!(index >= 0 && index < data.length)) throw new Error(`max unpool: argmax[${k}] = ${index} is outside the ${height} x ${width} output`);
    data[index] = pooled.data[k];
  });
  return { height, width, data };
}

/** Bilinear upsampling by an integer factor, half-pixel aligned (fig. 10.12c). */
export function upsampleBilinear(image: Image2d, factor = 2): Image2d {
  checkImage(image, 'bilinear upsampling');
  checkPositiveInteger(factor, 'factor', 'bilinear upsampling');
  const height = image.height * factor;
  const width = image.width * factor;
  // Where output index i samples along an axis of n input pixels: two neighbours and the weight of the second.
  const sample = (i: number, n: number): [number, number, number] => {
    const x = Math.min(Math.max((i + 0.5) / factor - 0.5, 0), n - 1);
    const low = Math.floor(x);
    const high = Math.min(low + 1, n - 1);
    return [low, high, x - low];
  };
  const data = new Float64Array(height * width);
  for (let r = 0; r < height; r++) {
    const [r0, r1, wr] = sample(r, image.height);
    for (let c = 0; c < width; c++) {
      const [c0, c1, wc] = sample(c, image.width);
      const at = (row: number, column: number): number => image.data[row * image.width + column];
      const top = (1 - wc) * at(r0, c0) + wc * at(r0, c1);
      const bottom = (1 - wc) * at(r1, c0) + wc * at(r1, c1);
      data[r * width + c] = (1 - wr) * top + wr * bottom;
    }
  }
  return { height, width, data };
}

/** The output size of a transposed convolution: (n - 1) s + k along each axis. */
export function transposedConv2dSize(height: number, width: number, kernel: Image2d, stride: number): { height: number; width: number } {
  checkImage(kernel, 'transposed conv2d', 'kernel');
  checkPositiveInteger(height, 'height', 'transposed conv2d');
  checkPositiveInteger(width, 'width', 'transposed conv2d');
  checkPositiveInteger(stride, 'stride', 'transposed conv2d');
  return { height: (height - 1) * stride + kernel.height, width: (width - 1) * stride + kernel.width };
}

/** Transposed convolution (fig. 10.12d): every input pixel scatters value x kernel into the output, blocks `stride` apart. */
export function transposedConv2d(image: Image2d, kernel: Image2d, stride = 2): Image2d {
  checkImage(image, 'transposed conv2d');
  const { height, width } = transposedConv2dSize(image.height, image.width, kernel, stride);
  const data = new Float64Array(height * width);
  for (let i = 0; i < image.height; i++) {
    for (let j = 0; j < image.width; j++) {
      const value = image.data[i * image.width + j];
      for (let a = 0; a < kernel.height; a++) {
        for (let b = 0; b < kernel.width; b++) data[(i * stride + a) * width + (j * stride + b)] += value * kernel.data[a * kernel.width + b];
      }
    }
  }
  return { height, width, data };
}

/**
 * The matrix of the transposed convolution (fig. 10.13): the transpose of the strided 'valid'
 * convolution matrix on the output size, so transposedConv2d(x) = W^T vec(x).
 */
export function transposedConv2dMatrix(height: number, width: number, kernel: Image2d, stride = 2): number[][] {
  const size = transposedConv2dSize(height, width, kernel, stride);
  const forward = conv2dMatrix(size.height, size.width, kernel, { stride, padding: 'valid' });
  return Array.from({ length: size.height * size.width }, (_, row) => forward.map((line) => line[row]));
}
