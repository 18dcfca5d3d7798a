/**
 * The MNIST-1D networks as plain data: optional 1-D conv layers, then dense hidden layers, then a
 * dense layer to the classes, ReLU after every layer but the last (the logits). The named specs
 * are the book's:
 *
 * | spec                     | layers                                              | parameters |
 * |--------------------------|-----------------------------------------------------|-----------:|
 * | `BOOK_MLP` (ch. 8)       | 40 -> 100 -> 100 -> 10                              |     15,210 |
 * | `CONV_NET` (fig. 10.7)   | 3 x conv (15 channels, kernel 3, stride 2, valid):  |      2,050 |
 * |                          | 40 -> 19 -> 9 -> 4 samples, 4 x 15 = 60 -> 10       |            |
 * | `CONV_COMPARISON_MLP`    | 40 -> 285 -> 135 -> 60 -> 10 (fig. 10.8's MLP)      |     59,065 |
 * | `widthMlp(w)` (fig. 8.10)| 40 -> w -> w -> 10: w^2 + 52 w + 10                 |            |
 *
 * A conv layer with C_i input channels, C_o output channels and kernel K has C_i C_o K weights and
 * C_o biases (section 10.2.5); a dense layer with D_i inputs and D_o outputs D_i D_o + D_o.
 *
 * `dropout` (section 9.3.3) zeroes each hidden unit (every conv and dense hidden output) with
 * that probability at each training step; 0 turns it off.
 */
import { conv1dOutputLength } from './conv1d';
import { INIT_SCHEMES, type InitScheme } from './init';

export interface Conv1dLayerSpec {
  /** Output channels C_o. */
  readonly channels: number;
  /** Kernel size K (samples). */
  readonly kernel: number;
  readonly stride: number;
}

export interface Mnist1dNetworkSpec {
  /** Samples per input sequence (40 for MNIST-1D). */
  readonly inputLength: number;
  /** Output logits (10 digits). */
  readonly classes: number;
  /** 1-D conv layers, 'valid' padding, applied first (empty: an MLP). */
  readonly conv: readonly Conv1dLayerSpec[];
  /** Widths of the dense hidden layers after the conv layers (flattened length x channels). */
  readonly hidden: readonly number[];
  /** Initial weights (init.ts): 'he' as the book's notebooks, or 'glorot'. */
  readonly init: InitScheme;
  /** Probability of zeroing a hidden unit at each training step, in [0, 1). */
  readonly dropout: number;
}

/** Networks above this many parameters are refused (a typo in a config must not freeze a tab). */
export const MAX_PARAMETERS = 5_000_000;
/** At most this many layers of each kind. */
export const MAX_LAYERS = 16;

const MNIST1D = { inputLength: 40, classes: 10, init: 'he', dropout: 0 } as const;

/** The training-monitor MLP of chapter 8 (section 8.1): 15,210 parameters. */
export const BOOK_MLP: Mnist1dNetworkSpec = Object.freeze({ ...MNIST1D, conv: Object.freeze([]), hidden: Object.freeze([100, 100]) });

/** The convolutional network of fig. 10.7: 2,050 parameters. */
export const CONV_NET: Mnist1dNetworkSpec = Object.freeze({
  ...MNIST1D,
  conv: Object.freeze([1, 2, 3].map(() => Object.freeze({ channels: 15, kernel: 3, stride: 2 }))),
  hidden: Object.freeze([]),
});

/** The fully connected network fig. 10.8 compares the conv net with: 59,065 parameters. */
export const CONV_COMPARISON_MLP: Mnist1dNetworkSpec = Object.freeze({ ...MNIST1D, conv: Object.freeze([]), hidden: Object.freeze([285, 135, 60]) });

/** The double-descent network of fig. 8.10: `depth` hidden layers (2 in the book) of `width` units. */
export function widthMlp(width: number, depth = 2): Mnist1dNetworkSpec {
  return checkNetworkSpec({ ...MNIST1D, conv: [], hidden: Array.from({ length: depth }, () => width) });
}

function fail(problem: string): never {
  throw new Error(`mnist1d network: ${problem}`);
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : (JSON.stringify(value) ?? String(value));
}

function positiveInteger(value: unknown, where: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) fail(`${where} must be an integer in [1, ${max}], got ${show(value)}`);
  return value;
}

/** One layer's shape and size, as a network panel lists them. */
export interface LayerSummary {
  readonly kind: 'conv' | 'dense' | 'output';
  /** 'conv 1', 'hidden 2', 'output': also the layer's init stream name (without the space). */
  readonly name: string;
  /** One example's output: [length, channels] for conv layers, [units] otherwise. */
  readonly outputShape: readonly number[];
  /** Weights then biases: [kernel, inChannels, outChannels] and [outChannels] for conv, [in, out] and [out] dense. */
  readonly weightShape: readonly number[];
  readonly parameters: number;
}

