/**
 * The gridworld page's own state: the world being edited (with undo and redo), the agent
 * configuration and the view options. The world is validated on every edit, so the page never
 * holds a spec the model cannot build; a rejected edit leaves one message and changes nothing.
 */
import { buildModel, GRIDWORLD_PRESETS, parseGridworldSpec, type GridModel, type GridworldSpec } from '../../../environments/gridworld';
import { applyOverrides, getTabularAgent, isTabularAgentName } from '../../../agents/tabular/registry';
import { getDeepAgentInfo, isDeepAgentName, resolvePageOptions } from '../../../agents/deep/catalogue';
import type { SessionConfig } from '../../../agents/runner/grid-session';
import type { Overlay } from '../../lib/render/gridworld/scene';
import { decodeHashState, encodeHashState } from '../../lib/url-state';
import { EditHistory } from './map-edits';
import { isAgentName } from '../../lib/ui/agent/agent-catalogue';

export const DEFAULT_PRESET = 'fig-19-10';
export const DEFAULT_AGENT = 'value-iteration';
const MAX_SEED = 2 ** 31 - 1;

type OptionValue = number | string | boolean;

/**
 * What the URL holds: the world, the agent (tabular or deep) and its options, the seed. A deep
 * agent's list fields are text, as the page keeps them (DQN's hidden sizes: "64,64").
 */
interface LinkState {
  readonly v: 1;
  readonly world: unknown;
  readonly agent: string;
  readonly options: Readonly<Record<string, OptionValue>>;
  readonly seed: number;
}

export type ValueSource = 'exact' | 'agent';

/** The preset a (validated) spec is, when it is one unchanged: links to presets keep their name. */
function presetIdOf(spec: GridworldSpec): string | null {
  const text = JSON.stringify(spec);
  for (const preset of Object.values(GRIDWORLD_PRESETS)) {
    const parsed = parseGridworldSpec(preset.spec);
    if (parsed.ok && JSON.stringify(parsed.spec) === text) return preset.id;
  }
  return null;
}

/** A deep agent's options a link may set: its scalar fields and its list fields (DQN's hidden sizes). */
function optionKeys(name: string): string[] {
  const info = getDeepAgentInfo(name);
  return [...info.docs.map((d) => d.key), ...info.listFields.map((f) => f.key)];
}

export class GridworldPageState {
  spec = $state.raw<GridworldSpec>(GRIDWORLD_PRESETS[DEFAULT_PRESET].spec);
  /** The preset the world came from, or null once edited. */
  presetId = $state<string | null>(DEFAULT_PRESET);
  agent = $state<string>(DEFAULT_AGENT);
  options = $state.raw<Readonly<Record<string, OptionValue>>>({});
  seed = $state(1);
  /** Last rejected edit or link, shown to the person. */
  message = $state<string | null>(null);

  overlays = $state.raw<readonly Overlay[]>(['values', 'policy', 'trail']);
  showStateNumbers = $state(false);
  /** Overlays show the exact solution (value iteration) or the agent's current estimates. */
  valueSource = $state<ValueSource>('exact');
  selected = $state<number | null>(null);

  private readonly history = new EditHistory<GridworldSpec>();
  /** Bumped on every history change, so canUndo and canRedo are reactive. */
  private historyVersion = $state(0);

  readonly model: GridModel = $derived(buildModel(this.spec));

  get canUndo(): boolean {
    void this.historyVersion;
    return this.history.canUndo;
  }
  get canRedo(): boolean {
    void this.historyVersion;
    return this.history.canRedo;
  }

  /**
   * Apply an edit. Invalid results are rejected with the validator's message. With `merge`, the
   * edit joins the previous undo step (the cells of one paint stroke undo together).
   */
  edit(next: GridworldSpec, merge = false): boolean {
    if (next === this.spec) return true;
    const parsed = parseGridworldSpec(next);
    if (!parsed.ok) {
      this.message = `edit not applied: ${parsed.error}`;
      return false;
    }
    if (!merge || !this.history.canUndo) this.history.push(this.spec);
    this.historyVersion++;
    this.spec = parsed.spec;
    this.presetId = null;
    this.message = null;
    // The run restarts with the new world: show the exact solution re-routing at once.
    this.valueSource = 'exact';
    if (this.selected !== null && this.selected >= this.model.nS) this.selected = null;
    return true;
  }

  undo(): void {
    const previous = this.history.undo(this.spec);
    if (previous) this.restore(previous);
  }

  redo(): void {
    const next = this.history.redo(this.spec);
    if (next) this.restore(next);
  }

  private restore(spec: GridworldSpec): void {
    this.historyVersion++;
    this.spec = spec;
    this.presetId = null;
    if (this.selected !== null && this.selected >= this.model.nS) this.selected = null;
  }

