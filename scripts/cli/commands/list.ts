/** `rl --list`: every gridworld preset with its title and every agent (tabular and deep) with its one-line description. */
import { listWorlds } from '../../../environments';
import { DEEP_AGENT_NAMES, DEEP_AGENTS } from '../../../agents/deep/registry';
import { TABULAR_AGENT_NAMES, TABULAR_AGENTS } from '../../../agents/tabular/registry';
import type { CliIo } from '../command';
import { formatJson } from '../output';

export function printList(io: CliIo): void {
  const presets = listWorlds('gridworld').map((world) => ({
    id: world.id.slice('gridworld/'.length),
    title: world.title ?? world.id,
  }));
  const agents: { name: string; kind: string; description: string }[] = TABULAR_AGENT_NAMES.map((name) => {
    const entry = TABULAR_AGENTS[name];
    return { name, kind: entry.kind === 'dp' ? 'planning' : 'learner', description: entry.description };
  });
  for (const name of DEEP_AGENT_NAMES) agents.push({ name, kind: 'deep', description: DEEP_AGENTS[name].description });
  io.stdout(formatJson({ presets, agents }) + '\n');
}
