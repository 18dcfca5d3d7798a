/**
 * Observation functions over any gridworld: what a penguin that sees only a small window around
 * itself observes (fig 19.4, section 19.5). The state stays the full gridworld state (the cell);
 * only the observation changes, so the exact model P, r still describes the world and the
 * observation function O(o | s) below completes it into a POMDP.
 *
 * The window: the (2r+1) x (2r+1) cells centred on the penguin, row-major from the top left of
 * the window; cells off the grid read as wall. Each window cell shows one *reading*, a tile look
 * from the observer's alphabet: TILE_LOOKS ('ice', 'hole', 'fish', 'wall', 'goal') minus the
 * looks hidden "under snow" (`hiddenLooks`), which read as 'ice'. The centre cell is the tile
 * under the penguin, hidden looks included (a penguin in a hole under snow sees snow).
 *
 * Noise: with probability `noise`, independently per window cell, the reading is replaced by one
 * of the other K - 1 readings of the alphabet, uniformly. So, with W window cells,
 *   O(o | s) = prod over window cells of (1 - p if the reading is the true one, else p / (K - 1))
 * times [the shown position is s] when the position is shown. The position (a one-hot over all
 * cells) is never noisy. With p > 0, sampling draws exactly one uniform number per window cell
 * (that draw decides both whether and to what the reading changes), so the number of draws
 * never depends on what was drawn; with p = 0 it draws nothing.
 *
 * Encodings:
 * - vector (deep agents): Float32Array, one block of K per window cell (a one-hot over the
 *   alphabet, in alphabet order), then, if shown, a one-hot over the rows * cols cells;
 *   box([vectorLength], 0, 1).
 * - key: a readable string: the window's rows joined by '/', one character per reading
 *   (ice '.', hole 'H', fish 'F', wall '#', goal 'G'), then '@<cell>' when the position is shown.
 * - id (tabular agents): the distinct noiseless observations of the non-wall cells numbered
 *   0..nIds-1 in order of their first cell; discrete(nIds). A noisy observation that is not one
 *   of them maps to the NEAREST one: the fewest window cells that differ (Hamming distance), and,
 *   with the position shown, the same position; ties go to the smaller id. This is a fixed
 *   decoding of the reading, so a tabular agent always gets a valid id; it is not the likelihood
 *   (use `likelihood` on the vector for that).
 */
import type { Rng } from '../core/rng';
import { box, discrete, type BoxSpace, type DiscreteSpace } from '../core/spaces';
import { MAX_GRID_SIDE, TILE_LOOKS, type GridModel, type TileLook } from '../gridworld/index';

export interface PomdpObservationConfig {
  /** Window radius r: the penguin sees the (2r+1) x (2r+1) cells around it. Default 1. */
  readonly radius?: number;
  /** Looks that read as 'ice' ("under snow"): any of 'hole', 'fish', 'goal'. Default none. */
  readonly hiddenLooks?: readonly TileLook[];
  /** Probability p in [0, 1] that a window cell's reading is replaced by another one. Default 0. */
  readonly noise?: number;
  /** Whether the observation also holds the penguin's cell as a one-hot. Default false. */
  readonly showPosition?: boolean;
}

export type ResolvedPomdpObservationConfig = Required<PomdpObservationConfig>;

export const POMDP_OBSERVATION_DEFAULTS: ResolvedPomdpObservationConfig = Object.freeze({
  radius: 1,
  hiddenLooks: Object.freeze([]) as readonly TileLook[],
  noise: 0,
  showPosition: false,
});

/** Looks that may be hidden. Ice is what hidden looks read as; walls stay visible (the edges). */
export const HIDEABLE_LOOKS: readonly TileLook[] = ['hole', 'fish', 'goal'];

/** One character per reading in keys and printed views. */
export const READING_CHARACTERS: Readonly<Record<TileLook, string>> = Object.freeze({ ice: '.', hole: 'H', fish: 'F', wall: '#', goal: 'G' });

