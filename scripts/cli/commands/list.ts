/** `rl --list`: every gridworld preset with its title and every tabular agent with its one-line description. */
import { listWorlds } from '../../../environments';
import { TABULAR_AGENT_NAMES, TABULAR_AGENTS } from '../../../agents/tabular/registry';
import type { CliIo } from '../command';
import { formatJson } from '../output';

export function printList(io: CliIo): void {
  const presets = listWorlds('gridworld').map((world) => ({
    id: world.id.slice('gridworld/'.length),
    title: world.title ?? world.id,
  }));
  const agents = TABULAR_AGENT_NAMES.map((name) => {
    const entry = TABULAR_AGENTS[name];
    return { name, kind: entry.kind === 'dp' ? 'planning' : 'learner', description: entry.description };
  });
  io.stdout(formatJson({ presets, agents }) + '\n');
}
