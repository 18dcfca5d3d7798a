/**
 * M2 gradients: the eq. 7.5 backprop stepper against the Appendix A.4 values and finite
 * differences, matrix backprop on a small MLP (a hand-worked case and finite differences), the
 * initialisation explorer's fig. 7.7 behaviour, and implicit regularisation (fig. 9.3).
 */
import { describe, expect, it } from 'vitest';
import {
  backpropToy,
  compareImplicitRegularisation,
  FIG_7_7_WEIGHT_VARIANCES,
  gradientDescentPath,
  gradientFlowPath,
  heVariance,
  IMPLICIT_REGULARISATION_LANDSCAPE,
  initialisationProfile,
  initialisationSweep,
  mlpBackprop,
  modifiedGradient,
  modifiedLoss,
  randomMlp,
  toyFiniteDifferences,
  toyLoss,
  type MlpParameters,
} from '../../supervised/m2';
import { BACKPROP_TOY_INPUTS } from '../../supervised/data';
import { createRng } from '../../environments/core/rng';

describe('the eq. 7.5 backprop stepper', () => {
  const result = backpropToy();

  it('gives the Appendix A.4 forward values to 3 decimals, in order', () => {
    expect(result.forward.map((q) => q.name)).toEqual(['f0', 'h1', 'f1', 'h2', 'f2', 'h3', 'f3', 'loss']);
    const expected = [1.23, 0.942, 1.623, 5.068, 7.137, 0.657, 2.372];
    expected.forEach((value, k) => expect(result.forward[k].value, result.forward[k].name).toBeCloseTo(value, 3));
    expect(result.byName.loss).toBeCloseTo((result.byName.f3 - 2) ** 2, 15);
  });

  it('gives the Appendix A.4 backward values to 3 decimals, in order', () => {
    expect(result.backward.map((q) => q.name)).toEqual(['dl/df3', 'dl/dh3', 'dl/df2', 'dl/dh2', 'dl/df1', 'dl/dh1', 'dl/df0']);
    const expected = [0.745, 2.234, -1.683, -3.366, -17.06, 6.824, 2.281];
    expected.forEach((value, k) => expect(result.backward[k].value, result.backward[k].name).toBeCloseTo(value, 3));
  });

  it('gives parameter derivatives dl/dbeta_k = dl/df_k and dl/domega_k = h_k dl/df_k that match finite differences', () => {
    const numeric = toyFiniteDifferences();
    for (let k = 0; k < 4; k++) {
      expect(result.byName[`dl/dbeta${k}`]).toBe(result.byName[`dl/df${k}`]);
      expect(result.byName[`dl/dbeta${k}`]).toBeCloseTo(numeric.beta[k], 6);
      expect(result.byName[`dl/domega${k}`]).toBeCloseTo(numeric.omega[k], 6);
    }
    expect(result.byName['dl/domega0']).toBe(BACKPROP_TOY_INPUTS.x * result.byName['dl/df0']);
  });

  it('says which values each step reads, with its formula in TeX', () => {
    const df2 = result.backward.find((q) => q.name === 'dl/df2')!;
    expect(df2.reads).toEqual(['f2', 'dl/dh3']);
    expect(df2.formula).toBe(String.raw`-\sin[f_2] \frac{\partial \ell}{\partial h_3}`);
    expect(result.forward[0].formula).toBe(String.raw`\beta_0 + \omega_0 x`);
  });

  it('works for other inputs and refuses bad ones with a precise message', () => {
    const inputs = { beta: [0, 0, 0, 0], omega: [1, 1, 1, 1], x: 0.5, y: -1 };
    const other = backpropToy(inputs);
    expect(other.byName.loss).toBe(toyLoss(inputs));
    expect(() => backpropToy({ ...inputs, beta: [1, 2, 3] })).toThrow('backprop toy: beta must be an array of 4 numbers, got [1,2,3]');
    expect(() => backpropToy({ ...inputs, omega: [1, 1, NaN, 1] })).toThrow('backprop toy: omega[2] must be a finite number, got null');
    expect(() => backpropToy({ ...inputs, x: Infinity })).toThrow('backprop toy: x must be a finite number');
  });
});