const CONFIG_KEYS = Object.keys(POMDP_OBSERVATION_DEFAULTS);

/** Defaults filled in and every field checked; throws one precise message naming the field. */
export function resolvePomdpObservationConfig(input: unknown = {}): ResolvedPomdpObservationConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error(`pomdp observation config must be an object, got ${show(input)}`);
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!CONFIG_KEYS.includes(key)) throw new Error(`unknown pomdp observation field '${key}'; known: ${CONFIG_KEYS.join(', ')}`);
  }
  const pick = <K extends keyof ResolvedPomdpObservationConfig>(key: K): unknown => (raw[key] === undefined ? POMDP_OBSERVATION_DEFAULTS[key] : raw[key]);

  const radius = pick('radius');
  if (!(typeof radius === 'number' && Number.isInteger(radius) && radius >= 0 && radius <= MAX_GRID_SIDE)) {
    throw new Error(`pomdp observation radius must be an integer in 0..${MAX_GRID_SIDE}, got ${show(radius)}`);
  }
  const noise = pick('noise');
  if (!(typeof noise === 'number' && Number.isFinite(noise) && noise >= 0 && noise <= 1)) {
    throw new Error(`pomdp observation noise must be a probability in [0, 1], got ${show(noise)}`);
  }
  const showPosition = pick('showPosition');
  if (typeof showPosition !== 'boolean') throw new Error(`pomdp observation showPosition must be true or false, got ${show(showPosition)}`);
  const hidden = pick('hiddenLooks');
  if (!Array.isArray(hidden)) throw new Error(`pomdp observation hiddenLooks must be a list of looks, got ${show(hidden)}`);
  const hiddenLooks: TileLook[] = [];
  hidden.forEach((look: unknown, i) => {
    if (!HIDEABLE_LOOKS.includes(look as TileLook)) {
      throw new Error(`pomdp observation hiddenLooks[${i}] must be one of ${HIDEABLE_LOOKS.map((l) => `'${l}'`).join(', ')}, got ${show(look)}`);
    }
    if (hiddenLooks.includes(look as TileLook)) throw new Error(`pomdp observation hiddenLooks[${i}] repeats '${String(look)}'`);
    hiddenLooks.push(look as TileLook);
  });
  return Object.freeze({ radius, noise, showPosition, hiddenLooks: Object.freeze(hiddenLooks) });
}

export interface PomdpObserver {
  readonly model: GridModel;
  readonly config: ResolvedPomdpObservationConfig;
  /** The readings a window cell can show, in one-hot order; K = alphabet.length. */
  readonly alphabet: readonly TileLook[];
  /** W = (2r+1)^2 window cells. */
  readonly windowCells: number;
  /** W * K, plus rows * cols when the position is shown. */
  readonly vectorLength: number;
  readonly vectorSpace: BoxSpace;
  /** Number of distinct noiseless observations over the non-wall cells. */
  readonly nIds: number;
  readonly idSpace: DiscreteSpace;
  /** The id of each cell's noiseless observation; -1 for wall cells (never occupied). */
  readonly idOfCell: Int32Array;
  /** The cells whose noiseless observation has each id. */
  readonly cellsOfId: readonly (readonly number[])[];
  /** The key of each id's noiseless observation. */
  readonly keyOfId: readonly string[];
  /** Alphabet indices of the true readings of the window around `cell` (a fresh array). */
  trueReadings(cell: number): Uint8Array;
  /** The noiseless observation of `cell` as a vector. */
  vector(cell: number): Float32Array;
  /** An observation of `cell` with noise drawn from `rng` (no draws when noise is 0). */
  sample(cell: number, rng: Rng): Float32Array;
  /** The readable key of an observation vector. */
  key(obs: ArrayLike<number>): string;
  /** The tabular id of an observation vector: its own id when noiseless, else the nearest (see above). */
  id(obs: ArrayLike<number>): number;
  /** O(obs | cell), exactly. */
  likelihood(obs: ArrayLike<number>, cell: number): number;
  /** The window as rows of reading characters (for printing and the UI). */
  rows(obs: ArrayLike<number>): string[];
}

