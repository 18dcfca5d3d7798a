/** The agent registry's field docs, as rows for the shared config form. */
import type { FieldDoc } from '../../../../agents/tabular/config';
import type { ConfigField } from '../controls/config-fields';

/** gamma belongs to the world (its editor sets it), so the agent form leaves it out. */
const WORLD_OWNED = new Set(['gamma']);

function labelOf(key: string): string {
  const words = key.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function agentFormFields(docs: readonly FieldDoc[]): ConfigField[] {
  return docs
    .filter((doc) => !WORLD_OWNED.has(doc.key))
    .map((doc) => ({
      key: doc.key,
      label: labelOf(doc.key),
      doc: `${doc.doc} Allowed: ${doc.range}.`,
      kind: doc.type === 'enum' ? 'select' : doc.type,
      options: doc.options,
      min: doc.min,
      max: doc.max,
      step: doc.type === 'integer' ? 1 : undefined,
    }));
}
