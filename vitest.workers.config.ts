import { defineConfig } from 'vitest/config';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { textModules } from './tests/helpers/text-modules.ts';

/** HTTP tests inside workerd, the runtime the Worker deploys to, with its static assets and local D1. */
export default defineConfig(async () => {
  const migrations = await readD1Migrations('./migrations');
  return {
    plugins: [
      textModules,
      cloudflareTest({
        main: './src/worker.ts',
        wrangler: { configPath: './wrangler.toml', environment: 'test' },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            RATE_LIMIT_PER_MINUTE: '100000',
            SLACK_SIGNING_SECRET: 'workers-test-secret',
            SLACK_BOT_TOKEN: 'xoxb-workers-test',
            ADMIN_TOKEN: 'workers-admin-token',
            // OAuth installations are kept (encrypted) next to the static token; both modes are tested.
            SLACK_TOKEN_KEY: 'workers-test-token-key-0123456789',
            // Nothing listens here: follow-up calls fail fast and are logged, never reaching Slack.
            SLACK_API_URL: 'http://127.0.0.1:9/api',
          },
        },
      }),
    ],
    test: {
      name: 'workers',
      include: ['tests/workers/**/*.test.ts'],
      setupFiles: ['./tests/workers/apply-migrations.ts'],
      testTimeout: 30_000,
    },
  };
});
