/**
 * `rl train`: a tabular learner on a world through the same session the playground's worker
 * runs (createGridSession), so the CLI's numbers are the app's numbers for the same seed.
 *
 * Planning methods (value-iteration, ...) are rejected with a pointer to `solve` / `evaluate`:
 * they need no experience, so "steps" would mean nothing a learner's steps mean.
 */
import { createGridSession } from '../../../agents/runner/grid-session';
import { applyOverrides, getTabularAgent, TABULAR_AGENT_NAMES, TABULAR_AGENTS } from '../../../agents/tabular/registry';
import { COUNT_RULE, optional, parseNumber, required, SEED_RULE, UsageError, type ParsedOptions } from '../args';
import { CONVENTIONS, digitsFrom, DIGITS_OPTION, ENV_OPTION, envFrom, HELP_OPTION, optionLines, type CliIo, type Command } from '../command';
import { formatJson, greedyActions, qRows, roundAll } from '../output';

const LEARNERS = TABULAR_AGENT_NAMES.filter((name) => TABULAR_AGENTS[name].kind === 'learner');
const PLANNERS = TABULAR_AGENT_NAMES.filter((name) => TABULAR_AGENTS[name].kind === 'dp');
/** Progress lines per run (about every 10%). */
const PROGRESS_CHUNKS = 10;

const options = [
  ENV_OPTION,
  { name: 'agent', value: '<name>', doc: `a learner: ${LEARNERS.join(', ')}` },
  { name: 'steps', value: '<n>', doc: 'environment steps to train for' },
  { name: 'seed', value: '<s>', doc: 'master seed, an integer (default 0): same seed and options, same output byte for byte' },
  { name: 'set', value: '<key=value>', repeatable: true, doc: "an agent option, repeatable (gamma defaults to the world's); see --agent <name> --help" },
  { name: 'quiet', doc: 'no progress on stderr' },
  DIGITS_OPTION,
  HELP_OPTION,
];

/** `train --agent q-learning --help` lists that agent's options; an unknown name is ignored here. */
function agentOptionLines(argv: readonly string[]): string[] {
  const at = argv.findIndex((arg) => arg === '--agent' || arg.startsWith('--agent='));
  if (at < 0) return ['Agent options: run train --agent <name> --help to list them.'];
  const name = argv[at].startsWith('--agent=') ? argv[at].slice('--agent='.length) : (argv[at + 1] ?? '');
  if (!(LEARNERS as readonly string[]).includes(name)) return [`Agent options: '${name}' is not a learner; learners are ${LEARNERS.join(', ')}.`];
  const entry = getTabularAgent(name);
  const width = Math.max(...entry.docs.map((d) => d.key.length));
  return [
    `Options of ${name} (--set key=value):`,
    ...entry.docs.map((d) => `  ${d.key.padEnd(width)}  ${d.doc} Default ${String(d.default)}; ${d.range}.`),
  ];
}

function help(argv: readonly string[]): string {
  return [
    'Usage: npm run rl -- train --env <preset|spec.json> --agent <name> --steps <n> [--seed s] [--set key=value ...] [--quiet]',
    '',
    'Trains a tabular learner for n environment steps and prints',
    '  { "episodeReturns": undiscounted return of every finished episode in order, "q": q[s][a], "policy": greedy action per state }',
    'policy[s] is the greedy action of q[s], ties to the lowest action. An episode still running at the end',
    'is not in episodeReturns. Progress goes to stderr about every 10% unless --quiet.',
    `Planning methods (${PLANNERS.join(', ')}) learn nothing from steps: use solve or evaluate.`,
    '',
    'Options:',
    ...optionLines(options),
    '',
    ...agentOptionLines(argv),
    '',
    ...CONVENTIONS,
    '',
    'Example: npm run rl -- train --env cliff-walk --agent q-learning --steps 20000 --seed 1 --set alpha=0.5',
  ].join('\n');
}

/** `--set key=value` pairs, checked by the agent's own field table (its messages, unchanged). */
function agentOptions(parsed: ParsedOptions, agent: string): Record<string, number | string | boolean> {
  const overrides: Record<string, string> = {};
  for (const pair of parsed.values.get('set') ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`train: --set needs key=value, got '${pair}'`);
    const key = pair.slice(0, eq);
    if (Object.hasOwn(overrides, key)) throw new UsageError(`train: --set ${key} is given more than once`);
    overrides[key] = pair.slice(eq + 1);
  }
  let full: Record<string, number | string | boolean>;
  try {
    full = applyOverrides(agent, undefined, overrides);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  // Only what was set goes to the session, so gamma still defaults to the world's.
  return Object.fromEntries(Object.keys(overrides).map((key) => [key, full[key]]));
}

function agentName(parsed: ParsedOptions): string {
  const name = required(parsed, 'agent', 'train', '<name>');
  let kind: 'dp' | 'learner';
  try {
    kind = getTabularAgent(name).kind;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (kind === 'dp') {
    const instead = name === 'policy-evaluation' ? 'evaluate' : 'solve';
    throw new UsageError(`train: '${name}' is a planning method that needs no experience; use ${instead} instead. Learners are ${LEARNERS.join(', ')}`);
  }
  return name;
}

function run(parsed: ParsedOptions, io: CliIo): void {
  const env = envFrom(parsed, 'train');
  const agent = agentName(parsed);
  const steps = parseNumber('--steps', required(parsed, 'steps', 'train', '<n>'), COUNT_RULE);
  const seedText = optional(parsed, 'seed');
  const seed = seedText === undefined ? 0 : parseNumber('--seed', seedText, SEED_RULE);
  const digits = digitsFrom(parsed);
  const quiet = parsed.flags.has('quiet');
  const session = createGridSession({ world: env.spec, agent, options: agentOptions(parsed, agent), seed });
  const returns: number[] = [];
  try {
    const chunk = Math.max(1, Math.ceil(steps / PROGRESS_CHUNKS));
    for (let done = 0; done < steps; ) {
      const n = Math.min(chunk, steps - done);
      for (const row of session.step(n, 'env-step')) {
        const value = row['charts/episodic_return'];
        if (value !== undefined) returns.push(value);
      }
      done += n;
      if (!quiet) io.stderr(`train: ${Math.round((100 * done) / steps)}% (${done}/${steps} steps, ${returns.length} episodes)\n`);
    }
    const snapshot = session.snapshot();
    if (snapshot.kind !== 'learner') throw new Error(`train: expected a learner session for ${agent}`);
    io.stdout(
      formatJson({
        episodeReturns: roundAll(returns, digits),
        q: qRows(snapshot.q, snapshot.nA, digits),
        policy: greedyActions(snapshot.q, snapshot.nA),
      }) + '\n',
    );
  } finally {
    session.dispose();
  }
}

export const trainCommand: Command = {
  name: 'train',
  summary: 'train a tabular learner; prints its episode returns, q and greedy policy',
  options,
  help,
  run,
};
