/**
 * One line that says which optimiser runs, in which form, with which numbers: what a preset or a
 * chart legend shows, so nobody compares a book-form learning rate with a library-form one
 * without knowing (issue 8: "State which form runs and scale presets accordingly").
 *
 *   describeOptimiser({ kind: 'momentum', learningRate: 0.6, beta: 0.6 })
 *   // 'momentum, book form (eq. 6.11: m ← βm + (1−β)g), β = 0.6, α = 0.6, batch sum'
 */
import type { LearningRate } from '../schedules';
import { resolveOptimiserConfig, resolveUpdateRule, type ResolvedUpdateRule } from './config';

function describeLearningRate(rate: LearningRate): string {
  if (typeof rate === 'number') return `α = ${rate}`;
  switch (rate.kind) {
    case 'constant':
      return `α = ${rate.value}`;
    case 'step':
      return `α = ${rate.initial} × ${rate.factor} every ${rate.every} steps`;
    case 'exponential':
      return `α = ${rate.initial} × ${rate.rate}^(t/${rate.steps})`;
    case 'cosine':
      return `α = cosine from ${rate.initial} to ${rate.final} over ${rate.steps} steps`;
    case 'warmup':
      return `${rate.steps}-step linear warm-up, then ${describeLearningRate(rate.after)}`;
  }
}

function describeRule(rule: ResolvedUpdateRule): string {
  const book = rule.form === 'book';
  switch (rule.kind) {
    case 'sgd':
      return `SGD (eq. 6.10: φ ← φ − αg), ${describeLearningRate(rule.learningRate)}`;
    case 'momentum':
      return `momentum, ${book ? 'book form (eq. 6.11: m ← βm + (1−β)g)' : 'library form (m ← βm + g)'}, β = ${rule.beta}, ${describeLearningRate(rule.learningRate)}`;
    case 'nesterov':
      return `Nesterov momentum, ${book ? 'book form (eq. 6.12: gradient at φ − αβm, m ← βm + (1−β)g)' : 'library form (m ← βm + g, φ ← φ − α(g + βm))'}, β = ${rule.beta}, ${describeLearningRate(rule.learningRate)}`;
    case 'adam':
      return `Adam, ${book ? 'book form (eq. 6.17: ε inside the square root)' : 'library form (ε outside the square root)'}, β = ${rule.beta}, γ = ${rule.gamma}, ε = ${rule.epsilon}, ${describeLearningRate(rule.learningRate)}`;
    case 'normalised':
      return `normalised gradients (${rule.normalisation === 'sign' ? 'eq. 6.14: per-coordinate sign steps' : 'unit-norm steps'}), ε = ${rule.epsilon}, ${describeLearningRate(rule.learningRate)}`;
    case 'line-search':
      return `GD with line search (fig. 6.10 bracketing, α in [0, ${rule.maxStep}], ${rule.iterations} iterations)`;
  }
}

/** A float64 config, written out with its form and batch reduction. Throws on a bad config. */
export function describeOptimiser(config: unknown): string {
  const resolved = resolveOptimiserConfig(config);
  return `${describeRule(resolved)}, batch ${resolved.reduction}`;
}

/** A tfjs update rule, written out with its form (the loss function decides sum or mean). */
export function describeUpdateRule(rule: unknown): string {
  return describeRule(resolveUpdateRule(rule));
}
