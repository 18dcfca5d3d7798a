/**
 * Command-line parsing for `npm run rl`: options as `--name value` or `--name=value`, boolean
 * flags, repeatable options (`--set a=1 --set b=2`), and strict number readers.
 *
 * Every problem is a UsageError with one line that names the option and the bad text; main.ts
 * prints it without a stack trace and exits with status 2.
 */

/** Bad input from the user: printed as one line, never with a stack trace. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface OptionSpec {
  /** Without the dashes: `env` for `--env`. */
  readonly name: string;
  /** Placeholder shown in help (`<preset|spec.json>`); absent for a boolean flag. */
  readonly value?: string;
  /** May be given more than once (`--set`). */
  readonly repeatable?: boolean;
  /** One line for the help text. */
  readonly doc: string;
}

export interface ParsedOptions {
  /** Values per option, in the order given. */
  readonly values: ReadonlyMap<string, readonly string[]>;
  readonly flags: ReadonlySet<string>;
  /** The arguments as given (after the command name), for records of how a file was made. */
  readonly argv: readonly string[];
}

/** `--help` and `-h` are accepted by every command and the tool itself. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/**
 * Parses `argv` against `specs`. `where` names the command in messages ("solve").
 * A value may not start with `--` (so `--env --gamma 1` is a missing value, not an env named
 * `--gamma`); negative numbers such as `-0.5` are fine.
 */
export function parseOptions(argv: readonly string[], specs: readonly OptionSpec[], where: string): ParsedOptions {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      throw new UsageError(`${where}: unexpected argument '${arg}'; options start with -- (see ${where} --help)`);
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const spec = byName.get(name);
    if (spec === undefined) {
      const known = specs.map((s) => `--${s.name}`).join(', ');
      throw new UsageError(`${where}: unknown option '--${name}'; options are ${known}`);
    }
    if (spec.value === undefined) {
      if (eq >= 0) throw new UsageError(`${where}: --${name} is a flag and takes no value`);
      flags.add(name);
      continue;
    }
    let value: string;
    if (eq >= 0) {
      value = arg.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${where}: --${name} needs a value ${spec.value}`);
      value = next;
      i++;
    }
    if (value === '') throw new UsageError(`${where}: --${name} needs a value ${spec.value}, got an empty string`);
    const list = values.get(name) ?? [];
    if (list.length > 0 && spec.repeatable !== true) throw new UsageError(`${where}: --${name} is given more than once`);
    list.push(value);
    values.set(name, list);
  }
  return { values, flags, argv: [...argv] };
}

/** The single value of an option, or undefined when it was not given. */
export function optional(parsed: ParsedOptions, name: string): string | undefined {
  return parsed.values.get(name)?.[0];
}

export function required(parsed: ParsedOptions, name: string, where: string, placeholder: string): string {
  const value = optional(parsed, name);
  if (value === undefined) throw new UsageError(`${where}: --${name} ${placeholder} is required (see ${where} --help)`);
  return value;
}

// ---- numbers ----------------------------------------------------------------------------------

/** Plain decimal notation only: Number('') is 0 and Number('0x10') is 16, neither is wanted. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export interface NumberRule {
  readonly min?: number;
  readonly max?: number;
  readonly minExclusive?: boolean;
  readonly integer?: boolean;
  /** How the expected value reads in a message: 'a number in [0, 1]'. */
  readonly expected: string;
}

/** Reads `text` as a finite number obeying `rule`; `label` is the option as the user typed it. */
export function parseNumber(label: string, text: string, rule: NumberRule): number {
  const value = DECIMAL.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  const ok =
    Number.isFinite(value) &&
    (rule.integer !== true || Number.isSafeInteger(value)) &&
    (rule.min === undefined || (rule.minExclusive === true ? value > rule.min : value >= rule.min)) &&
    (rule.max === undefined || value <= rule.max);
  if (!ok) throw new UsageError(`${label} must be ${rule.expected}, got '${text}'`);
  return value;
}

export const GAMMA_RULE: NumberRule = { min: 0, max: 1, expected: 'a number in [0, 1]' };
export const TOLERANCE_RULE: NumberRule = { min: 0, minExclusive: true, expected: 'a positive number' };
export const COUNT_RULE: NumberRule = { min: 0, integer: true, expected: 'a non-negative integer' };
export const SEED_RULE: NumberRule = { integer: true, expected: 'an integer' };
export const DIGITS_RULE: NumberRule = { min: 1, max: 17, integer: true, expected: 'an integer from 1 to 17' };
