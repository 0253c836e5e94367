import { Hono } from 'hono';
import { verifySlackRequest } from '../slack/verify';
import { handleCommand, handleEnvelope, handleInteraction, type Handled, type SlackDeps } from '../slack/handlers';
import { apiError } from './errors';

/** Largest request Slack sends us that we accept (events and interaction payloads are far smaller). */
const MAX_SLACK_BODY = 256 * 1024;

export type SlackRouteDeps = {
  /** The signing secret, or null when Slack is not configured. */
  signingSecret: (env: Env | undefined) => string | null;
  /** Handler dependencies for this request, or null when Slack is not configured. */
  handlers: (env: Env | undefined) => SlackDeps | null;
};

/**
 * POST /slack/events: the Events API, slash commands and interactivity on one Request URL (Bolt's
 * convention). The signature is checked on the raw body before anything else runs.
 */
export function slackRoutes(deps: SlackRouteDeps) {
  const slack = new Hono<{ Bindings: Env }>();
  slack.post('/events', async (c) => {
    const secret = deps.signingSecret(c.env);
    const handlerDeps = deps.handlers(c.env);
    if (!secret || !handlerDeps) {
      return apiError(c, 503, 'slack_not_configured', 'Slack is not configured on this deployment: set SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (wrangler secret put ...).');
    }
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > MAX_SLACK_BODY) return apiError(c, 413, 'body_too_large', 'Request body too large.');
    const raw = await c.req.text();
    if (raw.length > MAX_SLACK_BODY) return apiError(c, 413, 'body_too_large', 'Request body too large.');
    const verified = await verifySlackRequest(secret, { timestamp: c.req.header('x-slack-request-timestamp'), signature: c.req.header('x-slack-signature') }, raw);
    if (!verified.ok) return apiError(c, 401, 'invalid_signature', `The Slack signature was rejected: ${verified.reason}.`);

    // A validly signed body the app cannot read still gets 200: anything else counts as a failed
    // delivery at Slack (which retries it, and disables event subscriptions after enough failures).
    let handled: Handled;
    const type = c.req.header('content-type') ?? '';
    try {
      if (type.includes('application/json')) {
        handled = await handleEnvelope(handlerDeps, JSON.parse(raw) as Record<string, unknown>);
      } else {
        const form = new URLSearchParams(raw);
        const payload = form.get('payload');
        handled = payload ? await handleInteraction(handlerDeps, JSON.parse(payload)) : await handleCommand(handlerDeps, form);
      }
    } catch (err) {
      console.error('slack request could not be handled:', err instanceof Error ? err.message : err);
      const isCommand = !type.includes('application/json') && new URLSearchParams(raw).has('command');
      return isCommand
        ? c.json({ response_type: 'ephemeral', text: 'Compendium could not read this request. Try `/compendium help`.' })
        : c.body('', 200);
    }
    if (handled.lazy) {
      const work = handled.lazy().catch((err) => console.error('slack follow-up failed', err));
      try {
        c.executionCtx.waitUntil(work);
      } catch {
        await work; // no execution context (in-process tests): finish before answering
      }
    }
    const { ack } = handled;
    if (ack.json !== undefined) return c.json(ack.json as object, ack.status as 200);
    return c.body(ack.text ?? '', ack.status as 200);
  });
  return slack;
}

/** A stable, non-reversible id for a Slack user (SHA-256 of the id and a secret). */
export async function hashUserId(id: string, secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${secret}:${id}`));
  return [...new Uint8Array(digest)].slice(0, 16).map((b) => b.toString(16).padStart(2, '0')).join('');
}
