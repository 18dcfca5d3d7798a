/**
 * The float64 optimisers against the book's formulas, computed by hand here step by step
 * (independently of supervised/core), to 1e-12; the forms' learning-rate equivalences; the line
 * search's brackets; config validation.
 */
import { describe, expect, it } from 'vitest';
import {
  Adam,
  bracketSearch,
  createOptimiser,
  describeOptimiser,
  LineSearchGradientDescent,
  Momentum,
  Nesterov,
  NormalisedGradients,
  resolveOptimiserConfig,
  Sgd,
  stepDecay,
  type OptimiserConfig,
} from '../../supervised/core';
import { batchGradient, batchLoss, functionObjective } from '../../supervised/core/objective';
import { BATCHES, expectClose, MINIMUM, quadratic, quadraticGradient, regression, REGRESSION_X, REGRESSION_Y, START } from './supervised-optimisers-fixtures';

const EXACT = 1e-12;
const start = (): Float64Array => Float64Array.from(START);

describe('the test problems', () => {
  it('give the book numbers: regression loss 12.367 at phi = [0.6, -0.2] (A.1) and the quadratic gradient [2, 3] at the start', () => {
    expect(batchLoss(regression, Float64Array.of(0.6, -0.2), undefined, 'sum')).toBeCloseTo(12.367, 3);
    expect(quadraticGradient(START)).toEqual([2, 3]);
    expect(quadraticGradient(MINIMUM).map((g) => Math.abs(g) < 1e-15)).toEqual([true, true]);
  });

  it('sum or average the batch gradient (eq. 6.10 sums)', () => {
    const phi = Float64Array.of(0.6, -0.2);
    const r = (i: number) => 0.6 - 0.2 * REGRESSION_X[i] - REGRESSION_Y[i];
    const sum = [2 * (r(0) + r(2) + r(3)), 2 * (REGRESSION_X[0] * r(0) + REGRESSION_X[2] * r(2) + REGRESSION_X[3] * r(3))];
    expectClose(batchGradient(regression, phi, [0, 2, 3], 'sum'), sum, EXACT, 'sum');
    expectClose(batchGradient(regression, phi, [0, 2, 3], 'mean'), [sum[0] / 3, sum[1] / 3], EXACT, 'mean');
  });
});

