/**
 * `rl train`: a tabular learner on a world through the same session the playground's worker
 * runs (createGridSession), so the CLI's numbers are the app's numbers for the same seed; or a
 * deep agent (dqn, reinforce, actor-critic, ppo) on a gridworld or CartPole through the deep
 * session (createDeepSession) on a TensorFlow.js backend (--backend).
 *
 * Planning methods (value-iteration, ...) are rejected with a pointer to `solve` / `evaluate`:
 * they need no experience, so "steps" would mean nothing a learner's steps mean.
 */
import { writeFileSync } from 'node:fs';
import { deriveRng } from '../../../environments/core/rng';
import { Dqn } from '../../../agents/deep/dqn';
import { DEEP_AGENT_NAMES, DEEP_AGENTS, getDeepAgent, isDeepAgentName, parseOverrides, toVectorAgent, type DeepAgentName } from '../../../agents/deep/registry';
import { createDeepSession, DEEP_OBSERVATIONS, type DeepObservation, type DeepSession } from '../../../agents/runner/deep-session';
import { createGridSession } from '../../../agents/runner/grid-session';
import { MAX_RUN_HISTORY } from '../../../agents/runner/run-file';
import { applyOverrides, getTabularAgent, TABULAR_AGENT_NAMES, TABULAR_AGENTS } from '../../../agents/tabular/registry';
import { COUNT_RULE, optional, parseNumber, required, SEED_RULE, UsageError, type ParsedOptions } from '../args';
import { CONVENTIONS, digitsFrom, DIGITS_OPTION, ENV_OPTION, HELP_OPTION, optionLines, type CliIo, type Command } from '../command';
import { backendFrom, backendLine, BACKEND_OPTION, checkSavePath, DEEP_ENV_DOC, deepEnvFrom, deepWorldOf, presetFrom, presetLines, PRESET_OPTION, startBackend, type DeepEnv } from '../deep';
import { exportPolicy } from '../../../agents/deep/policy-file';
import type { DeepPreset } from '../../../agents/deep/config/presets';
import { loadEnv } from '../env-loader';
import { formatJson, greedyActions, qRows, roundAll, type Json } from '../output';

const LEARNERS = TABULAR_AGENT_NAMES.filter((name) => TABULAR_AGENTS[name].kind === 'learner');
const PLANNERS = TABULAR_AGENT_NAMES.filter((name) => TABULAR_AGENTS[name].kind === 'dp');
/** Progress lines per run (about every 10%). */
const PROGRESS_CHUNKS = 10;
/** Options only deep agents take. */
const DEEP_ONLY = ['backend', 'save', 'export-policy', 'observation', 'history', 'preset'] as const;
/** A policy file records the average return of this many last training episodes. */
const POLICY_AVERAGE_EPISODES = 100;

const options = [
  { ...ENV_OPTION, value: '<preset|spec.json|cartpole>', doc: DEEP_ENV_DOC },
  { name: 'agent', value: '<name>', doc: `a tabular learner (${LEARNERS.join(', ')}) or a deep agent (${DEEP_AGENT_NAMES.join(', ')})` },
  { name: 'steps', value: '<n>', doc: "environment steps to train for (deep agents with nEnvs copies: all copies together, rounded up to a multiple of nEnvs); default the --preset's" },
  { name: 'seed', value: '<s>', doc: 'master seed, an integer (default 0): same seed and options, same output byte for byte (deep agents: on the same backend)' },
  { name: 'set', value: '<key=value>', repeatable: true, doc: "an agent option, repeatable (gamma defaults to the world's); see --agent <name> --help" },
  PRESET_OPTION,
  BACKEND_OPTION,
  { name: 'save', value: '<file.json>', doc: "deep agents: write the trained agent (weights, config, training state) there, for play" },
  { name: 'export-policy', value: '<file.json>', doc: 'deep agents: write the acting networks only, with the command, seed, frames and the average return of the last 100 episodes (a policy file: what the pages load as a pretrained agent)' },
  { name: 'observation', value: '<one-hot|coordinates>', doc: 'deep agents on a gridworld: the cell as a one-hot input (default) or as (row, col) in [0, 1]' },
  { name: 'history', value: '<k>', doc: `deep agents on cartpole-hidden-velocities: the agent sees the last k observations of [x, theta] side by side (1 to ${MAX_RUN_HISTORY}, default 1)` },
  { name: 'quiet', doc: 'no progress on stderr' },
  DIGITS_OPTION,
  HELP_OPTION,
];

/** The value of `--agent` in raw argv (for help), or undefined. */
function agentArg(argv: readonly string[]): string | undefined {
  const at = argv.findIndex((arg) => arg === '--agent' || arg.startsWith('--agent='));
  if (at < 0) return undefined;
  return argv[at].startsWith('--agent=') ? argv[at].slice('--agent='.length) : (argv[at + 1] ?? '');
}

