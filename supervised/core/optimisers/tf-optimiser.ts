/**
 * The book-exact optimisers on tf.Variables, for the tfjs training loops of the supervised modules
 * (MNIST-1D MLP and conv net, double descent, ...): the same update rules and forms as the float64
 * classes beside it (the table in ./config.ts), one class with a `kind`.
 *
 *   const optimiser = new TfOptimiser(network.variables, { kind: 'momentum', learningRate: 0.05, beta: 0.9 });
 *   const loss = optimiser.minimize(() => lossOf(network, batch));   // one step; returns the loss
 *   optimiser.dispose();                                              // frees the moments
 *
 * Why not tf.train.*: tfjs has no (1 - beta) momentum, no lookahead Nesterov and no epsilon-inside
 * Adam, and its optimisers keep their state private. Here the moments are plain non-trainable
 * variables that `dispose()` frees and `reset()` zeroes.
 *
 * Batch reduction lives in the loss function (sum over the batch for the book's eq. 6.10, mean
 * for the library convention), so update rules here have no `reduction` field.
 *
 * `minimize(loss)` works for every kind. `applyGradients(gradients)` works for the kinds whose
 * update needs only the gradient at the current point; book-form Nesterov (gradient at the
 * lookahead point) and the line search (loss along the slice) need the loss function and refuse.
 *
 * Tensor discipline: every step runs in tf.tidy and leaves the tensor count unchanged; the
 * optimiser owns 0 (SGD, normalised, line search), 1 (momentum, Nesterov) or 2 (Adam) moment
 * variables per parameter variable, freed by `dispose()`.
 */
import * as tf from '@tensorflow/tfjs';
import { learningRateAt, type LearningRate } from '../schedules';
import { resolveUpdateRule, type ResolvedUpdateRule, type UpdateRule } from './config';
import { bracketSearch, type BracketSearch } from './line-search';

function firstMomentNeeded(rule: ResolvedUpdateRule): boolean {
  return rule.kind === 'momentum' || rule.kind === 'nesterov' || rule.kind === 'adam';
}

export class TfOptimiser {
  readonly rule: ResolvedUpdateRule;
  private readonly variables: readonly tf.Variable[];
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private t = 0;
  private disposed = false;
  private last: BracketSearch | null = null;

  constructor(variables: readonly tf.Variable[], rule: UpdateRule) {
    this.rule = resolveUpdateRule(rule);
    if (!Array.isArray(variables) || variables.length === 0) throw new Error(`${this.rule.kind}: variables must be a non-empty array of tf.Variable`);
    const names = new Set<string>();
    variables.forEach((w, i) => {
      if (!(w instanceof tf.Variable)) throw new Error(`${this.rule.kind}: variables[${i}] is not a tf.Variable`);
      if (w.dtype !== 'float32') throw new Error(`${this.rule.kind}: variables[${i}] has dtype ${w.dtype}, expected float32`);
      if (names.has(w.name)) throw new Error(`${this.rule.kind}: variable '${w.name}' is listed twice`);
      names.add(w.name);
    });
    this.variables = [...variables];
    // Inside tidy: tf.variable keeps its own reference, the zeros it was made from are freed.
    const zeros = () => this.variables.map((w) => tf.tidy(() => tf.variable(tf.zerosLike(w), false)));
    this.m = firstMomentNeeded(this.rule) ? zeros() : [];
    this.v = this.rule.kind === 'adam' ? zeros() : [];
  }

  /** Updates applied so far (t). */
  get steps(): number {
    return this.t;
  }

  /** The brackets of the last line-search step (null for other kinds and before the first step). */
  get lastSearch(): BracketSearch | null {
    return this.last;
  }

  /**
   * One update of the variables on `loss` (a synchronous function of them returning a scalar).
   * Returns the loss where the gradient was taken: phi_t, or the lookahead point for book-form
   * Nesterov.
   */
  minimize(loss: () => tf.Scalar): number {
    this.checkUsable();
    if (this.rule.kind === 'line-search') return this.lineSearchStep(loss, this.rule.maxStep, this.rule.iterations);
    const rule = this.rule;
    const nesterovBook = rule.kind === 'nesterov' && rule.form === 'book' ? rule : null;
    return tf.tidy(() => {
      const alpha = learningRateAt(this.learningRate(), this.t);
      // Book-form Nesterov: move to phi - alpha beta m, take the gradient there, move back exactly
      // (to the saved tensors, not by adding alpha beta m back, which would round).
      const saved = nesterovBook === null ? [] : this.variables.map((w) => tf.clone(w));
      if (nesterovBook !== null) this.variables.forEach((w, i) => w.assign(tf.sub(w, tf.mul(this.m[i], alpha * nesterovBook.beta))));
      const { value, grads } = tf.variableGrads(loss, this.variables as tf.Variable[]);
      if (nesterovBook !== null) this.variables.forEach((w, i) => w.assign(saved[i]));
      this.update(this.variables.map((w) => grads[w.name]), alpha);
      return value.dataSync()[0];
    });
  }

