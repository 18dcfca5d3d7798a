/**
 * TfOptimiser (supervised/core/optimisers/tf-optimiser.ts) on the cpu backend: the same paths as
 * the float64 optimisers to float32 tolerance, the library forms equal to tfjs's own optimisers,
 * applyGradients equal to minimize, no tensor leaks, precise errors.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../agents/core/tf-backend';
import { cosineDecay, createOptimiser, TfOptimiser, type OptimiserConfig, type UpdateRule } from '../../supervised/core';
import { A, B, BATCHES, expectClose, MINIMUM, quadratic, regression, REGRESSION_X, REGRESSION_Y, START } from './supervised-optimisers-fixtures';

let matrixA: tf.Tensor2D;
let vectorB: tf.Tensor1D;
let regressionX: tf.Tensor1D;
let regressionY: tf.Tensor1D;

beforeAll(async () => {
  expect(await initBackend('cpu')).toBe('cpu');
  matrixA = tf.tensor2d(A.map((row) => [...row]));
  vectorB = tf.tensor1d([...B]);
  regressionX = tf.tensor1d(REGRESSION_X);
  regressionY = tf.tensor1d(REGRESSION_Y);
});
afterAll(() => disposeAll([matrixA, vectorB, regressionX, regressionY]));

/** phi as two variables of one number each, so per-variable state and global norms are exercised. */
function startVariables(): tf.Variable[] {
  return START.map((value) => tf.tidy(() => tf.variable(tf.tensor1d([value]))));
}

function quadraticLoss(variables: readonly tf.Variable[]): () => tf.Scalar {
  return () => {
    const phi = tf.concat(variables as tf.Variable[]);
    return tf.add(tf.mul(0.5, tf.dot(phi, tf.matMul(matrixA, phi.reshape([2, 1])).reshape([2]))), tf.dot(vectorB, phi)) as tf.Scalar;
  };
}

/** sum (or mean) over the batch of (phi_0 + phi_1 x_i - y_i)^2. */
function regressionLoss(variables: readonly tf.Variable[], batch: readonly number[], reduction: 'sum' | 'mean'): () => tf.Scalar {
  return () => {
    const indices = tf.tensor1d([...batch], 'int32');
    const residual = tf.sub(tf.add(variables[0], tf.mul(variables[1], tf.gather(regressionX, indices))), tf.gather(regressionY, indices));
    const squares = tf.square(residual);
    return (reduction === 'sum' ? tf.sum(squares) : tf.mean(squares)) as tf.Scalar;
  };
}

const read = (variables: readonly tf.Variable[]): number[] => variables.map((w) => w.dataSync()[0]);
const disposeAll = (tensors: readonly tf.Tensor[]) => tensors.forEach((t) => t.dispose());
/** float32 against float64 over a few steps: a few float32 ulps of numbers of order 1, accumulated. */
const FLOAT32 = 2e-5;

const RULES: UpdateRule[] = [
  { kind: 'sgd', learningRate: 0.1 },
  { kind: 'sgd', learningRate: cosineDecay(0.2, 0.02, 8) },
  { kind: 'momentum', learningRate: 0.1, beta: 0.5 },
  { kind: 'momentum', learningRate: 0.1, beta: 0.9, form: 'library' },
  { kind: 'nesterov', learningRate: 0.1, beta: 0.5 },
  { kind: 'nesterov', learningRate: 0.1, beta: 0.9, form: 'library' },
  { kind: 'adam', learningRate: 0.1 },
  { kind: 'adam', learningRate: 0.1, beta: 0.5, gamma: 0.75, epsilon: 0.01 },
  { kind: 'adam', learningRate: 0.1, beta: 0.5, gamma: 0.75, epsilon: 0.01, form: 'library' },
  { kind: 'adam', learningRate: 0.05, gamma: 0.99, epsilon: 1e-20 },
  { kind: 'normalised', learningRate: 0.1, epsilon: 0.01 },
  { kind: 'normalised', learningRate: 0.1, epsilon: 0.01, normalisation: 'unit-norm' },
  { kind: 'line-search', maxStep: 1, iterations: 10 },
];

