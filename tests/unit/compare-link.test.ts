/** Sharing an experiment by link (#x=...): the round trip, and one message for a broken or hostile link. */
import { describe, expect, it } from 'vitest';
import { GRIDWORLD_PRESETS } from '../../environments/gridworld';
import { defaultForm, formToExperiment, MAP_WORLD, mapForm, withMap, withWorld } from '../../src/pages/compare/experiment-form';
import { experimentHash, mapComparisonHref, readExperimentHash } from '../../src/pages/compare/experiment-link';

function experimentOf(form = defaultForm()) {
  const parsed = formToExperiment(form);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.experiment;
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('experiment links', () => {
  it('round trip: the link gives back the same form and experiment', () => {
    const form = { ...defaultForm(), seeds: 3, steps: 3000, points: 30, useThreshold: false };
    const experiment = experimentOf(form);
    const hash = experimentHash(experiment);
    expect(hash).toMatch(/^#x=[A-Za-z0-9_-]+$/);
    const read = readExperimentHash(hash);
    expect(read.ok).toBe(true);
    if (read.ok !== true) return;
    expect(read.experiment).toEqual(experiment);
    expect(formToExperiment(read.form)).toEqual({ ok: true, experiment });
    expect(read.form).toEqual({ ...form, threshold: read.form.threshold });
  });

  it('round trip on CartPole with deep agents', () => {
    const experiment = experimentOf(withWorld(defaultForm(), 'cartpole'));
    const read = readExperimentHash(experimentHash(experiment));
    expect(read.ok === true && read.experiment).toEqual(experiment);
  });

  it("round trip with a person's own map: the spec travels in the link", () => {
    const map = { ...GRIDWORLD_PRESETS['fig-19-10'].spec, name: 'my lake', map: ['S..H', '.H..', '...H', 'H..F'] };
    const form = { ...withMap(defaultForm(), map), seeds: 2 };
    const experiment = experimentOf(form);
    expect(experiment.world).toEqual({ kind: 'gridworld', spec: expect.objectContaining({ name: 'my lake', map: map.map }) });
    const read = readExperimentHash(experimentHash(experiment));
    expect(read.ok).toBe(true);
    if (read.ok !== true) return;
    expect(read.form.world).toBe(MAP_WORLD);
    expect(read.form.map?.map).toEqual(map.map);
    expect(read.form.configs.map((c) => c.agent)).toEqual(['q-learning', 'sarsa']);
    expect(formToExperiment(read.form)).toEqual({ ok: true, experiment });
  });

  it("the gridworld page's compare link: Q-learning against SARSA on the map; none for a map without choices", () => {
    const map = { ...GRIDWORLD_PRESETS['fig-19-10'].spec, name: 'edited' };
    const href = mapComparisonHref(map, '/floe/');
    expect(href).toMatch(/^\/floe\/compare#x=[A-Za-z0-9_-]+$/);
    const read = readExperimentHash(href!.slice('/floe/compare'.length));
    expect(read.ok === true && read.form).toEqual({ ...mapForm(read.ok === true ? read.form.map! : map), threshold: read.ok === true ? read.form.threshold : 0 });
    expect(read.ok === true && read.form.map?.name).toBe('edited');
    expect(mapComparisonHref(GRIDWORLD_PRESETS['fig-19-1-markov-process'].spec)).toBeNull();
  });

  it('a link from a newer Floe says so', () => {
    const newer = b64(JSON.stringify({ ...experimentOf(), version: 2 }));
    expect(readExperimentHash(`#x=${newer}`)).toEqual({ ok: false, error: expect.stringContaining('experiment: version 2 was written by a newer Floe') });
  });

  it('no link: nothing to read', () => {
    expect(readExperimentHash('')).toEqual({ ok: 'none' });
    expect(readExperimentHash('#s=abc')).toEqual({ ok: 'none' });
  });

  const valid = JSON.stringify(experimentOf());
  const hostile: Record<string, string> = {
    'a tampered character': experimentHash(experimentOf()).replace(/.(.{5})$/, (_, rest: string) => `~${rest}`),
    'truncated': experimentHash(experimentOf()).slice(0, 40),
    'not JSON': '#x=' + b64('{"format": "floe-experiment", '),
    'a newer version': '#x=' + b64(valid.replace('"version":1', '"version":2')),
    'another format': '#x=' + b64(valid.replace('floe-experiment', 'floe-world')),
    'a prototype key': '#x=' + b64(valid.replace('{', '{"__proto__":{"polluted":1},')),
    'an unknown agent': '#x=' + b64(valid.replace('"q-learning"', '"rm -rf"')),
    'a huge number': '#x=' + b64(valid.replace('"steps":20000', '"steps":1e400')),
    'not UTF-8': '#x=' + Buffer.from([0xff, 0xfe, 0x7b]).toString('base64url'),
    'a broken map': '#x=' + b64(JSON.stringify({ ...experimentOf(), world: { kind: 'gridworld', spec: { name: 'x' } } })),
    'too long': '#x=' + 'A'.repeat(70_000),
    'empty': '#x=',
  };
  for (const [name, hash] of Object.entries(hostile)) {
    it(`${name}: one message, no exception`, () => {
      const read = readExperimentHash(hash);
      expect(read.ok).toBe(false);
      if (read.ok !== false) return;
      expect(read.error).toMatch(/^experiment/);
      expect(read.error.split('\n')).toHaveLength(1);
    });
  }

  it('no prototype was polluted', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
