/**
 * Field docs for ConfigForm and the local validation of numeric fields. Messages follow the
 * project's config style: say what was expected and what was got.
 */

export type FieldKind = 'number' | 'integer' | 'boolean' | 'select';

export type OptionValue = string | number | boolean;

export interface FieldOption {
  readonly value: OptionValue;
  readonly label: string;
}

/** One entry of a flat config object, documented for the form. */
export interface ConfigField {
  readonly key: string;
  readonly label: string;
  /** One or two sentences shown under the control. */
  readonly doc: string;
  readonly kind: FieldKind;
  /** For 'select': the choices (a bare value is its own label). */
  readonly options?: readonly (FieldOption | OptionValue)[];
  /** Inclusive bounds for 'number' and 'integer'. */
  readonly min?: number;
  readonly max?: number;
  /** Spinner increment for 'number' and 'integer'. */
  readonly step?: number;
}

export function normaliseOptions(field: ConfigField): FieldOption[] {
  return (field.options ?? []).map((o) =>
    typeof o === 'object' ? o : { value: o, label: String(o) },
  );
}

export type Validation = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string };

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A number as the user would write it back: no float noise, no -0. */
function show(n: number): string {
  const s = String(Number(n.toPrecision(12)));
  return s === '-0' ? '0' : s;
}

/** A bound for reading: digit groups from 10,000 up. */
function showBound(n: number): string {
  return Math.abs(n) >= 1e4 && Number.isInteger(n) ? n.toLocaleString('en-US') : show(n);
}

/** The bounds in words, e.g. "between 0 and 1", "at least 1", or "" when unbounded. */
export function describeBounds(field: Pick<ConfigField, 'min' | 'max'>): string {
  const { min, max } = field;
  if (min !== undefined && max !== undefined) return `between ${showBound(min)} and ${showBound(max)}`;
  if (min !== undefined) return `at least ${showBound(min)}`;
  if (max !== undefined) return `at most ${showBound(max)}`;
  return '';
}

/**
 * Parses and checks the text of a numeric field. `badInput` is the browser's verdict for text a
 * number input could not parse (its value then reads as '').
 */
export function validateNumber(
  field: Pick<ConfigField, 'label' | 'kind' | 'min' | 'max'>,
  text: string,
  badInput = false,
): Validation {
  const t = text.trim();
  const whole = field.kind === 'integer';
  const expected = `${whole ? 'a whole number' : 'a number'}${describeBounds(field) ? ` ${describeBounds(field)}` : ''}`;
  if (badInput || (t !== '' && !DECIMAL.test(t))) {
    return { ok: false, message: `${field.label} must be ${expected}, but got ${badInput && t === '' ? 'text that is not a number' : `"${t}"`}.` };
  }
  if (t === '') return { ok: false, message: `${field.label} needs a value: ${expected}.` };
  const value = Number(t);
  if (!Number.isFinite(value)) {
    return { ok: false, message: `${field.label} must be ${expected}, but got ${t}.` };
  }
  if (whole && !Number.isInteger(value)) {
    return { ok: false, message: `${field.label} must be ${expected}, but got ${show(value)}.` };
  }
  if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max)) {
    return { ok: false, message: `${field.label} must be ${expected}, but got ${show(value)}.` };
  }
  return { ok: true, value };
}

/** The text a numeric field shows for a value from the config. */
export function numberText(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? show(value) : '';
}
