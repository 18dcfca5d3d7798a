/**
 * `evaluate --policy`: `random` (uniform over the actions) or a JSON file holding either
 *   - an array of nS actions, one integer 0..nA-1 per state (a deterministic policy), or
 *   - an nS x nA array of probabilities pi(a|s), each row summing to 1.
 * Returns the flat nS*nA table the solvers take. Messages name the file and the first problem.
 */
import { readJsonFile } from './files';
import { UsageError } from './args';

/** Rows may be off by rounding (thirds written as 0.333...) but no more. */
const SUM_TOLERANCE = 1e-6;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}...` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}


/** Checks a parsed policy for a world with nS states and nA actions; returns pi as a flat table. */
export function policyTable(raw: unknown, nS: number, nA: number, where: string): Float64Array {
  const shape = `an array of ${nS} actions (integers 0..${nA - 1}) or an array of ${nS} rows of ${nA} probabilities`;
  if (!Array.isArray(raw)) throw new UsageError(`${where} must hold ${shape}, got ${describe(raw)}`);
  if (raw.length !== nS) throw new UsageError(`${where} has ${raw.length} entries, expected ${nS} (one per state)`);
  const table = new Float64Array(nS * nA);
  const rows = Array.isArray(raw[0]);
  for (let s = 0; s < nS; s++) {
    const entry: unknown = raw[s];
    if (Array.isArray(entry) !== rows) {
      throw new UsageError(`${where}: state ${s} is ${describe(entry)} but state 0 is ${describe(raw[0])}; use all actions or all probability rows`);
    }
    if (!rows) {
      if (typeof entry !== 'number' || !Number.isInteger(entry) || entry < 0 || entry >= nA) {
        throw new UsageError(`${where}: state ${s} has action ${describe(entry)}; actions are integers 0..${nA - 1}`);
      }
      table[s * nA + entry] = 1;
      continue;
    }
    const row = entry as unknown[];
    if (row.length !== nA) throw new UsageError(`${where}: state ${s} has ${row.length} probabilities, expected ${nA} (one per action)`);
    let total = 0;
    for (let a = 0; a < nA; a++) {
      const p: unknown = row[a];
      if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw new UsageError(`${where}: pi(${a}|${s}) is ${describe(p)}; probabilities must be numbers in [0, 1]`);
      table[s * nA + a] = p;
      total += p;
    }
    if (Math.abs(total - 1) > SUM_TOLERANCE) throw new UsageError(`${where}: the probabilities of state ${s} sum to ${total}, expected 1`);
    // Renormalise what rounding left, so the solver's own check (1e-9) accepts it.
    for (let a = 0; a < nA; a++) table[s * nA + a] /= total;
  }
  return table;
}

export function loadPolicy(arg: string, nS: number, nA: number): Float64Array {
  if (arg === 'random') return new Float64Array(nS * nA).fill(1 / nA);
  return policyTable(readJsonFile(arg, 'policy file'), nS, nA, `policy file '${arg}'`);
}
