/**
 * Small dense linear algebra for the closed-form fits of the 1-D toy (at most a few dozen
 * unknowns): Cholesky factorisation of a symmetric positive definite matrix and the solve that
 * uses it. Matrices are row-major Float64Arrays of n x n numbers.
 */

/** The lower-triangular L with M = L L^T; throws when M is not (numerically) positive definite. */
export function cholesky(matrix: Float64Array, n: number): Float64Array {
  if (matrix.length !== n * n) throw new Error(`cholesky: the matrix has ${matrix.length} numbers, expected ${n} x ${n}`);
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * n + j];
      for (let k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
      if (i === j) {
        if (!(sum > 0)) throw new Error(`cholesky: the matrix is not positive definite (pivot ${i} is ${sum})`);
        l[i * n + i] = Math.sqrt(sum);
      } else {
        l[i * n + j] = sum / l[j * n + j];
      }
    }
  }
  return l;
}

/** Solves L L^T x = b for x, given the Cholesky factor L. */
export function choleskySolve(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  if (b.length !== n) throw new Error(`cholesky solve: the right-hand side has ${b.length} numbers, expected ${n}`);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i * n + k] * z[k];
    z[i] = sum / l[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = z[i];
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i] * x[k];
    x[i] = sum / l[i * n + i];
  }
  return x;
}