/** Every layer of a checked spec, in order. */
export function layerSummaries(spec: Mnist1dNetworkSpec): LayerSummary[] {
  const layers: LayerSummary[] = [];
  let length = spec.inputLength;
  let channels = 1;
  spec.conv.forEach((conv, i) => {
    length = conv1dOutputLength(length, conv.kernel, conv.stride);
    layers.push({
      kind: 'conv',
      name: `conv ${i + 1}`,
      outputShape: [length, conv.channels],
      weightShape: [conv.kernel, channels, conv.channels],
      parameters: conv.kernel * channels * conv.channels + conv.channels,
    });
    channels = conv.channels;
  });
  let features = spec.conv.length > 0 ? length * channels : spec.inputLength;
  const dense = (kind: 'dense' | 'output', name: string, units: number) => {
    layers.push({ kind, name, outputShape: [units], weightShape: [features, units], parameters: features * units + units });
    features = units;
  };
  spec.hidden.forEach((units, i) => dense('dense', `hidden ${i + 1}`, units));
  dense('output', 'output', spec.classes);
  return layers;
}

export function parameterCount(spec: Mnist1dNetworkSpec): number {
  return layerSummaries(spec).reduce((sum, layer) => sum + layer.parameters, 0);
}

/**
 * Checks a spec (it may come from JSON or a URL) and returns it frozen, deep-copied. Throws one
 * Error naming the field: `mnist1d network: hidden[1] must be an integer in [1, 100000], got 0`.
 */
export function checkNetworkSpec(spec: unknown): Mnist1dNetworkSpec {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) fail(`the spec must be an object, got ${show(spec)}`);
  const fields = spec as Record<string, unknown>;
  const known = ['inputLength', 'classes', 'conv', 'hidden', 'init', 'dropout'];
  for (const key of Object.keys(fields)) if (!known.includes(key)) fail(`unknown field '${key}'; fields are ${known.join(', ')}`);
  const inputLength = positiveInteger(fields.inputLength, 'inputLength', 100_000);
  const classes = positiveInteger(fields.classes, 'classes', 1000);
  if (classes < 2) fail(`classes must be at least 2, got ${classes}`);
  if (!Array.isArray(fields.conv) || fields.conv.length > MAX_LAYERS) fail(`conv must be a list of at most ${MAX_LAYERS} conv layers, got ${show(fields.conv)}`);
  if (!Array.isArray(fields.hidden) || fields.hidden.length > MAX_LAYERS) fail(`hidden must be a list of at most ${MAX_LAYERS} widths, got ${show(fields.hidden)}`);
  if (!INIT_SCHEMES.includes(fields.init as InitScheme)) fail(`init must be one of ${INIT_SCHEMES.map((s) => `'${s}'`).join(', ')}, got ${show(fields.init)}`);
  const dropout = fields.dropout;
  if (typeof dropout !== 'number' || !(dropout >= 0 && dropout < 1)) fail(`dropout must be a probability in [0, 1), got ${show(dropout)}`);

  let length = inputLength;
  const conv = fields.conv.map((layer: unknown, i) => {
    if (typeof layer !== 'object' || layer === null || Array.isArray(layer)) fail(`conv[${i}] must be { channels, kernel, stride }, got ${show(layer)}`);
    const entry = layer as Record<string, unknown>;
    for (const key of Object.keys(entry)) if (!['channels', 'kernel', 'stride'].includes(key)) fail(`conv[${i}] has an unknown field '${key}'; fields are channels, kernel, stride`);
    const checked = {
      channels: positiveInteger(entry.channels, `conv[${i}].channels`, 4096),
      kernel: positiveInteger(entry.kernel, `conv[${i}].kernel`, 1000),
      stride: positiveInteger(entry.stride, `conv[${i}].stride`, 1000),
    };
    if (checked.kernel > length) fail(`conv[${i}]: a kernel of ${checked.kernel} does not fit its input of ${length} samples`);
    length = conv1dOutputLength(length, checked.kernel, checked.stride);
    return Object.freeze(checked);
  });
  const hidden = fields.hidden.map((units: unknown, i) => positiveInteger(units, `hidden[${i}]`, 100_000));
  const checked: Mnist1dNetworkSpec = Object.freeze({ inputLength, classes, conv: Object.freeze(conv), hidden: Object.freeze(hidden), init: fields.init as InitScheme, dropout });
  const parameters = parameterCount(checked);
  if (parameters > MAX_PARAMETERS) fail(`${parameters} parameters is more than the limit of ${MAX_PARAMETERS}`);
  return checked;
}

/** '40-100-100-10 MLP', 'conv 3 x (15 ch, k 3, s 2) -> 10', for legends. */
export function describeNetwork(spec: Mnist1dNetworkSpec): string {
  const dense = [...spec.hidden, spec.classes].join('-');
  if (spec.conv.length === 0) return `MLP ${spec.inputLength}-${dense}`;
  const layers = spec.conv.map((c) => `${c.channels} ch k${c.kernel} s${c.stride}`);
  const same = layers.every((l) => l === layers[0]);
  const convText = same ? `${spec.conv.length} x conv (${layers[0]})` : layers.map((l) => `conv (${l})`).join(', ');
  return `${convText}, dense ${dense}`;
}
