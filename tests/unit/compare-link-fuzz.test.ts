/**
 * Experiment links (src/pages/compare/experiment-link.ts) under 10,000 seeded mutations: of the
 * experiment's JSON (entries deleted, types swapped, prototype keys added, numbers stretched), of
 * its text (numbers JSON cannot hold, cuts) and of the link itself (cut, characters outside
 * base64url). Reading a link never throws: it gives a complete, valid experiment or one message
 * starting 'experiment link' (or the experiment's own check), and nothing reaches Object.prototype.
 */
import { describe, expect, it } from 'vitest';
import { checkExperiment } from '../../agents/runner/experiment/spec';
import { createRng } from '../../environments/core/rng';
import { defaultForm, formToExperiment, withWorld } from '../../src/pages/compare/experiment-form';
import { experimentHash, readExperimentHash } from '../../src/pages/compare/experiment-link';
import { toBase64Url } from '../../src/lib/url-state';
import { mutate, mutateText, pick, type Json, type Vocabulary } from './json-mutations';

const MUTATIONS = 10_000;

const VOCABULARY: Vocabulary = {
  pool: [null, true, false, 0, -1, 1, 0.5, 3, 1e308, 2 ** 31, 2 ** 53, '', 'x', 'sarsa', 'q-learning', 'dqn', 'gridworld', 'cartpole', 'cliff-walk', 'floe-experiment', [], [1, 2], {}, { kind: 'cartpole' }],
  keys: ['__proto__', 'constructor', 'prototype', 'format', 'version', 'world', 'configs', 'seeds', 'steps', 'points', 'threshold', 'label', 'agent', 'options', 'kind', 'preset', 'alpha'],
};

function experimentOf(form: ReturnType<typeof defaultForm>) {
  const parsed = formToExperiment(form);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.experiment;
}

describe('experiment link fuzz', () => {
  it(`${MUTATIONS.toLocaleString('en')} mutated links: never throws; a valid experiment or one message`, () => {
    const rng = createRng('experiment link fuzz');
    const bases = [experimentOf(defaultForm()), experimentOf(withWorld(defaultForm(), 'cartpole'))];
    for (const base of bases) expect(readExperimentHash(experimentHash(base)).ok).toBe(true);
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    let accepted = 0;
    for (let trial = 0; trial < MUTATIONS; trial++) {
      const doc = JSON.parse(JSON.stringify(pick(rng, bases))) as Json;
      const edits = 1 + rng.int(3);
      for (let i = 0; i < edits; i++) mutate(doc, rng, VOCABULARY);
      let text = JSON.stringify(doc);
      if (rng.next() < 0.15) text = mutateText(text, rng);
      let hash = '#x=' + toBase64Url(new TextEncoder().encode(text));
      if (rng.next() < 0.05) hash = hash.slice(0, rng.int(hash.length + 1));
      if (rng.next() < 0.05) hash += pick(rng, ['=', '%', ' ', '+', '/', '\u00e9']);

      let read: ReturnType<typeof readExperimentHash> | undefined;
      expect(() => (read = readExperimentHash(hash))).not.toThrow();
      if (read === undefined || read.ok === 'none') continue;
      if (read.ok === true) {
        accepted++;
        // Accepted means complete and valid: the experiment's own check takes it unchanged.
        expect(checkExperiment(read.experiment)).toEqual(read.experiment);
      } else {
        expect(read.error).toMatch(/^(experiment link|experiment)\b/);
        expect(read.error).not.toMatch(/\n/);
      }
    }
    expect(accepted).toBeGreaterThan(0); // some mutations are harmless (a seed count changed): the test sees both sides
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
  });
});
