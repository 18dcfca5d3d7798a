/**
 * A network built from a plain `NetworkSpec` (issue 4, "Networks from config"): optional conv
 * layers for 'planes' input, then dense hidden layers, then a dense output layer.
 *
 * Raw `tf.variable`s with `tf.matMul` and Floe's im2col conv rather than `tf.layers`, so conv
 * layers train on every backend and trunks and heads compose by plain function application:
 *
 * ```ts
 * const trunk = new Network({ ...spec, outputs: 64 }, seed, { outputActivation: 'relu' });
 * const policy = new Network({ input: { kind: 'vector', size: 64 }, conv: [], hidden: [], activation: 'relu', outputs: nA }, seed + 1);
 * const logits = tf.tidy(() => policy.apply(trunk.apply(encodeBatch(spec.input, observations))));
 * ```
 *
 * Layers: every conv layer is 'valid' (no padding, as in MinAtar's network) and followed by
 * `spec.activation`; the conv output is flattened (HWC) before the dense layers; every hidden
 * layer is followed by `spec.activation`; the output layer by `options.outputActivation`
 * (default 'linear').
 *
 * Initialisation: glorot-uniform weights and zero biases. Each layer's weights come from its own
 * Floe Rng, derived from the seed and the layer index only (`network/<seed>/layer<i>`), so the
 * same seed gives the same weights bit for bit on every backend, and changing one layer's width
 * leaves the layers before it unchanged.
 *
 * Variable order (`variables`, `getWeights`, `setWeights`, weight files): layer 1 weights,
 * layer 1 biases, layer 2 weights, ... counting conv layers first. Conv weights are
 * [kernel, kernel, inChannels, filters]; dense weights are [in, out].
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../../environments/core/rng';
import { conv2dIm2col, convOutputSize } from './im2col-conv';
import { linear } from './linear';
import { ACTIVATIONS, type Activation, type InputSpec, type NetworkSpec, type Observation } from './types';

export { ACTIVATIONS };

/** Networks above this many parameters are refused (a typo in a config must not freeze a tab). */
export const MAX_PARAMETERS = 20_000_000;

export interface NetworkOptions {
  /**
   * Activation after the output layer. 'linear' (the default) for Q-values, logits and state
   * values; a hidden activation such as 'relu' makes the network a trunk whose outputs feed
   * head networks.
   */
  readonly outputActivation?: Activation;
  /**
   * Multiplies the output layer's initial weights. 1 by default; small values (0.01) give the
   * near-uniform initial policy that PPO and actor-critic implementations usually start from.
   */
  readonly outputGain?: number;
  /**
   * Whether the variables are trainable (default true). Make target networks non-trainable so
   * that an optimizer called without a variable list never touches them. Always pass
   * `network.variables` to `optimizer.minimize` anyway.
   */
  readonly trainable?: boolean;
}

/** One layer as the network panel shows it. */
export interface LayerInfo {
  readonly kind: 'conv' | 'dense' | 'output';
  /** 'conv 1', 'hidden 2', 'output'. */
  readonly name: string;
  /** Shape of one example's output: [height, width, filters] for conv, [units] otherwise. */
  readonly shape: readonly number[];
  readonly activation: Activation;
}

interface Layer {
  readonly info: LayerInfo;
  readonly weights: tf.Variable;
  readonly biases: tf.Variable;
  /** Conv layers only. */
  readonly stride: number;
}

export function inputSize(input: InputSpec): number {
  return input.kind === 'planes' ? input.height * input.width * input.channels : input.size;
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value) ?? String(value);
}

/**
 * Checks a spec (it may come from JSON or a URL) and returns its parameter count. Throws an
 * Error naming the field: `network spec: hidden[1] must be a positive integer, got 0`.
 */
function specError(message: string): never {
  throw new Error(`network spec: ${message}`);
}

/**
 * Checks a spec (it may come from JSON or a URL) and returns its parameter count. Throws an
 * Error naming the field: `network spec: hidden[1] must be a positive integer, got 0`.
 */
