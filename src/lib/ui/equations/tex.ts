/**
 * Number formatting and TeX building for the equation cards. Pure functions: every string that
 * reaches KaTeX is built here, so it can be checked without a browser.
 */
import type {
  ActionBackup,
  BellmanBackupExplanation,
  TdExplanation,
} from '../../../../agents/core/agent';

/**
 * `x` with a fixed number of decimals. -0, and anything that rounds to it, is written as 0;
 * infinities as \infty, NaN as \text{NaN} (the result is meant for TeX math mode).
 */
export function fmt(x: number, digits = 2): string {
  if (Number.isNaN(x)) return '\\text{NaN}';
  if (!Number.isFinite(x)) return x > 0 ? '\\infty' : '-\\infty';
  const s = x.toFixed(digits);
  return Number(s) === 0 ? s.replace('-', '') : s;
}

/** `fmt`, with negative numbers in parentheses: for terms inside sums and products. */
export function term(x: number, digits = 2): string {
  const s = fmt(x, digits);
  return s.startsWith('-') ? `(${s})` : s;
}

/** Up to `maxDigits` decimals without trailing zeros: 0.5, 0.167, 0.9, 1, -2. */
export function short(x: number, maxDigits = 3): string {
  const s = fmt(x, maxDigits);
  if (!s.includes('.')) return s;
  const trimmed = s.replace(/0+$/, '').replace(/\.$/, '');
  return trimmed === '-0' ? '0' : trimmed;
}

/** `short`, with negative numbers in parentheses. */
export function shortTerm(x: number, maxDigits = 3): string {
  const s = short(x, maxDigits);
  return s.startsWith('-') ? `(${s})` : s;
}

/** `x` for plain text (HTML): `fmt` with a true minus sign. */
export function fmtText(x: number, digits = 2): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  return fmt(x, digits).replace('-', '−');
}

const TEXT_ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '#': '\\#',
  _: '\\_',
  '%': '\\%',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
};

