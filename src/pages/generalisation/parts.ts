/** The generalisation page's parts, in the book's order, and the part an address names. */
export const PARTS = [
  { id: 'bias-variance', title: 'Bias and variance', chapter: '§8.2' },
  { id: 'mnist1d', title: 'MNIST-1D training', chapter: '§8.1' },
  { id: 'double-descent', title: 'Double descent', chapter: '§8.4' },
  { id: 'regularisers', title: 'Regularisers', chapter: '§9.1, 9.3' },
  { id: 'implicit', title: 'Implicit regularisation', chapter: '§9.2' },
] as const;

export type PartId = (typeof PARTS)[number]['id'];

/** '#mnist1d' -> 'mnist1d'; anything else -> the first part. */
export function partFromHash(hash: string): PartId {
  const id = hash.replace(/^#/, '');
  return PARTS.find((p) => p.id === id)?.id ?? 'bias-variance';
}