describe('gradient descent and SGD (eqs. 6.3, 6.10)', () => {
  it('takes phi <- phi - alpha g on the quadratic (alpha 0.1, three steps)', () => {
    const optimiser = new Sgd({ kind: 'sgd', learningRate: 0.1 });
    // By hand: g0 = [2, 3]; g1 = A [0.8, 1.7] + b = [1.45, 2.6]; g2 = A [0.655, 1.44] + b = [1.03, 2.2675].
    const expected = [
      [0.8, 1.7],
      [0.655, 1.44],
      [0.552, 1.21325],
    ];
    let phi: Float64Array = start();
    for (const want of expected) {
      const before = Float64Array.from(phi);
      const record = optimiser.step(phi, quadratic);
      expectClose(phi, before, 0, 'input phi unchanged');
      expectClose(record.gradient, quadraticGradient(phi), EXACT, 'gradient');
      expect(record.learningRate).toBe(0.1);
      phi = record.phi;
      expectClose(phi, want, EXACT, 'phi');
    }
    expect(optimiser.steps).toBe(3);
  });

  it('sums over the batch in book form, averages in library form, and alpha |B| times larger makes them agree', () => {
    const book = new Sgd({ kind: 'sgd', learningRate: 0.05 });
    const library = new Sgd({ kind: 'sgd', learningRate: 0.05, form: 'library' });
    const scaled = BATCHES.map((batch) => new Sgd({ kind: 'sgd', learningRate: 0.05 * batch.length, reduction: 'mean' }));
    expect(book.config.reduction).toBe('sum');
    expect(library.config.reduction).toBe('mean');
    let phiBook: Float64Array = Float64Array.of(0.6, -0.2);
    let phiLibrary: Float64Array = Float64Array.of(0.6, -0.2);
    let phiScaled: Float64Array = Float64Array.of(0.6, -0.2);
    let phiHand = [0.6, -0.2];
    BATCHES.forEach((batch, step) => {
      // By hand: phi <- phi - 0.05 sum_{i in B} [2 r_i, 2 x_i r_i].
      let g0 = 0;
      let g1 = 0;
      for (const i of batch) {
        const r = phiHand[0] + phiHand[1] * REGRESSION_X[i] - REGRESSION_Y[i];
        g0 += 2 * r;
        g1 += 2 * REGRESSION_X[i] * r;
      }
      const mean = [phiLibrary[0] - (0.05 * g0) / batch.length, phiLibrary[1] - (0.05 * g1) / batch.length];
      phiHand = [phiHand[0] - 0.05 * g0, phiHand[1] - 0.05 * g1];
      phiBook = book.step(phiBook, regression, batch).phi;
      expectClose(phiBook, phiHand, EXACT, `book step ${step}`);
      const libraryRecord = library.step(phiLibrary, regression, batch);
      if (step === 0) expectClose(libraryRecord.phi, mean, EXACT, 'library first step');
      phiLibrary = libraryRecord.phi;
      phiScaled = scaled[step].step(phiScaled, regression, batch).phi;
      expectClose(phiScaled, phiBook, EXACT, `mean with alpha |B|, step ${step}`);
    });
    expect(Math.abs(phiLibrary[0] - phiBook[0])).toBeGreaterThan(1e-3);
  });

  it('with a fixed batch size, momentum and Nesterov also follow the sum path with alpha |B| on the mean', () => {
    const batches = [
      [0, 2, 3],
      [1, 5, 7],
      [4, 6, 8],
      [9, 10, 11],
    ];
    for (const kind of ['momentum', 'nesterov'] as const) {
      const sum = createOptimiser({ kind, learningRate: 0.02, beta: 0.7 });
      const mean = createOptimiser({ kind, learningRate: 0.02 * 3, beta: 0.7, reduction: 'mean' });
      let a: Float64Array = Float64Array.of(0.6, -0.2);
      let b: Float64Array = Float64Array.of(0.6, -0.2);
      for (let epoch = 0; epoch < 3; epoch++) {
        for (const batch of batches) {
          a = sum.step(a, regression, batch).phi;
          b = mean.step(b, regression, batch).phi;
          expectClose(b, a, EXACT, `${kind} epoch ${epoch}`);
        }
      }
    }
  });

  it('follows a learning-rate schedule step by step', () => {
    const optimiser = new Sgd({ kind: 'sgd', learningRate: stepDecay(0.1, 0.5, 1) });
    const first = optimiser.step(start(), quadratic);
    expect(first.learningRate).toBe(0.1);
    expectClose(first.phi, [0.8, 1.7], EXACT, 'first');
    const second = optimiser.step(first.phi, quadratic);
    expect(second.learningRate).toBe(0.05);
    expectClose(second.phi, [0.8 - 0.05 * 1.45, 1.7 - 0.05 * 2.6], EXACT, 'second');
  });
});

describe('momentum (eq. 6.11)', () => {
  it('book form: m <- beta m + (1 - beta) g, phi <- phi - alpha m (alpha 0.1, beta 0.5)', () => {
    const optimiser = new Momentum({ kind: 'momentum', learningRate: 0.1, beta: 0.5 });
    // By hand: m1 = 0.5 [2, 3] = [1, 1.5], phi1 = [0.9, 1.85]; g1 = [1.725, 2.8], m2 = [1.3625, 2.15],
    // phi2 = [0.76375, 1.635]; g2 = [1.345, 2.516875], m3 = [1.35375, 2.3334375], phi3 = [0.628375, 1.40165625].
    const expected = [
      { m: [1, 1.5], phi: [0.9, 1.85] },
      { m: [1.3625, 2.15], phi: [0.76375, 1.635] },
      { m: [1.35375, 2.3334375], phi: [0.628375, 1.40165625] },
    ];
    let phi: Float64Array = start();
    for (const want of expected) {
      phi = optimiser.step(phi, quadratic).phi;
      expectClose(optimiser.state().m!, want.m, EXACT, 'm');
      expectClose(phi, want.phi, EXACT, 'phi');
    }
  });

  it('library form: m <- beta m + g (alpha 0.1, beta 0.5)', () => {
    const optimiser = new Momentum({ kind: 'momentum', learningRate: 0.1, beta: 0.5, form: 'library' });
    // By hand: m1 = [2, 3], phi1 = [0.8, 1.7]; g1 = [1.45, 2.6], m2 = [2.45, 4.1], phi2 = [0.555, 1.29];
    // g2 = [0.755, 2.0675], m3 = [1.98, 4.1175], phi3 = [0.357, 0.87825].
    const expected = [
      [0.8, 1.7],
      [0.555, 1.29],
      [0.357, 0.87825],
    ];
    let phi: Float64Array = start();
    for (const want of expected) {
      phi = optimiser.step(phi, quadratic).phi;
      expectClose(phi, want, EXACT, 'phi');
    }
    expectClose(optimiser.state().m!, [1.98, 4.1175], EXACT, 'm3');
  });

  it('library form with alpha (1 - beta) follows the book path exactly', () => {
    const book = new Momentum({ kind: 'momentum', learningRate: 0.1, beta: 0.9 });
    const library = new Momentum({ kind: 'momentum', learningRate: 0.1 * (1 - 0.9), beta: 0.9, form: 'library' });
    let a: Float64Array = start();
    let b: Float64Array = start();
    for (let t = 0; t < 20; t++) {
      a = book.step(a, quadratic).phi;
      b = library.step(b, quadratic).phi;
      expectClose(b, a, 1e-12, `step ${t}`);
    }
  });
});

