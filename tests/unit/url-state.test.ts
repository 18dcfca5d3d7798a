import { describe, expect, it } from 'vitest';
import { decodeHashState, encodeHashState } from '../../src/lib/url-state';
import { createRng } from '../../environments/core/rng';

const MAX = 64 * 1024;

/** '#s=' + base64url of raw bytes: for payloads encodeHashState would never make. */
const hashOfBytes = (bytes: Uint8Array | number[]) => '#s=' + Buffer.from(bytes).toString('base64url');
const hashOfText = (text: string) => hashOfBytes(new TextEncoder().encode(text));

describe('encodeHashState / decodeHashState', () => {
  it('round-trips plain data, including non-ASCII text', () => {
    const value = {
      v: 1,
      name: 'Pingüino 🐧 on 氷, ünïcödé — “quotes” and \\ backslashes',
      map: ['S...', '.HH.'],
      nested: { a: [1, -2.5, 1e-300, 1e300], b: null, c: true },
      empty: '',
    };
    const hash = encodeHashState(value);
    expect(hash).toMatch(/^#s=[A-Za-z0-9_-]+$/); // base64url, no padding
    expect(decodeHashState(hash)).toEqual({ ok: true, value });
  });

  it('round-trips every kind of JSON value and lengths that need each padding', () => {
    for (const value of [0, 'a', 'ab', 'abc', 'abcd', [], {}, null, false, '\u0000\uffff', 'x'.repeat(1000)]) {
      expect(decodeHashState(encodeHashState(value))).toEqual({ ok: true, value });
    }
  });

  it("matches the standard base64url encoding (Node's Buffer) of the JSON text", () => {
    const value = { s: '??>>~~ 🐧' }; // bytes that give '+' and '/' in plain base64
    expect(encodeHashState(value)).toBe(hashOfText(JSON.stringify(value)));
  });

  it('calls an empty hash empty, not an error', () => {
    expect(decodeHashState('')).toEqual({ ok: 'empty' });
    expect(decodeHashState('#')).toEqual({ ok: 'empty' });
  });

  it('rejects hashes that are not #s=<base64url>', () => {
    const error = 'link does not hold a Floe state (expected #s=...)';
    for (const hash of ['#s=', '#x=abc', 's=abc', '#S=abc', '#s=ab+c', '#s=ab/c', '#s=abc=', '#s=ab c', '#s=abc\n', '#section-2', '#s=😀']) {
      expect(decodeHashState(hash)).toEqual({ ok: false, error });
    }
  });

  it('rejects payloads that are not base64', () => {
    // A length of 1 mod 4 can never be base64.
    for (const hash of ['#s=A', '#s=abcde', '#s=' + 'A'.repeat(4001)]) {
      expect(decodeHashState(hash)).toEqual({ ok: false, error: 'link state is not valid base64url-encoded UTF-8' });
    }
  });

  it('rejects bytes that are not UTF-8', () => {
    const error = 'link state is not valid base64url-encoded UTF-8';
    expect(decodeHashState(hashOfBytes([0xff, 0xfe, 0x7b]))).toEqual({ ok: false, error });
    expect(decodeHashState(hashOfBytes([0x22, 0xc3, 0x22]))).toEqual({ ok: false, error }); // truncated sequence
    expect(decodeHashState(hashOfBytes([0x22, 0xed, 0xa0, 0x80, 0x22]))).toEqual({ ok: false, error }); // a lone surrogate
    expect(decodeHashState(hashOfBytes([0xc0, 0xaf]))).toEqual({ ok: false, error }); // overlong '/'
  });

  it('rejects text that is not JSON, quoting the parser', () => {
    for (const text of ['not json', '{"a":', "{'a':1}", 'NaN', ' ', '{"a":1}x']) {
      const result = decodeHashState(hashOfText(text));
      expect(result.ok).toBe(false);
      if (result.ok === false) expect(result.error).toMatch(/^link state is not valid JSON: \S/);
    }
  });

  it('rejects over-long hashes before decoding them, saying how long they were', () => {
    const tooLong = '#s=' + 'A'.repeat(MAX); // would be valid base64 otherwise
    expect(decodeHashState(tooLong)).toEqual({ ok: false, error: `link is ${MAX + 3} characters; the largest accepted is ${MAX}` });
    const atLimit = encodeHashState('x'.repeat(Math.floor(((MAX - 3) * 3) / 4) - 2));
    expect(atLimit.length).toBeLessThanOrEqual(MAX);
    expect(decodeHashState(atLimit).ok).toBe(true);
  });

  it('never throws on random strings and corrupted links', () => {
    const rng = createRng('url-state fuzz');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/#s% é😀\u0000';
    const chars = Array.from(alphabet);
    const good = encodeHashState({ v: 1, world: { map: ['S.'] }, seed: 3 });
    for (let i = 0; i < 3000; i++) {
      let hash: string;
      if (i % 2 === 0) {
        const n = rng.int(40);
        hash = (rng.next() < 0.7 ? '#s=' : '') + Array.from({ length: n }, () => chars[rng.int(chars.length)]).join('');
      } else {
        const cut = rng.int(good.length + 1);
        const at = 3 + rng.int(good.length - 3);
        hash = good.slice(0, cut);
        if (rng.next() < 0.5) hash = good.slice(0, at) + chars[rng.int(chars.length)] + good.slice(at + 1);
      }
      const result = decodeHashState(hash);
      expect([true, false, 'empty']).toContain(result.ok);
      if (result.ok === false) expect(result.error.length).toBeGreaterThan(0);
    }
  });
});
