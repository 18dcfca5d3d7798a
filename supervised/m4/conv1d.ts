/**
 * One-dimensional convolution for the 1-D convolution playground (section 10.2, figs. 10.2-10.4,
 * M4.1): kernel size, stride, dilation and padding, the output-length formula, and the banded
 * weight matrix W with conv(x) = W x + beta.
 *
 * As in the book (eq. 10.3) and every deep-learning library, "convolution" is cross-correlation:
 *
 *   z_i = beta + sum_{k=0}^{K-1} omega_k x[i s + k d - p_left]
 *
 * (s the stride, d the dilation, p_left the zeros added on the left), where x outside 0..n-1 is
 * zero. For K = 3, s = d = 1 and one zero each side this is eq. 10.3: z_i = omega_1 x_{i-1} +
 * omega_2 x_i + omega_3 x_{i+1} (the book counts the weights from 1).
 *
 * Padding:
 * - 'valid': no padding; only outputs whose whole (dilated) kernel lies inside x.
 * - 'same':  zeros so that the output has ceil(n / s) entries (n for stride 1). The total padding
 *            max((out - 1) s + d (K - 1) + 1 - n, 0) is split with the extra zero on the right
 *            (TensorFlow's rule; for odd K and stride 1 it is (K - 1) d / 2 each side).
 * - a number p: p zeros on each side (the book's "zero padding").
 *
 * Output length: floor((n + p_left + p_right - d (K - 1) - 1) / s) + 1.
 */

export type Padding = 'valid' | 'same' | number;

export interface Conv1dConfig {
  /** The weights omega_0 .. omega_{K-1} (K = kernel size). */
  readonly kernel: readonly number[];
  /** Stride s >= 1. Default 1. */
  readonly stride?: number;
  /** Dilation d >= 1: the gap between kernel taps (d - 1 zeros between weights, fig. 10.3d). Default 1. */
  readonly dilation?: number;
  /** 'valid', 'same' or a number of zeros on each side. Default 'same'. */
  readonly padding?: Padding;
  /** The bias beta added to every output. Default 0. */
  readonly bias?: number;
}

/** The shape of a convolution layer without its weights (for lengths and receptive fields). */
export interface Conv1dShape {
  readonly kernelSize: number;
  readonly stride?: number;
  readonly dilation?: number;
  readonly padding?: Padding;
}

export interface Conv1dGeometry {
  readonly inputLength: number;
  readonly outputLength: number;
  readonly kernelSize: number;
  readonly stride: number;
  readonly dilation: number;
  /** d (K - 1) + 1: the span of input one output sees. */
  readonly effectiveKernelSize: number;
  readonly padLeft: number;
  readonly padRight: number;
}

/** The largest input accepted (the playground shows the dense n x n matrix). */
export const MAX_CONV1D_LENGTH = 4096;

function integerAtLeast(value: unknown, min: number, name: string, where: string): number {
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= min)) throw new Error(`${where}: ${name} must be an integer >= ${min}, got ${JSON.stringify(value)}`);
  return value;
}

/** A layer shape with its defaults filled in and every field checked; throws a precise message naming the field. */
export function resolveConv1dShape(shape: Conv1dShape, where = 'conv1d'): Required<Conv1dShape> {
  if (typeof shape !== 'object' || shape === null) throw new Error(`${where}: the layer must be an object with kernelSize, stride, dilation and padding, got ${JSON.stringify(shape)}`);
  const kernelSize = integerAtLeast(shape.kernelSize, 1, 'kernelSize', where);
  const stride = integerAtLeast(shape.stride ?? 1, 1, 'stride', where);
  const dilation = integerAtLeast(shape.dilation ?? 1, 1, 'dilation', where);
  const padding = shape.padding ?? 'same';
  if (padding !== 'valid' && padding !== 'same' && !(typeof padding === 'number' && Number.isInteger(padding) && padding >= 0)) {
    throw new Error(`${where}: padding must be 'valid', 'same' or a non-negative integer, got ${JSON.stringify(padding)}`);
  }
  return { kernelSize, stride, dilation, padding };
}

