/**
 * `npm run rl -- <command> ...`: the command line over the same environments, agents and sessions
 * the playground runs. `main(argv, io)` resolves to the exit status instead of exiting, so the
 * tests run it in-process; scripts/rl.ts is the thin process wrapper. It is asynchronous because
 * the deep agents' TensorFlow.js backend starts asynchronously; the other commands finish before
 * the promise is returned.
 *
 * Exit status: 0 success, 2 bad input (one line on stderr, no stack trace), 1 an internal error
 * (one line too; set RL_DEBUG=1 for the stack).
 */
import { parseOptions, UsageError, wantsHelp } from './args';
import { CONVENTIONS, type CliIo, type Command } from './command';
import { compareCommand } from './commands/compare';
import { evaluateCommand } from './commands/evaluate';
import { printList } from './commands/list';
import { playCommand } from './commands/play';
import { solveCommand } from './commands/solve';
import { trainCommand } from './commands/train';

export type { CliIo } from './command';

const COMMANDS: readonly Command[] = [solveCommand, evaluateCommand, trainCommand, playCommand, compareCommand];

function toolHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'rl: the Floe command line: dynamic programming and tabular learning on the penguin gridworlds,',
    'deep agents (dqn, reinforce, actor-critic, ppo; --backend wasm|cpu) on the gridworlds and cartpole.',
    '',
    'Usage: npm run rl -- <command> [options]',
    '       npm run rl -- <command> --help',
    '       npm run rl -- --list',
    "(npm adds its own '> floe rl' header to stdout; for clean JSON use npm run -s rl -- ... or node --import tsx scripts/rl.ts ...)",
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  --list  every world preset (with its title) and every agent (with a one-line description), as JSON',
    '  --help  this text',
    '',
    ...CONVENTIONS,
  ].join('\n');
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<void> {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError(`no command given; commands are ${COMMANDS.map((c) => c.name).join(', ')} (see --help)`);
  if (first === '--help' || first === '-h') {
    io.stdout(toolHelp() + '\n');
    return;
  }
  if (first === '--list') {
    if (rest.length > 0) throw new UsageError(`--list takes no arguments, got '${rest[0]}'`);
    printList(io);
    return;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (command === undefined) {
    const what = first.startsWith('-') ? `unknown option '${first}'` : `unknown command '${first}'`;
    throw new UsageError(`${what}; commands are ${COMMANDS.map((c) => c.name).join(', ')}, or --list, --help`);
  }
  if (wantsHelp(rest)) {
    io.stdout(command.help(rest) + '\n');
    return;
  }
  try {
    await command.run(parseOptions(rest, command.options, command.name), io);
  } catch (error) {
    // Every bad-input line names the command it came from: `rl: solve: --gamma must be ...`.
    if (error instanceof UsageError && !error.message.startsWith(`${command.name}:`)) throw new UsageError(`${command.name}: ${error.message}`);
    throw error;
  }
}

/** One line: a message that somehow spans lines would break "one clear line on stderr". */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await dispatch(argv, io);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`rl: ${oneLine(error.message)}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`rl: error: ${oneLine(message)}\n`);
    if (process.env.RL_DEBUG === '1' && error instanceof Error && error.stack !== undefined) io.stderr(`${error.stack}\n`);
    return 1;
  }
}
