// Secrets and optional settings that `wrangler types` cannot see (they are not in wrangler.toml).
declare namespace Cloudflare {
  interface Env {
    /** Slack app signing secret: `wrangler secret put SLACK_SIGNING_SECRET` (or .dev.vars locally). */
    SLACK_SIGNING_SECRET?: string;
    /** Slack bot token (xoxb-...): `wrangler secret put SLACK_BOT_TOKEN`. */
    SLACK_BOT_TOKEN?: string;
    /** OAuth install ("Add to Slack"): the app's Client ID and Client Secret from "Basic Information". */
    SLACK_CLIENT_ID?: string;
    SLACK_CLIENT_SECRET?: string;
    /** Signs the OAuth state of each "Add to Slack" link (HMAC-SHA256): a long random string. */
    SLACK_STATE_SECRET?: string;
    /** Encrypts stored bot tokens (AES-GCM, key derived with HKDF): a long random string; changing it means reinstalling. */
    SLACK_TOKEN_KEY?: string;
    /** Override for Slack's Web API base URL (tests point it at a fake). */
    SLACK_API_URL?: string;
    /** Token for the admin routes (GET /api/admin/feedback): `wrangler secret put ADMIN_TOKEN`. Off when unset. */
    ADMIN_TOKEN?: string;
  }
}