  loadPreset(id: string): void {
    const preset = GRIDWORLD_PRESETS[id];
    if (!preset) return;
    this.history.push(this.spec);
    this.historyVersion++;
    this.spec = preset.spec;
    this.presetId = id;
    this.selected = null;
    this.valueSource = 'exact';
    this.message = null;
  }

  setAgent(name: string): void {
    if (!isAgentName(name)) return;
    this.agent = name;
    this.options = {};
  }

  setOption(key: string, value: OptionValue): void {
    this.options = { ...this.options, [key]: value };
  }

  toggleOverlay(overlay: Overlay, on: boolean): void {
    const others = this.overlays.filter((o) => o !== overlay);
    this.overlays = on ? [...others, overlay] : others;
  }

  get sessionConfig(): SessionConfig {
    return { world: this.spec, agent: this.agent, options: this.options, seed: this.seed };
  }

  /**
   * Take on the config of a run loaded from a file (the worker checked it): its world, agent,
   * options and seed. The world change can be undone like an edit.
   */
  adoptRun(config: SessionConfig): void {
    const parsed = parseGridworldSpec(config.world);
    if (!parsed.ok || !isAgentName(config.agent)) return;
    if (JSON.stringify(parsed.spec) !== JSON.stringify(this.spec)) {
      this.history.push(this.spec);
      this.historyVersion++;
      this.spec = parsed.spec;
      this.presetId = presetIdOf(parsed.spec);
      if (this.selected !== null && this.selected >= this.model.nS) this.selected = null;
    }
    this.agent = config.agent;
    this.options = { ...config.options };
    this.seed = config.seed;
    this.message = null;
    this.valueSource = 'agent';
  }

  /** The URL hash for the current world, agent (tabular or deep), options and seed. */
  get hash(): string {
    const state: LinkState = { v: 1, world: this.spec, agent: this.agent, options: this.options, seed: this.seed };
    return encodeHashState(state);
  }

  /** Load a link. On any problem, keep everything as it is and say why. */
  loadHash(hash: string): void {
    const decoded = decodeHashState(hash);
    if (decoded.ok === 'empty') return;
    if (decoded.ok === false) {
      this.message = decoded.error;
      return;
    }
    const problem = this.applyLink(decoded.value);
    if (problem) this.message = `link not loaded: ${problem}`;
  }

  private applyLink(value: unknown): string | null {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'state must be an object';
    const link = value as Partial<LinkState>;
    const known = ['v', 'world', 'agent', 'options', 'seed'];
    const unknown = Object.keys(link).find((k) => !known.includes(k));
    if (unknown !== undefined) return `unknown field '${unknown}'`;
    if (link.v !== 1) return `version ${JSON.stringify(link.v)} is not supported (this Floe reads version 1)`;
    const parsed = parseGridworldSpec(link.world);
    if (!parsed.ok) return parsed.error;
    const agent = link.agent;
    const deep = typeof agent === 'string' && isDeepAgentName(agent);
    if (typeof agent !== 'string' || !(deep || isTabularAgentName(agent))) return `unknown agent ${JSON.stringify(agent)}`;
    if (!Number.isInteger(link.seed) || (link.seed as number) < 0 || (link.seed as number) > MAX_SEED) return `seed must be an integer in [0, ${MAX_SEED}]`;
    const options = link.options ?? {};
    if (typeof options !== 'object' || options === null || Array.isArray(options)) return 'options must be an object';
    const fields = deep ? optionKeys(agent) : getTabularAgent(agent).docs.map((d) => d.key);
    for (const [key, v] of Object.entries(options)) {
      if (!fields.includes(key)) return `unknown option '${key}' for ${agent}`;
      if (typeof v !== 'number' && typeof v !== 'string' && typeof v !== 'boolean') return `option '${key}' must be a number, string or boolean`;
      if (typeof v === 'number' && !Number.isFinite(v)) return `option '${key}' must be finite`;
    }
    // The agent's own validation speaks for types, ranges and lists (alpha in (0, 1], hidden "64,64", ...).
    try {
      if (deep) resolvePageOptions(agent, options);
      else applyOverrides(agent, { ...getTabularAgent(agent).defaults, ...options }, {});
    } catch (error) {
      return (error as Error).message;
    }
    this.spec = parsed.spec;
    this.presetId = presetIdOf(parsed.spec);
    this.agent = agent;
    this.options = { ...options };
    this.seed = link.seed as number;
    // As after an edit: the old message no longer applies, and a cell the new world lacks is unselected.
    this.message = null;
    if (this.selected !== null && this.selected >= this.model.nS) this.selected = null;
    return null;
  }
}
