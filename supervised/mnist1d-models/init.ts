/**
 * Initial weights of the MNIST-1D networks, drawn with Floe's Rng, one stream per layer.
 *
 * 'he' is what the book's companion notebooks use for these networks (8_1, 8_3 and 10_2 apply
 * PyTorch's `kaiming_uniform_` to every weight and fill every bias with 0): U(-b, b) with
 * b = sqrt(6 / fanIn), the uniform law of variance 2 / fanIn (He initialisation, section 7.5).
 * 'glorot' is U(-b, b) with b = sqrt(6 / (fanIn + fanOut)), variance 2 / (fanIn + fanOut), the
 * default of agents/deep/network.ts and of tf.layers. Biases start at 0 in both.
 *
 * fanIn is what one output unit sums over: the inputs of a dense layer, kernel x input channels
 * of a conv layer (PyTorch's convention for Conv1d); fanOut likewise with output units.
 *
 * Each layer's stream is named by the seed and the layer's name only
 * (`mnist1d-models/<seed>/<layer>`), so the same seed gives the same weights on every backend,
 * and changing a later layer leaves the earlier ones as they were.
 */
import { createRng } from '../../environments/core/rng';

export type InitScheme = 'he' | 'glorot';
export const INIT_SCHEMES: readonly InitScheme[] = ['he', 'glorot'];

/** The half-width b of the uniform law U(-b, b) the scheme draws from. */
export function initBound(scheme: InitScheme, fanIn: number, fanOut: number): number {
  return scheme === 'he' ? Math.sqrt(6 / fanIn) : Math.sqrt(6 / (fanIn + fanOut));
}

/** `count` weights of one layer, U(-b, b), from the layer's own stream. */
export function initialWeights(count: number, fanIn: number, fanOut: number, scheme: InitScheme, seed: number, layer: string): Float32Array {
  const rng = createRng(`mnist1d-models/${seed}/${layer}`);
  const bound = initBound(scheme, fanIn, fanOut);
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = (2 * rng.next() - 1) * bound;
  return values;
}