describe('Nesterov momentum (eq. 6.12)', () => {
  it('book form: the gradient at the lookahead point phi - alpha beta m (alpha 0.1, beta 0.5)', () => {
    const optimiser = new Nesterov({ kind: 'nesterov', learningRate: 0.1, beta: 0.5 });
    // Step 1 (m0 = 0, lookahead = phi0): m1 = [1, 1.5], phi1 = [0.9, 1.85].
    const first = optimiser.step(start(), quadratic);
    expectClose(first.gradientAt, START, EXACT, 'lookahead 1');
    expectClose(first.phi, [0.9, 1.85], EXACT, 'phi1');
    // Step 2: lookahead = phi1 - 0.05 m1 = [0.85, 1.775]; g = [1.5875, 2.7]; m2 = [1.29375, 2.1]; phi2 = [0.770625, 1.64].
    const second = optimiser.step(first.phi, quadratic);
    expectClose(second.gradientAt, [0.85, 1.775], EXACT, 'lookahead 2');
    expectClose(second.gradient, [1.5875, 2.7], EXACT, 'g2');
    expectClose(optimiser.state().m!, [1.29375, 2.1], EXACT, 'm2');
    expectClose(second.phi, [0.770625, 1.64], EXACT, 'phi2');
    // Step 3, written out.
    const m2 = [1.29375, 2.1];
    const lookahead = [0.770625 - 0.1 * 0.5 * m2[0], 1.64 - 0.1 * 0.5 * m2[1]];
    const g = quadraticGradient(lookahead);
    const m3 = [0.5 * m2[0] + 0.5 * g[0], 0.5 * m2[1] + 0.5 * g[1]];
    const phi3 = [0.770625 - 0.1 * m3[0], 1.64 - 0.1 * m3[1]];
    const third = optimiser.step(second.phi, quadratic);
    expectClose(third.gradientAt, lookahead, EXACT, 'lookahead 3');
    expectClose(third.phi, phi3, EXACT, 'phi3');
  });

  it('library form: m <- beta m + g[phi], phi <- phi - alpha (g + beta m) (alpha 0.1, beta 0.5)', () => {
    const optimiser = new Nesterov({ kind: 'nesterov', learningRate: 0.1, beta: 0.5, form: 'library' });
    // Step 1: m1 = [2, 3]; phi1 = [1, 2] - 0.1 ([2, 3] + 0.5 [2, 3]) = [0.7, 1.55].
    const first = optimiser.step(start(), quadratic);
    expectClose(first.gradientAt, START, EXACT, 'gradient at phi');
    expectClose(first.phi, [0.7, 1.55], EXACT, 'phi1');
    // Step 2: g1 = A [0.7, 1.55] + b = [1.175, 2.4]; m2 = [2.175, 3.9]; phi2 = phi1 - 0.1 (g1 + 0.5 m2).
    const second = optimiser.step(first.phi, quadratic);
    expectClose(second.gradient, [1.175, 2.4], EXACT, 'g1');
    expectClose(second.phi, [0.7 - 0.1 * (1.175 + 0.5 * 2.175), 1.55 - 0.1 * (2.4 + 0.5 * 3.9)], EXACT, 'phi2');
  });

  it('library form with alpha (1 - beta) visits exactly the book form lookahead points phi_t - alpha beta m_t', () => {
    const alpha = 0.2;
    const beta = 0.8;
    const book = new Nesterov({ kind: 'nesterov', learningRate: alpha, beta });
    const library = new Nesterov({ kind: 'nesterov', learningRate: alpha * (1 - beta), beta, form: 'library' });
    let a: Float64Array = start();
    let b: Float64Array = start();
    for (let t = 0; t < 20; t++) {
      a = book.step(a, quadratic).phi;
      b = library.step(b, quadratic).phi;
      const m = book.state().m!;
      expectClose(b, [a[0] - alpha * beta * m[0], a[1] - alpha * beta * m[1]], 1e-12, `step ${t}`);
    }
  });
});

