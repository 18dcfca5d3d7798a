import { describe, expect, it } from 'vitest';
import { buildModel, GRIDWORLD_PRESETS } from '../../environments/gridworld';
import { createRng } from '../../environments/core/rng';
import { backupValue } from '../../agents/tabular/bellman';
import { compileModel, compiledBackupValue } from '../../agents/tabular/compiled-model';

describe('compiled model', () => {
  it('gives the same backups as the model, bit for bit, on every preset and both rules', () => {
    const rng = createRng('compiled-model');
    for (const preset of Object.values(GRIDWORLD_PRESETS)) {
      const model = buildModel(preset.spec);
      const compiled = compileModel(model);
      const v = Float64Array.from({ length: model.nS }, () => rng.next() * 10 - 5);
      const policy = new Float64Array(model.nS * model.nA);
      for (let s = 0; s < model.nS; s++) {
        const raw = Array.from({ length: model.nA }, () => rng.next());
        const total = raw.reduce((a, b) => a + b, 0);
        raw.forEach((p, a) => (policy[s * model.nA + a] = p / total));
      }
      for (let s = 0; s < model.nS; s++) {
        expect(compiledBackupValue(compiled, v, s, 0.9, 'optimality')).toBe(backupValue(model, v, s, 0.9, 'optimality'));
        expect(compiledBackupValue(compiled, v, s, 0.9, 'evaluation', policy)).toBe(backupValue(model, v, s, 0.9, 'evaluation', policy));
        expect(compiledBackupValue(compiled, v, s, 1, 'evaluation')).toBe(backupValue(model, v, s, 1, 'evaluation'));
      }
    }
  });
});
