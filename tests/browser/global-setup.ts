import { preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

/** The preview server's port; FLOE_BROWSER_PORT moves it, so two checkouts can run their browser tests at once. */
export const BROWSER_TEST_PORT = Number(process.env.FLOE_BROWSER_PORT ?? 4319);
let server: PreviewServer | undefined;

/** Serve the built app (dist/) for the browser tests. `npm run test:browser` builds it first. */
export async function setup(project: TestProject): Promise<void> {
  server = await preview({
    root: project.config.root,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: BROWSER_TEST_PORT, strictPort: true },
  });
  project.provide('baseUrl', `http://127.0.0.1:${BROWSER_TEST_PORT}`);
}

export async function teardown(): Promise<void> {
  await server?.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
