/**
 * Adam (Kingma & Ba 2015) over a fixed list of variables, with optional clipping of the global
 * gradient norm, for the policy-gradient agents (REINFORCE, actor-critic, PPO).
 *
 * Why not `tf.train.adam`: its state is private and `getWeights`/`setWeights` are async, so a
 * synchronous `save()` could not capture it and a loaded agent would not continue exactly. Here
 * the moments are plain variables, the step count is a JS number, and `state()`/`restore()` are
 * synchronous and exact (float32 moments round-trip through JSON numbers unchanged).
 *
 *   m <- beta1 m + (1 - beta1) g
 *   v <- beta2 v + (1 - beta2) g^2
 *   w <- w - alpha * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)
 */
import * as tf from '@tensorflow/tfjs';

export interface AdamOptions {
  readonly learningRate: number;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
  /** Rescale the gradients so their global L2 norm is at most this (Infinity: no clipping). */
  readonly maxGradNorm?: number;
}

/** The optimiser's saved state: the step count and the first and second moments, flattened per variable. */
export interface AdamState {
  readonly step: number;
  readonly m: number[][];
  readonly v: number[][];
}

export class Adam {
  readonly learningRate: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly maxGradNorm: number;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  /** Updates applied so far (t in the bias corrections). */
  private step = 0;

  constructor(
    private readonly variables: readonly tf.Variable[],
    options: AdamOptions,
  ) {
    this.learningRate = options.learningRate;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    this.maxGradNorm = options.maxGradNorm ?? Infinity;
    // Inside tidy: tf.variable keeps its own reference, the zeros it was made from are freed.
    this.m = variables.map((w) => tf.tidy(() => tf.variable(tf.zerosLike(w), false)));
    this.v = variables.map((w) => tf.tidy(() => tf.variable(tf.zerosLike(w), false)));
  }

  /**
   * Minimises `loss` (a synchronous function of the variables) by one step; returns the loss and
   * the gradient norm before clipping. Creates no tensors that outlive the call.
   */
  minimize(loss: () => tf.Scalar): { loss: number; gradNorm: number } {
    return tf.tidy(() => {
      const { value, grads } = tf.variableGrads(loss, this.variables as tf.Variable[]);
      const list = this.variables.map((w) => grads[w.name]);
      const gradNorm = this.apply(list);
      return { loss: value.dataSync()[0], gradNorm };
    });
  }

  /**
   * Applies gradients (one per variable, in the constructor's order) as one step; returns their
   * global norm before clipping. Call inside `tf.tidy` or dispose the gradients yourself.
   */
  apply(gradients: readonly tf.Tensor[]): number {
    if (gradients.length !== this.variables.length) throw new Error(`adam: got ${gradients.length} gradients for ${this.variables.length} variables`);
    return tf.tidy(() => {
      const squares = gradients.map((g) => tf.sum(tf.square(g)));
      const norm = Math.sqrt(tf.addN(squares).dataSync()[0]);
      // NOTE: clip on the global norm (all variables together), as CleanRL's max_grad_norm.
      const scale = norm > this.maxGradNorm ? this.maxGradNorm / (norm + 1e-6) : 1;
      this.step++;
      const correction1 = 1 - this.beta1 ** this.step;
      const correction2 = 1 - this.beta2 ** this.step;
      this.variables.forEach((w, i) => {
        const g = scale === 1 ? gradients[i] : tf.mul(gradients[i], scale);
        const m = tf.add(tf.mul(this.m[i], this.beta1), tf.mul(g, 1 - this.beta1));
        const v = tf.add(tf.mul(this.v[i], this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
        this.m[i].assign(m);
        this.v[i].assign(v);
        const stepSize = tf.div(tf.mul(m, this.learningRate / correction1), tf.add(tf.sqrt(tf.div(v, correction2)), this.epsilon));
        w.assign(tf.sub(w, stepSize));
      });
      return norm;
    });
  }

  state(): AdamState {
    return {
      step: this.step,
      m: this.m.map((t) => Array.from(t.dataSync())),
      v: this.v.map((t) => Array.from(t.dataSync())),
    };
  }

  /** Checks that a saved state fits these variables; throws a precise error otherwise. */
  check(state: unknown, where: string): AdamState {
    if (typeof state !== 'object' || state === null) throw new Error(`${where} must be an object`);
    const s = state as Partial<AdamState>;
    if (typeof s.step !== 'number' || !Number.isInteger(s.step) || s.step < 0) throw new Error(`${where}.step must be a non-negative integer, got ${JSON.stringify(s.step)}`);
    const moments = { m: s.m, v: s.v };
    for (const key of ['m', 'v'] as const) {
      const list = moments[key];
      if (!Array.isArray(list) || list.length !== this.variables.length) {
        throw new Error(`${where}.${key} must be an array of ${this.variables.length} arrays`);
      }
      list.forEach((values: unknown, i) => {
        const size = this.variables[i].size;
        if (!Array.isArray(values) || values.length !== size) throw new Error(`${where}.${key}[${i}] must hold ${size} numbers`);
        for (const x of values) if (typeof x !== 'number' || !Number.isFinite(x)) throw new Error(`${where}.${key}[${i}] holds a non-finite value ${JSON.stringify(x)}`);
      });
    }
    return s as AdamState;
  }

  /** Puts back a saved state; throws, changing nothing, when it does not fit the variables. */
  restore(state: unknown, where: string): void {
    const s = this.check(state, where);
    this.step = s.step;
    this.variables.forEach((w, i) => {
      tf.tidy(() => {
        this.m[i].assign(tf.tensor(s.m[i], w.shape, 'float32'));
        this.v[i].assign(tf.tensor(s.v[i], w.shape, 'float32'));
      });
    });
  }

  dispose(): void {
    for (const t of [...this.m, ...this.v]) t.dispose();
  }
}
