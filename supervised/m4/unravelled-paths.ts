/**
 * The unravelled view of a residual network (section 11.2.1, eq. 11.5, fig. 11.4b, M4.4): with K
 * residual blocks, the output is a sum over 2^K paths, each choosing at every block either the skip
 * connection or the block's function f_k. A path's length is how many f_k it goes through, and
 * C(K, j) paths have length j (Problem 11.2): for K = 4, 16 paths with counts 1, 4, 6, 4, 1.
 *
 * Counts are computed exactly with BigInt; `counts` holds them as numbers, exact while every count
 * is at most 2^53 - 1 (`exact` says so; up to K = 56 all of them are), and `countsText` holds the
 * exact decimal strings for any K. `total` = 2^K is a power of two, which a double holds exactly.
 */

export interface PathCounts {
  readonly blocks: number;
  /** 2^K paths in all. */
  readonly total: number;
  /** counts[j] = C(K, j): the paths through exactly j residual functions, j = 0..K. */
  readonly counts: number[];
  /** The same counts as exact decimal strings. */
  readonly countsText: string[];
  /** counts[j] / 2^K: the path-length histogram (a binomial(K, 1/2) distribution). */
  readonly fractions: number[];
  /** True when every number in `counts` is exact (K <= 56). */
  readonly exact: boolean;
}

/** The largest K accepted. */
export const MAX_PATH_BLOCKS = 1000;
/** The largest K whose paths `enumeratePaths` lists one by one (2^K of them). */
export const MAX_ENUMERATED_BLOCKS = 12;

function checkBlocks(blocks: unknown, max: number, where: string): number {
  if (!(typeof blocks === 'number' && Number.isInteger(blocks) && blocks >= 0 && blocks <= max)) throw new Error(`${where}: blocks must be an integer in [0, ${max}], got ${JSON.stringify(blocks)}`);
  return blocks;
}

/** How many paths of each length a K-block residual network has. */
export function pathCounts(blocks: number): PathCounts {
  const K = checkBlocks(blocks, MAX_PATH_BLOCKS, 'unravelled paths');
  const exactCounts: bigint[] = [1n];
  for (let j = 1; j <= K; j++) exactCounts.push((exactCounts[j - 1] * BigInt(K - j + 1)) / BigInt(j));
  const totalExact = 1n << BigInt(K);
  const limit = BigInt(Number.MAX_SAFE_INTEGER);
  return {
    blocks: K,
    total: Number(totalExact),
    counts: exactCounts.map(Number),
    countsText: exactCounts.map(String),
    // 2^K stays below the largest double (about 2^1024) for K <= 1000, so the ratio is accurate to rounding.
    fractions: exactCounts.map((c) => Number(c) / Number(totalExact)),
    exact: exactCounts.every((c) => c <= limit),
  };
}

/**
 * Every path of a K-block network (K <= 12), each as the ascending list of the blocks whose
 * function it passes through ([] is the identity path that only takes skip connections), ordered
 * by length and then lexicographically.
 */
export function enumeratePaths(blocks: number): number[][] {
  const K = checkBlocks(blocks, MAX_ENUMERATED_BLOCKS, 'unravelled paths');
  const paths: number[][] = [];
  for (let mask = 0; mask < 1 << K; mask++) {
    const path: number[] = [];
    for (let k = 0; k < K; k++) if (mask & (1 << k)) path.push(k + 1);
    paths.push(path);
  }
  const lexicographic = (a: number[], b: number[]): number => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  };
  return paths.sort((a, b) => a.length - b.length || lexicographic(a, b));
}