/** `train --agent q-learning --help` lists that agent's options; an unknown name is ignored here. */
function agentOptionLines(argv: readonly string[]): string[] {
  const name = agentArg(argv);
  if (name === undefined) return ['Agent options: run train --agent <name> --help to list them.'];
  if (isDeepAgentName(name)) {
    const entry = getDeepAgent(name);
    const rows = [
      ...entry.docs.map((d) => ({ key: d.key, text: `${d.doc} Default ${String(d.default)}; ${d.range}.` })),
      ...entry.listFields.map((f) => ({ key: f.key, text: `${f.doc} Default ${f.default.join(',')}.` })),
    ];
    const width = Math.max(...rows.map((r) => r.key.length));
    return [`Options of ${name} (--set key=value):`, ...rows.map((r) => `  ${r.key.padEnd(width)}  ${r.text}`)];
  }
  if (!(LEARNERS as readonly string[]).includes(name)) {
    return [`Agent options: '${name}' is not a learner; learners are ${LEARNERS.join(', ')}; deep agents are ${DEEP_AGENT_NAMES.join(', ')}.`];
  }
  const entry = getTabularAgent(name);
  const width = Math.max(...entry.docs.map((d) => d.key.length));
  return [
    `Options of ${name} (--set key=value):`,
    ...entry.docs.map((d) => `  ${d.key.padEnd(width)}  ${d.doc} Default ${String(d.default)}; ${d.range}.`),
  ];
}

function help(argv: readonly string[]): string {
  const width = Math.max(...DEEP_AGENT_NAMES.map((name) => name.length));
  return [
    'Usage: npm run rl -- train --env <preset|spec.json|cartpole> --agent <name> --steps <n> [--seed s] [--set key=value ...]',
    '                           [--backend wasm|cpu] [--save agent.json] [--observation one-hot|coordinates] [--quiet]',
    '       npm run rl -- train --preset <id> [--steps n] [--seed s] [--set key=value ...] [...]',
    '',
    'Trains a tabular learner for n environment steps and prints',
    '  { "episodeReturns": undiscounted return of every finished episode in order, "q": q[s][a], "policy": greedy action per state }',
    'policy[s] is the greedy action of q[s], ties to the lowest action. An episode still running at the end',
    'is not in episodeReturns. Progress goes to stderr about every 10% unless --quiet.',
    `Planning methods (${PLANNERS.join(', ')}) learn nothing from steps: use solve or evaluate.`,
    '',
    'Deep agents (TensorFlow.js; gridworlds and cartpole):',
    ...DEEP_AGENT_NAMES.map((name) => `  ${name.padEnd(width)}  ${DEEP_AGENTS[name].description}`),
    'print { "episodeReturns", "q" (dqn, gridworlds), "policy" (gridworlds: the greedy action of every cell from',
    'the network), "backend": the backend that ran, "agentFile": the --save path }. --backend picks wasm (default)',
    'or cpu; the one used goes to stderr. Same seed, options and backend: the same output byte for byte.',
    'Tabular learners need a gridworld; deep agents take cartpole too. Run a saved agent with play.',
    '',
    'Tuned presets (--preset <id>): the options of agents/deep/config/presets.ts, benchmarked by',
    '`npm run bench -- --only cartpole`. A preset sets --env and --agent (given as well, they must match) and',
    "the default --steps; --set key=value overrides any of its options; the agent's defaults fill the rest.",
    ...presetLines(),
    '',
    'Options:',
    ...optionLines(options),
    '',
    ...agentOptionLines(argv),
    '',
    ...CONVENTIONS,
    '',
    'Example: npm run rl -- train --env cliff-walk --agent q-learning --steps 20000 --seed 1 --set alpha=0.5',
    'Example: npm run rl -- train --env cartpole --agent ppo --steps 50000 --seed 1 --save ppo.json',
    'Example: npm run rl -- train --preset cartpole-dqn --seed 1 --set learningRate=0.001',
  ].join('\n');
}

/** `--set key=value` pairs as given, each key once. */
function setPairs(parsed: ParsedOptions): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const pair of parsed.values.get('set') ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`train: --set needs key=value, got '${pair}'`);
    const key = pair.slice(0, eq);
    if (Object.hasOwn(overrides, key)) throw new UsageError(`train: --set ${key} is given more than once`);
    overrides[key] = pair.slice(eq + 1);
  }
  return overrides;
}

