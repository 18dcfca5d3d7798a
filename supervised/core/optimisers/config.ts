/**
 * Optimiser configs shared by the float64 optimisers and the tfjs `TfOptimiser`: the kinds, the
 * book / library forms, defaults, and validation with one precise message per bad field.
 *
 * The forms (book: *Understanding Deep Learning* ch. 6; library: PyTorch and tfjs), g the batch gradient:
 *
 * | kind          | book form                                             | library form                                  |
 * |---------------|-------------------------------------------------------|-----------------------------------------------|
 * | `sgd`         | phi <- phi - alpha g (eqs. 6.3, 6.10)                 | the same rule                                 |
 * | `momentum`    | m <- beta m + (1 - beta) g;  phi <- phi - alpha m     | m <- beta m + g;  phi <- phi - alpha m        |
 * | `nesterov`    | m <- beta m + (1 - beta) g[phi - alpha beta m];       | m <- beta m + g[phi];                         |
 * |               | phi <- phi - alpha m (eq. 6.12)                       | phi <- phi - alpha (g[phi] + beta m)          |
 * | `adam`        | phi <- phi - alpha m^ / sqrt(v^ + epsilon) (eq. 6.17) | phi <- phi - alpha m^ / (sqrt(v^) + epsilon)  |
 * | `normalised`  | phi <- phi - alpha g / sqrt(g^2 + epsilon) (eq. 6.14) | the same rule                                 |
 * | `line-search` | GD, alpha from the fig. 6.10 bracketing search        | the same rule                                 |
 * | (all)         | batch reduction 'sum' (eq. 6.10)                      | batch reduction 'mean'                        |
 *
 * What the forms mean for learning rates (each "same path" claim is checked by the tests):
 * - sum vs mean: the mean gradient is the sum over |B|, so with a fixed batch size
 *   alpha_mean = |B| alpha_sum gives the same path for SGD, momentum and Nesterov. Adam and normalised steps hardly change (they
 *   divide the scale out; only epsilon notices). Full-batch GD: |B| is the dataset size.
 * - momentum: the library m is the book's over (1 - beta), so library alpha = book alpha (1 - beta)
 *   gives the same path; the same alpha in library form steps 1 / (1 - beta) times further (10x at
 *   beta 0.9).
 * - Nesterov: with library alpha = book alpha (1 - beta), the library iterates are the book's
 *   lookahead points phi_t - alpha beta m_t (the same method, written in the lookahead variable).
 * - Adam: the same alpha; the forms differ only where v^ is near epsilon (tiny gradients), where
 *   the book's denominator is at least sqrt(epsilon) and the library's only epsilon.
 *
 * Where the two forms share the rule, `form` only sets the default batch reduction of the float64
 * path ('book' sums over the batch as eq. 6.10, 'library' takes the mean as tfjs and PyTorch
 * losses do). In the tfjs path the loss function does the reduction, so its configs have no
 * `reduction` field. Presets say which form runs: `describeOptimiser` writes it out.
 *
 * Defaults: form 'book'; momentum and Nesterov beta 0.9; Adam beta 0.9, gamma 0.999, epsilon 1e-8
 * (Kingma & Ba: the book gives no defaults; the A.3 notebook uses gamma 0.99 and epsilon 1e-20,
 * which presets of that toy should set); normalised 'sign' with epsilon 1e-8; line search 15 iterations (the A.1
 * notebook's count).
 */
import type { BatchReduction } from '../objective';
import { BATCH_REDUCTIONS } from '../objective';
import { checkLearningRate, type LearningRate } from '../schedules';

export type OptimiserForm = 'book' | 'library';
export const OPTIMISER_FORMS: readonly OptimiserForm[] = ['book', 'library'];

export type OptimiserKind = 'sgd' | 'momentum' | 'nesterov' | 'adam' | 'normalised' | 'line-search';
export const OPTIMISER_KINDS: readonly OptimiserKind[] = ['sgd', 'momentum', 'nesterov', 'adam', 'normalised', 'line-search'];

export type Normalisation = 'sign' | 'unit-norm';
export const NORMALISATIONS: readonly Normalisation[] = ['sign', 'unit-norm'];

interface FormField {
  /** Which rule runs where the book and the libraries differ (table above). Default 'book'. */
  readonly form?: OptimiserForm;
}

/** Gradient descent (eq. 6.3) and stochastic gradient descent (eq. 6.10): phi <- phi - alpha g. */
export interface SgdRule extends FormField {
  readonly kind: 'sgd';
  /** alpha: a number or a schedule. */
  readonly learningRate: LearningRate;
}

