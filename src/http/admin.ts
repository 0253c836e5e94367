import { Hono } from 'hono';
import { apiError } from './errors';
import { rateLimit } from './rate-limit';
import type { AppDeps } from './deps';

/** Largest page of feedback one request returns. */
export const ADMIN_FEEDBACK_MAX = 200;

/** Compares two secrets in time independent of where they differ (both are hashed first). */
async function sameSecret(given: string, expected: string): Promise<boolean> {
  const enc = new TextEncoder();
  const [a, b] = await Promise.all([crypto.subtle.digest('SHA-256', enc.encode(given)), crypto.subtle.digest('SHA-256', enc.encode(expected))]);
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!;
  return diff === 0;
}

/**
 * Admin routes, behind `Authorization: Bearer <ADMIN_TOKEN>` (a secret from the environment; the
 * routes are off without it). GET /api/admin/feedback lists recent feedback, 👎 first by default,
 * with the reasons people gave, so a bad answer leads somewhere.
 */
export function adminRoutes(deps: AppDeps) {
  const admin = new Hono<{ Bindings: Env }>();
  admin.use('*', async (c, next) => rateLimit(() => deps.rateLimiter(c))(c, next));
  admin.get('/feedback', async (c) => {
    const token = c.env?.ADMIN_TOKEN;
    if (!token) return apiError(c, 503, 'admin_disabled', 'Admin routes are off on this deployment: set ADMIN_TOKEN (npx wrangler secret put ADMIN_TOKEN).');
    const auth = c.req.header('authorization') ?? '';
    const given = /^Bearer (.+)$/i.exec(auth)?.[1] ?? '';
    if (!given || !(await sameSecret(given, token))) return apiError(c, 401, 'unauthorized', 'Send the admin token as Authorization: Bearer <ADMIN_TOKEN>.');
    const vote = c.req.query('vote') ?? 'down';
    if (!['up', 'down', 'all'].includes(vote)) return apiError(c, 400, 'invalid_vote', 'vote must be "down" (the default), "up" or "all".');
    const rawLimit = c.req.query('limit') ?? '50';
    const limit = Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > ADMIN_FEEDBACK_MAX) return apiError(c, 400, 'invalid_limit', `limit must be a whole number from 1 to ${ADMIN_FEEDBACK_MAX} (it is "${rawLimit.slice(0, 20)}").`);
    const list = deps.feedbackList?.(c);
    if (!list) return apiError(c, 503, 'feedback_unavailable', 'Feedback is not stored on this deployment (no database is configured).');
    try {
      return c.json({ feedback: await list({ vote: vote === 'all' ? undefined : (vote as 'up' | 'down'), limit }) });
    } catch (err) {
      console.error('admin feedback listing failed', err);
      return apiError(c, 503, 'feedback_unavailable', 'The feedback could not be read right now; /healthz shows the database state.');
    }
  });
  admin.all('*', (c) => apiError(c, 404, 'not_found', 'Admin routes: GET /api/admin/feedback?vote=down&limit=50.'));
  return admin;
}