describe('TfOptimiser agrees with the float64 optimisers', () => {
  for (const rule of RULES.filter((r) => r.kind !== 'line-search')) {
    it(`${rule.kind} ${rule.form ?? 'book'} ${JSON.stringify(rule)} on the quadratic, 12 steps`, () => {
      const variables = startVariables();
      const optimiser = new TfOptimiser(variables, rule);
      const reference = createOptimiser(rule as OptimiserConfig);
      let phi: Float64Array = Float64Array.from(START);
      for (let t = 0; t < 12; t++) {
        const record = reference.step(phi, quadratic);
        const loss = optimiser.minimize(quadraticLoss(variables));
        expect(loss).toBeCloseTo(quadratic.termLoss(record.gradientAt, 0), 4);
        phi = record.phi;
        expectClose(read(variables), phi, FLOAT32, `step ${t}`);
      }
      expect(optimiser.steps).toBe(12);
      optimiser.dispose();
      disposeAll(variables);
    });
  }

  it('line search: the same first steps; then both reach the minimum to float32 resolution', () => {
    // Far from the minimum the slice losses differ by much more than float32 rounding, so both
    // paths drop the same bracket ends. Near it, L(b) and L(c) differ by about |g|^2 (c - b)^2
    // and float32 can no longer order them: a minimum is located only to about sqrt(6e-8) of
    // the scale, so there the paths part by up to ~1e-3 and are compared with the minimum.
    const variables = startVariables();
    const optimiser = new TfOptimiser(variables, { kind: 'line-search', maxStep: 1, iterations: 10 });
    const reference = createOptimiser({ kind: 'line-search', maxStep: 1, iterations: 10 });
    let phi: Float64Array = Float64Array.from(START);
    for (let t = 0; t < 3; t++) {
      phi = reference.step(phi, quadratic).phi;
      optimiser.minimize(quadraticLoss(variables));
      expectClose(read(variables), phi, FLOAT32, `step ${t}`);
    }
    optimiser.dispose();
    disposeAll(variables);

    const fine = startVariables();
    const fineOptimiser = new TfOptimiser(fine, { kind: 'line-search', maxStep: 1, iterations: 30 });
    const fineReference = createOptimiser({ kind: 'line-search', maxStep: 1, iterations: 30 });
    phi = Float64Array.from(START);
    for (let t = 0; t < 20; t++) {
      phi = fineReference.step(phi, quadratic).phi;
      fineOptimiser.minimize(quadraticLoss(fine));
    }
    expect(fineOptimiser.lastSearch!.brackets.length).toBe(30);
    expectClose(phi, MINIMUM, 1e-6, 'float64 at the minimum');
    expectClose(read(fine), phi, 2e-3, 'float32 beside float64');
    fineOptimiser.dispose();
    disposeAll(fine);
  });

  for (const [form, reduction] of [
    ['book', 'sum'],
    ['library', 'mean'],
  ] as const) {
    it(`SGD and momentum on the regression minibatches: ${form} form with the loss a batch ${reduction}`, () => {
      for (const rule of [
        { kind: 'sgd', learningRate: 0.05, form },
        { kind: 'momentum', learningRate: 0.05, beta: 0.6, form },
      ] as UpdateRule[]) {
        const variables = [0.6, -0.2].map((value) => tf.tidy(() => tf.variable(tf.tensor1d([value]))));
        const optimiser = new TfOptimiser(variables, rule);
        const reference = createOptimiser(rule as OptimiserConfig);
        expect(reference.config.reduction).toBe(reduction);
        let phi: Float64Array = Float64Array.of(0.6, -0.2);
        for (let epoch = 0; epoch < 3; epoch++) {
          for (const batch of BATCHES) {
            phi = reference.step(phi, regression, batch).phi;
            optimiser.minimize(regressionLoss(variables, batch, reduction));
            expectClose(read(variables), phi, FLOAT32, `${rule.kind} epoch ${epoch}`);
          }
        }
        optimiser.dispose();
        disposeAll(variables);
      }
    });
  }
});