describe('Adam (eqs. 6.15-6.17)', () => {
  /** Adam by hand over `steps` steps; epsilon inside (book) or outside (library) the square root. */
  function adamByHand(steps: number, alpha: number, beta: number, gamma: number, epsilon: number, inside: boolean): number[][] {
    let phi: number[] = [...START];
    let m = [0, 0];
    let v = [0, 0];
    const path: number[][] = [];
    for (let t = 1; t <= steps; t++) {
      const g = quadraticGradient(phi);
      m = [beta * m[0] + (1 - beta) * g[0], beta * m[1] + (1 - beta) * g[1]];
      v = [gamma * v[0] + (1 - gamma) * g[0] ** 2, gamma * v[1] + (1 - gamma) * g[1] ** 2];
      const mHat = [m[0] / (1 - beta ** t), m[1] / (1 - beta ** t)];
      const vHat = [v[0] / (1 - gamma ** t), v[1] / (1 - gamma ** t)];
      const denominator = inside ? [Math.sqrt(vHat[0] + epsilon), Math.sqrt(vHat[1] + epsilon)] : [Math.sqrt(vHat[0]) + epsilon, Math.sqrt(vHat[1]) + epsilon];
      phi = [phi[0] - (alpha * mHat[0]) / denominator[0], phi[1] - (alpha * mHat[1]) / denominator[1]];
      path.push(phi);
    }
    return path;
  }

  it('first step by hand: m^ = g and v^ = g^2 after bias correction (alpha 0.1, beta 0.5, gamma 0.75, epsilon 0.01)', () => {
    const book = new Adam({ kind: 'adam', learningRate: 0.1, beta: 0.5, gamma: 0.75, epsilon: 0.01 });
    const library = new Adam({ kind: 'adam', learningRate: 0.1, beta: 0.5, gamma: 0.75, epsilon: 0.01, form: 'library' });
    // m1 = 0.5 [2, 3] = [1, 1.5]; v1 = 0.25 [4, 9] = [1, 2.25]; m^ = [2, 3]; v^ = [4, 9].
    const a = book.step(start(), quadratic);
    expectClose(book.state().m!, [1, 1.5], EXACT, 'm1');
    expectClose(book.state().v!, [1, 2.25], EXACT, 'v1');
    expectClose(a.phi, [1 - (0.1 * 2) / Math.sqrt(4.01), 2 - (0.1 * 3) / Math.sqrt(9.01)], EXACT, 'book phi1');
    const b = library.step(start(), quadratic);
    expectClose(b.phi, [1 - (0.1 * 2) / 2.01, 2 - (0.1 * 3) / 3.01], EXACT, 'library phi1');
  });

  for (const form of ['book', 'library'] as const) {
    it(`${form} form matches the formula over 6 steps, with Kingma & Ba's and the A.3 notebook's constants`, () => {
      for (const [beta, gamma, epsilon] of [
        [0.5, 0.75, 0.01],
        [0.9, 0.999, 1e-8],
        [0.9, 0.99, 1e-20],
      ]) {
        const optimiser = new Adam({ kind: 'adam', learningRate: 0.05, beta, gamma, epsilon, form });
        const expected = adamByHand(6, 0.05, beta, gamma, epsilon, form === 'book');
        let phi: Float64Array = start();
        expected.forEach((want, t) => {
          phi = optimiser.step(phi, quadratic).phi;
          expectClose(phi, want, EXACT, `${form} beta ${beta} step ${t}`);
        });
      }
    });
  }

  it('the forms differ where v^ is comparable to epsilon', () => {
    const book = adamByHand(3, 0.1, 0.5, 0.75, 0.01, true);
    const library = adamByHand(3, 0.1, 0.5, 0.75, 0.01, false);
    expect(Math.abs(book[2][0] - library[2][0])).toBeGreaterThan(1e-5);
    // A zero gradient: the book steps 0 / sqrt(epsilon) = 0 without dividing by zero.
    const flat = functionObjective(1, () => 0, () => Float64Array.of(0));
    expect(Array.from(new Adam({ kind: 'adam', learningRate: 0.1 }).step(Float64Array.of(3), flat).phi)).toEqual([3]);
  });
});

