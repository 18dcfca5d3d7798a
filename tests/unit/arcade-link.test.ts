/** The arcade page's link (src/pages/arcade/arcade-link.ts): round trips, the short form, and one message for every bad link. */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../environments/core/rng';
import { MINATAR_A2C_OPTIONS, MINATAR_DQN_OPTIONS } from '../../agents/deep/config/minatar';
import { encodeHashState, toBase64Url } from '../../src/lib/url-state';
import { arcadeHash, readArcadeHash, type ArcadeLinkState } from '../../src/pages/arcade/arcade-link';
import { mutate, mutateText, pick, type Json, type Vocabulary } from './json-mutations';

const defaults = { seed: 1, trainingSeed: 1, agent: 'dqn', options: MINATAR_DQN_OPTIONS };
const setup: ArcadeLinkState = { game: 'seaquest', seed: 42, mode: 'play', agent: 'actor-critic', options: { ...MINATAR_A2C_OPTIONS, entropyCoef: 0.02 }, trainingSeed: 7 };

describe('arcade links', () => {
  it('a setup round-trips; the defaults keep the short #<game> form', () => {
    const hash = arcadeHash(setup, defaults);
    expect(hash).toMatch(/^#s=[A-Za-z0-9_-]+$/);
    expect(readArcadeHash(hash)).toEqual({ ok: true, state: setup });
    expect(arcadeHash({ game: 'freeway', mode: 'play', ...defaults }, defaults)).toBe('#freeway');
    expect(readArcadeHash('#freeway')).toEqual({ ok: 'game', game: 'freeway' });
    expect(readArcadeHash('')).toEqual({ ok: 'none' });
  });

  it('a duel or a Pong match travels in the link; play, the default, is left out', () => {
    const match: ArcadeLinkState = { game: 'pong', mode: 'match', ...defaults };
    const hash = arcadeHash(match, defaults);
    expect(hash).toMatch(/^#s=/);
    expect(readArcadeHash(hash)).toEqual({ ok: true, state: match });
    const duel: ArcadeLinkState = { ...setup, mode: 'duel' };
    expect(readArcadeHash(arcadeHash(duel, defaults))).toEqual({ ok: true, state: duel });
    // A link written before modes (no 'mode' key) opens on play.
    expect(JSON.stringify(readArcadeHash(encodeHashState({ v: 1, ...setup, mode: undefined })))).toContain('"mode":"play"');
  });

  it('every bad link gets one message', () => {
    const link = (value: unknown) => readArcadeHash(encodeHashState(value));
    const good = { v: 1, ...setup };
    const cases: [unknown, string][] = [
      [{ ...good, v: 2 }, 'arcade link: version 2 comes from a newer Floe; this page reads version 1'],
      [{ ...good, v: 0 }, 'arcade link: version 0 is not one this Floe reads; this page reads version 1'],
      [{ ...good, game: 'tetris' }, 'arcade link: game must be one of breakout, space-invaders, freeway, asterix, seaquest, pong'],
      [{ ...good, seed: -1 }, 'arcade link: seed must be a whole number from 0 to 2147483647'],
      [{ ...good, trainingSeed: 1.5 }, 'arcade link: trainingSeed must be a whole number from 0 to 2147483647'],
      [{ ...good, agent: 'q-learning' }, 'arcade link: agent must name a deep agent'],
      [{ ...good, options: [] }, 'arcade link: options must be an object'],
      [{ ...good, options: { hiddenUnits: { x: 1 } } }, "arcade link: option 'hiddenUnits' must be a number, text or a switch"],
      [{ ...good, extra: 1 }, "arcade link: unknown key 'extra'"],
      [{ ...good, mode: 'match' }, 'arcade link: mode must be one of play, duel for seaquest, got "match"'],
      [[1, 2], 'arcade link: the state must be an object'],
    ];
    for (const [value, message] of cases) expect(link(value)).toEqual({ ok: false, error: message });
    expect(readArcadeHash('#s=' + toBase64Url(new TextEncoder().encode('{"v":1,"options":{"__proto__":1}}')))).toMatchObject({ ok: false });
    expect(readArcadeHash(encodeHashState({ ...good, options: { learningRate: 5 } }))).toMatchObject({ ok: false, error: expect.stringMatching(/^arcade link: actor-critic config: learningRate/) });
    expect(readArcadeHash('#nonsense')).toMatchObject({ ok: false, error: expect.stringMatching(/^arcade link: no game 'nonsense'/) });
    expect(readArcadeHash('#s=%%%')).toMatchObject({ ok: false, error: expect.stringMatching(/^arcade link/) });
  });

  it('2,000 mutated links: never throws; a valid setup or one message; the prototype untouched', () => {
    const rng = createRng('arcade link fuzz');
    const vocabulary: Vocabulary = { pool: [null, true, 0, -1, 1.5, 1e308, 2 ** 31, '', 'dqn', 'pong', '64,64', [], {}], keys: ['__proto__', 'constructor', 'v', 'game', 'seed', 'mode', 'agent', 'options', 'hidden', 'learningRate'] };
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    let accepted = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const doc = JSON.parse(JSON.stringify({ v: 1, ...pick(rng, [setup, { game: 'pong', mode: 'match', ...defaults }]) })) as Json;
      for (let i = 0; i < 1 + rng.int(3); i++) mutate(doc, rng, vocabulary);
      let text = JSON.stringify(doc);
      if (rng.next() < 0.15) text = mutateText(text, rng);
      const hash = '#s=' + toBase64Url(new TextEncoder().encode(text));
      let read: ReturnType<typeof readArcadeHash> | undefined;
      expect(() => (read = readArcadeHash(hash))).not.toThrow();
      if (read?.ok === true) {
        accepted++;
        expect(readArcadeHash(arcadeHash(read.state, defaults)).ok).not.toBe(false);
      } else if (read?.ok === false) {
        expect(read.error).toMatch(/^arcade link/);
      }
    }
    expect(accepted).toBeGreaterThan(0);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  });
});
