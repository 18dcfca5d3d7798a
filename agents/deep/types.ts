/**
 * Shared shapes of the deep agents (issue 4): what a network is made of and what observations
 * the agents accept. Plain data, so configs are JSON, validated, saved and shown in forms.
 */

/** A gridworld state index (one-hot encoded by the network's input) or a flat feature vector. */
export type Observation = number | Float32Array;

export type InputSpec =
  /** An integer state 0..size-1, one-hot encoded (gridworlds). */
  | { readonly kind: 'one-hot'; readonly size: number }
  /** A flat vector of `size` numbers (CartPole, gridworld coordinates). */
  | { readonly kind: 'vector'; readonly size: number }
  /** height x width x channels binary planes, flattened row-major, channels last (MinAtar-style games). */
  | { readonly kind: 'planes'; readonly height: number; readonly width: number; readonly channels: number };

export type Activation = 'relu' | 'tanh' | 'elu' | 'sigmoid' | 'linear';
export const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'elu', 'sigmoid', 'linear'];

export interface ConvSpec {
  readonly filters: number;
  readonly kernel: number;
  readonly stride: number;
}

/** An MLP (optionally after conv layers) mapping an observation to `outputs` numbers. */
export interface NetworkSpec {
  readonly input: InputSpec;
  /** Conv layers, only for 'planes' input (Floe's im2col conv: trains on every backend). */
  readonly conv: readonly ConvSpec[];
  readonly hidden: readonly number[];
  readonly activation: Activation;
  readonly outputs: number;
}
