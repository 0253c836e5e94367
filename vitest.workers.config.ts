import { defineConfig } from 'vitest/config';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { textModules } from './tests/helpers/text-modules.ts';

/** HTTP tests inside workerd, the runtime the Worker deploys to, with its static assets. */
export default defineConfig({
  plugins: [
    textModules,
    cloudflareTest({
      main: './src/worker.ts',
      wrangler: { configPath: './wrangler.toml' },
    }),
  ],
  test: {
    name: 'workers',
    include: ['tests/workers/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