/** Momentum (eq. 6.11). */
export interface MomentumRule extends FormField {
  readonly kind: 'momentum';
  /** alpha: a number or a schedule. */
  readonly learningRate: LearningRate;
  /** beta in [0, 1): how much of the previous direction is kept. Default 0.9. */
  readonly beta?: number;
}

/** Nesterov accelerated momentum (eq. 6.12). */
export interface NesterovRule extends FormField {
  readonly kind: 'nesterov';
  /** alpha: a number or a schedule. */
  readonly learningRate: LearningRate;
  /** beta in [0, 1). Default 0.9. */
  readonly beta?: number;
}

/** Adam (eqs. 6.15-6.17). */
export interface AdamRule extends FormField {
  readonly kind: 'adam';
  /** alpha: a number or a schedule. */
  readonly learningRate: LearningRate;
  /** beta in [0, 1): decay of the first moment m. Default 0.9. */
  readonly beta?: number;
  /** gamma in [0, 1): decay of the second moment v. Default 0.999. */
  readonly gamma?: number;
  /** epsilon > 0: inside the square root (book) or added to it (library). Default 1e-8. */
  readonly epsilon?: number;
}

/** Normalised gradients (eqs. 6.13-6.14): fixed-length steps downhill. */
export interface NormalisedRule extends FormField {
  readonly kind: 'normalised';
  /** alpha: a number or a schedule. */
  readonly learningRate: LearningRate;
  /**
   * 'sign' (eq. 6.14): each coordinate moves by alpha g_k / sqrt(g_k^2 + epsilon), about alpha sign(g_k);
   * 'unit-norm': the whole step is alpha g / sqrt(|g|^2 + epsilon), about alpha long. Default 'sign'.
   */
  readonly normalisation?: Normalisation;
  /** epsilon > 0 inside the square root (keeps a zero gradient from dividing by zero). Default 1e-8. */
  readonly epsilon?: number;
}

/** Gradient descent with the bracketing line search of fig. 6.10 choosing alpha at every step. */
export interface LineSearchRule extends FormField {
  readonly kind: 'line-search';
  /** The search interval for alpha is [0, maxStep] (the notebooks' max_dist). */
  readonly maxStep: number;
  /** Bracket shrinks (each keeps 2/3 of the interval). Default 15. */
  readonly iterations?: number;
}

/** An update rule: what the tfjs path takes (the loss function does any batch reduction). */
export type UpdateRule = SgdRule | MomentumRule | NesterovRule | AdamRule | NormalisedRule | LineSearchRule;

/** A float64 optimiser's config: an update rule and how the batch gradient is formed. */
export type OptimiserConfig = UpdateRule & {
  /** 'sum' (eq. 6.10) or 'mean' over the batch. Default: 'sum' in book form, 'mean' in library form. */
  readonly reduction?: BatchReduction;
};

type Resolve<R> = R extends unknown ? { readonly [K in keyof R]-?: Exclude<R[K], undefined> } : never;

/** An update rule with every default filled in. */
export type ResolvedUpdateRule = Resolve<UpdateRule>;
/** A float64 config with every default filled in. */
export type ResolvedOptimiserConfig = Resolve<OptimiserConfig>;

const RULE_FIELDS: Record<OptimiserKind, readonly string[]> = {
  sgd: ['learningRate'],
  momentum: ['learningRate', 'beta'],
  nesterov: ['learningRate', 'beta'],
  adam: ['learningRate', 'beta', 'gamma', 'epsilon'],
  normalised: ['learningRate', 'normalisation', 'epsilon'],
  'line-search': ['maxStep', 'iterations'],
};

function decay(value: unknown, fallback: number, where: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) throw new Error(`${where} must be in [0, 1), got ${JSON.stringify(value)}`);
  return value;
}

function positive(value: unknown, fallback: number, where: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new Error(`${where} must be a finite number > 0, got ${JSON.stringify(value)}`);
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T, where: string): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw new Error(`${where} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${JSON.stringify(value)}`);
  return value as T;
}

function fieldsOf(config: unknown): Record<string, unknown> {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new Error(`optimiser config must be an object, got ${JSON.stringify(config)}`);
  const fields = config as Record<string, unknown>;
  if (!OPTIMISER_KINDS.includes(fields.kind as OptimiserKind)) {
    throw new Error(`optimiser config: kind must be one of ${OPTIMISER_KINDS.map((k) => `'${k}'`).join(', ')}, got ${JSON.stringify(fields.kind)}`);
  }
  return fields;
}

