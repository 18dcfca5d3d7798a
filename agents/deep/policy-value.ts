/**
 * The networks of the policy-gradient agents: an MLP softmax policy pi(a|s) and a state-value
 * critic v(s), built from a few config fields (shared by REINFORCE, actor-critic and PPO).
 *
 * Architectures (actor-critic and PPO):
 * - 'separate': two MLPs, policy and value, each with its own hidden layers (CleanRL's PPO).
 * - 'shared':   one trunk (the hidden layers) feeding two linear heads, logits and value (the
 *               book's "one network with two heads"). The value loss then shapes the trunk too,
 *               which is why its coefficient matters more here.
 *
 * The policy's output layer starts at 0.01 of the usual scale, so the first policy is close to
 * uniform and its entropy close to log |A| (as CleanRL's orthogonal init with gain 0.01).
 */
import * as tf from '@tensorflow/tfjs';
import type { Architecture, NetworkConfig } from './config/network';
import { convLayers } from './config/conv';
import { Network } from './network';
import { readArray, readWeights, saveNetwork } from './pg-file';
import type { InputSpec, NetworkSpec } from './types';
import type { WeightsFile } from './weights-file';

/** What the world tells the agent: how observations are encoded and how many actions there are. */
export interface PolicyDims {
  readonly input: InputSpec;
  readonly nActions: number;
}

export function checkPolicyDims(agent: string, dims: PolicyDims): void {
  if (typeof dims !== 'object' || dims === null) throw new Error(`${agent}: dims must be { input, nActions }`);
  if (!(Number.isInteger(dims.nActions) && dims.nActions >= 2)) throw new Error(`${agent}: nActions must be an integer >= 2, got ${JSON.stringify(dims.nActions)}`);
}

/**
 * A network over the agent's input: the config's conv layer (if any; 'planes' input), then
 * `hiddenLayers` dense layers. Heads that read a trunk's features pass `withConv` false.
 */
export function mlpSpec(input: InputSpec, config: NetworkConfig, hiddenLayers: number, outputs: number, withConv = true): NetworkSpec {
  const hidden = Array.from({ length: hiddenLayers }, () => config.hiddenUnits);
  return { input, conv: withConv ? convLayers(config) : [], hidden, activation: config.activation, outputs };
}

/** Policy logits and state values from one forward pass. */
export interface PolicyValueOutput {
  readonly logits: tf.Tensor2D;
  readonly values: tf.Tensor1D;
}

export class PolicyValueModel {
  /** shared: trunk, policy head, value head. separate: policy, value. */
  readonly networks: readonly Network[];
  readonly variables: tf.Variable[];
  private readonly forwardFn: (x: tf.Tensor2D) => PolicyValueOutput;

  constructor(agent: string, dims: PolicyDims, config: NetworkConfig, readonly architecture: Architecture) {
    const { input, nActions } = dims;
    if (architecture === 'shared') {
      if (config.hiddenLayers < 1) throw new Error(`${agent} config: architecture 'shared' needs hiddenLayers >= 1, got ${config.hiddenLayers}`);
      const trunk = new Network(mlpSpec(input, config, config.hiddenLayers - 1, config.hiddenUnits), config.seed, { outputActivation: config.activation });
      const headInput: InputSpec = { kind: 'vector', size: config.hiddenUnits };
      const policy = new Network(mlpSpec(headInput, config, 0, nActions, false), config.seed + 1, { outputGain: 0.01 });
      const value = new Network(mlpSpec(headInput, config, 0, 1, false), config.seed + 2);
      this.networks = [trunk, policy, value];
      this.forwardFn = (x) => {
        const features = trunk.apply(x);
        return { logits: policy.apply(features), values: tf.reshape(value.apply(features), [-1]) as tf.Tensor1D };
      };
    } else {
      const policy = new Network(mlpSpec(input, config, config.hiddenLayers, nActions), config.seed, { outputGain: 0.01 });
      const value = new Network(mlpSpec(input, config, config.hiddenLayers, 1), config.seed + 1);
      this.networks = [policy, value];
      this.forwardFn = (x) => ({ logits: policy.apply(x), values: tf.reshape(value.apply(x), [-1]) as tf.Tensor1D });
    }
    this.variables = this.networks.flatMap((network) => network.variables);
  }

  /** Encoded observations [n, inputSize] -> logits [n, nA] and values [n]. Call inside tf.tidy. */
  forward(x: tf.Tensor2D): PolicyValueOutput {
    return this.forwardFn(x);
  }

  save(): WeightsFile[] {
    return this.networks.map(saveNetwork);
  }

  /** Decodes saved weights for every network (checking them all), without changing anything. */
  read(where: string, value: unknown): Float32Array[][] {
    const files = readArray(where, value, this.networks.length);
    return this.networks.map((network, i) => readWeights(`${where}[${i}]`, network, files[i]));
  }

  setWeights(weights: readonly Float32Array[][]): void {
    this.networks.forEach((network, i) => network.setWeights(weights[i]));
  }

  dispose(): void {
    for (const network of this.networks) network.dispose();
  }
}

/** Mean entropy of the softmax policies of a batch of logits: -sum_a pi log pi. Call inside tf.tidy. */
export function meanEntropy(logits: tf.Tensor2D): tf.Scalar {
  const logProbs = tf.logSoftmax(logits);
  return tf.neg(tf.mean(tf.sum(tf.mul(tf.exp(logProbs), logProbs), 1)));
}

/** log pi(a_i | s_i) for each row's chosen action. Call inside tf.tidy. */
export function chosenLogProbs(logits: tf.Tensor2D, actions: tf.Tensor1D, nActions: number): tf.Tensor1D {
  return tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(actions, nActions)), 1);
}
