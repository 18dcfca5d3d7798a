/**
 * The Floe command line: `npm run rl -- --help`. See scripts/cli/main.ts.
 *
 * Sets the exit status rather than calling process.exit, so a large JSON document on a pipe is
 * written out in full before the process ends.
 */
import { main } from './cli/main';

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