export function validateNetworkSpec(spec: NetworkSpec): number {
  if (typeof spec !== 'object' || spec === null) specError(`must be an object, got ${show(spec)}`);
  const input = spec.input as unknown as Record<string, unknown> | null | undefined;
  if (typeof input !== 'object' || input === null) specError(`input must be an object, got ${show(input)}`);
  const kind = input.kind;
  const fields = kind === 'one-hot' || kind === 'vector' ? ['size'] : kind === 'planes' ? ['height', 'width', 'channels'] : null;
  if (fields === null) specError(`input.kind must be one of one-hot, vector, planes, got ${show(kind)}`);
  for (const key of fields) {
    if (!isPositiveInteger(input[key])) specError(`input.${key} must be a positive integer, got ${show(input[key])}`);
  }
  if (!Array.isArray(spec.conv)) specError(`conv must be an array, got ${show(spec.conv)}`);
  if (!Array.isArray(spec.hidden)) specError(`hidden must be an array, got ${show(spec.hidden)}`);
  if (!ACTIVATIONS.includes(spec.activation)) specError(`activation must be one of ${ACTIVATIONS.join(', ')}, got ${show(spec.activation)}`);
  if (!isPositiveInteger(spec.outputs)) specError(`outputs must be a positive integer, got ${show(spec.outputs)}`);
  if (spec.conv.length > 0 && spec.input.kind !== 'planes') {
    specError(`conv layers need 'planes' input, got '${spec.input.kind}' input`);
  }

  let parameters = 0;
  let features = inputSize(spec.input);
  if (spec.input.kind === 'planes') {
    let { height, width, channels } = spec.input;
    spec.conv.forEach((conv, index) => {
      if (typeof conv !== 'object' || conv === null) specError(`conv[${index}] must be an object, got ${show(conv)}`);
      for (const key of ['filters', 'kernel', 'stride'] as const) {
        if (!isPositiveInteger(conv[key])) specError(`conv[${index}].${key} must be a positive integer, got ${show(conv[key])}`);
      }
      if (conv.kernel > height || conv.kernel > width) {
        specError(`conv[${index}] kernel ${conv.kernel} does not fit its ${height}x${width} input`);
      }
      parameters += conv.kernel * conv.kernel * channels * conv.filters + conv.filters;
      height = convOutputSize(height, conv.kernel, conv.stride, 'valid').size;
      width = convOutputSize(width, conv.kernel, conv.stride, 'valid').size;
      channels = conv.filters;
    });
    features = height * width * channels;
  }
  spec.hidden.forEach((units, index) => {
    if (!isPositiveInteger(units)) specError(`hidden[${index}] must be a positive integer, got ${show(units)}`);
    parameters += features * units + units;
    features = units;
  });
  parameters += features * spec.outputs + spec.outputs;
  if (parameters > MAX_PARAMETERS) specError(`${parameters} parameters is more than the limit of ${MAX_PARAMETERS}`);
  return parameters;
}

