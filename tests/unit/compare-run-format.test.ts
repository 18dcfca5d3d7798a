/** The compare run format ('floe-compare-run' v1): a valid run passes the validator; each damage gives one message. */
import { describe, expect, it } from 'vitest';
import { checkExperiment } from '../../agents/runner/experiment/spec';
import { summarize } from '../../agents/runner/experiment/stats';
import { COMPARE_RUN_FORMAT, makeCompareRun } from '../../src/lib/storage/run-format';
import { checkDocument, validateDocument } from '../../src/lib/storage/validate';

const experiment = checkExperiment({
  format: 'floe-experiment',
  version: 1,
  world: { kind: 'gridworld', preset: 'cliff-walk' },
  configs: [
    { label: 'Q-learning', agent: 'q-learning', options: { alpha: 0.5 } },
    { label: 'SARSA', agent: 'sarsa', options: {} },
  ],
  seeds: 2,
  steps: 100,
  points: 4,
});

const results = [0, 1].flatMap((configIndex) =>
  [0, 1].map((seedIndex) => ({ configIndex, seedIndex, seed: seedIndex, steps: 100, curve: [null, -50 - configIndex, -20, -13 + seedIndex], episodes: 3, wallSeconds: 0.01 })),
);

function valid(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(makeCompareRun(experiment, results, new Date('2026-01-02T03:04:05.000Z')))) as Record<string, unknown>;
}

type Damage = (doc: Record<string, unknown> & { results: Record<string, unknown>[]; experiment: Record<string, unknown> }) => void;

const damages: Record<string, Damage> = {
  'unknown top key': (d) => (d.extra = 1),
  'experiment missing': (d) => delete (d as Record<string, unknown>).experiment,
  'experiment broken': (d) => (d.experiment.steps = -5),
  'results not an array': (d) => ((d as Record<string, unknown>).results = {}),
  'too many results': (d) => d.results.push(...d.results.map((r) => ({ ...r }))),
  'configIndex out of range': (d) => (d.results[0].configIndex = 2),
  'seedIndex out of range': (d) => (d.results[0].seedIndex = -1),
  'repeated pair': (d) => {
    d.results[1].seedIndex = 0;
    d.results[1].seed = 0;
  },
  'wrong seed': (d) => (d.results[0].seed = 7),
  'curve too short': (d) => (d.results[0].curve as unknown[]).pop(),
  'curve holds a string': (d) => ((d.results[0].curve as unknown[])[1] = '3'),
  'steps beyond the experiment': (d) => (d.results[0].steps = 101),
  'episodes not an integer': (d) => (d.results[0].episodes = 1.5),
  'wallSeconds negative': (d) => (d.results[0].wallSeconds = -1),
  'unknown result key': (d) => (d.results[0].extra = 1),
  'result key missing': (d) => delete d.results[0].episodes,
  'result not an object': (d) => ((d.results as unknown[])[0] = 3),
  'savedAt not a date': (d) => (d.savedAt = 'yesterday'),
};

describe('compare run format', () => {
  it('a valid run passes, and its statistics come back from the stored results', () => {
    const checked = validateDocument(JSON.stringify(valid()), { expect: COMPARE_RUN_FORMAT });
    expect(checked.format).toBe(COMPARE_RUN_FORMAT);
    expect(checked.kind).toBe('run');
    expect(checked.label).toBe('compare run');
    const doc = checked.document as ReturnType<typeof makeCompareRun>;
    expect(doc.results).toEqual(results);
    expect(summarize(doc.experiment, doc.results)).toEqual(summarize(experiment, results));
    expect(checkDocument(valid()).format).toBe(COMPARE_RUN_FORMAT);
  });

  for (const [name, damage] of Object.entries(damages)) {
    it(`${name}: one message starting 'compare run'`, () => {
      const doc = valid();
      damage(doc as Parameters<Damage>[0]);
      let message = '';
      try {
        validateDocument(JSON.stringify(doc), { expect: COMPARE_RUN_FORMAT });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^compare run/);
      expect(message.split('\n')).toHaveLength(1);
    });
  }

  it('an infinite curve value (1e400 in the file) is refused', () => {
    const text = JSON.stringify(valid()).replace('-20', '1e400');
    expect(text).toContain('1e400');
    expect(() => validateDocument(text, { expect: COMPARE_RUN_FORMAT })).toThrow(/^compare run/);
  });

  it('a newer version is refused with a message', () => {
    expect(() => validateDocument(JSON.stringify({ ...valid(), version: 2 }), { expect: COMPARE_RUN_FORMAT })).toThrow(/^compare run/);
  });
});
