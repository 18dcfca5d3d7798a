/** What every `rl` command shares: its shape, the common options and the help conventions. */
import { DIGITS_RULE, optional, parseNumber, required, type OptionSpec, type ParsedOptions } from './args';
import { loadEnv, type LoadedEnv } from './env-loader';
import { DEFAULT_DIGITS } from './output';

/** Where a command writes: stdout for the JSON document, stderr for progress and warnings. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface Command {
  readonly name: string;
  /** One line for the tool's help. */
  readonly summary: string;
  readonly options: readonly OptionSpec[];
  /** The command's --help text; `argv` lets `train --agent q-learning --help` list that agent's options. */
  help(argv: readonly string[]): string;
  /** Throws (or rejects with) UsageError on bad input. Deep-agent commands are asynchronous (the backend starts asynchronously). */
  run(parsed: ParsedOptions, io: CliIo): void | Promise<void>;
}

export const ENV_OPTION: OptionSpec = { name: 'env', value: '<preset|spec.json>', doc: 'a preset id (fig-19-10 or gridworld/fig-19-10) or the path of a gridworld spec JSON file' };
export const DIGITS_OPTION: OptionSpec = {
  name: 'digits',
  value: '<n>',
  doc: `significant digits of printed numbers, 1..17 (default ${DEFAULT_DIGITS}; 17 prints the exact doubles)`,
};
export const HELP_OPTION: OptionSpec = { name: 'help', doc: 'this text' };

export const CONVENTIONS = [
  'States are cells numbered 0..nS-1 row-major from the top left (the book labels the same cells 1..16):',
  'values[s], q[s][a] and policy[s]. Actions in every gridworld: up = 0, right = 1, down = 2, left = 3',
  '(the Markov process worlds of figs 19.1 and 19.2 have one action, 0).',
  `Numbers are rounded to ${DEFAULT_DIGITS} significant digits (so 0.30000000000000004 prints as 0.3); --digits changes it.`,
  'Output is one JSON document on stdout; progress and warnings go to stderr. Exit status 0 on success,',
  '2 on bad input (one line on stderr), 1 on an internal error.',
];

/** The options block of a help text. */
export function optionLines(options: readonly OptionSpec[]): string[] {
  const heads = options.map((o) => `--${o.name}${o.value === undefined ? '' : ` ${o.value}`}`);
  const width = Math.max(...heads.map((h) => h.length));
  return options.map((o, i) => `  ${heads[i].padEnd(width)}  ${o.doc}`);
}

export function envFrom(parsed: ParsedOptions, where: string): LoadedEnv {
  return loadEnv(required(parsed, 'env', where, '<preset|spec.json>'));
}

export function digitsFrom(parsed: ParsedOptions): number {
  const text = optional(parsed, 'digits');
  return text === undefined ? DEFAULT_DIGITS : parseNumber('--digits', text, DIGITS_RULE);
}
