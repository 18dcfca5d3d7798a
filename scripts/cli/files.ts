/** Reading the files the commands take (spec, policy, agent, experiment), with one UsageError line for every problem. */
import { readFileSync, statSync } from 'node:fs';
import { UsageError } from './args';

/** The text of `path`; `what` names the file in messages ('spec file', 'agent file', ...). */
export function readTextFile(path: string, what: string): string {
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`cannot read ${what} '${path}': it is a directory`);
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`${what} '${path}' does not exist`);
    throw new UsageError(`cannot read ${what} '${path}': ${(error as Error).message}`);
  }
}

/** The JSON of `path`: readTextFile, then JSON.parse with its message on one line. */
export function readJsonFile(path: string, what: string): unknown {
  const text = readTextFile(path, what);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${what} '${path}' is not valid JSON: ${(error as Error).message}`);
  }
}
