/**
 * Shapes and parameter counts of small 1-D networks, layer by layer (section 10.2, M4.1-M4.2),
 * and the per-layer counts for 2-D convolutions (section 10.4).
 *
 * A 1-D convolution from C_i to C_o channels with kernel size K has C_i C_o K weights and C_o
 * biases (the weights Omega in R^{C_i x C_o x K}, fig. 10.5); a 2-D one has C_i C_o K^2 weights
 * and C_o biases (Problem 10.14: 5 x 5, 3 -> 10 channels: 750 + 10); a fully connected layer from
 * D to D' units has D D' weights and D' biases.
 *
 * The two networks of fig. 10.7 / 10.8 come out exactly: the MNIST-1D convolutional network (three
 * conv layers of 15 channels, kernel 3, stride 2, 'valid': 40 -> 19 -> 9 -> 4, then 60 -> 10) has
 * 2,050 parameters and the MLP with hidden sizes 285, 135, 60 has 59,065.
 */
import { conv1dGeometry, type Padding } from './conv1d';

export type Network1dLayer =
  | { readonly kind: 'conv1d'; readonly channels: number; readonly kernelSize: number; readonly stride?: number; readonly dilation?: number; readonly padding?: Padding }
  | { readonly kind: 'flatten' }
  | { readonly kind: 'dense'; readonly units: number };

export interface Network1dInput {
  /** Positions along the signal (40 for MNIST-1D). */
  readonly length: number;
  /** Channels per position (1 for MNIST-1D). */
  readonly channels: number;
}

export interface LayerSummary {
  readonly kind: Network1dLayer['kind'];
  /** [length, channels] after a convolution, [units] after flatten or dense. */
  readonly outputShape: number[];
  readonly weights: number;
  readonly biases: number;
}

export interface Network1dSummary {
  readonly layers: LayerSummary[];
  readonly parameters: number;
}

/** Weights plus biases of a 1-D convolution layer. */
export function conv1dParameterCount(inputChannels: number, outputChannels: number, kernelSize: number): number {
  checkCounts({ inputChannels, outputChannels, kernelSize }, 'conv1d parameter count');
  return inputChannels * outputChannels * kernelSize + outputChannels;
}

/** Weights plus biases of a 2-D convolution layer with a square kernel. */
export function conv2dParameterCount(inputChannels: number, outputChannels: number, kernelSize: number): number {
  checkCounts({ inputChannels, outputChannels, kernelSize }, 'conv2d parameter count');
  return inputChannels * outputChannels * kernelSize * kernelSize + outputChannels;
}

/** Weights plus biases of a fully connected layer. */
export function denseParameterCount(inputs: number, outputs: number): number {
  checkCounts({ inputs, outputs }, 'dense parameter count');
  return inputs * outputs + outputs;
}

function checkCounts(counts: Record<string, unknown>, where: string): void {
  for (const [name, value] of Object.entries(counts)) {
    if (!(typeof value === 'number' && Number.isInteger(value) && value >= 1)) throw new Error(`${where}: ${name} must be a positive integer, got ${JSON.stringify(value)}`);
  }
}

/** Every layer's output shape and parameter count, and the total. */
export function summariseNetwork1d(input: Network1dInput, layers: readonly Network1dLayer[]): Network1dSummary {
  if (typeof input !== 'object' || input === null) throw new Error(`network: input must be { length, channels }, got ${JSON.stringify(input)}`);
  checkCounts({ 'input.length': input.length, 'input.channels': input.channels }, 'network');
  if (!Array.isArray(layers) || layers.length === 0) throw new Error('network: layers must be a non-empty array');
  let shape: number[] = [input.length, input.channels];
  const summaries = layers.map((layer, l): LayerSummary => {
    const where = `network: layers[${l}]`;
    switch (layer?.kind) {
      case 'conv1d': {
        if (shape.length !== 2) throw new Error(`${where}: a conv1d layer needs a [length, channels] input, but the previous layer gives ${shape[0]} flat units`);
        checkCounts({ channels: layer.channels }, where);
        const geometry = conv1dGeometry(shape[0], layer, where);
        const summary = { kind: layer.kind, outputShape: [geometry.outputLength, layer.channels], weights: shape[1] * layer.channels * layer.kernelSize, biases: layer.channels };
        shape = summary.outputShape;
        return summary;
      }
      case 'flatten':
        shape = [shape.reduce((a, b) => a * b, 1)];
        return { kind: 'flatten', outputShape: shape.slice(), weights: 0, biases: 0 };
      case 'dense': {
        if (shape.length !== 1) throw new Error(`${where}: a dense layer needs a flat input; add { kind: 'flatten' } before it`);
        checkCounts({ units: layer.units }, where);
        const summary = { kind: layer.kind, outputShape: [layer.units], weights: shape[0] * layer.units, biases: layer.units };
        shape = summary.outputShape;
        return summary;
      }
      default:
        throw new Error(`${where}: kind must be 'conv1d', 'flatten' or 'dense', got ${JSON.stringify((layer as { kind?: unknown })?.kind)}`);
    }
  });
  return { layers: summaries, parameters: summaries.reduce((sum, s) => sum + s.weights + s.biases, 0) };
}

/** Fig. 10.7: the MNIST-1D convolutional network (2,050 parameters). */
export const MNIST1D_CONV_NET: { readonly input: Network1dInput; readonly layers: readonly Network1dLayer[] } = Object.freeze({
  input: { length: 40, channels: 1 },
  layers: [
    { kind: 'conv1d', channels: 15, kernelSize: 3, stride: 2, padding: 'valid' },
    { kind: 'conv1d', channels: 15, kernelSize: 3, stride: 2, padding: 'valid' },
    { kind: 'conv1d', channels: 15, kernelSize: 3, stride: 2, padding: 'valid' },
    { kind: 'flatten' },
    { kind: 'dense', units: 10 },
  ],
});

/** Fig. 10.8's comparison: the fully connected network with hidden sizes 285, 135, 60 (59,065 parameters). */
export const MNIST1D_MLP: { readonly input: Network1dInput; readonly layers: readonly Network1dLayer[] } = Object.freeze({
  input: { length: 40, channels: 1 },
  layers: [{ kind: 'flatten' }, { kind: 'dense', units: 285 }, { kind: 'dense', units: 135 }, { kind: 'dense', units: 60 }, { kind: 'dense', units: 10 }],
});
