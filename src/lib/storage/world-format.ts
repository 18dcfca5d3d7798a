/**
 * A world file: one named gridworld, as the library keeps it and as it is exported.
 *
 *   { format: 'floe-world', version: 1, spec: GridworldSpec }
 *
 * The name is the spec's own `name`; the spec is checked (and completed with its defaults) by
 * parseGridworldSpec, the gate every map passes through. Version 1 is the first version; there
 * is no older one to migrate from. No other keys are accepted.
 */
import { parseGridworldSpec, type GridworldSpec } from '../../../environments/gridworld';
import type { FormatChecker } from './format-types';

export const WORLD_FILE_FORMAT = 'floe-world';
export const WORLD_FILE_VERSION = 1;

export interface WorldFile {
  readonly format: typeof WORLD_FILE_FORMAT;
  readonly version: typeof WORLD_FILE_VERSION;
  readonly spec: GridworldSpec;
}

const WORLD_KEYS = new Set(['format', 'version', 'spec']);

/** A world file for a spec (checked: a bad spec throws parseGridworldSpec's message). */
export function makeWorldFile(spec: unknown): WorldFile {
  const parsed = parseGridworldSpec(spec);
  if (!parsed.ok) throw new Error(`world file: spec: ${parsed.error}`);
  return { format: WORLD_FILE_FORMAT, version: WORLD_FILE_VERSION, spec: parsed.spec };
}

export const worldFormat: FormatChecker<WorldFile> = {
  label: 'world file',
  kind: 'world',
  version: WORLD_FILE_VERSION,
  check(document) {
    for (const key of Object.keys(document)) {
      if (!WORLD_KEYS.has(key)) throw new Error(`world file: unknown key ${JSON.stringify(key).slice(0, 80)}; a world file has format, version and spec`);
    }
    if (document.spec === undefined) throw new Error('world file: spec is missing');
    return makeWorldFile(document.spec);
  },
  defaultName: (file) => file.spec.name,
};
