// Secrets and optional settings that `wrangler types` cannot see (they are not in wrangler.toml).
declare namespace Cloudflare {
  interface Env {
    /** Slack app signing secret: `wrangler secret put SLACK_SIGNING_SECRET` (or .dev.vars locally). */
    SLACK_SIGNING_SECRET?: string;
    /** Slack bot token (xoxb-...): `wrangler secret put SLACK_BOT_TOKEN`. */
    SLACK_BOT_TOKEN?: string;
    /** Override for Slack's Web API base URL (tests point it at a fake). */
    SLACK_API_URL?: string;
    /** Token for the admin routes (GET /api/admin/feedback): `wrangler secret put ADMIN_TOKEN`. Off when unset. */
    ADMIN_TOKEN?: string;
  }
}