describe('normalised gradients (eqs. 6.13-6.14)', () => {
  it('sign: each coordinate moves alpha g_k / sqrt(g_k^2 + epsilon)', () => {
    const optimiser = new NormalisedGradients({ kind: 'normalised', learningRate: 0.1, epsilon: 0.01 });
    const first = optimiser.step(start(), quadratic);
    expectClose(first.phi, [1 - (0.1 * 2) / Math.sqrt(4.01), 2 - (0.1 * 3) / Math.sqrt(9.01)], EXACT, 'phi1');
    const g = quadraticGradient(first.phi);
    const second = optimiser.step(first.phi, quadratic);
    expectClose(second.phi, [first.phi[0] - (0.1 * g[0]) / Math.sqrt(g[0] ** 2 + 0.01), first.phi[1] - (0.1 * g[1]) / Math.sqrt(g[1] ** 2 + 0.01)], EXACT, 'phi2');
  });

  it('unit-norm: the whole step is alpha g / sqrt(|g|^2 + epsilon)', () => {
    const optimiser = new NormalisedGradients({ kind: 'normalised', learningRate: 0.1, epsilon: 0.01, normalisation: 'unit-norm' });
    const first = optimiser.step(start(), quadratic);
    expectClose(first.phi, [1 - (0.1 * 2) / Math.sqrt(13.01), 2 - (0.1 * 3) / Math.sqrt(13.01)], EXACT, 'phi1');
  });

  it('never settles: with fixed-length steps the path ends bouncing around the minimum (fig. 6.9c)', () => {
    const optimiser = new NormalisedGradients({ kind: 'normalised', learningRate: 0.08, epsilon: 1e-20 });
    let phi: Float64Array = start();
    const path: Float64Array[] = [];
    for (let t = 0; t < 200; t++) path.push((phi = optimiser.step(phi, quadratic).phi));
    const last = path.slice(-10);
    for (const p of last) expect(Math.hypot(p[0] - MINIMUM[0], p[1] - MINIMUM[1])).toBeLessThan(0.2);
    for (let k = 1; k < last.length; k++) expect(Math.hypot(last[k][0] - last[k - 1][0], last[k][1] - last[k - 1][1])).toBeGreaterThan(0.05);
  });
});

describe('gradient descent with line search (fig. 6.10)', () => {
  it('drops [a, b] when L[b] > L[c], else [c, d]: the brackets of (alpha - 0.3)^2 on [0, 1], by hand', () => {
    const search = bracketSearch((alpha) => (alpha - 0.3) ** 2, 1, 3);
    // [0, 1]: L(1/3) < L(2/3), drop [2/3, 1]. [0, 2/3]: L(2/9) < L(4/9), drop [4/9, 2/3].
    // [0, 4/9]: L(4/27) > L(8/27), drop [0, 4/27]. Final bracket [4/27, 4/9]; its middle is 8/27.
    const ends = search.brackets.map((bracket) => [bracket.a, bracket.d]);
    expectClose(ends.flat(), [0, 1, 0, 2 / 3, 0, 4 / 9], EXACT, 'brackets');
    expectClose([search.brackets[2].b, search.brackets[2].c], [4 / 27, 8 / 27], EXACT, 'interior points');
    expect(search.alpha).toBeCloseTo(8 / 27, 14);
  });

  it('finds the exact minimiser along -g on the quadratic: alpha* = g.g / g.A.g = 13/23 from the start', () => {
    const optimiser = new LineSearchGradientDescent({ kind: 'line-search', maxStep: 1, iterations: 40 });
    const record = optimiser.step(start(), quadratic);
    // (2/3)^40 of the bracket is left: about 9e-8.
    expect(Math.abs(record.learningRate - 13 / 23)).toBeLessThan(1e-7);
    expectClose(record.phi, [1 - record.learningRate * 2, 2 - record.learningRate * 3], EXACT, 'phi1');
    expect(optimiser.lastSearch!.brackets.length).toBe(40);
    let phi = record.phi;
    for (let t = 0; t < 40; t++) phi = optimiser.step(phi, quadratic).phi;
    expectClose(phi, MINIMUM, 1e-6, 'minimum');
  });

  it('gets close to the linear-regression minimum in a few steps (fig. 6.1, A.1: maxStep 0.1, 15 iterations)', () => {
    const optimiser = createOptimiser({ kind: 'line-search', maxStep: 0.1 });
    let phi: Float64Array = Float64Array.of(0.6, -0.2);
    const losses = [batchLoss(regression, phi, undefined, 'sum')];
    for (let t = 0; t < 10; t++) {
      phi = optimiser.step(phi, regression).phi;
      losses.push(batchLoss(regression, phi, undefined, 'sum'));
    }
    for (let t = 1; t < losses.length; t++) expect(losses[t]).toBeLessThan(losses[t - 1]);
    expect(losses[4]).toBeLessThan(0.5);
  });
});

