/** Observation and action spaces, in Gymnasium's sense. */

export interface DiscreteSpace {
  readonly kind: 'discrete';
  /** Values are the integers 0..n-1. */
  readonly n: number;
}

export interface BoxSpace {
  readonly kind: 'box';
  readonly shape: readonly number[];
  readonly low: number;
  readonly high: number;
}

export type Space = DiscreteSpace | BoxSpace;

export function discrete(n: number): DiscreteSpace {
  if (!Number.isInteger(n) || n < 1) throw new Error(`discrete space needs a positive integer size, got ${n}`);
  return { kind: 'discrete', n };
}

export function box(shape: readonly number[], low: number, high: number): BoxSpace {
  if (shape.some((d) => !Number.isInteger(d) || d < 1)) throw new Error(`box shape must be positive integers, got [${shape.join(', ')}]`);
  if (!(low <= high)) throw new Error(`box needs low <= high, got ${low} > ${high}`);
  return { kind: 'box', shape: [...shape], low, high };
}

/** Whether `x` is a member of `space`. Box values are flat number arrays in row-major order. */
export function contains(space: Space, x: unknown): boolean {
  if (space.kind === 'discrete') return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < space.n;
  const size = space.shape.reduce((a, b) => a * b, 1);
  if (!(Array.isArray(x) || x instanceof Float32Array || x instanceof Float64Array)) return false;
  const values = x as ArrayLike<number>;
  if (values.length !== size) return false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= space.low && v <= space.high)) return false;
  }
  return true;
}
