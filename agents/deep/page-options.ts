/**
 * An agent's options as the pages keep them (forms, links, the worker's configs): list fields
 * as text ("128,64"), scalars as they are, and the weight seed left out (the run's seed sets
 * it). No tfjs here: the pages' bundle reads it.
 */

/** The run seeds these (the weight seeds): a page's options and forms leave them out. */
export const RUN_SEEDED: ReadonlySet<string> = new Set(['seed', 'initSeed']);

export function pageOptionsOf(config: Readonly<Record<string, unknown>>): Record<string, number | string | boolean> {
  const options: Record<string, number | string | boolean> = {};
  for (const [key, value] of Object.entries(config)) {
    if (RUN_SEEDED.has(key)) continue;
    if (Array.isArray(value)) options[key] = value.join(',');
    else if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') options[key] = value;
  }
  return options;
}