describe("the library forms are tfjs's own optimisers", () => {
  const pairs: [UpdateRule, () => tf.Optimizer][] = [
    [{ kind: 'sgd', learningRate: 0.1, form: 'library' }, () => tf.train.sgd(0.1)],
    [{ kind: 'momentum', learningRate: 0.05, beta: 0.9, form: 'library' }, () => tf.train.momentum(0.05, 0.9)],
    [{ kind: 'nesterov', learningRate: 0.05, beta: 0.9, form: 'library' }, () => tf.train.momentum(0.05, 0.9, true)],
    [{ kind: 'adam', learningRate: 0.1, beta: 0.9, gamma: 0.999, epsilon: 1e-3, form: 'library' }, () => tf.train.adam(0.1, 0.9, 0.999, 1e-3)],
  ];
  for (const [rule, makeTfjs] of pairs) {
    it(`${rule.kind} (library form) follows tf.train's path`, () => {
      const ours = startVariables();
      const theirs = startVariables();
      const optimiser = new TfOptimiser(ours, rule);
      const tfjs = makeTfjs();
      for (let t = 0; t < 15; t++) {
        optimiser.minimize(quadraticLoss(ours));
        tf.tidy(() => {
          tfjs.minimize(quadraticLoss(theirs), false, theirs);
        });
        // tfjs keeps beta^t as a float32 running product, so the last digits differ.
        expectClose(read(ours), read(theirs), 5e-5, `step ${t}`);
      }
      optimiser.dispose();
      tfjs.dispose();
      disposeAll([...ours, ...theirs]);
    });
  }
});

describe('TfOptimiser.applyGradients', () => {
  it('gives exactly what minimize gives, for every kind that takes gradients', () => {
    for (const rule of RULES) {
      if (rule.kind === 'line-search' || (rule.kind === 'nesterov' && rule.form !== 'library')) continue;
      const a = startVariables();
      const b = startVariables();
      const viaMinimize = new TfOptimiser(a, rule);
      const viaGradients = new TfOptimiser(b, rule);
      for (let t = 0; t < 6; t++) {
        viaMinimize.minimize(quadraticLoss(a));
        tf.tidy(() => {
          const { grads } = tf.variableGrads(quadraticLoss(b), b);
          viaGradients.applyGradients(b.map((w) => grads[w.name]));
        });
      }
      expect(read(b)).toEqual(read(a));
      viaMinimize.dispose();
      viaGradients.dispose();
      disposeAll([...a, ...b]);
    }
  });

  it('refuses where the update needs the loss, and gradients that do not fit', () => {
    const variables = startVariables();
    const nesterov = new TfOptimiser(variables, { kind: 'nesterov', learningRate: 0.1 });
    const lineSearch = new TfOptimiser(variables, { kind: 'line-search', maxStep: 1 });
    const sgd = new TfOptimiser(variables, { kind: 'sgd', learningRate: 0.1 });
    tf.tidy(() => {
      const grads = [tf.ones([1]), tf.ones([1])];
      expect(() => nesterov.applyGradients(grads)).toThrow('nesterov (book form): the gradient is taken at the lookahead point phi - alpha beta m, so it needs the loss; call minimize(loss) or use form library');
      expect(() => lineSearch.applyGradients(grads)).toThrow('line-search: applyGradients cannot search along the slice without the loss; call minimize(loss)');
      expect(() => sgd.applyGradients([tf.ones([1])])).toThrow('sgd: got 1 gradients for 2 variables');
      expect(() => sgd.applyGradients([tf.ones([1]), tf.ones([2])])).toThrow(`sgd: gradients[1] has shape [2], variable '${variables[1].name}' has [1]`);
    });
    expect(read(variables)).toEqual([...START]);
    for (const optimiser of [nesterov, lineSearch, sgd]) optimiser.dispose();
    disposeAll(variables);
  });
});

