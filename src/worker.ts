import { Knowledge, type FullDocument, type StoredText } from './core/index';
import { createApp } from './http/app';
import { d1FeedbackStore } from './http/feedback';
import { RateLimiter } from './http/rate-limit';
import { hashUserId } from './http/slack';
import { slackApi } from './slack/web-api';
import { d1SlackStore, memorySlackStore } from './slack/store';
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
let limiter: RateLimiter | null | undefined;

const app = createApp({
  knowledge: () => knowledge,
  fullDocument: async (id, c) => {
    const res = await c.env.ASSETS.fetch(new URL(`/data/docs/${id}.json`, c.req.url));
    return res.ok ? ((await res.json()) as FullDocument) : null;
  },
  feedback: (c) => (c.env.DB ? d1FeedbackStore(c.env.DB) : null),
  rateLimiter: (c) => {
    if (limiter === undefined) {
      const perMinute = Number(c.env.RATE_LIMIT_PER_MINUTE ?? 60);
      limiter = Number.isFinite(perMinute) && perMinute > 0 ? new RateLimiter(perMinute) : null;
    }
    return limiter;
  },
  slack: {
    signingSecret: (env) => env?.SLACK_SIGNING_SECRET || null,
    handlers: (env) => {
      if (!env?.SLACK_SIGNING_SECRET || !env.SLACK_BOT_TOKEN) return null;
      const secret = env.SLACK_SIGNING_SECRET;
      return {
        knowledge,
        api: slackApi({ token: env.SLACK_BOT_TOKEN, baseUrl: env.SLACK_API_URL || undefined }),
        store: env.DB ? d1SlackStore(env.DB) : memorySlackStore(),
        publicUrl: env.PUBLIC_URL || 'http://127.0.0.1:8787',
        hashUser: (id) => hashUserId(id, secret),
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

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext) {
    assets ??= env.ASSETS;
    return app.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
