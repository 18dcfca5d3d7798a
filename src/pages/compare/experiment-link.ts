/**
 * Sharing an experiment by link: `#x=<base64url of the experiment's JSON>`. The experiment carries
 * its own format and version ('floe-experiment' v1), so a link from an older or newer Floe is
 * recognised and explained. Opening a link never throws: a broken or hostile link gives one
 * message and the page keeps its defaults.
 *
 * The payload goes through the validator's JSON gate (size, depth, UTF-8, no `__proto__` and the
 * like), then parseExperiment. Then it must fit the compare form: seeds 0..n-1, options that are
 * numbers, text or switches. A link may carry a person's own map (the spec, a few kB): opening it
 * brings the map along, so an edited world can be shared like a preset.
 */
import { parseExperiment, type Experiment } from '../../../agents/runner/experiment/spec';
import { DEFAULT_LIMITS, parseUntrustedJson } from '../../lib/storage/safe-json';
import { fromBase64Url, toBase64Url } from '../../lib/url-state';
import type { GridworldSpec } from '../../../environments/gridworld';
import { formToExperiment, MAP_WORLD, mapForm, WORLD_CHOICES, type ExperimentForm, type FormConfig, type OptionValue } from './experiment-form';

const PREFIX = '#x=';
/** Links longer than this are refused before decoding. */
export const MAX_LINK_CHARS = 64 * 1024;
const LABEL = 'experiment link';

/** The hash that shares an experiment: `#x=...`. */
export function experimentHash(experiment: Experiment): string {
  return PREFIX + toBase64Url(new TextEncoder().encode(JSON.stringify(experiment)));
}

/** The compare page's address for a first experiment on a map (mapForm), or null when the map has no choices to learn. */
export function mapComparisonHref(map: GridworldSpec, base = '/'): string | null {
  const parsed = formToExperiment(mapForm(map));
  return parsed.ok ? `${base}compare${experimentHash(parsed.experiment)}` : null;
}

/** Whether a hash is an experiment link (well formed or not). */
export function isExperimentHash(hash: string): boolean {
  return hash.startsWith(PREFIX);
}

export type LinkRead = { readonly ok: true; readonly form: ExperimentForm; readonly experiment: Experiment } | { readonly ok: false; readonly error: string } | { readonly ok: 'none' };

function checked(text: string): Experiment {
  const value = parseUntrustedJson(text, LABEL, { ...DEFAULT_LIMITS, maxBytes: MAX_LINK_CHARS });
  const parsed = parseExperiment(value);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.experiment;
}

/** The experiment of a link's hash, as a form; or one message; or 'none' when the hash is no experiment link. */
export function readExperimentHash(hash: string): LinkRead {
  if (!isExperimentHash(hash)) return { ok: 'none' };
  if (hash.length > MAX_LINK_CHARS) return { ok: false, error: `${LABEL}: ${hash.length} characters, at most ${MAX_LINK_CHARS}` };
  const payload = hash.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(payload)) return { ok: false, error: `${LABEL}: not base64url text after #x=` };
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(payload);
  } catch {
    return { ok: false, error: `${LABEL}: not valid base64url` };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const experiment = checked(text);
    const form = experimentToForm(experiment);
    return { ok: true, form, experiment };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: message.startsWith(LABEL) ? message : `${LABEL}: ${message}` };
  }
}

/** The form for an experiment; throws one message for an experiment the form cannot hold. */
export function experimentToForm(experiment: Experiment): ExperimentForm {
  const world = experiment.world;
  let value: string;
  let map: GridworldSpec | null = null;
  if (world.kind === 'gridworld' && 'spec' in world) {
    value = MAP_WORLD;
    map = world.spec;
  } else if (world.kind === 'gridworld') value = `gridworld:${world.preset}`;
  else if (world.kind === 'cartpole') value = 'cartpole';
  else value = `arcade:${world.id.slice('arcade/'.length)}`;
  if (value !== MAP_WORLD && !WORLD_CHOICES.some((choice) => choice.value === value)) throw new Error(`the world ${JSON.stringify(value)} is not offered on the compare page`);
  if (!experiment.seeds.every((seed, k) => seed === k)) throw new Error('the seeds must be 0, 1, 2, ... (a count) for the compare form');
  const configs = experiment.configs.map((config): FormConfig => {
    const options: Record<string, OptionValue> = {};
    for (const [key, option] of Object.entries(config.options)) {
      if (Array.isArray(option)) throw new Error(`${config.label}: option ${key} is a list; the compare form takes numbers, text and switches`);
      options[key] = option as OptionValue;
    }
    return { label: config.label, agent: config.agent, options };
  });
  return {
    world: value,
    map,
    configs,
    seeds: experiment.seeds.length,
    steps: experiment.steps,
    points: experiment.points,
    useThreshold: experiment.threshold !== undefined,
    threshold: experiment.threshold ?? -30,
  };
}
