/**
 * Two-dimensional convolution on a small single-channel image (section 10.4, eq. 10.6, M4.3), and
 * its dense matrix view.
 *
 * As in 1-D (./conv1d.ts), it is cross-correlation with zeros outside the image:
 *
 *   z[i][j] = beta + sum_{a, b} omega[a][b] x[i s + a d - p_top][j s + b d - p_left]
 *
 * Each axis uses the 1-D geometry: the same stride s, dilation d and padding ('valid', 'same' or
 * p zeros on each side) along rows and columns, so the output is out_h x out_w with
 * out = floor((n + p_before + p_after - d (K - 1) - 1) / s) + 1 along each axis.
 *
 * `conv2dMatrix` flattens images row by row: conv(x) = W vec(x) + beta, with W of
 * (out_h out_w) rows and (h w) columns; its transpose is the transposed convolution
 * (./resampling.ts, fig. 10.13).
 */
import { conv1dGeometry, type Conv1dGeometry, type Padding } from './conv1d';
import { checkImage, type Image2d } from './image';

export interface Conv2dOptions {
  /** Stride s >= 1 along both axes. Default 1. */
  readonly stride?: number;
  /** Dilation d >= 1 along both axes. Default 1. */
  readonly dilation?: number;
  /** 'valid', 'same' or zeros on each side. Default 'same'. */
  readonly padding?: Padding;
  /** The bias beta added to every output. Default 0. */
  readonly bias?: number;
}

export interface Conv2dGeometry {
  readonly rows: Conv1dGeometry;
  readonly columns: Conv1dGeometry;
}

/** The row and column geometry of a conv2d with this kernel on a height x width image. */
export function conv2dGeometry(height: number, width: number, kernel: Image2d, options: Conv2dOptions = {}, where = 'conv2d'): Conv2dGeometry {
  checkImage(kernel, where, 'kernel');
  if (typeof options !== 'object' || options === null) throw new Error(`${where}: options must be an object, got ${JSON.stringify(options)}`);
  if (options.bias !== undefined && !(typeof options.bias === 'number' && Number.isFinite(options.bias))) throw new Error(`${where}: bias must be a finite number, got ${JSON.stringify(options.bias)}`);
  const axis = { stride: options.stride, dilation: options.dilation, padding: options.padding };
  return {
    rows: conv1dGeometry(height, { kernelSize: kernel.height, ...axis }, `${where} (rows)`),
    columns: conv1dGeometry(width, { kernelSize: kernel.width, ...axis }, `${where} (columns)`),
  };
}

/** Calls visit(outputIndex, inputIndex, kernelIndex) for every tap that lands inside the image. */
function forEachTap(geometry: Conv2dGeometry, visit: (output: number, input: number, weight: number) => void): void {
  const { rows, columns } = geometry;
  for (let i = 0; i < rows.outputLength; i++) {
    for (let j = 0; j < columns.outputLength; j++) {
      const output = i * columns.outputLength + j;
      for (let a = 0; a < rows.kernelSize; a++) {
        const r = i * rows.stride + a * rows.dilation - rows.padLeft;
        if (r < 0 || r >= rows.inputLength) continue;
        for (let b = 0; b < columns.kernelSize; b++) {
          const c = j * columns.stride + b * columns.dilation - columns.padLeft;
          if (c < 0 || c >= columns.inputLength) continue;
          visit(output, r * columns.inputLength + c, a * columns.kernelSize + b);
        }
      }
    }
  }
}

/** z = conv2d(x) with the given kernel (kernel.height x kernel.width weights). */
export function conv2d(image: Image2d, kernel: Image2d, options: Conv2dOptions = {}): Image2d {
  checkImage(image, 'conv2d');
  const geometry = conv2dGeometry(image.height, image.width, kernel, options);
  const out = new Float64Array(geometry.rows.outputLength * geometry.columns.outputLength).fill(options.bias ?? 0);
  forEachTap(geometry, (output, input, weight) => {
    out[output] += kernel.data[weight] * image.data[input];
  });
  return { height: geometry.rows.outputLength, width: geometry.columns.outputLength, data: out };
}

/** The largest matrix built: (output pixels) x (input pixels) entries. */
export const MAX_MATRIX_ENTRIES = 1_000_000;

/** W with conv2d(x) = W vec(x) + beta, images flattened row by row. */
export function conv2dMatrix(height: number, width: number, kernel: Image2d, options: Conv2dOptions = {}): number[][] {
  const geometry = conv2dGeometry(height, width, kernel, options, 'conv2d matrix');
  const outputs = geometry.rows.outputLength * geometry.columns.outputLength;
  if (outputs * height * width > MAX_MATRIX_ENTRIES) throw new Error(`conv2d matrix: ${outputs} x ${height * width} entries is more than the ${MAX_MATRIX_ENTRIES} shown; use a smaller image`);
  const matrix = Array.from({ length: outputs }, () => new Array<number>(height * width).fill(0));
  forEachTap(geometry, (output, input, weight) => {
    matrix[output][input] += kernel.data[weight];
  });
  return matrix;
}