/** `--set key=value` pairs, checked by the agent's own field table (its messages, unchanged). */
function agentOptions(parsed: ParsedOptions, agent: string): Record<string, number | string | boolean> {
  const overrides = setPairs(parsed);
  let full: Record<string, number | string | boolean>;
  try {
    full = applyOverrides(agent, undefined, overrides);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  // Only what was set goes to the session, so gamma still defaults to the world's.
  return Object.fromEntries(Object.keys(overrides).map((key) => [key, full[key]]));
}

function tabularAgentName(name: string): string {
  let kind: 'dp' | 'learner';
  try {
    kind = getTabularAgent(name).kind;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}; deep agents are ${DEEP_AGENT_NAMES.join(', ')}`);
  }
  if (kind === 'dp') {
    const instead = name === 'policy-evaluation' ? 'evaluate' : 'solve';
    throw new UsageError(`train: '${name}' is a planning method that needs no experience; use ${instead} instead. Learners are ${LEARNERS.join(', ')}`);
  }
  return name;
}

function seedFrom(parsed: ParsedOptions): number {
  const seedText = optional(parsed, 'seed');
  return seedText === undefined ? 0 : parseNumber('--seed', seedText, SEED_RULE);
}

async function run(parsed: ParsedOptions, io: CliIo): Promise<void> {
  // A preset implies --env and --agent; where they are given too, presetFrom checks they match.
  const preset = presetFrom(parsed, 'train');
  const envText = preset === undefined ? required(parsed, 'env', 'train', '<preset|spec.json|cartpole>') : (optional(parsed, 'env') ?? preset.world);
  const env = deepEnvFrom(envText);
  const agent = preset === undefined ? required(parsed, 'agent', 'train', '<name>') : preset.agent;
  if (isDeepAgentName(agent)) {
    await runDeep(parsed, io, env, agent, preset);
    return;
  }
  if (env.kind !== 'gridworld') {
    const name = tabularAgentName(agent); // an unknown agent or a planning method: that message first
    const what = env.kind === 'cartpole' || env.kind === 'hidden-cartpole' ? `${env.kind === 'cartpole' ? 'cartpole' : env.id} (a continuous state)` : `${env.id} (binary planes, far too many states for a table)`;
    throw new UsageError(`train: ${name} is a tabular agent and needs a gridworld, not ${what}; there use a deep agent: ${DEEP_AGENT_NAMES.join(', ')}`);
  }
  const gridEnv = env;
  const given = DEEP_ONLY.find((name) => parsed.values.has(name));
  if (given !== undefined) throw new UsageError(`train: --${given} applies to deep agents only (${DEEP_AGENT_NAMES.join(', ')}); ${agent} is tabular`);
  runTabular(parsed, io, gridEnv, tabularAgentName(agent));
}

function runTabular(parsed: ParsedOptions, io: CliIo, env: ReturnType<typeof loadEnv>, agent: string): void {
  const steps = parseNumber('--steps', required(parsed, 'steps', 'train', '<n>'), COUNT_RULE);
  const seed = seedFrom(parsed);
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

/** The network's view of every cell: q rows and the greedy policy (dqn), or the greedy policy (policy-gradient agents). */
function gridReport(session: DeepSession, digits: number, seed: number): Record<string, Json> {
  const grid = session.grid;
  if (grid === null) return {};
  const { learner } = session;
  if (learner instanceof Dqn) {
    const rows = learner.qValues(grid.cells);
    const flat = new Float64Array(rows.length * learner.nA);
    rows.forEach((row, s) => flat.set(row, s * learner.nA));
    return { q: qRows(flat, learner.nA, digits), policy: greedyActions(flat, learner.nA) };
  }
  // The most probable action of each cell (ties to the lowest); greedy acting draws nothing from the rng.
  const rng = deriveRng(seed, 'report');
  if (learner.name === 'reinforce') return { policy: grid.cells.map((cell) => learner.act(cell, rng, 'greedy')) };
  return { policy: toVectorAgent(learner).actBatch(grid.cells, rng, 'greedy') };
}

function observationFrom(parsed: ParsedOptions, env: DeepEnv): DeepObservation | undefined {
  const text = optional(parsed, 'observation');
  if (text === undefined) return undefined;
  if (env.kind === 'cartpole') throw new UsageError('train: --observation applies to gridworlds; cartpole observes its 4 state numbers');
  if (env.kind === 'hidden-cartpole') throw new UsageError(`train: --observation applies to gridworlds; ${env.id} observes [x, theta] (see --history)`);
  if (env.kind === 'arcade') throw new UsageError(`train: --observation applies to gridworlds; ${env.id} observes its binary planes`);
  if (!(DEEP_OBSERVATIONS as readonly string[]).includes(text)) throw new UsageError(`train: --observation must be ${DEEP_OBSERVATIONS.join(' or ')}, got '${text}'`);
  return text as DeepObservation;
}

function historyFrom(parsed: ParsedOptions, env: DeepEnv): number | undefined {
  const text = optional(parsed, 'history');
  if (text === undefined) return undefined;
  if (env.kind !== 'hidden-cartpole') throw new UsageError(`train: --history applies to cartpole-hidden-velocities only, not ${env.kind === 'gridworld' || env.kind === 'arcade' ? env.id : 'cartpole'}`);
  return parseNumber('--history', text, { ...COUNT_RULE, min: 1, max: MAX_RUN_HISTORY, expected: `a whole number from 1 to ${MAX_RUN_HISTORY}` });
}

/**
 * The agent options of a deep run: the preset's (if any) with the --set overrides on top. The
 * preset's values go in as the text --set would give for them, so the agent's own parser reads
 * both and its resolver checks them together: an override is judged with the preset's other
 * options (ppo's minibatches must divide the preset's batch), not with the defaults. Only keys
 * the preset or --set name are passed on, so gamma and the weight seed still default to the
 * world's and the run's.
 */
function deepOptions(parsed: ParsedOptions, agent: DeepAgentName, preset: DeepPreset | undefined): Record<string, unknown> {
  const presetText = Object.entries(preset?.options ?? {}).map(([key, value]) => [key, Array.isArray(value) ? value.join(',') : String(value)]);
  try {
    return parseOverrides(agent, { ...Object.fromEntries(presetText), ...setPairs(parsed) });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function runDeep(parsed: ParsedOptions, io: CliIo, env: DeepEnv, agent: DeepAgentName, preset: DeepPreset | undefined): Promise<void> {
  const stepsText = preset === undefined ? required(parsed, 'steps', 'train', '<n>') : (optional(parsed, 'steps') ?? String(preset.steps));
  const steps = parseNumber('--steps', stepsText, COUNT_RULE);
  const seed = seedFrom(parsed);
  const digits = digitsFrom(parsed);
  const quiet = parsed.flags.has('quiet');
  const backend = backendFrom(parsed);
  const observation = observationFrom(parsed, env);
  const history = historyFrom(parsed, env);
  const savePath = optional(parsed, 'save');
  if (savePath !== undefined) checkSavePath(savePath, '--save');
  const policyPath = optional(parsed, 'export-policy');
  if (policyPath !== undefined) checkSavePath(policyPath, '--export-policy');
  const overrides = deepOptions(parsed, agent, preset);
  const used = await startBackend(backend, 'train', io);
  let session: DeepSession;
  try {
    session = createDeepSession({ world: deepWorldOf(env), agent, options: overrides, seed, observation, history });
  } catch (error) {
    // The config passed its field checks; what is left is a combination the agent rejects (ppo's minibatches).
    throw new UsageError((error as Error).message);
  }
  backendLine(used, 'train', io, quiet);
  const returns: number[] = [];
  const commandLine = ['train', ...parsed.argv].join(' ');
  try {
    const nEnvs = session.agent.nEnvs;
    const units = Math.ceil(steps / nEnvs);
    const total = units * nEnvs;
    const chunk = Math.max(1, Math.ceil(units / PROGRESS_CHUNKS));
    for (let done = 0; done < units; ) {
      const n = Math.min(chunk, units - done);
      for (const row of session.step(n, 'env-step')) {
        const value = row['charts/episodic_return'];
        if (value !== undefined) returns.push(value);
      }
      done += n;
      if (!quiet) io.stderr(`train: ${Math.round((100 * done) / units)}% (${done * nEnvs}/${total} steps, ${returns.length} episodes)\n`);
    }
    const out: Record<string, Json> = { episodeReturns: roundAll(returns, digits), ...gridReport(session, digits, seed), backend: used };
    if (savePath !== undefined) {
      writeFileSync(savePath, JSON.stringify(session.learner.save()) + '\n');
      out.agentFile = savePath;
    }
    if (policyPath !== undefined) {
      const recent = returns.slice(-POLICY_AVERAGE_EPISODES);
      const averageReturn = recent.length === 0 ? 0 : recent.reduce((a, b) => a + b, 0) / recent.length;
      const provenance = { command: `npm run -s rl -- ${commandLine}`, seed, frames: total, averageReturn, episodes: recent.length };
      writeFileSync(policyPath, JSON.stringify(exportPolicy(session.learner, env.kind === 'gridworld' ? env.id : deepWorldOf(env) as string, provenance)) + '\n');
      out.policyFile = policyPath;
      out.averageReturn = Number(averageReturn.toFixed(digits));
    }
    io.stdout(formatJson(out) + '\n');
  } finally {
    session.dispose();
  }
}

export const trainCommand: Command = {
  name: 'train',
  summary: 'train a tabular learner or a deep agent (also on cartpole); prints its episode returns, q and greedy policy',
  options,
  help,
  run,
};