describe('state, reset and purity', () => {
  it('reset forgets the moments and the step count; a new problem size needs a reset', () => {
    const optimiser = createOptimiser({ kind: 'adam', learningRate: 0.1 });
    const first = optimiser.step(start(), quadratic).phi;
    optimiser.step(first, quadratic);
    expect(optimiser.steps).toBe(2);
    const line = functionObjective(3, () => 0, () => new Float64Array(3));
    expect(() => optimiser.step(new Float64Array(3), line)).toThrow('adam: phi has 3 numbers but the optimiser\'s moments have 2; call reset() to start on a new problem');
    optimiser.reset();
    expect(optimiser.state()).toEqual({ steps: 0, m: null, v: null });
    expectClose(optimiser.step(start(), quadratic).phi, first, 0, 'same first step after reset');
  });

  it('every kind steps through createOptimiser and leaves its input unchanged', () => {
    const configs: OptimiserConfig[] = [
      { kind: 'sgd', learningRate: 0.1 },
      { kind: 'momentum', learningRate: 0.1 },
      { kind: 'nesterov', learningRate: 0.1, form: 'library' },
      { kind: 'adam', learningRate: 0.1 },
      { kind: 'normalised', learningRate: 0.1 },
      { kind: 'line-search', maxStep: 1 },
    ];
    for (const config of configs) {
      const optimiser = createOptimiser(config);
      const phi = start();
      const next = optimiser.step(phi, quadratic).phi;
      expect(Array.from(phi)).toEqual([...START]);
      expect(next).not.toBe(phi);
      expect(optimiser.config.kind).toBe(config.kind);
    }
  });
});

