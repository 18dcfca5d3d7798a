/**
 * The architecture's lint rules bite: imports flow src -> agents -> environments only, learning
 * code imports no UI, and Math.random is banned outside the one Rng module.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('architecture lint rules', () => {
  it('environments/ may not import UI, learning code or the app', async () => {
    expect(await ruleIds('environments/core/example.ts', "import { Application } from 'pixi.js';\nexport const a = Application;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('environments/core/example.ts', "import { MetricsLog } from '../../agents/runner/metrics';\nexport const m = MetricsLog;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('environments/core/example.ts', "import { mount } from '../../src/main';\nexport const m = mount;\n")).toContain('no-restricted-imports');
  });

  it('agents/ may not import svelte, xstate or the app', async () => {
    expect(await ruleIds('agents/core/example.ts', "import { setup } from 'xstate';\nexport const s = setup;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('agents/core/example.ts', "import { mount } from 'svelte';\nexport const m = mount;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('agents/core/example.ts', "import { buildModel } from '../../environments/gridworld';\nexport const b = buildModel;\n")).toEqual([]);
  });

  it('Math.random is banned everywhere but environments/core/rng.ts', async () => {
    expect(await ruleIds('agents/tabular/example.ts', 'export const x = Math.random();\n')).toContain('no-restricted-properties');
    expect(await ruleIds('src/lib/example.ts', 'export const x = Math.random();\n')).toContain('no-restricted-properties');
    expect(await ruleIds('environments/core/rng.ts', 'export const x = Math.random();\n')).not.toContain('no-restricted-properties');
  });
});