describe('matrix backprop on a small MLP (eqs. 7.23-7.25)', () => {
  // A 1-2-1 network worked by hand: f0 = [1, -0.5], h1 = [1, 0], f1 = 2.1, l = 4.41.
  const handWorked: MlpParameters = {
    weights: [[[1], [-1]], [[2, 3]]],
    biases: [[0, 0.5], [0.1]],
  };

  it('matches the hand-worked 1-2-1 case', () => {
    const r = mlpBackprop(handWorked, [1], [0]);
    expect(r.sizes).toEqual([1, 2, 1]);
    expect(r.preActivations).toEqual([[1, -0.5], [2.1]]);
    expect(r.activations).toEqual([[1], [1, 0]]);
    expect(r.reluMasks).toEqual([[1, 0]]);
    expect(r.loss).toBeCloseTo(4.41, 14);
    expect(r.preActivationGradients[1][0]).toBeCloseTo(4.2, 14);
    expect(r.weightGradients[1][0][0]).toBeCloseTo(4.2, 14);
    expect(r.weightGradients[1][0][1]).toBe(0);
    expect(r.activationGradients[1][0]).toBeCloseTo(8.4, 14);
    expect(r.activationGradients[1][1]).toBeCloseTo(12.6, 14);
    // The ReLU mask stops the gradient of the unit that was off.
    expect(r.preActivationGradients[0][0]).toBeCloseTo(8.4, 14);
    expect(r.preActivationGradients[0][1]).toBe(0);
    expect(r.weightGradients[0][0][0]).toBeCloseTo(8.4, 14);
    expect(r.biasGradients[0]).toEqual(r.preActivationGradients[0]);
    expect(r.activationGradients[0][0]).toBeCloseTo(8.4, 14);
  });

  it('gives weight and bias gradients that match finite differences on a seeded 2-3-3-2 network', () => {
    const parameters = randomMlp([2, 3, 3, 2], createRng('mlp'), { biasVariance: 0.25 });
    const x = [0.7, -1.2];
    const y = [0.3, -0.4];
    const r = mlpBackprop(parameters, x, y);
    const h = 1e-6;
    const perturbed = (k: number, i: number, j: number | null, delta: number): number => {
      const weights = parameters.weights.map((m) => m.map((row) => row.slice()));
      const biases = parameters.biases.map((b) => b.slice());
      if (j === null) biases[k][i] += delta;
      else weights[k][i][j] += delta;
      return mlpBackprop({ weights, biases }, x, y).loss;
    };
    for (let k = 0; k < 3; k++) {
      parameters.weights[k].forEach((row, i) => {
        expect(r.biasGradients[k][i]).toBeCloseTo((perturbed(k, i, null, h) - perturbed(k, i, null, -h)) / (2 * h), 6);
        row.forEach((_, j) => expect(r.weightGradients[k][i][j]).toBeCloseTo((perturbed(k, i, j, h) - perturbed(k, i, j, -h)) / (2 * h), 6));
      });
    }
  });

  it('draws seeded He weights and refuses mismatched shapes', () => {
    expect(randomMlp([1, 3, 3, 1], createRng(4))).toEqual(randomMlp([1, 3, 3, 1], createRng(4)));
    expect(randomMlp([1, 3, 1], createRng(4)).biases).toEqual([[0, 0, 0], [0]]);
    expect(() => mlpBackprop({ weights: [[[1, 2]], [[1, 2]]], biases: [[0], [0]] }, [1, 1], [0])).toThrow('mlp: weights[1] has 2 columns, expected 1 (the rows of weights[0])');
    expect(() => mlpBackprop(handWorked, [1, 2], [0])).toThrow('mlp: x must have 1 numbers, got 2');
    expect(() => mlpBackprop({ weights: handWorked.weights, biases: [[0], [0.1]] }, [1], [0])).toThrow('mlp: biases[0] must have 2 numbers, got 1');
    expect(() => randomMlp([1, 0, 1], createRng(1))).toThrow('mlp: sizes[1] must be an integer in [1, 256], got 0');
  });
});