  /**
   * One update from gradients given in the constructor's variable order (from your own
   * tf.variableGrads). Call inside tf.tidy or dispose the gradients yourself.
   */
  applyGradients(gradients: readonly tf.Tensor[]): void {
    this.checkUsable();
    const rule = this.rule;
    if (rule.kind === 'line-search') throw new Error('line-search: applyGradients cannot search along the slice without the loss; call minimize(loss)');
    if (rule.kind === 'nesterov' && rule.form === 'book') {
      throw new Error('nesterov (book form): the gradient is taken at the lookahead point phi - alpha beta m, so it needs the loss; call minimize(loss) or use form library');
    }
    if (!Array.isArray(gradients) || gradients.length !== this.variables.length) {
      throw new Error(`${rule.kind}: got ${Array.isArray(gradients) ? gradients.length : 'no'} gradients for ${this.variables.length} variables`);
    }
    gradients.forEach((g, i) => {
      if (!tf.util.arraysEqual(g.shape, this.variables[i].shape)) {
        throw new Error(`${rule.kind}: gradients[${i}] has shape [${g.shape.join(', ')}], variable '${this.variables[i].name}' has [${this.variables[i].shape.join(', ')}]`);
      }
    });
    tf.tidy(() => this.update(gradients, learningRateAt(this.learningRate(), this.t)));
  }

  /** Zeroes the moments and sets t back to 0 (the variables are the caller's and stay as they are). */
  reset(): void {
    this.checkUsable();
    tf.tidy(() => {
      for (const moment of [...this.m, ...this.v]) moment.assign(tf.zerosLike(moment));
    });
    this.t = 0;
    this.last = null;
  }

  dispose(): void {
    if (this.disposed) return;
    for (const moment of [...this.m, ...this.v]) moment.dispose();
    this.disposed = true;
  }

  private checkUsable(): void {
    if (this.disposed) throw new Error(`${this.rule.kind}: the optimiser was used after dispose()`);
  }

  private learningRate(): LearningRate {
    if (this.rule.kind === 'line-search') throw new Error('line-search has no learning rate');
    return this.rule.learningRate;
  }

  /** The update rule itself (inside the caller's tidy); `alpha` is this step's learning rate. */
  private update(gradients: readonly tf.Tensor[], alpha: number): void {
    const rule = this.rule;
    const ws = this.variables;
    switch (rule.kind) {
      case 'sgd':
        ws.forEach((w, i) => w.assign(tf.sub(w, tf.mul(gradients[i], alpha))));
        break;
      case 'momentum': {
        // NOTE: the (1 - beta) factor is the book's (eq. 6.11); the library adds g undamped.
        const gradientWeight = rule.form === 'book' ? 1 - rule.beta : 1;
        ws.forEach((w, i) => {
          const m = tf.add(tf.mul(this.m[i], rule.beta), tf.mul(gradients[i], gradientWeight));
          this.m[i].assign(m);
          w.assign(tf.sub(w, tf.mul(m, alpha)));
        });
        break;
      }
      case 'nesterov':
        ws.forEach((w, i) => {
          if (rule.form === 'book') {
            // The gradients were taken at the lookahead point (minimize).
            const m = tf.add(tf.mul(this.m[i], rule.beta), tf.mul(gradients[i], 1 - rule.beta));
            this.m[i].assign(m);
            w.assign(tf.sub(w, tf.mul(m, alpha)));
          } else {
            const m = tf.add(tf.mul(this.m[i], rule.beta), gradients[i]);
            this.m[i].assign(m);
            w.assign(tf.sub(w, tf.mul(tf.add(gradients[i], tf.mul(m, rule.beta)), alpha)));
          }
        });
        break;
      case 'adam': {
        const mCorrection = 1 - Math.pow(rule.beta, this.t + 1);
        const vCorrection = 1 - Math.pow(rule.gamma, this.t + 1);
        ws.forEach((w, i) => {
          const g = gradients[i];
          const m = tf.add(tf.mul(this.m[i], rule.beta), tf.mul(g, 1 - rule.beta));
          const v = tf.add(tf.mul(this.v[i], rule.gamma), tf.mul(tf.square(g), 1 - rule.gamma));
          this.m[i].assign(m);
          this.v[i].assign(v);
          const vHat = tf.div(v, vCorrection);
          // NOTE: the book puts epsilon inside the square root (eq. 6.17); PyTorch and tfjs outside.
          const denominator = rule.form === 'book' ? tf.sqrt(tf.add(vHat, rule.epsilon)) : tf.add(tf.sqrt(vHat), rule.epsilon);
          w.assign(tf.sub(w, tf.div(tf.mul(m, alpha / mCorrection), denominator)));
        });
        break;
      }
      case 'normalised': {
        // unit-norm: one norm over all the variables together, as the float64 path over one phi.
        const globalDenominator = rule.normalisation === 'unit-norm' ? tf.sqrt(tf.add(tf.addN(gradients.map((g) => tf.sum(tf.square(g)))), rule.epsilon)) : null;
        ws.forEach((w, i) => {
          const g = gradients[i];
          const denominator = globalDenominator ?? tf.sqrt(tf.add(tf.square(g), rule.epsilon));
          w.assign(tf.sub(w, tf.div(tf.mul(g, alpha), denominator)));
        });
        break;
      }
      case 'line-search':
        throw new Error('line-search updates through minimize(loss)');
    }
    this.t++;
  }

  /** GD with the fig. 6.10 bracketing search along -g; see ./line-search.ts. */
  private lineSearchStep(loss: () => tf.Scalar, maxStep: number, iterations: number): number {
    return tf.tidy(() => {
      const { value, grads } = tf.variableGrads(loss, this.variables as tf.Variable[]);
      const gradients = this.variables.map((w) => grads[w.name]);
      const start = this.variables.map((w) => tf.clone(w));
      const moveTo = (alpha: number) => this.variables.forEach((w, i) => w.assign(tf.sub(start[i], tf.mul(gradients[i], alpha))));
      const sliceLoss = (alpha: number): number =>
        tf.tidy(() => {
          moveTo(alpha);
          return loss().dataSync()[0];
        });
      this.last = bracketSearch(sliceLoss, maxStep, iterations);
      moveTo(this.last.alpha);
      this.t++;
      return value.dataSync()[0];
    });
  }
}