/** Escapes a string for TeX text mode (inside \text{...}). */
export function texEscape(s: string): string {
  return s.replace(/[\\{}$&#_%^~]/g, (c) => TEXT_ESCAPES[c]);
}

/** `\text{…}` with its content escaped. */
export function texText(s: string): string {
  return `\\text{${texEscape(s)}}`;
}

/** A state as `s_{6}`: numeric labels stay math, others become text. */
export function stateTex(label: string): string {
  return /^-?\d+$/.test(label) ? `s_{${label}}` : `s_{${texText(label)}}`;
}

/** What the cards need to name states and actions. */
export interface Naming {
  /** Display label of state `s` (0-based index in, e.g. the book's 1-based number out). */
  readonly stateLabel: (s: number) => string;
  readonly actionNames: readonly string[];
}

export function actionName(naming: Naming, a: number): string {
  return naming.actionNames[a] ?? `a${a}`;
}

function actionTex(naming: Naming, a: number): string {
  return texText(actionName(naming, a));
}

function sTex(naming: Naming, s: number): string {
  return stateTex(naming.stateLabel(s));
}

// ---------------------------------------------------------------------------------------------
// Dynamic programming (eqs 19.11, 19.12)

const BRACKET = 'r(s,a) + \\gamma \\sum_{s\'} P(s\' \\mid s,a)\\, v(s\')';

/** The rule being applied, in symbols. */
export function backupEquation(rule: BellmanBackupExplanation['rule']): string {
  return rule === 'evaluation'
    ? `v(s) \\leftarrow \\sum_{a} \\pi(a \\mid s) \\Bigl[\\, ${BRACKET} \\Bigr]`
    : `v(s) \\leftarrow \\max_{a} \\Bigl[\\, ${BRACKET} \\Bigr]`;
}

/** Most successor terms written out before the rest is elided. */
export const MAX_SUCCESSOR_TERMS = 6;

/**
 * One action's bracket with the live numbers, each successor value labelled with its state:
 * `q(s_6, up) = 0 + 0.9 (0.5 · 0.00 + 0.167 · (-2.00) + …) = -0.30`.
 */
export function actionLine(
  e: Pick<BellmanBackupExplanation, 'state' | 'gamma'>,
  ab: ActionBackup,
  naming: Naming,
): string {
  return `${actionTerms(e, ab, naming)} = ${fmt(ab.q)}`;
}

/** `actionLine` without its result, for layouts that show the result in a column of its own. */
export function actionTerms(
  e: Pick<BellmanBackupExplanation, 'state' | 'gamma'>,
  ab: ActionBackup,
  naming: Naming,
): string {
  const head = `q(${sTex(naming, e.state)}, ${actionTex(naming, ab.action)})`;
  const shown = ab.successors.slice(0, MAX_SUCCESSOR_TERMS);
  const terms = shown.map(
    (t) => `${short(t.prob)} \\cdot \\underset{${sTex(naming, t.next)}}{${term(t.value)}}`,
  );
  if (ab.successors.length > shown.length) terms.push('\\dotsb');
  const lead = `${short(ab.reward)} + ${short(e.gamma)}`;
  if (terms.length <= 1) return `${head} = ${lead} \\cdot ${terms[0] ?? '0'}`;
  // NOTE: each term is a {group}, so a narrow layout wraps only at the + between terms.
  terms[0] = `${lead}\\,\\bigl(${terms[0]}`;
  terms[terms.length - 1] += '\\bigr)';
  return `${head} = ${terms.map((t) => `{${t}}`).join(' + ')}`;
}

/** The combination over actions: the max (value iteration) or the average under pi. */
export function combineLine(e: BellmanBackupExplanation, naming: Naming): string {
  const v = `v(${sTex(naming, e.state)})`;
  if (e.rule === 'optimality') {
    const qs = e.actions.map((ab) => fmt(ab.q)).join(',\\ ');
    return `${v} \\leftarrow \\max\\bigl(${qs}\\bigr) = ${fmt(e.newValue)}`;
  }
  const parts = e.actions
    .filter((ab) => (ab.policyProb ?? 0) !== 0)
    .map((ab) => `{${short(ab.policyProb ?? 0)} \\cdot ${term(ab.q)}}`);
  if (parts.length === 0) return `${v} \\leftarrow 0`;
  // Keep the result on the line of the last term when a narrow layout wraps.
  const last = parts.pop();
  return `${v} \\leftarrow ${[...parts, `{${last} = ${fmt(e.newValue)}}`].join(' + ')}`;
}

/** A terminal state: its value is just the reward for leaving it. */
export function terminalLine(e: BellmanBackupExplanation, naming: Naming): string {
  return `v(${sTex(naming, e.state)}) \\leftarrow r = ${fmt(e.newValue)}`;
}

/** `v(s_6): 0.00 → -0.30`. */
export function changeLine(e: BellmanBackupExplanation, naming: Naming): string {
  return `v(${sTex(naming, e.state)}):\\ ${fmt(e.oldValue)} \\;\\longrightarrow\\; ${fmt(e.newValue)}`;
}

// ---------------------------------------------------------------------------------------------
// Temporal differences (eqs 19.14, 19.15, 19.20; fig 19.12)

const TD_TITLES: Record<TdExplanation['algorithm'], string> = {
  sarsa: 'SARSA · eq 19.14',
  'expected-sarsa': 'Expected SARSA',
  'q-learning': 'Q-learning · eq 19.15',
  'double-q-learning': 'Double Q-learning · eq 19.20',
};

export function tdTitle(algorithm: TdExplanation['algorithm']): string {
  return TD_TITLES[algorithm];
}

/** The update rule in symbols. */
export function tdEquation(algorithm: TdExplanation['algorithm']): string {
  const q = (t: string) => `q${t}(s_t,a_t)`;
  const update = (sub: string, bootstrap: string) =>
    `${q(sub)} \\leftarrow ${q(sub)} + \\alpha \\bigl[\\, r(s_t,a_t) + \\gamma\\, ${bootstrap} - ${q(sub)} \\bigr]`;
  switch (algorithm) {
    case 'sarsa':
      return update('', 'q(s_{t+1},a_{t+1})');
    case 'expected-sarsa':
      return update('', '\\sum_{a} \\pi(a \\mid s_{t+1})\\, q(s_{t+1},a)');
    case 'q-learning':
      return update('', '\\max_{a} q(s_{t+1},a)');
    case 'double-q-learning':
      return update('_1', 'q_2\\bigl(s_{t+1}, \\operatorname*{arg\\,max}_{a} q_1(s_{t+1},a)\\bigr)');
  }
}

/** The bootstrapped value, named for this algorithm and state. */
function bootstrapTex(e: TdExplanation, naming: Naming): string {
  const s1 = sTex(naming, e.nextState);
  const [upd, other] = e.table === 'B' ? ['B', 'A'] : ['A', 'B'];
  switch (e.algorithm) {
    case 'sarsa':
      return `q(${s1}, ${e.nextAction === undefined ? 'a_{t+1}' : actionTex(naming, e.nextAction)})`;
    case 'expected-sarsa':
      return `\\sum_{a} \\pi(a \\mid ${s1})\\, q(${s1},a)`;
    case 'q-learning':
      return `\\max_{a} q(${s1},a)`;
    case 'double-q-learning':
      return `q_{${other}}\\bigl(${s1}, \\operatorname*{arg\\,max}_{a} q_{${upd}}(${s1},a)\\bigr)`;
  }
}

/** `s_6 --down--> s_10, r = 0`. */
export function tdTransition(e: TdExplanation, naming: Naming): string {
  const end = e.terminated ? `\\ ${texText('(terminal)')}` : '';
  return (
    `${sTex(naming, e.state)} \\xrightarrow{${actionTex(naming, e.action)}} ${sTex(naming, e.nextState)}${end},` +
    `\\quad r = ${short(e.reward, 4)},\\quad \\gamma = ${short(e.gamma)},\\quad \\alpha = ${short(e.alpha, 4)}`
  );
}

/** The updated entry, `q(s_6, down)` (`q_A(…)` for double Q-learning). */
export function qTex(e: TdExplanation, naming: Naming): string {
  const sub = e.algorithm === 'double-q-learning' ? `_{${e.table ?? 'A'}}` : '';
  return `q${sub}(${sTex(naming, e.state)}, ${actionTex(naming, e.action)})`;
}

/** Fig 19.12 with the numbers: old value, target, TD error, new value (4 decimals). */
export function tdSteps(e: TdExplanation, naming: Naming): string {
  const q = qTex(e, naming);
  // The target takes two lines (symbols, then numbers) so the block stays narrow.
  const target = e.terminated
    ? `\\text{target} &= r = ${fmt(e.target, 4)} \\\\ &\\phantom{=}\\ ${texText('(')}${sTex(naming, e.nextState)}\\ ${texText('is terminal: nothing to bootstrap)')}`
    : `\\text{target} &= r + \\gamma\\, ${bootstrapTex(e, naming)} \\\\ &= ${short(e.reward, 4)} + ${short(e.gamma)} \\cdot ${term(e.bootstrap, 4)} = ${fmt(e.target, 4)}`;
  return [
    '\\begin{aligned}',
    `${q} &= ${fmt(e.oldValue, 4)} \\\\`,
    `${target} \\\\`,
    `\\delta = \\text{target} - q &= ${fmt(e.target, 4)} - ${term(e.oldValue, 4)} = ${fmt(e.tdError, 4)} \\\\`,
    `q \\leftarrow q + \\alpha\\,\\delta &= ${fmt(e.oldValue, 4)} + ${short(e.alpha, 4)} \\cdot ${term(e.tdError, 4)} = \\mathbf{${fmt(e.newValue, 4)}}`,
    '\\end{aligned}',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Monte Carlo (eq 19.13)

export const MONTE_CARLO_EQUATION =
  'q(s_t,a_t) \\leftarrow q(s_t,a_t) + \\eta\\,\\bigl(G_t - q(s_t,a_t)\\bigr),\\qquad G_t = \\sum_{k \\ge 0} \\gamma^{k}\\, r_{t+k+1}';
