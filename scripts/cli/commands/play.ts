/**
 * `rl play`: runs a saved deep agent (a `train --save` file, or one downloaded from a page)
 * greedily for a number of episodes and prints their returns. Nothing is learned.
 *
 * The file is checked by the agent's own loader (every field, weights included) and against the
 * world (input and action count) before anything runs; any problem is one line on stderr.
 * Randomness: the world's draws use deriveRng(seed, 'env/0'), as copy 0 of a training run; the
 * greedy agent draws only to break exact ties (dqn).
 */
import { deriveRng } from '../../../environments/core/rng';
import { DEEP_AGENT_NAMES, loadDeepAgent, type DeepAgent } from '../../../agents/deep/registry';
import { deepWorld } from '../../../agents/runner/deep-session';
import { COUNT_RULE, optional, parseNumber, required, SEED_RULE, UsageError, type ParsedOptions } from '../args';
import { CONVENTIONS, digitsFrom, DIGITS_OPTION, ENV_OPTION, HELP_OPTION, optionLines, type CliIo, type Command } from '../command';
import { backendFrom, backendLine, BACKEND_OPTION, DEEP_ENV_DOC, deepEnvFrom, deepWorldOf, readAgentJson, viewFor, startBackend } from '../deep';
import { loadPolicy, POLICY_FILE_FORMAT } from '../../../agents/deep/policy-file';
import { formatJson, roundAll, roundTo } from '../output';

const DEFAULT_EPISODES = 10;

const options = [
  { name: 'agent', value: '<file.json>', doc: `a saved deep agent (${DEEP_AGENT_NAMES.join(', ')}), as train --save writes it` },
  { ...ENV_OPTION, value: '<preset|spec.json|cartpole>', doc: DEEP_ENV_DOC },
  { name: 'episodes', value: '<n>', doc: `episodes to run (default ${DEFAULT_EPISODES})` },
  { name: 'seed', value: '<s>', doc: "master seed, an integer (default 0): the world's random draws" },
  BACKEND_OPTION,
  { name: 'quiet', doc: 'do not name the backend on stderr' },
  DIGITS_OPTION,
  HELP_OPTION,
];

function help(): string {
  return [
    'Usage: npm run rl -- play --agent <file.json> --env <preset|spec.json|cartpole> [--episodes n] [--seed s] [--backend wasm|cpu]',
    '',
    'Runs a saved deep agent greedily (its most valued or most probable action; no exploration, no learning)',
    'for n episodes and prints',
    '  { "episodeReturns": undiscounted return of every episode in order, "mean": their mean }',
    'Episodes end when the world ends them or at its time limit (cartpole: 500 steps).',
    'The agent must fit the world: the input it was trained on (a gridworld one-hot or coordinates, cartpole',
    "vector(4)) and the number of actions. A bad file is one line on stderr, naming the field.",
    '',
    'Options:',
    ...optionLines(options),
    '',
    ...CONVENTIONS,
    '',
    'Example: npm run rl -- train --env cartpole --agent ppo --steps 50000 --seed 1 --save ppo.json',
    '         npm run rl -- play --agent ppo.json --env cartpole --episodes 5',
  ].join('\n');
}

/** An agent file (floe-agent) or a policy file (floe-policy: the acting networks only). */
function load(path: string): DeepAgent {
  const file = readAgentJson(path);
  try {
    if ((file as { format?: unknown } | null)?.format === POLICY_FILE_FORMAT) return loadPolicy(file).agent;
    return loadDeepAgent(file);
  } catch (error) {
    // The registry's own envelope messages start 'agent file'; name the file there instead.
    const message = (error as Error).message;
    throw new UsageError(message.startsWith('agent file') ? `agent file '${path}'${message.slice('agent file'.length)}` : `agent file '${path}': ${message}`);
  }
}

async function run(parsed: ParsedOptions, io: CliIo): Promise<void> {
  const path = required(parsed, 'agent', 'play', '<file.json>');
  const env = deepEnvFrom(required(parsed, 'env', 'play', '<preset|spec.json|cartpole>'));
  const episodesText = optional(parsed, 'episodes');
  const episodes = episodesText === undefined ? DEFAULT_EPISODES : parseNumber('--episodes', episodesText, { ...COUNT_RULE, min: 1, expected: 'a positive integer' });
  const seedText = optional(parsed, 'seed');
  const seed = seedText === undefined ? 0 : parseNumber('--seed', seedText, SEED_RULE);
  const digits = digitsFrom(parsed);
  const backend = backendFrom(parsed);
  readAgentJson(path); // a missing or non-JSON file fails before the backend starts
  const used = await startBackend(backend, 'play', io);
  const agent = load(path);
  try {
    const view = viewFor(agent, env, 'play');
    const world = deepWorld(deepWorldOf(env), view.observation, view.history);
    const envRng = deriveRng(seed, 'env/0');
    const actRng = deriveRng(seed, 'explore');
    const worldEnv = world.makeEnv();
    backendLine(used, 'play', io, parsed.flags.has('quiet'));
    const returns: number[] = [];
    for (let episode = 0; episode < episodes; episode++) {
      let { state, obs } = worldEnv.reset(envRng);
      let total = 0;
      for (;;) {
        const result = worldEnv.step(state, agent.act(obs, actRng, 'greedy'), envRng);
        total += result.reward;
        if (result.terminated || result.truncated) break;
        ({ state, obs } = result);
      }
      returns.push(total);
    }
    const mean = returns.reduce((sum, value) => sum + value, 0) / returns.length;
    io.stdout(formatJson({ episodeReturns: roundAll(returns, digits), mean: roundTo(mean, digits) }) + '\n');
  } finally {
    agent.dispose();
  }
}

export const playCommand: Command = {
  name: 'play',
  summary: 'run a saved deep agent greedily; prints its episode returns and their mean',
  options,
  help,
  run,
};