describe('TfOptimiser tensors and configs', () => {
  it('leaks no tensor over 200 steps of every kind, and dispose() frees its moments', () => {
    for (const rule of RULES) {
      const before = tf.memory().numTensors;
      const variables = startVariables();
      const optimiser = new TfOptimiser(variables, rule);
      const moments = rule.kind === 'adam' ? 4 : rule.kind === 'momentum' || rule.kind === 'nesterov' ? 2 : 0;
      const created = tf.memory().numTensors;
      expect(created - before, rule.kind).toBe(2 + moments);
      const loss = quadraticLoss(variables);
      for (let t = 0; t < 200; t++) optimiser.minimize(loss);
      if (!(rule.kind === 'line-search' || (rule.kind === 'nesterov' && rule.form !== 'library'))) {
        for (let t = 0; t < 20; t++) {
          // Outside any tidy, disposing the gradients ourselves: the update must free its own temporaries.
          const gradients = tf.tidy(() => {
            const { grads } = tf.variableGrads(loss, variables);
            return variables.map((w) => grads[w.name]);
          });
          optimiser.applyGradients(gradients);
          disposeAll(gradients);
        }
      }
      optimiser.reset();
      expect(tf.memory().numTensors, `${rule.kind} ${rule.form ?? 'book'}`).toBe(created);
      optimiser.dispose();
      optimiser.dispose(); // twice is harmless
      expect(tf.memory().numTensors).toBe(before + 2);
      disposeAll(variables);
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('reset() zeroes the moments and the step count', () => {
    const variables = startVariables();
    const optimiser = new TfOptimiser(variables, { kind: 'adam', learningRate: 0.1 });
    optimiser.minimize(quadraticLoss(variables));
    const firstStep = read(variables);
    optimiser.minimize(quadraticLoss(variables));
    optimiser.reset();
    expect(optimiser.steps).toBe(0);
    tf.tidy(() => variables.forEach((w, i) => w.assign(tf.tensor1d([START[i]]))));
    optimiser.minimize(quadraticLoss(variables));
    expect(read(variables)).toEqual(firstStep);
    optimiser.dispose();
    disposeAll(variables);
  });

  it('refuses bad configs, variables and use after dispose with precise messages', () => {
    const variables = startVariables();
    expect(() => new TfOptimiser(variables, { kind: 'sgd', learningRate: 0.1, reduction: 'sum' } as UpdateRule)).toThrow(
      'sgd config: reduction is not an optimiser field here: the loss function sums or averages over the batch',
    );
    expect(() => new TfOptimiser(variables, { kind: 'momentum', learningRate: -1 })).toThrow('momentum config: learningRate must be a finite number >= 0, got -1');
    expect(() => new TfOptimiser(variables, { kind: 'adam', learningRate: 0.1, beta: 1 })).toThrow('adam config: beta must be in [0, 1), got 1');
    expect(() => new TfOptimiser([], { kind: 'sgd', learningRate: 0.1 })).toThrow('sgd: variables must be a non-empty array of tf.Variable');
    expect(() => new TfOptimiser([variables[0], variables[0]], { kind: 'sgd', learningRate: 0.1 })).toThrow(`sgd: variable '${variables[0].name}' is listed twice`);
    const counter = tf.tidy(() => tf.variable(tf.tensor1d([1], 'int32')));
    expect(() => new TfOptimiser([counter], { kind: 'sgd', learningRate: 0.1 })).toThrow('sgd: variables[0] has dtype int32, expected float32');
    const plain = tf.tensor1d([1]);
    expect(() => new TfOptimiser([plain as tf.Variable], { kind: 'sgd', learningRate: 0.1 })).toThrow('sgd: variables[0] is not a tf.Variable');
    const optimiser = new TfOptimiser(variables, { kind: 'momentum', learningRate: 0.1 });
    optimiser.dispose();
    expect(() => optimiser.minimize(quadraticLoss(variables))).toThrow('momentum: the optimiser was used after dispose()');
    disposeAll([...variables, counter, plain]);
  });
});
