import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { signState, verifyState } from '../slack/oauth-state';
import type { Installation, InstallationStore } from '../slack/installations';

/**
 * OAuth v2 install ("Add to Slack"), for any workspace or an Enterprise Grid organization:
 * GET /slack/install shows the button with a signed, expiring state; Slack sends the person back to
 * GET /slack/oauth_redirect, which checks the state, exchanges the code with oauth.v2.access and
 * stores the bot token (encrypted) for that workspace or organization.
 */
export type OAuthConfig = {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  /** The Web API base (SLACK_API_URL, or https://slack.com/api): oauth.v2.access is called there. */
  apiBase: string;
  /** Where Slack sends the person back; must be one of the manifest's redirect_urls. */
  redirectUri: string;
  scopes: readonly string[];
  installations: InstallationStore;
  fetch?: typeof fetch;
  now?: () => number;
};

/** What to set before OAuth works, or the configuration. */
export type OAuthSetting = OAuthConfig | { missing: string[] };

export const SLACK_AUTHORIZE_URL = 'https://slack.com/oauth/v2/authorize';

/**
 * The state's nonce is also set as a cookie on the install page, so the redirect completes only in
 * the browser that started it: a valid link sent to someone else (login CSRF) is refused.
 */
export const STATE_COOKIE = 'compendium_slack_oauth';

function nonceOf(state: string): string {
  return state.split('.')[1] ?? '';
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Compendium</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

type AccessResponse = {
  ok?: boolean;
  error?: string;
  access_token?: string;
  token_type?: string;
  scope?: string;
  bot_user_id?: string;
  app_id?: string;
  team?: { id?: string } | null;
  enterprise?: { id?: string } | null;
  is_enterprise_install?: boolean;
};

/** The installation an oauth.v2.access answer describes, or why it cannot be used. */
export function installationFromAccess(r: AccessResponse): Installation | { error: string } {
  if (!r.ok) return { error: r.error ?? 'oauth.v2.access failed' };
  if (r.token_type !== 'bot' || !r.access_token) return { error: 'Slack returned no bot token' };
  const enterpriseInstall = r.is_enterprise_install === true;
  const team = r.team?.id ?? undefined;
  const enterprise = r.enterprise?.id ?? undefined;
  if (enterpriseInstall ? !enterprise : !team) return { error: 'Slack did not say which workspace or organization installed the app' };
  return { team, enterprise, enterpriseInstall, botToken: r.access_token, botUserId: r.bot_user_id, scopes: r.scope, appId: r.app_id };
}

export function slackOAuthRoutes(setting: (env: Env | undefined, requestUrl: string) => OAuthSetting) {
  const oauth = new Hono<{ Bindings: Env }>();
  const notConfigured = (missing: string[]) =>
    page('Install from this page is not set up', `<p>The operator of this deployment must set ${missing.map((m) => `<code>${escapeHtml(m)}</code>`).join(', ')} (npx wrangler secret put &lt;NAME&gt;) to offer "Add to Slack". See the README, "Slack".</p>`);

  oauth.get('/install', async (c) => {
    c.header('cache-control', 'no-store');
    const config = setting(c.env, c.req.url);
    if ('missing' in config) return c.html(notConfigured(config.missing), 503);
    const now = Math.floor((config.now?.() ?? Date.now()) / 1000);
    const url = new URL(SLACK_AUTHORIZE_URL);
    url.searchParams.set('client_id', config.clientId);
    url.searchParams.set('scope', config.scopes.join(','));
    url.searchParams.set('redirect_uri', config.redirectUri);
    const state = await signState(config.stateSecret, now);
    url.searchParams.set('state', state);
    setCookie(c, STATE_COOKIE, nonceOf(state), { httpOnly: true, secure: true, sameSite: 'Lax', path: '/slack', maxAge: 10 * 60 });
    return c.html(
      page('Add Compendium to Slack', `<p>Installs the Compendium app in your workspace (or, for an Enterprise Grid admin, your organization). The link is valid for ten minutes.</p><p><a id="add-to-slack" href="${escapeHtml(url.toString())}">Add to Slack</a></p>`),
    );
  });

  oauth.get('/oauth_redirect', async (c) => {
    c.header('cache-control', 'no-store');
    const config = setting(c.env, c.req.url);
    if ('missing' in config) return c.html(notConfigured(config.missing), 503);
    const now = Math.floor((config.now?.() ?? Date.now()) / 1000);
    const state = await verifyState(config.stateSecret, c.req.query('state'), now);
    if (state.ok && getCookie(c, STATE_COOKIE) !== nonceOf(c.req.query('state') ?? '')) {
      return c.html(page('This install link is not valid', '<p>Finish the install in the browser where you opened <a href="install">Add to Slack</a> (the link is tied to it). Start again from there.</p>'), 400);
    }
    deleteCookie(c, STATE_COOKIE, { path: '/slack', secure: true });
    if (!state.ok) return c.html(page('This install link is not valid', `<p>The link was changed, has expired, or did not come from this site (${escapeHtml(state.reason)}). Start again from <a href="install">Add to Slack</a>.</p>`), 400);
    const denied = c.req.query('error');
    if (denied) return c.html(page('Compendium was not installed', `<p>Slack reported: ${escapeHtml(denied)}. Nothing was stored.</p>`), 200);
    const code = c.req.query('code');
    if (!code) return c.html(page('This install link is not valid', '<p>Slack sent no authorization code. Start again from <a href="install">Add to Slack</a>.</p>'), 400);

    const f = config.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
    let answer: AccessResponse;
    try {
      const res = await f(`${config.apiBase.replace(/\/+$/, '')}/oauth.v2.access`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${btoa(`${config.clientId}:${config.clientSecret}`)}` },
        body: new URLSearchParams({ code, redirect_uri: config.redirectUri }).toString(),
      });
      answer = (await res.json()) as AccessResponse;
    } catch (err) {
      console.error('slack oauth.v2.access failed:', err instanceof Error ? err.message : err);
      return c.html(page('Slack could not be reached', '<p>Try again in a minute from <a href="install">Add to Slack</a>.</p>'), 502);
    }
    const installation = installationFromAccess(answer);
    if ('error' in installation) {
      console.error(`slack oauth.v2.access refused: ${installation.error}`);
      return c.html(page('Compendium was not installed', `<p>Slack refused the install (${escapeHtml(installation.error)}). Start again from <a href="install">Add to Slack</a>.</p>`), 502);
    }
    await config.installations.save(installation);
    const where = installation.enterpriseInstall ? 'your organization' : 'your workspace';
    return c.html(page('Compendium is installed', `<p>Compendium is installed in ${where}. Invite it to a channel with <code>/invite @compendium</code>, mention it, or open it from the apps list.</p>`));
  });
  return oauth;
}