describe('the initialisation explorer (fig. 7.7)', () => {
  const options = { seed: 3 };
  const profiles = initialisationSweep(FIG_7_7_WEIGHT_VARIANCES, options);
  const log10Ratio = (values: number[]): number => Math.log10(values[values.length - 1] / values[0]);

  it('keeps the forward and backward variances about constant over 50 layers with He initialisation (0.02 = 2 / 100)', () => {
    expect(heVariance(100)).toBe(0.02);
    const he = profiles[2];
    expect(he.weightVariance).toBe(0.02);
    expect(he.expectedFactorPerLayer).toBe(1);
    expect(he.activationVariance).toHaveLength(50);
    expect(Math.abs(log10Ratio(he.activationVariance))).toBeLessThan(2);
    expect(Math.abs(log10Ratio(he.gradientVariance))).toBeLessThan(2);
  });

  it('vanishes below He and explodes above it, forward and backward, by about (D sigma^2 / 2)^49', () => {
    for (const profile of profiles) {
      const expected = 49 * Math.log10(profile.expectedFactorPerLayer);
      if (profile.weightVariance === 0.02) continue;
      // Forward: the activations grow or shrink from layer 1 to layer 50 (within 2 decades of theory) ...
      expect(Math.abs(log10Ratio(profile.activationVariance) - expected), `forward, sigma^2 = ${profile.weightVariance}`).toBeLessThan(2);
      // ... and backward the gradients grow or shrink from layer 50 down to layer 1.
      expect(Math.abs(-log10Ratio(profile.gradientVariance) - expected), `backward, sigma^2 = ${profile.weightVariance}`).toBeLessThan(2);
    }
    expect(log10Ratio(profiles[0].activationVariance)).toBeLessThan(-60);
    expect(log10Ratio(profiles[4].activationVariance)).toBeGreaterThan(60);
  });

  it('scales layer k by sigma^(2k) exactly: zero biases make the ReLU network positively homogeneous', () => {
    const [small, , , , unit] = profiles;
    small.activationVariance.forEach((v, k) => expect(v / (unit.activationVariance[k] * 0.001 ** (k + 1))).toBeCloseTo(1, 9));
  });

  it('is deterministic and refuses bad options', () => {
    expect(initialisationProfile(0.1, { ...options, layers: 5, batch: 20 })).toEqual(initialisationProfile(0.1, { ...options, layers: 5, batch: 20 }));
    expect(() => initialisationProfile(0)).toThrow('initialisation: weight variance must be a finite number > 0, got 0');
    expect(() => initialisationProfile(0.02, { layers: 0 })).toThrow('initialisation: layers must be an integer in [1, 200], got 0');
    expect(() => initialisationSweep([])).toThrow('initialisation: weightVariances must be a non-empty array of numbers, got []');
  });
});

describe('implicit regularisation (fig. 9.3, eq. 9.8)', () => {
  it('makes the modified loss L + (alpha / 4) |grad L|^2 with gradient grad L + (alpha / 2) H grad L', () => {
    const alpha = 0.1;
    const loss = modifiedLoss(IMPLICIT_REGULARISATION_LANDSCAPE, alpha);
    const gradient = modifiedGradient(IMPLICIT_REGULARISATION_LANDSCAPE, alpha);
    const phi: [number, number] = [-0.4, 0.3];
    const g = IMPLICIT_REGULARISATION_LANDSCAPE.gradient(phi);
    expect(loss(phi)).toBeCloseTo(IMPLICIT_REGULARISATION_LANDSCAPE.loss(phi) + (alpha / 4) * (g[0] ** 2 + g[1] ** 2), 14);
    const h = 1e-6;
    const numeric = [(loss([phi[0] + h, phi[1]]) - loss([phi[0] - h, phi[1]])) / (2 * h), (loss([phi[0], phi[1] + h]) - loss([phi[0], phi[1] - h])) / (2 * h)];
    expect(gradient(phi)[0]).toBeCloseTo(numeric[0], 6);
    expect(gradient(phi)[1]).toBeCloseTo(numeric[1], 6);
  });

  it('integrates the gradient flow accurately (RK4: halving the step changes the end by under 1e-9)', () => {
    const gradient = (phi: ArrayLike<number>): Float64Array => IMPLICIT_REGULARISATION_LANDSCAPE.gradient(phi);
    const coarse = gradientFlowPath(gradient, [-0.7, -0.75], 0.05, 100, 50);
    const fine = gradientFlowPath(gradient, [-0.7, -0.75], 0.05, 100, 100);
    expect(Math.hypot(coarse[100][0] - fine[100][0], coarse[100][1] - fine[100][1])).toBeLessThan(1e-9);
    expect(gradientDescentPath(gradient, [-0.7, -0.75], 0.05, 3)).toHaveLength(4);
  });

  it('puts discrete GD (alpha = 0.05, 100 steps from [-0.7, -0.75]) much closer to the modified loss’s flow than to L’s', () => {
    const result = compareImplicitRegularisation();
    expect(result.discrete).toHaveLength(101);
    expect(result.times[100]).toBeCloseTo(5, 12);
    const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(result.distanceToModifiedFlow)).toBeLessThan(0.25 * mean(result.distanceToFlow));
    expect(result.distanceToModifiedFlow[100]).toBeLessThan(0.25 * result.distanceToFlow[100]);
    // All three end near the valley floor phi1 = 0 but at different phi0: the finite step ends further along.
    for (const path of [result.discrete, result.flow, result.modifiedFlow]) expect(Math.abs(path[100][1])).toBeLessThan(0.01);
    expect(result.discrete[100][0] - result.flow[100][0]).toBeGreaterThan(0.01);
  });

  it('refuses bad options', () => {
    expect(() => compareImplicitRegularisation({ alpha: -1 })).toThrow('implicit regularisation: alpha must be a finite number > 0, got -1');
    expect(() => compareImplicitRegularisation({ start: [0] as never })).toThrow('implicit regularisation: start must be [phi0, phi1] with finite numbers, got [0]');
    expect(() => compareImplicitRegularisation({ landscape: 'x' as never })).toThrow(/landscape: id must be one of/);
  });
});
