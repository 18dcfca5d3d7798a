/** Runs the `rl` command line in-process for the CLI tests and collects what it wrote. */
import { main } from '../../scripts/cli/main';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function rl(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}
