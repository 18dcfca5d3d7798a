/**
 * `rl solve`: optimal values by value iteration or policy iteration on the world's exact model.
 *
 * `--sweeps n`: exactly n synchronous sweeps from v = 0 (value iteration after 2 sweeps on
 * fig-19-10 is problem 19.3), converged or not. Without it: sweep until the largest value change
 * in a sweep is below --tol (the solver's own stopping rule), at most the solver's maxSweeps.
 */
import { createDpSolver } from '../../../agents/tabular/registry';
import { optional, UsageError, type ParsedOptions } from '../args';
import { GAMMA_OPTION, runSweeps, sweepSettings, sweepsOption, TOL_OPTION } from '../sweeps';
import { CONVENTIONS, digitsFrom, DIGITS_OPTION, ENV_OPTION, envFrom, HELP_OPTION, optionLines, type CliIo, type Command } from '../command';
import { formatJson, greedyActions, qRows, roundAll } from '../output';

const METHODS = ['value-iteration', 'policy-iteration'] as const;
type Method = (typeof METHODS)[number];

const options = [
  ENV_OPTION,
  { name: 'method', value: '<name>', doc: 'value-iteration (default) or policy-iteration' },
  GAMMA_OPTION,
  TOL_OPTION,
  sweepsOption(' (problem 19.3: --sweeps 2)'),
  DIGITS_OPTION,
  HELP_OPTION,
];

function help(): string {
  return [
    'Usage: npm run rl -- solve --env <preset|spec.json> [--method value-iteration|policy-iteration] [--gamma g] [--tol t] [--sweeps n]',
    '',
    "Solves the world's exact model by dynamic programming and prints",
    '  { "values": v[s], "q": q[s][a], "policy": greedy action per state, "iterations", "sweeps", "converged" }',
    'policy[s] is the greedy action of q[s]: the lowest-numbered action within 1e-12 of the best (ties go to',
    'the lowest action, so terminal states, where every action is worth the same, show 0 = up).',
    'iterations: sweeps for value iteration, policy improvements for policy iteration; sweeps: sweeps done',
    '(policy iteration: evaluation sweeps in all).',
    '',
    'Options:',
    ...optionLines(options),
    '',
    ...CONVENTIONS,
    '',
    'Example: npm run rl -- solve --env fig-19-10 --sweeps 2',
  ].join('\n');
}

function methodFrom(parsed: ParsedOptions): Method {
  const text = optional(parsed, 'method') ?? 'value-iteration';
  if (!(METHODS as readonly string[]).includes(text)) throw new UsageError(`solve: --method must be ${METHODS.join(' or ')}, got '${text}'`);
  return text as Method;
}

function run(parsed: ParsedOptions, io: CliIo): void {
  const env = envFrom(parsed, 'solve');
  const method = methodFrom(parsed);
  const { config, sweeps } = sweepSettings(parsed, env);
  const digits = digitsFrom(parsed);
  const solution = runSweeps(createDpSolver(method, env.model, config), sweeps);
  if (sweeps === undefined && !solution.converged) {
    io.stderr(`solve: warning: ${method} stopped after ${solution.sweeps} sweeps without converging\n`);
  }
  const { nA } = env.model;
  io.stdout(
    formatJson({
      values: roundAll(solution.values, digits),
      q: qRows(solution.q, nA, digits),
      policy: greedyActions(solution.q, nA),
      iterations: solution.iterations,
      sweeps: solution.sweeps,
      converged: solution.converged,
    }) + '\n',
  );
}

export const solveCommand: Command = {
  name: 'solve',
  summary: 'optimal values, q and greedy policy by value iteration or policy iteration',
  options,
  help,
  run,
};
