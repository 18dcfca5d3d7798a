/**
 * A stack of 1-D convolutions for the convolution page's playground (section 10.2, figs. 10.2-10.6,
 * M4.1): every layer's values on one input signal, which units of the layer below each unit
 * reads, and, for a unit a person points at, every unit beneath it that it depends on (its
 * receptive field, traced layer by layer down to the input).
 *
 * Each layer is supervised/m4's conv1d (cross-correlation with zeros outside the signal, eq. 10.3)
 * applied to the layer below, without a nonlinearity: the playground shows what convolution does
 * to a signal, not a trained network. The input-level dependencies equal supervised/m4's
 * `receptiveFields` (the tests check it); this adds the intermediate layers, which the diagram
 * highlights too.
 */
import { conv1d, conv1dGeometry, conv1dTaps, type Conv1dConfig, type Conv1dGeometry } from '../m4';

/** At most this many layers in the playground. */
export const MAX_STACK_LAYERS = 6;

export interface ConvStack {
  /** values[0] is the input; values[l] the output of layer l (1-based). */
  readonly values: Float64Array[];
  /** geometries[l - 1]: layer l's lengths and padding. */
  readonly geometries: Conv1dGeometry[];
  /** taps[l - 1][i][k]: the unit of layer l - 1 that tap k of layer l's unit i reads (-1: a padding zero). */
  readonly taps: number[][][];
}

/** Runs the layers on `input`; throws supervised/m4's message, with the layer named, for a layer that does not fit. */
export function convStack(input: ArrayLike<number>, layers: readonly Conv1dConfig[]): ConvStack {
  if (!Array.isArray(layers) || layers.length === 0 || layers.length > MAX_STACK_LAYERS) {
    throw new Error(`conv stack: layers must be an array of 1 to ${MAX_STACK_LAYERS} layers, got ${Array.isArray(layers) ? layers.length : JSON.stringify(layers)}`);
  }
  const values: Float64Array[] = [Float64Array.from(input as ArrayLike<number>)];
  const geometries: Conv1dGeometry[] = [];
  const taps: number[][][] = [];
  layers.forEach((layer, l) => {
    const below = values[l];
    let geometry: Conv1dGeometry;
    let output: Float64Array;
    try {
      output = conv1d(below, layer);
      geometry = conv1dGeometry(below.length, { kernelSize: layer.kernel.length, stride: layer.stride, dilation: layer.dilation, padding: layer.padding });
    } catch (error) {
      throw new Error(`layer ${l + 1}: ${(error as Error).message}`, { cause: error });
    }
    values.push(output);
    geometries.push(geometry);
    taps.push(conv1dTaps(geometry));
  });
  return { values, geometries, taps };
}

/**
 * The units unit `unit` of layer `layer` depends on, layer by layer: result[l] holds the sorted
 * indices in layer l (0: the input) for l = 0..layer, and result[layer] is [unit].
 */
export function dependencies(stack: ConvStack, layer: number, unit: number): number[][] {
  const layers = stack.taps.length;
  if (!(Number.isInteger(layer) && layer >= 0 && layer <= layers)) throw new Error(`conv stack: layer must be an integer in [0, ${layers}], got ${JSON.stringify(layer)}`);
  const length = stack.values[layer].length;
  if (!(Number.isInteger(unit) && unit >= 0 && unit < length)) throw new Error(`conv stack: unit must be an integer in [0, ${length}) for layer ${layer}, got ${JSON.stringify(unit)}`);
  const result: number[][] = new Array(layer + 1);
  result[layer] = [unit];
  for (let l = layer; l > 0; l--) {
    const below = new Set<number>();
    for (const i of result[l]) for (const j of stack.taps[l - 1][i]) if (j >= 0) below.add(j);
    result[l - 1] = [...below].sort((a, b) => a - b);
  }
  return result;
}