export function pomdpObserver(model: GridModel, input: PomdpObservationConfig = {}): PomdpObserver {
  const config = resolvePomdpObservationConfig(input);
  const { radius, noise, showPosition, hiddenLooks } = config;
  const { cols: gridCols, nS } = model;
  const alphabet = TILE_LOOKS.filter((look) => !hiddenLooks.includes(look));
  const K = alphabet.length;
  const side = 2 * radius + 1;
  const W = side * side;
  const windowLength = W * K;
  const vectorLength = windowLength + (showPosition ? nS : 0);
  const readingOfLook = new Map<TileLook, number>(alphabet.map((look, i) => [look, i]));
  const ICE = readingOfLook.get('ice') as number;
  const WALL = readingOfLook.get('wall') as number;
  const cellReading = model.looks.map((look) => readingOfLook.get(look) ?? ICE);
  const characters = alphabet.map((look) => READING_CHARACTERS[look]);
  // Probabilities of keeping and of each particular replacement; K >= 2 always (ice and wall).
  const keep = 1 - noise;
  const replace = noise / (K - 1);

  const checkCell = (cell: number) => {
    if (!(Number.isInteger(cell) && cell >= 0 && cell < nS)) throw new Error(`pomdp observation needs a cell index in 0..${nS - 1}, got ${String(cell)}`);
  };

  function trueReadings(cell: number): Uint8Array {
    checkCell(cell);
    const row = Math.floor(cell / gridCols);
    const col = cell % gridCols;
    const readings = new Uint8Array(W);
    let i = 0;
    for (let dr = -radius; dr <= radius; dr++) {
      for (let dc = -radius; dc <= radius; dc++) {
        const there = model.cellAt(row + dr, col + dc);
        readings[i++] = there < 0 ? WALL : cellReading[there];
      }
    }
    return readings;
  }

  function encode(readings: Uint8Array, cell: number): Float32Array {
    const obs = new Float32Array(vectorLength);
    for (let i = 0; i < W; i++) obs[i * K + readings[i]] = 1;
    if (showPosition) obs[windowLength + cell] = 1;
    return obs;
  }

  /** Readings and position of an observation vector; throws when it is not a valid observation. */
  function decode(obs: ArrayLike<number>): { readings: Uint8Array; position: number } {
    if (!(obs instanceof Float32Array || obs instanceof Float64Array || Array.isArray(obs))) {
      throw new Error(`pomdp observation must be a Float32Array of length ${vectorLength}, got ${show(obs)}`);
    }
    if (obs.length !== vectorLength) throw new Error(`pomdp observation must have length ${vectorLength}, got ${obs.length}`);
    const readings = new Uint8Array(W);
    for (let i = 0; i < W; i++) readings[i] = oneHotIndex(obs, i * K, K, `window cell ${i}`);
    const position = showPosition ? oneHotIndex(obs, windowLength, nS, 'position') : -1;
    return { readings, position };
  }

  // ---- ids: the distinct noiseless observations, in order of their first cell ----------------
  const idOfCell = new Int32Array(nS).fill(-1);
  const idOfKey = new Map<string, number>();
  const cellsOfId: number[][] = [];
  const keyOfId: string[] = [];
  const readingsOfId: Uint8Array[] = [];
  const positionOfId: number[] = [];
  const keyOf = (readings: Uint8Array, position: number) => {
    const lines: string[] = [];
    for (let r = 0; r < side; r++) lines.push(Array.from(readings.subarray(r * side, (r + 1) * side), (k) => characters[k]).join(''));
    return lines.join('/') + (position >= 0 ? `@${position}` : '');
  };
  for (let cell = 0; cell < nS; cell++) {
    if (model.tiles[cell].wall) continue;
    const readings = trueReadings(cell);
    const position = showPosition ? cell : -1;
    const key = keyOf(readings, position);
    let id = idOfKey.get(key);
    if (id === undefined) {
      id = keyOfId.length;
      idOfKey.set(key, id);
      keyOfId.push(key);
      cellsOfId.push([]);
      readingsOfId.push(readings);
      positionOfId.push(position);
    }
    idOfCell[cell] = id;
    cellsOfId[id].push(cell);
  }
  if (keyOfId.length === 0) throw new Error('pomdp observation needs a world with at least one cell that is not a wall');

  function id(obs: ArrayLike<number>): number {
    const { readings, position } = decode(obs);
    const exact = idOfKey.get(keyOf(readings, position));
    if (exact !== undefined) return exact;
    let best = -1;
    let bestDistance = Infinity;
    for (let k = 0; k < readingsOfId.length; k++) {
      if (positionOfId[k] !== position) continue;
      const candidate = readingsOfId[k];
      let distance = 0;
      for (let i = 0; i < W && distance < bestDistance; i++) if (candidate[i] !== readings[i]) distance++;
      if (distance < bestDistance) {
        best = k;
        bestDistance = distance;
      }
    }
    if (best < 0) throw new Error(`pomdp observation shows position ${position}, a wall cell that no penguin can occupy`);
    return best;
  }

  return Object.freeze({
    model,
    config,
    alphabet: Object.freeze(alphabet),
    windowCells: W,
    vectorLength,
    vectorSpace: box([vectorLength], 0, 1),
    nIds: keyOfId.length,
    idSpace: discrete(keyOfId.length),
    idOfCell,
    cellsOfId: Object.freeze(cellsOfId.map((cells) => Object.freeze(cells))),
    keyOfId: Object.freeze(keyOfId),
    trueReadings,
    vector: (cell: number) => encode(trueReadings(cell), cell),
    sample(cell: number, rng: Rng): Float32Array {
      const readings = trueReadings(cell);
      if (noise > 0) {
        for (let i = 0; i < W; i++) {
          const u = rng.next();
          if (u < noise) {
            // The same draw, rescaled, picks which of the K - 1 other readings: one draw per cell.
            const other = Math.min(K - 2, Math.floor((u / noise) * (K - 1)));
            readings[i] = other >= readings[i] ? other + 1 : other;
          }
        }
      }
      return encode(readings, cell);
    },
    key(obs: ArrayLike<number>): string {
      const { readings, position } = decode(obs);
      return keyOf(readings, position);
    },
    id,
    likelihood(obs: ArrayLike<number>, cell: number): number {
      const { readings, position } = decode(obs);
      checkCell(cell);
      if (showPosition && position !== cell) return 0;
      const truth = trueReadings(cell);
      let likelihood = 1;
      for (let i = 0; i < W; i++) likelihood *= readings[i] === truth[i] ? keep : replace;
      return likelihood;
    },
    rows(obs: ArrayLike<number>): string[] {
      return keyOf(decode(obs).readings, -1).split('/');
    },
  });
}

/** Index of the single 1 in obs[offset .. offset + length); throws unless exactly one 1 and the rest 0. */
function oneHotIndex(obs: ArrayLike<number>, offset: number, length: number, where: string): number {
  let hot = -1;
  for (let i = 0; i < length; i++) {
    const v = obs[offset + i];
    if (v === 1 && hot < 0) hot = i;
    else if (v !== 0) throw new Error(`pomdp observation ${where} must be a one-hot block of ${length}, got ${Array.from({ length }, (_, j) => obs[offset + j]).join(',')}`);
  }
  if (hot < 0) throw new Error(`pomdp observation ${where} must be a one-hot block of ${length}, got all zeros`);
  return hot;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'object' && value !== null) return 'an object';
  return String(value);
}
