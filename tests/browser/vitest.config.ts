// Browser tests: real Debian Chromium driven by playwright-core against the built app,
// served by `vite preview` on 127.0.0.1 (see global-setup.ts).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/browser/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/browser/global-setup.ts'],
    fileParallelism: false, // two cores: one Chromium at a time keeps timings honest
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
