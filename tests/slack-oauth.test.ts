import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/http/app';
import { hashUserId } from '../src/http/slack';
import { databaseState } from '../src/http/health';
import { signSlackRequest } from '../src/slack/verify';
import { signState, verifyState } from '../src/slack/oauth-state';
import { tokenCipher } from '../src/slack/token-cipher';
import { botTokenFor, candidateKeys, installerOfCommand, installerOfEnvelope, installerOfInteraction, memoryInstallationStore } from '../src/slack/installations';
import { installationFromAccess } from '../src/http/slack-oauth';
import { memorySlackStore } from '../src/slack/store';
import { slackApi } from '../src/slack/web-api';
import { BOT_SCOPES } from '../src/slack/manifest';
import { builtKnowledge } from './helpers/knowledge';
import { fakeSlack, type Call } from './helpers/fake-slack';

const knowledge = builtKnowledge();
const SIGNING = 'oauth-test-signing-secret';
const STATE_SECRET = 'oauth-test-state-secret';
const TOKEN_KEY = 'oauth-test-token-key-0123456789';

describe('OAuth state (signed, expiring)', () => {
  const now = 1_800_000_000;
  it('accepts a state it signed, within ten minutes', async () => {
    expect(await verifyState(STATE_SECRET, await signState(STATE_SECRET, now), now + 599)).toEqual({ ok: true });
  });
  it.each([
    ['expired', async () => ({ state: await signState(STATE_SECRET, now), at: now + 601 }), 'expired'],
    ['signed with another secret', async () => ({ state: await signState('someone-else', now), at: now }), 'does not match'],
    ['with a changed expiry', async () => ({ state: (await signState(STATE_SECRET, now)).replace(/^\d+/, String(now + 99_999)), at: now }), 'does not match'],
    ['with a changed signature', async () => ({ state: (await signState(STATE_SECRET, now)).replace(/.$/, (ch) => (ch === '0' ? '1' : '0')), at: now }), 'does not match'],
    ['missing', async () => ({ state: '', at: now }), 'malformed'],
    ['not ours at all', async () => ({ state: 'abc.def.ghi', at: now }), 'malformed'],
  ])('refuses a state %s', async (_n, make, reason) => {
    const { state, at } = await make();
    const r = await verifyState(STATE_SECRET, state, at);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
});

describe('bot tokens at rest (AES-GCM)', () => {
  it('round-trips, never stores the token in clear, and binds each ciphertext to its installation', async () => {
    const c = tokenCipher(TOKEN_KEY);
    const sealed = await c.encrypt('xoxb-secret-token', 'T:TA');
    expect(sealed).not.toContain('xoxb');
    expect(await c.decrypt(sealed, 'T:TA')).toBe('xoxb-secret-token');
    expect(await c.decrypt(sealed, 'T:TB')).toBeNull(); // copied onto another workspace's row
    expect(await tokenCipher('another-key-0123456789abcdef').decrypt(sealed, 'T:TA')).toBeNull();
    expect(await c.encrypt('xoxb-secret-token', 'T:TA')).not.toBe(sealed); // a fresh IV each time
    expect(() => tokenCipher('short')).toThrow(/SLACK_TOKEN_KEY/);
  });
});

describe('which installation serves a request', () => {
  it('reads the team and enterprise from events, commands and interactions', () => {
    expect(installerOfEnvelope({ team_id: 'T1', enterprise_id: 'E1', authorizations: [{ is_enterprise_install: true }] })).toEqual({ team: 'T1', enterprise: 'E1', enterpriseInstall: true });
    expect(installerOfCommand(new URLSearchParams({ team_id: 'T2', enterprise_id: '', is_enterprise_install: 'false' }))).toEqual({ team: 'T2', enterprise: undefined, enterpriseInstall: false });
    expect(installerOfInteraction({ team: { id: 'T3' }, enterprise: { id: 'E3' }, is_enterprise_install: true })).toEqual({ team: 'T3', enterprise: 'E3', enterpriseInstall: true });
  });
  it.each([
    [{ team: 'T1', enterpriseInstall: false }, ['T:T1']],
    [{ team: 'T1', enterprise: 'E1', enterpriseInstall: true }, ['E:E1', 'T:T1']],
    [{ team: 'T1', enterprise: 'E1', enterpriseInstall: false }, ['T:T1', 'E:E1']],
  ])('%j looks in %j', (who, keys) => expect(candidateKeys(who)).toEqual(keys));
  it('reads oauth.v2.access: a workspace, an org-wide install, and refusals', () => {
    expect(installationFromAccess({ ok: true, token_type: 'bot', access_token: 'xoxb-1', team: { id: 'T1' }, enterprise: null, is_enterprise_install: false, bot_user_id: 'UB' })).toMatchObject({ team: 'T1', enterpriseInstall: false, botToken: 'xoxb-1' });
    expect(installationFromAccess({ ok: true, token_type: 'bot', access_token: 'xoxb-2', team: null, enterprise: { id: 'E1' }, is_enterprise_install: true })).toMatchObject({ enterprise: 'E1', enterpriseInstall: true });
    expect(installationFromAccess({ ok: false, error: 'invalid_code' })).toEqual({ error: 'invalid_code' });
    expect(installationFromAccess({ ok: true, token_type: 'user', access_token: 'xoxp-1', team: { id: 'T1' } })).toHaveProperty('error');
  });
});

describe('installing in any workspace (OAuth v2) against a fake Slack on loopback', () => {
  let slack: Awaited<ReturnType<typeof fakeSlack>>;
  let installations: ReturnType<typeof memoryInstallationStore>;
  let app: ReturnType<typeof createApp>;
  let clock = 1_800_000_000_000;
  let staticToken: string | undefined;
  const store = memorySlackStore();
  // The fake's oauth.v2.access: each code installs one workspace (or an organization).
  const grants: Record<string, Record<string, unknown>> = {
    'code-A': { ok: true, token_type: 'bot', access_token: 'xoxb-team-a', scope: BOT_SCOPES.join(','), bot_user_id: 'UBA', app_id: 'A1', team: { id: 'TA', name: 'A' }, enterprise: null, is_enterprise_install: false },
    'code-B': { ok: true, token_type: 'bot', access_token: 'xoxb-team-b', scope: BOT_SCOPES.join(','), bot_user_id: 'UBB', app_id: 'A1', team: { id: 'TB', name: 'B' }, enterprise: null, is_enterprise_install: false },
    'code-E': { ok: true, token_type: 'bot', access_token: 'xoxb-org-e', scope: BOT_SCOPES.join(','), bot_user_id: 'UBE', app_id: 'A1', team: null, enterprise: { id: 'EE', name: 'Grid' }, is_enterprise_install: true },
  };

  beforeAll(async () => {
    slack = await fakeSlack((call: Call) => {
      if (call.path === '/api/oauth.v2.access') {
        const basic = Buffer.from(String(call.auth).replace(/^Basic /, ''), 'base64').toString();
        if (basic !== 'client-1:client-secret-1') return { ok: false, error: 'invalid_client_id' };
        return grants[String(call.body.code)] ?? { ok: false, error: 'invalid_code' };
      }
      return { ok: true, ts: '1700000000.000100' };
    });
  });
  afterAll(() => slack.close());
  beforeEach(() => {
    slack.calls.length = 0;
    staticToken = undefined;
    clock = 1_800_000_000_000;
    installations = memoryInstallationStore(tokenCipher(TOKEN_KEY));
    app = createApp({
      knowledge: () => knowledge,
      fullDocument: async () => null,
      staticFile: async () => null,
      feedback: () => null,
      rateLimiter: () => null,
      database: () => databaseState(undefined),
      slack: {
        signingSecret: () => SIGNING,
        handlers: async (_env, _url, who) => {
          const token = await botTokenFor(who, installations, staticToken);
          if (!token) return null;
          return { knowledge, api: slackApi({ token, baseUrl: `${slack.url}/api`, log: () => {} }), store, publicUrl: 'https://compendium.test', hashUser: (id) => hashUserId(id, SIGNING) };
        },
        forget: async (_env, who) => void (await installations.remove(who)),
        oauth: () => ({ clientId: 'client-1', clientSecret: 'client-secret-1', stateSecret: STATE_SECRET, apiBase: `${slack.url}/api`, redirectUri: 'https://compendium.test/slack/oauth_redirect', scopes: BOT_SCOPES, installations, now: () => clock }),
      },
    });
  });

  /** The browser's cookie from the last install page (the state is tied to it). */
  let cookie = '';
  /** The "Add to Slack" link's state, as the install page gives it. */
  async function installState(): Promise<string> {
    const res = await app.request('http://x/slack/install');
    cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const href = (await res.text()).match(/href="([^"]+)"/)![1]!.replace(/&amp;/g, '&');
    const url = new URL(href);
    expect(url.origin + url.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(url.searchParams.get('client_id')).toBe('client-1');
    expect(url.searchParams.get('scope')).toBe(BOT_SCOPES.join(','));
    expect(url.searchParams.get('redirect_uri')).toBe('https://compendium.test/slack/oauth_redirect');
    return url.searchParams.get('state')!;
  }
  const redirect = (code: string, state: string, withCookie = cookie) => app.request(`http://x/slack/oauth_redirect?${new URLSearchParams({ code, state })}`, { headers: withCookie ? { cookie: withCookie } : {} });
  async function mention(team: string, text = 'what is a saga?', extra: Record<string, unknown> = {}) {
    const body = JSON.stringify({ type: 'event_callback', team_id: team, event_id: `Ev${Math.random()}`, authorizations: [{ team_id: team, user_id: 'UBOT', is_bot: true }], event: { type: 'app_mention', user: 'U1', text: `<@UBOT> ${text}`, channel: 'C1', ts: `${Math.random()}` }, ...extra });
    const ts = Math.floor(Date.now() / 1000);
    return app.request('http://x/slack/events', { method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': await signSlackRequest(SIGNING, ts, body) }, body });
  }
  const posts = () => slack.calls.filter((c) => c.path === '/api/chat.postMessage');

  it('installs two workspaces; each gets its answers posted with its own token', async () => {
    expect((await redirect('code-A', await installState())).status).toBe(200);
    const b = await redirect('code-B', await installState());
    expect(b.status).toBe(200);
    expect(await b.text()).toContain('Compendium is installed');
    const exchange = slack.calls.filter((c) => c.path === '/api/oauth.v2.access');
    expect(exchange.map((c) => c.body)).toEqual([
      { code: 'code-A', redirect_uri: 'https://compendium.test/slack/oauth_redirect' },
      { code: 'code-B', redirect_uri: 'https://compendium.test/slack/oauth_redirect' },
    ]);
    // Stored encrypted: no row holds a token in clear.
    expect(JSON.stringify([...installations.rows.values()])).not.toContain('xoxb');

    await mention('TA');
    await mention('TB');
    expect(posts().map((c) => c.auth)).toEqual(['Bearer xoxb-team-a', 'Bearer xoxb-team-b']);
  });

  it('serves every workspace of an organization from one org-wide install', async () => {
    expect((await redirect('code-E', await installState())).status).toBe(200);
    await mention('T-in-grid', 'what is a bulkhead?', { enterprise_id: 'EE', authorizations: [{ team_id: null, enterprise_id: 'EE', user_id: 'UBOT', is_bot: true, is_enterprise_install: true }] });
    expect(posts().map((c) => c.auth)).toEqual(['Bearer xoxb-org-e']);
  });

  it('refuses a tampered or expired state, and a code Slack refuses, without storing anything', async () => {
    const state = await installState();
    const tampered = state.replace(/.$/, (ch) => (ch === '0' ? '1' : '0'));
    const bad = await redirect('code-A', tampered);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('not valid');
    clock += 11 * 60 * 1000;
    expect((await redirect('code-A', state)).status).toBe(400);
    expect(slack.calls.filter((c) => c.path === '/api/oauth.v2.access')).toHaveLength(0); // never exchanged
    const refused = await redirect('code-unknown', await installState());
    expect(refused.status).toBe(502);
    expect(await refused.text()).toContain('invalid_code');
    expect(installations.rows.size).toBe(0);
    // A person who cancels on Slack's page comes back with error=access_denied: nothing is stored.
    const cancelled = await app.request(`http://x/slack/oauth_redirect?${new URLSearchParams({ error: 'access_denied', state: await installState() })}`, { headers: { cookie } });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.text()).toContain('access_denied');
    expect(installations.rows.size).toBe(0);
  });

  it('completes only in the browser that opened the install page (the state is tied to its cookie)', async () => {
    const first = await installState();
    const firstCookie = cookie;
    await installState(); // another browser
    expect((await redirect('code-A', first, '')).status).toBe(400);
    expect((await redirect('code-A', first)).status).toBe(400); // the other browser's cookie
    expect(slack.calls.filter((c) => c.path === '/api/oauth.v2.access')).toHaveLength(0);
    expect((await redirect('code-A', first, firstCookie)).status).toBe(200);
  });

  it('an uninstall forgets that workspace only; the other keeps working', async () => {
    await redirect('code-A', await installState());
    await redirect('code-B', await installState());
    await mention('TA', 'what is a saga?', { event: { type: 'app_uninstalled' } });
    expect([...installations.rows.keys()]).toEqual(['T:TB']);
    slack.calls.length = 0;
    await mention('TA');
    await mention('TB');
    expect(posts().map((c) => c.auth)).toEqual(['Bearer xoxb-team-b']);
    // tokens_revoked for the bot ends the installation too; for users only, it does not.
    await mention('TB', '', { event: { type: 'tokens_revoked', tokens: { oauth: ['U1'], bot: [] } } });
    expect([...installations.rows.keys()]).toEqual(['T:TB']);
    await mention('TB', '', { event: { type: 'tokens_revoked', tokens: { bot: ['UBB'] } } });
    expect(installations.rows.size).toBe(0);
  });

  it('a static SLACK_BOT_TOKEN still serves a single workspace; an installed workspace uses its own', async () => {
    staticToken = 'xoxb-static';
    await mention('TX');
    await redirect('code-A', await installState());
    await mention('TA');
    expect(posts().map((c) => c.auth)).toEqual(['Bearer xoxb-static', 'Bearer xoxb-team-a']);
  });
});
