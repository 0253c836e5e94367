import { Hono, type Context } from 'hono';
import { verifySlackRequest } from '../slack/verify';
import { handleCommand, handleEnvelope, handleInteraction, type Handled, type SlackDeps } from '../slack/handlers';
import { installerOfCommand, installerOfEnvelope, installerOfInteraction, type Installer } from '../slack/installations';
import { endingOf } from '../slack/lifecycle';
import { apiError } from './errors';
import { slackOAuthRoutes, type OAuthSetting } from './slack-oauth';

/** Largest request Slack sends us that we accept (events and interaction payloads are far smaller). */
const MAX_SLACK_BODY = 256 * 1024;

export type SlackRouteDeps = {
  /** The signing secret, or null when Slack is not configured. */
  signingSecret: (env: Env | undefined) => string | null;
  /**
   * Handler dependencies for this request, or null while no bot token serves its workspace (the
   * install order sets the signing secret first). `requestUrl` gives links the request's origin
   * when PUBLIC_URL is empty; `who` picks the workspace's OAuth installation, if any.
   */
  handlers: (env: Env | undefined, requestUrl: string, who: Installer) => SlackDeps | null | Promise<SlackDeps | null>;
  /** Deletes a workspace's token and rows (app_uninstalled, tokens_revoked); absent where nothing is stored. */
  forget?: (env: Env | undefined, who: Installer) => Promise<void>;
  /** "Add to Slack" (OAuth v2): absent where the deployment does not offer it. */
  oauth?: (env: Env | undefined, requestUrl: string) => OAuthSetting;
};

/**
 * POST /slack/events: the Events API, slash commands and interactivity on one Request URL (Bolt's
 * convention). The signature is checked on the raw body before anything else runs.
 */
export function slackRoutes(deps: SlackRouteDeps) {
  const slack = new Hono<{ Bindings: Env }>();
  slack.post('/events', async (c) => {
    const secret = deps.signingSecret(c.env);
    if (!secret) {
      return apiError(c, 503, 'slack_not_configured', 'Slack is not configured on this deployment: set SLACK_SIGNING_SECRET (npx wrangler secret put SLACK_SIGNING_SECRET), then SLACK_BOT_TOKEN after installing the app.');
    }
    const length = Number(c.req.header('content-length') ?? 0);
    if (length > MAX_SLACK_BODY) return apiError(c, 413, 'body_too_large', 'Request body too large.');
    const raw = await c.req.text();
    if (raw.length > MAX_SLACK_BODY) return apiError(c, 413, 'body_too_large', 'Request body too large.');
    const verified = await verifySlackRequest(secret, { timestamp: c.req.header('x-slack-request-timestamp'), signature: c.req.header('x-slack-signature') }, raw);
    if (!verified.ok) return apiError(c, 401, 'invalid_signature', `The Slack signature was rejected: ${verified.reason}.`);

    // A validly signed body the app cannot read still gets 200: anything else counts as a failed
    // delivery at Slack (which retries it, and disables event subscriptions after enough failures).
    const type = c.req.header('content-type') ?? '';
    let handled: Handled;
    try {
      const parsed = readBody(type, raw);
      if (parsed.kind === 'envelope' && endingOf(parsed.body)) {
        // Uninstalled, or its bot token revoked: forget the workspace, whatever token is configured.
        await deps.forget?.(c.env, parsed.who);
        console.log(`slack: ${endingOf(parsed.body)} for ${parsed.who.enterpriseInstall ? `organization ${parsed.who.enterprise}` : `workspace ${parsed.who.team}`}; its token and rows were deleted`);
        return c.body('', 200);
      }
      const handlerDeps = await deps.handlers(c.env, c.req.url, parsed.who);
      if (!handlerDeps) return notInstalledYet(c, type, raw);
      if (parsed.kind === 'envelope') handled = await handleEnvelope(handlerDeps, parsed.body);
      else if (parsed.kind === 'interaction') handled = await handleInteraction(handlerDeps, parsed.payload as Parameters<typeof handleInteraction>[1]);
      else handled = await handleCommand(handlerDeps, parsed.form);
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
  if (deps.oauth) slack.route('/', slackOAuthRoutes(deps.oauth));
  return slack;
}

type Parsed =
  | { kind: 'envelope'; body: Record<string, unknown>; who: Installer }
  | { kind: 'interaction'; payload: Record<string, unknown>; who: Installer }
  | { kind: 'command'; form: URLSearchParams; who: Installer };

/** The three shapes Slack posts to the Request URL, each with the workspace it comes from. Throws on unreadable JSON. */
function readBody(type: string, raw: string): Parsed {
  if (type.includes('application/json')) {
    const body = JSON.parse(raw) as Record<string, unknown>;
    return { kind: 'envelope', body, who: installerOfEnvelope(body) };
  }
  const form = new URLSearchParams(raw);
  const payload = form.get('payload');
  if (payload) {
    const p = JSON.parse(payload) as Record<string, unknown>;
    return { kind: 'interaction', payload: p, who: installerOfInteraction(p) };
  }
  return { kind: 'command', form, who: installerOfCommand(form) };
}

/**
 * Signed traffic before SLACK_BOT_TOKEN is set: the URL verification works (Slack checks the
 * Request URL when the app is created, before it can be installed), commands say what is missing,
 * events are acknowledged and logged.
 */
function notInstalledYet(c: Context, type: string, raw: string) {
  const missing = 'Compendium is not installed for this workspace yet: an admin installs it from this deployment\'s /slack/install page, or (a single workspace) sets its bot token with npx wrangler secret put SLACK_BOT_TOKEN.';
  if (type.includes('application/json')) {
    try {
      const body = JSON.parse(raw) as { type?: unknown; challenge?: unknown };
      if (body.type === 'url_verification') return c.json({ challenge: body.challenge });
    } catch {
      // unreadable: acknowledged below like any other body
    }
    console.warn(`slack event ignored: ${missing}`);
    return c.body('', 200);
  }
  if (new URLSearchParams(raw).has('command')) return c.json({ response_type: 'ephemeral', text: missing });
  console.warn(`slack interaction ignored: ${missing}`);
  return c.body('', 200);
}

/** A stable, non-reversible id for a Slack user (SHA-256 of the id and a secret). */
export async function hashUserId(id: string, secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${secret}:${id}`));
  return [...new Uint8Array(digest)].slice(0, 16).map((b) => b.toString(16).padStart(2, '0')).join('');
}
