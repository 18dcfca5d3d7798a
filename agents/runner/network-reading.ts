/**
 * The network run on ONE observation, as the network panels show it: every layer's activations
 * (Network.activations, capped at NETWORK_VALUES_CAP values a layer), and the outputs the agent
 * acts by: DQN's acting q-values, the softmax policy otherwise, with v(s) where the agent has a
 * value estimate (DQN's max_a q, the value head's, or REINFORCE's learned baseline).
 *
 * Shared by the gridworld and CartPole sessions; plain data out, no tensors kept.
 */
import * as tf from '@tensorflow/tfjs';
import { Dqn } from '../deep/dqn';
import { encodeBatch, type Network } from '../deep/network';
import type { PolicyValueModel } from '../deep/policy-value';
import { Reinforce } from '../deep/reinforce';
import type { DeepAgent } from '../deep/registry';
import type { Observation } from '../deep/types';

/** At most this many values per layer go into a reading. */
export const NETWORK_VALUES_CAP = 256;

/** One layer of the network panel; `values` holds at most NETWORK_VALUES_CAP of its `units`. */
export interface NetworkLayerReading {
  readonly name: string;
  /** 'input', 'conv', 'dense' or 'output'. */
  readonly kind: string;
  readonly units: number;
  readonly activation: string;
  readonly values: number[];
}

/** The network run on one observation: its layers (the input first) and what the agent acts by. */
export interface NetworkReading {
  readonly layers: NetworkLayerReading[];
  readonly outputs: { readonly kind: 'q-values' | 'probabilities'; readonly values: number[] };
  /** v(s): DQN's max_a q, the value head's, or REINFORCE's learned baseline; absent without one. */
  readonly valueEstimate?: number;
}

/** softmax(logits) as plain numbers, row after row. Inside tf.tidy. */
export function softmaxRows(logits: tf.Tensor2D): number[] {
  return Array.from(tf.softmax(logits).dataSync());
}

function layerReading(name: string, kind: string, activation: string, row: tf.Tensor2D): NetworkLayerReading {
  const data = row.dataSync();
  return { name, kind, units: data.length, activation, values: Array.from(data.subarray(0, NETWORK_VALUES_CAP)) };
}

/** The layers of `network` on `x` (one row), as the panel shows them. Inside tf.tidy. */
function layerReadings(network: Network, x: tf.Tensor2D): NetworkLayerReading[] {
  const outputs = network.activations(x);
  return network.layers.map((info, i) => layerReading(info.name, info.kind, info.activation, outputs[i]));
}

/**
 * The layers of a policy-value model's policy path: the policy network's, or with a shared trunk
 * the trunk's (its last layer is the last hidden layer) then the policy head's output. Inside tf.tidy.
 */
function policyPathReadings(model: PolicyValueModel, x: tf.Tensor2D): NetworkLayerReading[] {
  if (model.architecture !== 'shared') return layerReadings(model.networks[0], x);
  const [trunk, head] = model.networks;
  const trunkLayers = layerReadings(trunk, x);
  const last = trunkLayers.length - 1;
  trunkLayers[last] = { ...trunkLayers[last], name: `hidden ${trunk.spec.hidden.length + 1}`, kind: 'dense' };
  const features = trunk.apply(x);
  return [...trunkLayers, ...layerReadings(head, features)];
}

/** Runs `learner`'s network on one observation (see the file's comment). */
export function readNetwork(learner: DeepAgent, observation: Observation): NetworkReading {
  // tidy returns tensors only: the plain reading leaves through `read`.
  let read: NetworkReading | null = null;
  tf.tidy(() => {
    const x = encodeBatch(learner instanceof Dqn ? learner.input : learner.dims.input, [observation]);
    const input = layerReading('input', 'input', 'none', x);
    if (learner instanceof Dqn) {
      const q = Array.from(learner.qValues([observation])[0]);
      read = { layers: [input, ...layerReadings(learner.networks[0], x)], outputs: { kind: 'q-values', values: q }, valueEstimate: Math.max(...q) };
    } else if (learner instanceof Reinforce) {
      const outputs = { kind: 'probabilities' as const, values: softmaxRows(learner.policy.apply(x)) };
      const layers = [input, ...layerReadings(learner.policy, x)];
      read = learner.value === null ? { layers, outputs } : { layers, outputs, valueEstimate: learner.value.apply(x).dataSync()[0] };
    } else {
      const out = learner.model.forward(x);
      read = {
        layers: [input, ...policyPathReadings(learner.model, x)],
        outputs: { kind: 'probabilities', values: softmaxRows(out.logits) },
        valueEstimate: out.values.dataSync()[0],
      };
    }
  });
  return read as unknown as NetworkReading;
}

/**
 * The action the agent takes in greedy mode (DQN: argmax q; the policy-gradient agents: the most
 * probable action), from a reading, ties to the lowest action.
 */
export function greedyAction(reading: NetworkReading): number {
  const values = reading.outputs.values;
  let best = 0;
  for (let a = 1; a < values.length; a++) if (values[a] > values[best]) best = a;
  return best;
}
