import { defineConfig } from 'vitest/config';

/** The chat in a real browser (Debian's Chromium through playwright-core) against the local Worker. */
export default defineConfig({
  test: {
    name: 'browser',
    include: ['tests/browser/**/*.test.ts'],
    globalSetup: ['./tests/browser/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
