/**
 * Receptive fields of stacked 1-D convolutions (section 10.2.5, fig. 10.6, M4.1): which inputs
 * each output of each layer depends on.
 *
 * Two views:
 * - `receptiveFields` follows the actual taps through the layers, padding included, so it gives
 *   the exact set of inputs per unit (with gaps when dilation skips inputs, truncated at the edges);
 * - `receptiveFieldSizes` is the textbook recurrence for an interior unit, ignoring edges:
 *     r_0 = 1, j_0 = 1;   r_l = r_{l-1} + (K_l - 1) d_l j_{l-1};   j_l = j_{l-1} s_l
 *   (j_l is the distance, in inputs, between neighbouring units of layer l).
 *
 * Fig. 10.6 (input length 11, kernel 3 everywhere, the third layer with stride 2 and no padding,
 * so its 5 units sit over inputs 1, 3, 5, 7, 9): the sizes are 3, 5, 7, and the fourth layer's
 * unit at position three covers all 11 inputs.
 */
import { conv1dGeometry, conv1dTaps, resolveConv1dShape, type Conv1dShape } from './conv1d';

export interface ReceptiveFieldLayer {
  /** Units in this layer. */
  readonly length: number;
  /** inputs[i]: the sorted input indices unit i depends on. */
  readonly inputs: number[][];
  /** The interior receptive-field size r_l from the recurrence. */
  readonly size: number;
  /** j_l: how many inputs apart neighbouring units of this layer are. */
  readonly jump: number;
}

/** At most this many layers are traced. */
export const MAX_RECEPTIVE_FIELD_LAYERS = 32;

function checkLayers(layers: readonly Conv1dShape[]): void {
  if (!Array.isArray(layers) || layers.length === 0 || layers.length > MAX_RECEPTIVE_FIELD_LAYERS) {
    throw new Error(`receptive field: layers must be an array of 1 to ${MAX_RECEPTIVE_FIELD_LAYERS} layer shapes, got ${Array.isArray(layers) ? layers.length : JSON.stringify(layers)}`);
  }
}

/** r_l and j_l for each layer (the recurrence above). */
export function receptiveFieldSizes(layers: readonly Conv1dShape[]): { size: number; jump: number }[] {
  checkLayers(layers);
  let size = 1;
  let jump = 1;
  return layers.map((layer, l) => {
    const { kernelSize, dilation, stride } = resolveConv1dShape(layer, `receptive field: layers[${l}]`);
    size += (kernelSize - 1) * dilation * jump;
    jump *= stride;
    return { size, jump };
  });
}

/** For each layer, the inputs every unit depends on, traced through the taps of an input of `inputLength`. */
export function receptiveFields(inputLength: number, layers: readonly Conv1dShape[]): ReceptiveFieldLayer[] {
  checkLayers(layers);
  const sizes = receptiveFieldSizes(layers);
  let previous: number[][] = Array.from({ length: inputLength }, (_, j) => [j]);
  let length = inputLength;
  const mark = new Uint8Array(inputLength);
  return layers.map((layer, l) => {
    const geometry = conv1dGeometry(length, layer, `receptive field: layers[${l}]`);
    const inputs = conv1dTaps(geometry).map((taps) => {
      const union: number[] = [];
      for (const j of taps) {
        if (j < 0) continue;
        for (const input of previous[j]) {
          if (mark[input] === 0) {
            mark[input] = 1;
            union.push(input);
          }
        }
      }
      for (const input of union) mark[input] = 0;
      return union.sort((a, b) => a - b);
    });
    previous = inputs;
    length = geometry.outputLength;
    return { length, inputs, size: sizes[l].size, jump: sizes[l].jump };
  });
}
