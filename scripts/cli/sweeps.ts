/**
 * What `solve` and `evaluate` share: the --gamma, --tol and --sweeps options, and running a DP
 * solver either for exactly n synchronous sweeps from v = 0 or until it converges.
 */
import type { DpSolution, DpSolver } from '../../agents/tabular/dp-solver';
import { COUNT_RULE, GAMMA_RULE, optional, parseNumber, TOLERANCE_RULE, type OptionSpec, type ParsedOptions } from './args';
import type { LoadedEnv } from './env-loader';

export const GAMMA_OPTION: OptionSpec = { name: 'gamma', value: '<g>', doc: "discount factor in [0, 1] (default: the world's gamma)" };
export const TOL_OPTION: OptionSpec = { name: 'tol', value: '<t>', doc: 'stop when no value changes by this much in a sweep (default 1e-10)' };

export function sweepsOption(extra = ''): OptionSpec {
  return { name: 'sweeps', value: '<n>', doc: `do exactly n synchronous sweeps from v = 0 instead${extra}` };
}

export interface SweepSettings {
  /** The solver config: gamma, synchronous sweeps, and --tol when given. */
  readonly config: Record<string, unknown>;
  /** --sweeps n, or undefined to run until converged. */
  readonly sweeps: number | undefined;
}

export function sweepSettings(parsed: ParsedOptions, env: LoadedEnv): SweepSettings {
  const gammaText = optional(parsed, 'gamma');
  const tolText = optional(parsed, 'tol');
  const sweepsText = optional(parsed, 'sweeps');
  const gamma = gammaText === undefined ? env.spec.gamma : parseNumber('--gamma', gammaText, GAMMA_RULE);
  const sweeps = sweepsText === undefined ? undefined : parseNumber('--sweeps', sweepsText, COUNT_RULE);
  const config: Record<string, unknown> = { gamma, update: 'synchronous' };
  if (tolText !== undefined) config.tolerance = parseNumber('--tol', tolText, TOLERANCE_RULE);
  return { config, sweeps };
}

/** Exactly `sweeps` sweeps (solve() then only reports), or until converged. */
export function runSweeps(solver: DpSolver, sweeps: number | undefined): DpSolution {
  if (sweeps === undefined) return solver.solve();
  for (let i = 0; i < sweeps; i++) solver.sweep();
  return solver.solve(undefined, solver.sweeps);
}