function activate(x: tf.Tensor, activation: Activation): tf.Tensor {
  switch (activation) {
    case 'relu':
      return tf.relu(x);
    case 'tanh':
      return tf.tanh(x);
    case 'elu':
      return tf.elu(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'linear':
      return x;
  }
}

/** Glorot-uniform values: U(-limit, limit), limit = gain * sqrt(6 / (fanIn + fanOut)). */
function glorotUniform(count: number, fanIn: number, fanOut: number, gain: number, seed: number, layerIndex: number): Float32Array {
  const rng = createRng(`network/${seed}/layer${layerIndex}`);
  const limit = gain * Math.sqrt(6 / (fanIn + fanOut));
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = (2 * rng.next() - 1) * limit;
  return values;
}

export class Network {
  readonly spec: NetworkSpec;
  readonly options: Readonly<Required<NetworkOptions>>;
  /** Trainable variables in the fixed order described at the top of the file. */
  readonly variables: tf.Variable[];
  /** The layers in order, for the network panel; `activations()` returns one tensor per entry. */
  readonly layers: readonly LayerInfo[];
  private readonly layerList: Layer[] = [];
  private readonly size: number;
  private readonly parameters: number;
  private disposed = false;

  constructor(spec: NetworkSpec, seed: number, options: NetworkOptions = {}) {
    this.parameters = validateNetworkSpec(spec);
    if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new Error(`network: seed must be a finite number, got ${show(seed)}`);
    const outputActivation = options.outputActivation ?? 'linear';
    if (!ACTIVATIONS.includes(outputActivation)) {
      throw new Error(`network: outputActivation must be one of ${ACTIVATIONS.join(', ')}, got ${show(outputActivation)}`);
    }
    const outputGain = options.outputGain ?? 1;
    if (typeof outputGain !== 'number' || !Number.isFinite(outputGain) || outputGain <= 0) {
      throw new Error(`network: outputGain must be a positive number, got ${show(outputGain)}`);
    }
    const trainable = options.trainable ?? true;
    this.options = Object.freeze({ outputActivation, outputGain, trainable });
    // A deep copy, frozen: the network's shape can never change under it.
    this.spec = Object.freeze(JSON.parse(JSON.stringify(spec)) as NetworkSpec);
    this.size = inputSize(spec.input);

    const makeLayer = (info: LayerInfo, weightShape: number[], fanIn: number, fanOut: number, gain: number, stride: number): void => {
      const layerIndex = this.layerList.length + 1;
      const count = weightShape.reduce((a, b) => a * b, 1);
      const units = weightShape[weightShape.length - 1];
      const weights = tf.tidy(() => tf.variable(tf.tensor(glorotUniform(count, fanIn, fanOut, gain, seed, layerIndex), weightShape), trainable));
      const biases = tf.tidy(() => tf.variable(tf.zeros([units]), trainable));
      this.layerList.push({ info, weights, biases, stride });
    };

    let features = this.size;
    if (spec.input.kind === 'planes') {
      let { height, width, channels } = spec.input;
      spec.conv.forEach((conv, index) => {
        height = convOutputSize(height, conv.kernel, conv.stride, 'valid').size;
        width = convOutputSize(width, conv.kernel, conv.stride, 'valid').size;
        const info: LayerInfo = { kind: 'conv', name: `conv ${index + 1}`, shape: [height, width, conv.filters], activation: spec.activation };
        const area = conv.kernel * conv.kernel;
        makeLayer(info, [conv.kernel, conv.kernel, channels, conv.filters], area * channels, area * conv.filters, 1, conv.stride);
        channels = conv.filters;
      });
      features = height * width * channels;
    }
    spec.hidden.forEach((units, index) => {
      makeLayer({ kind: 'dense', name: `hidden ${index + 1}`, shape: [units], activation: spec.activation }, [features, units], features, units, 1, 1);
      features = units;
    });
    makeLayer({ kind: 'output', name: 'output', shape: [spec.outputs], activation: outputActivation }, [features, spec.outputs], features, spec.outputs, outputGain, 1);

    this.layers = this.layerList.map((layer) => layer.info);
    this.variables = this.layerList.flatMap((layer) => [layer.weights, layer.biases]);
  }

  /** Encoded batch input [batch, inputSize] -> outputs [batch, outputs]. Call inside tf.tidy. */
  apply(input: tf.Tensor2D): tf.Tensor2D {
    const outputs = this.forward(input, false);
    return outputs[outputs.length - 1];
  }

  /**
   * Every layer's output, one [batch, units] tensor per entry of `layers` (conv outputs
   * flattened HWC), the last being the network's outputs. For the network panel; call inside
   * tf.tidy.
   */
  activations(input: tf.Tensor2D): tf.Tensor2D[] {
    return this.forward(input, true);
  }

  private forward(input: tf.Tensor2D, keepAll: boolean): tf.Tensor2D[] {
    this.checkAlive();
    if (input.rank !== 2 || input.shape[1] !== this.size) {
      throw new Error(`network: input has shape [${input.shape.join(', ')}], expected [batch, ${this.size}]`);
    }
    const batch = input.shape[0];
    const results: tf.Tensor2D[] = [];
    let x: tf.Tensor = input;
    const convLayers = this.layerList.filter((layer) => layer.info.kind === 'conv');
    if (convLayers.length > 0 && this.spec.input.kind === 'planes') {
      const { height, width, channels } = this.spec.input;
      x = tf.reshape(x, [batch, height, width, channels]);
      for (const layer of convLayers) {
        x = activate(tf.add(conv2dIm2col(x as tf.Tensor4D, layer.weights as tf.Tensor4D, layer.stride, 'valid'), layer.biases), layer.info.activation);
        if (keepAll) results.push(tf.reshape(x, [batch, -1]));
      }
      x = tf.reshape(x, [batch, -1]);
    }
    for (const layer of this.layerList) {
      if (layer.info.kind === 'conv') continue;
      x = activate(tf.add(linear(x as tf.Tensor2D, layer.weights as tf.Tensor2D), layer.biases), layer.info.activation);
      if (keepAll || layer.info.kind === 'output') results.push(x as tf.Tensor2D);
    }
    return results;
  }

  /** Copies of the current values, in `variables` order. */
  getWeights(): Float32Array[] {
    this.checkAlive();
    // dataSync may return the backend's own buffer (cpu): copy before handing it out.
    return this.variables.map((variable) => new Float32Array(variable.dataSync()));
  }

  /** Replaces every variable's values. Checks everything first, so a bad input changes nothing. */
  setWeights(weights: readonly ArrayLike<number>[]): void {
    this.checkAlive();
    if (!Array.isArray(weights) || weights.length !== this.variables.length) {
      const got = Array.isArray(weights) ? String(weights.length) : show(weights);
      throw new Error(`network: expected ${this.variables.length} weight arrays (${this.layerList.length} layers, weights and biases each), got ${got}`);
    }
    this.variables.forEach((variable, index) => {
      const values = weights[index];
      const what = this.describeVariable(index);
      if (values === null || typeof values !== 'object' || typeof values.length !== 'number') {
        throw new Error(`network: ${what} must be an array of numbers, got ${show(values)}`);
      }
      if (values.length !== variable.size) throw new Error(`network: ${what} have ${values.length} values, expected ${variable.size}`);
      for (let i = 0; i < values.length; i++) {
        const value = values[i];
        if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`network: ${what} value ${i} is ${show(value)}, expected a finite number`);
      }
    });
    tf.tidy(() => {
      this.variables.forEach((variable, index) => variable.assign(tf.tensor(Float32Array.from(weights[index]), variable.shape)));
    });
  }

  /** Hard target sync: this network's variables become equal to `other`'s. */
  copyFrom(other: Network): void {
    this.checkCompatible(other);
    if (other === this) return;
    // Shares the other variable's buffer; the optimizer's next update gives the online variable
    // a new buffer (assign never writes in place), so the copy stays frozen until the next sync.
    this.variables.forEach((variable, index) => variable.assign(other.variables[index]));
  }

  /** Polyak averaging: this <- tau * other + (1 - tau) * this, for tau in [0, 1]. */
  polyakFrom(other: Network, tau: number): void {
    this.checkCompatible(other);
    if (typeof tau !== 'number' || !(tau >= 0 && tau <= 1)) throw new Error(`network: tau must be in [0, 1], got ${show(tau)}`);
    tf.tidy(() => {
      this.variables.forEach((variable, index) => {
        variable.assign(tf.add(tf.mul(other.variables[index], tau), tf.mul(variable, 1 - tau)));
      });
    });
  }

  parameterCount(): number {
    return this.parameters;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const variable of this.variables) variable.dispose();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** 'layer 2 weights', 'layer 3 biases'. */
  describeVariable(index: number): string {
    return `layer ${Math.floor(index / 2) + 1} ${index % 2 === 0 ? 'weights' : 'biases'}`;
  }

  private checkAlive(): void {
    if (this.disposed) throw new Error('network: used after dispose()');
  }

  private checkCompatible(other: Network): void {
    this.checkAlive();
    if (!(other instanceof Network)) throw new Error('network: expected another Network');
    other.checkAlive();
    if (other.variables.length !== this.variables.length) {
      throw new Error(`network: cannot copy from a network with ${other.variables.length / 2} layers into one with ${this.variables.length / 2}`);
    }
    this.variables.forEach((variable, index) => {
      const theirs = other.variables[index].shape;
      if (theirs.length !== variable.shape.length || theirs.some((size, axis) => size !== variable.shape[axis])) {
        throw new Error(`network: cannot copy ${this.describeVariable(index)} of shape [${theirs.join(', ')}] into shape [${variable.shape.join(', ')}]`);
      }
    });
  }
}

