import { Knowledge, type FullDocument, type StoredText } from './core/index';
import { createApp } from './http/app';
import { d1FeedbackStore, listFeedback } from './http/feedback';
import { bindingLimiter, parseRateSetting, RateLimiter, type Limiter } from './http/rate-limit';
import { ConfigError } from './http/errors';
import { applyRetention, retentionPeriods, RETENTION_DEFAULTS, type RetentionSettings } from './http/retention';
import { hashUserId } from './http/slack';
import { databaseState } from './http/health';
import { baseUrlFor } from './http/base-url';
import { ChannelPacer, slackApi } from './slack/web-api';
import { d1SlackStore, memorySlackStore } from './slack/store';
import { botTokenFor, d1InstallationStore, forgetWorkspace, type InstallationStore } from './slack/installations';
import { tokenCipher } from './slack/token-cipher';
import { BOT_SCOPES } from './slack/manifest';
import knowledgeText from '../generated/knowledge.txt';
import indexText from '../generated/index.txt';

// The static assets (pages and document JSON), set from the first request's bindings.
let assets: Fetcher | undefined;

// Loaded once per isolate at start-up, so no request pays for parsing the index. Answers read the
// full text of the few documents they quote from the static assets (no Worker CPU to serve them).
const knowledge = new Knowledge(JSON.parse(knowledgeText), indexText, async (id) => {
  if (!assets) return null;
  const res = await assets.fetch(new Request(`https://assets.local/data/text/${id}.json`));
  return res.ok ? ((await res.json()) as StoredText) : null;
});
let limiter: Limiter | undefined;
// Posts to one channel are spaced about a second apart within this isolate (Slack's guideline).
const pacer = new ChannelPacer();

const app = createApp({
  knowledge: () => knowledge,
  fullDocument: async (id, c) => {
    const res = await c.env.ASSETS.fetch(new URL(`/data/docs/${id}.json`, c.req.url));
    return res.ok ? ((await res.json()) as FullDocument) : null;
  },
  feedback: (c) => (c.env.DB ? d1FeedbackStore(c.env.DB) : null),
  database: (c) => databaseState(c.env.DB),
  feedbackList: (c) => (c.env.DB ? (q) => listFeedback(c.env.DB, q) : null),
  rateLimiter: (c) => {
    // The Rate Limiting binding where it exists; a per-isolate bucket only where it does not.
    if (c.env.RATE_LIMITER) return bindingLimiter(c.env.RATE_LIMITER, 60);
    if (limiter === undefined) {
      const setting = parseRateSetting(c.env.RATE_LIMIT_PER_MINUTE);
      if ('error' in setting) throw new ConfigError(setting.error);
      limiter = new RateLimiter(setting.perMinute);
    }
    return limiter;
  },
  slack: {
    signingSecret: (env) => env?.SLACK_SIGNING_SECRET || null,
    handlers: async (env, requestUrl, who) => {
      if (!env?.SLACK_SIGNING_SECRET) return null;
      const secret = env.SLACK_SIGNING_SECRET;
      let token: string | null;
      try {
        token = await botTokenFor(who, installationsOf(env), env.SLACK_BOT_TOKEN);
      } catch (err) {
        // A broken database or a changed SLACK_TOKEN_KEY: the static token, if any, still answers.
        console.error('slack installation lookup failed:', err instanceof Error ? err.message : err);
        token = env.SLACK_BOT_TOKEN || null;
      }
      if (!token) return null;
      return {
        knowledge,
        api: slackApi({ token, baseUrl: env.SLACK_API_URL || undefined, pacer }),
        store: env.DB ? d1SlackStore(env.DB) : memorySlackStore(),
        // PUBLIC_URL, or the origin Slack called (never a loopback address nobody else can open).
        publicUrl: baseUrlFor(requestUrl, env.PUBLIC_URL),
        hashUser: (id) => hashUserId(id, secret),
        retention: safeRetention(env),
      };
    },
    forget: async (env, who) => {
      if (env?.DB) await forgetWorkspace(env.DB, installationsOf(env), who);
    },
    oauth: (env, requestUrl) => {
      const required = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_TOKEN_KEY'] as const;
      const missing: string[] = required.filter((k) => !env?.[k]);
      if (!env?.DB) missing.push('the DB binding');
      let installations: InstallationStore | null = null;
      try {
        if (!missing.length) installations = installationsOf(env!);
      } catch (err) {
        missing.push(`a valid SLACK_TOKEN_KEY (${err instanceof Error ? err.message : String(err)})`);
      }
      if (!installations) return { missing };
      return {
        clientId: env!.SLACK_CLIENT_ID!,
        clientSecret: env!.SLACK_CLIENT_SECRET!,
        stateSecret: env!.SLACK_STATE_SECRET!,
        apiBase: env!.SLACK_API_URL || 'https://slack.com/api',
        redirectUri: `${baseUrlFor(requestUrl, env!.PUBLIC_URL)}/slack/oauth_redirect`,
        scopes: BOT_SCOPES,
        installations,
      };
    },
  },
  staticFile: async (path, c) => {
    if (path.startsWith('/api/') || path.startsWith('/data/')) return null;
    const res = await c.env.ASSETS.fetch(new URL(path, c.req.url), { redirect: 'manual' });
    // A copy, so middleware (security headers) can add to its headers.
    return res.status === 404 ? null : new Response(res.body, res);
  },
});

/** OAuth installations in D1, when a database and SLACK_TOKEN_KEY are set; null otherwise (static token only). */
function installationsOf(env: Env): InstallationStore | null {
  return env.DB && env.SLACK_TOKEN_KEY ? d1InstallationStore(env.DB, tokenCipher(env.SLACK_TOKEN_KEY)) : null;
}

/** The configured retention periods for the Home tab; the defaults if a setting is malformed (the daily job logs it). */
function safeRetention(env: Env) {
  try {
    return retentionPeriods(env as unknown as RetentionSettings);
  } catch {
    return { ...RETENTION_DEFAULTS };
  }
}

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext) {
    assets ??= env.ASSETS;
    return app.fetch(request, env, ctx);
  },
  // The daily Cron Trigger: delete stored rows past their retention (README: "What is stored").
  async scheduled(_controller: ScheduledController, env: Env, ctx: ExecutionContext) {
    if (!env.DB) return;
    ctx.waitUntil(
      applyRetention(env.DB, env as unknown as RetentionSettings).then(
        (r) => console.log('retention', JSON.stringify(r)),
        (err) => console.error('retention failed', err instanceof Error ? err.message : err),
      ),
    );
  },
} satisfies ExportedHandler<Env>;
