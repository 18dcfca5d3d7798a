/**
 * Page state in the URL hash, so a link reproduces what a person sees. The payload is JSON,
 * UTF-8 encoded and base64url'd into `#s=...`. Decoding never throws: a hostile or broken link
 * yields one precise message and the page keeps its defaults.
 */
const MAX_HASH_LENGTH = 64 * 1024;

/** base64url without padding (RFC 4648 section 5), as links carry it. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of base64url text (padding optional); atob throws on characters outside the alphabet. */
export function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function encodeHashState(value: unknown): string {
  return '#s=' + toBase64Url(new TextEncoder().encode(JSON.stringify(value)));
}

export type HashDecode = { ok: true; value: unknown } | { ok: false; error: string } | { ok: 'empty' };

export function decodeHashState(hash: string): HashDecode {
  if (!hash || hash === '#') return { ok: 'empty' };
  if (hash.length > MAX_HASH_LENGTH) return { ok: false, error: `link is ${hash.length} characters; the largest accepted is ${MAX_HASH_LENGTH}` };
  const match = /^#s=([A-Za-z0-9_-]+)$/.exec(hash);
  if (!match) return { ok: false, error: 'link does not hold a Floe state (expected #s=...)' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(match[1]));
  } catch {
    return { ok: false, error: 'link state is not valid base64url-encoded UTF-8' };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: `link state is not valid JSON: ${(error as Error).message}` };
  }
}
