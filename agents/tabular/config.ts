/**
 * Typed, documented configs for the tabular agents: one field table per agent drives
 * validation on construction, the UI's config form and `--set key=value` parsing.
 *
 * A field table lists, for every config key, its type, allowed range or options and a doc line.
 * Messages name the option and the bad value: `alpha must be in (0, 1], got 1.5`.
 */

export type FieldSpec =
  | {
      readonly type: 'number';
      readonly doc: string;
      readonly min?: number;
      readonly max?: number;
      /** The bound itself is not allowed: (min, ... rather than [min, ... */
      readonly minExclusive?: boolean;
      readonly maxExclusive?: boolean;
    }
  | { readonly type: 'integer'; readonly doc: string; readonly min?: number; readonly max?: number }
  | { readonly type: 'boolean'; readonly doc: string }
  | { readonly type: 'enum'; readonly doc: string; readonly options: readonly string[] };

export type FieldSpecs<C> = { readonly [K in keyof C]-?: FieldSpec };

export type ConfigValue = number | string | boolean;

/** '(0, 1]', '[0, inf)', ... for messages and form hints. */
export function describeRange(spec: FieldSpec): string {
  if (spec.type === 'enum') return `one of ${spec.options.join(', ')}`;
  if (spec.type === 'boolean') return 'true or false';
  const exclusiveMin = spec.type === 'number' && spec.minExclusive === true;
  const exclusiveMax = spec.type === 'number' && spec.maxExclusive === true;
  const low = spec.min === undefined ? '(-inf' : `${exclusiveMin ? '(' : '['}${spec.min}`;
  const high = spec.max === undefined ? 'inf)' : `${spec.max}${exclusiveMax ? ')' : ']'}`;
  return `${low}, ${high}`;
}

function quote(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

/** Checks one value against its field spec; returns an error message or null. */
export function checkField(key: string, spec: FieldSpec, value: unknown): string | null {
  switch (spec.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : `${key} must be true or false, got ${quote(value)}`;
    case 'enum':
      return typeof value === 'string' && spec.options.includes(value)
        ? null
        : `${key} must be one of ${spec.options.join(', ')}, got ${quote(value)}`;
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${key} must be a finite number, got ${quote(value)}`;
      if (spec.type === 'integer' && !Number.isInteger(value)) return `${key} must be an integer, got ${value}`;
      const exclusiveMin = spec.type === 'number' && spec.minExclusive === true;
      const exclusiveMax = spec.type === 'number' && spec.maxExclusive === true;
      const belowMin = spec.min !== undefined && (exclusiveMin ? value <= spec.min : value < spec.min);
      const aboveMax = spec.max !== undefined && (exclusiveMax ? value >= spec.max : value > spec.max);
      if (belowMin || aboveMax) {
        const what = spec.type === 'integer' ? 'an integer in ' : 'in ';
        return `${key} must be ${what}${describeRange(spec)}, got ${value}`;
      }
      return null;
    }
  }
}

function unknownOption(agent: string, key: string, specs: object): Error {
  return new Error(`unknown option '${key}' for ${agent}; options are ${Object.keys(specs).join(', ')}`);
}

/**
 * Merges `overrides` into `defaults` and validates every field. Throws on an unknown key or a
 * bad value, naming the agent: `q-learning config: alpha must be in (0, 1], got 1.5`.
 */
export function resolveConfig<C extends object>(agent: string, specs: FieldSpecs<C>, defaults: C, overrides: Partial<C> = {}): C {
  for (const key of Object.keys(overrides)) if (!(key in specs)) throw unknownOption(agent, key, specs);
  const config = { ...defaults, ...overrides } as C;
  for (const key of Object.keys(specs) as (keyof C & string)[]) {
    const problem = checkField(key, specs[key], config[key]);
    if (problem !== null) throw new Error(`${agent} config: ${problem}`);
  }
  return Object.freeze(config);
}

/** Parses the text of one option (`--set alpha=0.2`, a form field) into a typed, checked value. */
export function parseFieldValue(agent: string, key: string, spec: FieldSpec, text: string): ConfigValue {
  const raw = text.trim();
  let value: ConfigValue;
  if (spec.type === 'boolean') {
    if (raw !== 'true' && raw !== 'false') throw new Error(`${agent} config: ${key} must be true or false, got '${raw}'`);
    value = raw === 'true';
  } else if (spec.type === 'enum') {
    value = raw;
  } else {
    // Number('') is 0 and Number('0x10') is 16: accept plain decimal notation only.
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw)) {
      throw new Error(`${agent} config: ${key} must be a number, got '${raw}'`);
    }
    value = Number(raw);
  }
  const problem = checkField(key, spec, value);
  if (problem !== null) throw new Error(`${agent} config: ${problem}`);
  return value;
}

/**
 * Applies string overrides (`{ alpha: '0.2' }`) to a config, type-checked against the field
 * table, then validates the whole result. The input config is not changed.
 */
export function applyFieldOverrides<C extends object>(agent: string, specs: FieldSpecs<C>, config: C, overrides: Readonly<Record<string, string>>): C {
  const parsed: Record<string, ConfigValue> = {};
  for (const [key, text] of Object.entries(overrides)) {
    if (!(key in specs)) throw unknownOption(agent, key, specs);
    parsed[key] = parseFieldValue(agent, key, specs[key as keyof C], text);
  }
  return resolveConfig(agent, specs, config, parsed as Partial<C>);
}

/** Rows for a config form: key, default, doc and allowed values. */
export interface FieldDoc {
  readonly key: string;
  readonly type: FieldSpec['type'];
  readonly doc: string;
  readonly default: ConfigValue;
  /** '(0, 1]', 'one of ...', 'true or false'. */
  readonly range: string;
  readonly options?: readonly string[];
  readonly min?: number;
  readonly max?: number;
}

export function describeFields<C extends object>(specs: FieldSpecs<C>, defaults: C): FieldDoc[] {
  return (Object.keys(specs) as (keyof C & string)[]).map((key) => {
    const spec = specs[key];
    return {
      key,
      type: spec.type,
      doc: spec.doc,
      default: defaults[key] as ConfigValue,
      range: describeRange(spec),
      ...(spec.type === 'enum' ? { options: spec.options } : {}),
      ...(spec.type === 'number' || spec.type === 'integer' ? { min: spec.min, max: spec.max } : {}),
    };
  });
}