/**
 * Observations -> the network's input batch [n, inputSize]: one-hot rows for 'one-hot' (an
 * integer state each), the vector as it is for 'vector' and 'planes' (a Float32Array each,
 * planes flattened row-major HWC). Throws on a wrong observation, naming its index.
 */
export function encodeBatch(input: InputSpec, observations: readonly Observation[]): tf.Tensor2D {
  const size = inputSize(input);
  const values = new Float32Array(observations.length * size);
  observations.forEach((observation, row) => {
    if (input.kind === 'one-hot') {
      if (typeof observation !== 'number' || !Number.isInteger(observation) || observation < 0 || observation >= size) {
        throw new Error(`encodeBatch: observation ${row} is ${describeObservation(observation)}, expected an integer state in [0, ${size})`);
      }
      values[row * size + observation] = 1;
    } else {
      if (!(observation instanceof Float32Array) || observation.length !== size) {
        throw new Error(`encodeBatch: observation ${row} is ${describeObservation(observation)}, expected a Float32Array of ${size} numbers (${input.kind} input)`);
      }
      values.set(observation, row * size);
    }
  });
  return tf.tensor2d(values, [observations.length, size]);
}

function describeObservation(observation: unknown): string {
  if (observation instanceof Float32Array) return `a Float32Array of ${observation.length} numbers`;
  return show(observation);
}
