import { defineConfig } from 'vitest/config';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { textModules } from './tests/helpers/text-modules.ts';
import { fakeSlack, type Call } from './tests/helpers/fake-slack.ts';

/** oauth.v2.access as the fake Slack answers it for the workers tests: each code installs one workspace. */
function fakeOAuth(call: Call): Record<string, unknown> {
  if (call.path !== '/api/oauth.v2.access') return { ok: true, ts: '1700000000.000100' };
  if (call.auth !== `Basic ${Buffer.from('workers-client:workers-client-secret').toString('base64')}`) return { ok: false, error: 'invalid_client_id' };
  const team = /^code-(T[A-Z0-9]+)$/.exec(String(call.body.code))?.[1];
  return team ? { ok: true, token_type: 'bot', access_token: `xoxb-${team}`, scope: 'chat:write', bot_user_id: `UB${team}`, app_id: 'A1', team: { id: team }, enterprise: null, is_enterprise_install: false } : { ok: false, error: 'invalid_code' };
}

/** HTTP tests inside workerd, the runtime the Worker deploys to, with its static assets and local D1. */
export default defineConfig(async () => {
  const migrations = await readD1Migrations('./migrations');
  // A fake Slack (Web API and OAuth) on loopback, for the tests that install workspaces through OAuth.
  const slack = await fakeSlack(fakeOAuth);
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
            // Tests that need Slack to answer set SLACK_API_URL to `${FAKE_SLACK_URL}/api` for their requests.
            FAKE_SLACK_URL: slack.url,
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
