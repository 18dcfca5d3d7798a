/**
 * The shipped pretrained agents (public/pretrained/, made by `npm run pretrain`): the manifest
 * says, per game, whether an agent is shipped, how it was trained and what it scores against
 * random play. The page fetches the manifest when it opens and an agent only when asked for.
 */

export interface PretrainedEntry {
  readonly game: string;
  readonly title: string;
  readonly shipped: boolean;
  /** Under the app's base: 'pretrained/breakout.json'; null when not shipped. */
  readonly file: string | null;
  readonly command: string;
  readonly frames: number;
  readonly greedyAverage: number;
  readonly randomAverage: number;
}

/** The manifest's entries, or [] when there is none (nothing shipped) or it cannot be read. */
export async function fetchPretrainedManifest(base: string): Promise<PretrainedEntry[]> {
  try {
    const response = await fetch(`${base}pretrained/manifest.json`);
    if (!response.ok) return [];
    const manifest = (await response.json()) as { games?: unknown };
    return Array.isArray(manifest.games) ? (manifest.games as PretrainedEntry[]) : [];
  } catch {
    return [];
  }
}

/** What the training column offers for a game: the file's URL and a one-line note, or null. */
export function pretrainedOffer(entries: readonly PretrainedEntry[], slug: string, base: string): { url: string; note: string } | null {
  const entry = entries.find((e) => e.game === slug && e.shipped && e.file !== null);
  if (!entry?.file) return null;
  const frames = entry.frames.toLocaleString('en');
  return {
    url: `${base}${entry.file}`,
    note: `Trained for ${frames} frames; playing greedily it averages ${entry.greedyAverage} a game (random play: ${entry.randomAverage}).`,
  };
}