describe('configs', () => {
  it('fill in the defaults: book form, batch sum; Adam beta 0.9, gamma 0.999, epsilon 1e-8', () => {
    expect(resolveOptimiserConfig({ kind: 'adam', learningRate: 0.01 })).toEqual({ kind: 'adam', form: 'book', learningRate: 0.01, beta: 0.9, gamma: 0.999, epsilon: 1e-8, reduction: 'sum' });
    expect(resolveOptimiserConfig({ kind: 'momentum', learningRate: 0.01, form: 'library' })).toEqual({ kind: 'momentum', form: 'library', learningRate: 0.01, beta: 0.9, reduction: 'mean' });
    expect(resolveOptimiserConfig({ kind: 'line-search', maxStep: 2 })).toEqual({ kind: 'line-search', form: 'book', maxStep: 2, iterations: 15, reduction: 'sum' });
    expect(resolveOptimiserConfig({ kind: 'normalised', learningRate: 0.08 })).toMatchObject({ normalisation: 'sign', epsilon: 1e-8 });
  });

  it('say which form runs', () => {
    expect(describeOptimiser({ kind: 'momentum', learningRate: 0.6, beta: 0.6 })).toBe('momentum, book form (eq. 6.11: m ← βm + (1−β)g), β = 0.6, α = 0.6, batch sum');
    expect(describeOptimiser({ kind: 'adam', learningRate: 0.05, gamma: 0.99, epsilon: 1e-20, form: 'library' })).toBe(
      'Adam, library form (ε outside the square root), β = 0.9, γ = 0.99, ε = 1e-20, α = 0.05, batch mean',
    );
    expect(describeOptimiser({ kind: 'sgd', learningRate: stepDecay(0.1, 0.5, 100) })).toBe('SGD (eq. 6.10: φ ← φ − αg), α = 0.1 × 0.5 every 100 steps, batch sum');
    expect(describeOptimiser({ kind: 'line-search', maxStep: 2 })).toContain('fig. 6.10 bracketing, α in [0, 2], 15 iterations');
  });

  it('refuse bad values with one message naming the field', () => {
    const bad: [unknown, string][] = [
      [null, 'optimiser config must be an object, got null'],
      [{ kind: 'rmsprop', learningRate: 0.1 }, "optimiser config: kind must be one of 'sgd', 'momentum', 'nesterov', 'adam', 'normalised', 'line-search', got \"rmsprop\""],
      [{ kind: 'sgd', learningRate: -0.1 }, 'sgd config: learningRate must be a finite number >= 0, got -0.1'],
      [{ kind: 'sgd', learningRate: Number.NaN }, 'sgd config: learningRate must be a finite number >= 0, got null'],
      [{ kind: 'sgd', learningRate: '0.1' }, 'sgd config: learningRate must be a number or a schedule object, got "0.1"'],
      [{ kind: 'sgd' }, 'sgd config: learningRate is required'],
      [{ kind: 'momentum', learningRate: 0.1, beta: 1 }, 'momentum config: beta must be in [0, 1), got 1'],
      [{ kind: 'nesterov', learningRate: 0.1, beta: -0.1 }, 'nesterov config: beta must be in [0, 1), got -0.1'],
      [{ kind: 'adam', learningRate: 0.1, gamma: 1.5 }, 'adam config: gamma must be in [0, 1), got 1.5'],
      [{ kind: 'adam', learningRate: 0.1, epsilon: 0 }, 'adam config: epsilon must be a finite number > 0, got 0'],
      [{ kind: 'sgd', learningRate: 0.1, beta: 0.9 }, "sgd config: unknown field 'beta' (fields: kind, form, reduction, learningRate)"],
      [{ kind: 'sgd', learningRate: 0.1, form: 'pytorch' }, "sgd config: form must be one of 'book', 'library', got \"pytorch\""],
      [{ kind: 'sgd', learningRate: 0.1, reduction: 'max' }, "sgd config: reduction must be one of 'sum', 'mean', got \"max\""],
      [{ kind: 'normalised', learningRate: 0.1, normalisation: 'l1' }, "normalised config: normalisation must be one of 'sign', 'unit-norm', got \"l1\""],
      [{ kind: 'line-search', learningRate: 0.1, maxStep: 1 }, "line-search config: unknown field 'learningRate' (fields: kind, form, reduction, maxStep, iterations)"],
      [{ kind: 'line-search' }, 'line-search config: maxStep is required (the line search looks for alpha in [0, maxStep])'],
      [{ kind: 'line-search', maxStep: -1 }, 'line-search config: maxStep must be a finite number > 0, got -1'],
      [{ kind: 'line-search', maxStep: 1, iterations: 0 }, 'line-search config: iterations must be an integer in [1, 200], got 0'],
      [{ kind: 'momentum', learningRate: { kind: 'step', initial: 0.1, factor: 2, every: 10 } }, 'momentum config: learningRate.factor must be in (0, 1], got 2'],
    ];
    for (const [config, message] of bad) expect(() => createOptimiser(config as OptimiserConfig), JSON.stringify(config)).toThrow(message);
    expect(() => new Sgd({ kind: 'adam', learningRate: 0.1 } as unknown as ConstructorParameters<typeof Sgd>[0])).toThrow("sgd: config.kind must be 'sgd', got 'adam'");
  });

  it('refuse a phi or a batch that does not fit the objective', () => {
    const optimiser = createOptimiser({ kind: 'sgd', learningRate: 0.1 });
    expect(() => optimiser.step(Float64Array.of(1, 2, 3), quadratic)).toThrow('sgd: phi has 3 numbers, the objective has 2 parameters');
    expect(() => optimiser.step([1, 2] as unknown as Float64Array, quadratic)).toThrow('sgd: phi must be a Float64Array');
    expect(() => optimiser.step(Float64Array.of(1, Number.NaN), quadratic)).toThrow('sgd: phi[1] is not finite (NaN)');
    expect(() => optimiser.step(start(), regression, [])).toThrow('sgd: batch must be a non-empty array of term indices');
    expect(() => optimiser.step(start(), regression, [0, 12])).toThrow('sgd: batch index 12 is not an integer in [0, 12)');
    expect(optimiser.steps).toBe(0);
  });
});
