/**
 * `rl evaluate`: the values of a fixed policy (eq 19.11), by synchronous sweeps from v = 0.
 * `--sweeps n`: exactly n sweeps; without it, until no value changes by --tol in a sweep.
 */
import { createDpSolver } from '../../../agents/tabular/registry';
import { required, type ParsedOptions } from '../args';
import { GAMMA_OPTION, runSweeps, sweepSettings, sweepsOption, TOL_OPTION } from '../sweeps';
import { CONVENTIONS, digitsFrom, DIGITS_OPTION, ENV_OPTION, envFrom, HELP_OPTION, optionLines, type CliIo, type Command } from '../command';
import { formatJson, qRows, roundAll } from '../output';
import { loadPolicy } from '../policy-file';

const options = [
  ENV_OPTION,
  { name: 'policy', value: '<random|policy.json>', doc: 'random (uniform over the actions) or a policy file (below)' },
  GAMMA_OPTION,
  TOL_OPTION,
  sweepsOption(),
  DIGITS_OPTION,
  HELP_OPTION,
];

function help(): string {
  return [
    'Usage: npm run rl -- evaluate --env <preset|spec.json> --policy <random|policy.json> [--gamma g] [--tol t] [--sweeps n]',
    '',
    'Iterative policy evaluation (eq 19.11) on the exact model; prints',
    '  { "values": v_pi[s], "q": q_pi[s][a], "sweeps", "converged" }',
    '',
    'A policy file holds JSON: either an array of nS actions, one integer per state (e.g. [1, 1, 2, ...]),',
    'or an nS x nA array of probabilities pi(a|s), one row per state, each summing to 1.',
    '',
    'Options:',
    ...optionLines(options),
    '',
    ...CONVENTIONS,
    '',
    'Example: npm run rl -- evaluate --env sutton-barto-4x4 --policy random',
  ].join('\n');
}

function run(parsed: ParsedOptions, io: CliIo): void {
  const env = envFrom(parsed, 'evaluate');
  const policyArg = required(parsed, 'policy', 'evaluate', '<random|policy.json>');
  const { config, sweeps } = sweepSettings(parsed, env);
  const digits = digitsFrom(parsed);
  const { nS, nA } = env.model;
  const policy = loadPolicy(policyArg, nS, nA);
  const solution = runSweeps(createDpSolver('policy-evaluation', env.model, config, policy), sweeps);
  if (sweeps === undefined && !solution.converged) {
    // An improper policy with gamma = 1 (one that may never end an episode) has no finite values.
    io.stderr(`evaluate: warning: stopped after ${solution.sweeps} sweeps without converging (with gamma 1, does the policy always end the episode?)\n`);
  }
  io.stdout(
    formatJson({
      values: roundAll(solution.values, digits),
      q: qRows(solution.q, nA, digits),
      sweeps: solution.sweeps,
      converged: solution.converged,
    }) + '\n',
  );
}

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'values of a fixed policy (uniform random or from a file)',
  options,
  help,
  run,
};