/** Lengths and padding of a 1-D convolution on an input of `inputLength`; throws a precise message on a bad shape. */
export function conv1dGeometry(inputLength: number, shape: Conv1dShape, where = 'conv1d'): Conv1dGeometry {
  const { kernelSize, stride, dilation, padding } = resolveConv1dShape(shape, where);
  integerAtLeast(inputLength, 1, 'input length', where);
  if (inputLength > MAX_CONV1D_LENGTH) throw new Error(`${where}: input length must be at most ${MAX_CONV1D_LENGTH}, got ${inputLength}`);
  const effectiveKernelSize = dilation * (kernelSize - 1) + 1;
  let padLeft: number;
  let padRight: number;
  if (padding === 'valid') {
    padLeft = 0;
    padRight = 0;
  } else if (padding === 'same') {
    const outputLength = Math.ceil(inputLength / stride);
    const total = Math.max((outputLength - 1) * stride + effectiveKernelSize - inputLength, 0);
    padLeft = Math.floor(total / 2);
    padRight = total - padLeft;
  } else {
    padLeft = padding;
    padRight = padding;
  }
  const span = inputLength + padLeft + padRight - effectiveKernelSize;
  if (span < 0) {
    throw new Error(`${where}: the kernel spans ${effectiveKernelSize} inputs (size ${kernelSize}, dilation ${dilation}) but the padded input has only ${inputLength + padLeft + padRight}`);
  }
  return { inputLength, outputLength: Math.floor(span / stride) + 1, kernelSize, stride, dilation, effectiveKernelSize, padLeft, padRight };
}

/** The output length formula alone. */
export function conv1dOutputLength(inputLength: number, shape: Conv1dShape): number {
  return conv1dGeometry(inputLength, shape).outputLength;
}

function checkKernel(config: Conv1dConfig, where: string): Conv1dShape {
  if (typeof config !== 'object' || config === null) throw new Error(`${where}: config must be an object with a kernel, got ${JSON.stringify(config)}`);
  const { kernel } = config;
  if (!Array.isArray(kernel) || kernel.length === 0) throw new Error(`${where}: kernel must be a non-empty array of weights, got ${JSON.stringify(kernel)}`);
  kernel.forEach((w, k) => {
    if (typeof w !== 'number' || !Number.isFinite(w)) throw new Error(`${where}: kernel[${k}] must be a finite number, got ${JSON.stringify(w)}`);
  });
  if (config.bias !== undefined && !(typeof config.bias === 'number' && Number.isFinite(config.bias))) throw new Error(`${where}: bias must be a finite number, got ${JSON.stringify(config.bias)}`);
  return { kernelSize: kernel.length, stride: config.stride, dilation: config.dilation, padding: config.padding };
}

function checkSignal(x: ArrayLike<number>, where: string): void {
  if (x === null || typeof x !== 'object' || typeof x.length !== 'number') throw new Error(`${where}: x must be an array of numbers`);
  for (let i = 0; i < x.length; i++) {
    if (typeof x[i] !== 'number' || !Number.isFinite(x[i])) throw new Error(`${where}: x[${i}] must be a finite number, got ${JSON.stringify(x[i])}`);
  }
}

/**
 * For each output i, the input index each kernel tap k reads (-1 where it falls on padding):
 * `taps[i][k]`. What the playground highlights when the reader points at an output.
 */
export function conv1dTaps(geometry: Conv1dGeometry): number[][] {
  const { outputLength, kernelSize, stride, dilation, padLeft, inputLength } = geometry;
  return Array.from({ length: outputLength }, (_, i) =>
    Array.from({ length: kernelSize }, (_, k) => {
      const j = i * stride + k * dilation - padLeft;
      return j >= 0 && j < inputLength ? j : -1;
    }),
  );
}

/** z = conv(x): the cross-correlation above, with zeros outside x. */
export function conv1d(x: ArrayLike<number>, config: Conv1dConfig): Float64Array {
  const shape = checkKernel(config, 'conv1d');
  checkSignal(x, 'conv1d');
  const geometry = conv1dGeometry(x.length, shape);
  const bias = config.bias ?? 0;
  const out = new Float64Array(geometry.outputLength);
  conv1dTaps(geometry).forEach((taps, i) => {
    let sum = bias;
    taps.forEach((j, k) => {
      if (j >= 0) sum += config.kernel[k] * x[j];
    });
    out[i] = sum;
  });
  return out;
}

/**
 * The banded weight matrix W (outputLength rows, inputLength columns) with conv(x) = W x + beta
 * (fig. 10.4): row i holds omega_k at column i s + k d - p_left. Taps that fall on padding are
 * simply absent (they multiply zeros). With stride 1 and 'same' padding, the K shared weights
 * fill K diagonals; a dense layer would have n^2 free weights instead.
 */
export function conv1dMatrix(inputLength: number, config: Conv1dConfig): number[][] {
  const shape = checkKernel(config, 'conv1d matrix');
  const geometry = conv1dGeometry(inputLength, shape, 'conv1d matrix');
  return conv1dTaps(geometry).map((taps) => {
    const row = new Array<number>(inputLength).fill(0);
    taps.forEach((j, k) => {
      if (j >= 0) row[j] += config.kernel[k];
    });
    return row;
  });
}