function rejectUnknown(fields: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(fields)) {
    if (!allowed.includes(key)) throw new Error(`${where}: unknown field '${key}' (fields: ${allowed.join(', ')})`);
  }
}

function resolveRuleFields(fields: Record<string, unknown>, where: string): ResolvedUpdateRule {
  const kind = fields.kind as OptimiserKind;
  const form = oneOf(fields.form, OPTIMISER_FORMS, 'book', `${where}: form`);
  if (kind === 'line-search') {
    const iterations = fields.iterations ?? 15;
    if (typeof iterations !== 'number' || !Number.isInteger(iterations) || iterations < 1 || iterations > 200) {
      throw new Error(`${where}: iterations must be an integer in [1, 200], got ${JSON.stringify(fields.iterations)}`);
    }
    if (fields.maxStep === undefined) throw new Error(`${where}: maxStep is required (the line search looks for alpha in [0, maxStep])`);
    return { kind, form, maxStep: positive(fields.maxStep, 0, `${where}: maxStep`), iterations };
  }
  if (fields.learningRate === undefined) throw new Error(`${where}: learningRate is required`);
  const learningRate = checkLearningRate(fields.learningRate, `${where}: learningRate`);
  switch (kind) {
    case 'sgd':
      return { kind, form, learningRate };
    case 'momentum':
    case 'nesterov':
      return { kind, form, learningRate, beta: decay(fields.beta, 0.9, `${where}: beta`) };
    case 'adam':
      return {
        kind,
        form,
        learningRate,
        beta: decay(fields.beta, 0.9, `${where}: beta`),
        gamma: decay(fields.gamma, 0.999, `${where}: gamma`),
        epsilon: positive(fields.epsilon, 1e-8, `${where}: epsilon`),
      };
    case 'normalised':
      return {
        kind,
        form,
        learningRate,
        normalisation: oneOf(fields.normalisation, NORMALISATIONS, 'sign', `${where}: normalisation`),
        epsilon: positive(fields.epsilon, 1e-8, `${where}: epsilon`),
      };
  }
}

/**
 * Checks an update rule (possibly from JSON) and fills in its defaults; throws one precise
 * message naming the field (`momentum config: beta must be in [0, 1), got 1`). A `reduction`
 * field is refused: in the tfjs path the loss function sums or averages over the batch.
 */
export function resolveUpdateRule(config: unknown): ResolvedUpdateRule {
  const fields = fieldsOf(config);
  const where = `${String(fields.kind)} config`;
  if ('reduction' in fields) throw new Error(`${where}: reduction is not an optimiser field here: the loss function sums or averages over the batch`);
  rejectUnknown(fields, ['kind', 'form', ...RULE_FIELDS[fields.kind as OptimiserKind]], where);
  return resolveRuleFields(fields, where);
}

/** Checks a float64 optimiser config and fills in its defaults (see `resolveUpdateRule`). */
export function resolveOptimiserConfig(config: unknown): ResolvedOptimiserConfig {
  const fields = fieldsOf(config);
  const where = `${String(fields.kind)} config`;
  rejectUnknown(fields, ['kind', 'form', 'reduction', ...RULE_FIELDS[fields.kind as OptimiserKind]], where);
  const rule = resolveRuleFields(fields, where);
  const reduction = oneOf(fields.reduction, BATCH_REDUCTIONS, rule.form === 'book' ? 'sum' : 'mean', `${where}: reduction`);
  return { ...rule, reduction } as ResolvedOptimiserConfig;
}

/** The float64 config of one kind. */
export type ConfigOf<K extends OptimiserKind> = Extract<OptimiserConfig, { readonly kind: K }>;
/** The resolved float64 config of one kind. */
export type ResolvedConfigOf<K extends OptimiserKind> = Extract<ResolvedOptimiserConfig, { readonly kind: K }>;

/** `resolveOptimiserConfig` for a class that runs one kind: refuses a config of another kind. */
export function resolveConfigOf<K extends OptimiserKind>(kind: K, config: unknown): ResolvedConfigOf<K> {
  const resolved = resolveOptimiserConfig(config);
  if (resolved.kind !== kind) throw new Error(`${kind}: config.kind must be '${kind}', got '${resolved.kind}'`);
  return resolved as ResolvedConfigOf<K>;
}
