import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../src/worker';
import { signSlackRequest } from '../../src/slack/verify';
import { d1InstallationStore, forgetWorkspace } from '../../src/slack/installations';
import { tokenCipher } from '../../src/slack/token-cipher';

const SECRET = 'workers-test-secret';
const KEY = 'workers-test-token-key-0123456789';

async function sendEvent(body: Record<string, unknown>) {
  const raw = JSON.stringify(body);
  const ts = Math.floor(Date.now() / 1000);
  return SELF.fetch('http://compendium.test/slack/events', { method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': await signSlackRequest(SECRET, ts, raw) }, body: raw });
}

/** Rows the app keeps for a workspace, table by table. */
async function rowsOf(team: string) {
  const count = async (table: string) => (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE team_id = ?`).bind(team).first<{ n: number }>())!.n;
  return { installations: await count('slack_installations'), threads: await count('slack_threads'), channels: await count('slack_channels'), events: await count('slack_events'), feedback: await count('feedback') };
}

async function seed(team: string) {
  await env.DB.batch([
    env.DB.prepare("INSERT INTO slack_threads (channel, thread_ts, last_question, team_id) VALUES ('C1', ?, 'q', ?)").bind(`${team}.1`, team),
    env.DB.prepare("INSERT INTO slack_channels (team_id, channel, mode) VALUES (?, 'C1', 'auto')").bind(team),
    env.DB.prepare("INSERT INTO slack_events (event_id, team_id) VALUES (?, ?)").bind(`Ev-${team}`, team),
    env.DB.prepare("INSERT INTO feedback (channel, question, vote, team_id) VALUES ('slack', 'q', 1, ?)").bind(team),
  ]);
}

describe('OAuth installations in D1', () => {
  it('keeps each bot token encrypted, finds it by team or organization, and refuses a changed key', async () => {
    const store = d1InstallationStore(env.DB, tokenCipher(KEY));
    await store.save({ team: 'TW1', enterpriseInstall: false, botToken: 'xoxb-w1', botUserId: 'UB1' });
    await store.save({ enterprise: 'EW', enterpriseInstall: true, botToken: 'xoxb-org' });
    const raw = await env.DB.prepare('SELECT bot_token FROM slack_installations').all<{ bot_token: string }>();
    expect(raw.results.length).toBe(2);
    expect(JSON.stringify(raw.results)).not.toContain('xoxb');
    expect((await store.find({ team: 'TW1', enterpriseInstall: false }))?.botToken).toBe('xoxb-w1');
    expect((await store.find({ team: 'T-any', enterprise: 'EW', enterpriseInstall: true }))?.botToken).toBe('xoxb-org');
    expect(await store.find({ team: 'T-none', enterpriseInstall: false })).toBeNull();
    await store.save({ team: 'TW1', enterpriseInstall: false, botToken: 'xoxb-w1-reinstalled' }); // a reinstall replaces the token
    expect((await store.find({ team: 'TW1', enterpriseInstall: false }))?.botToken).toBe('xoxb-w1-reinstalled');
    await expect(d1InstallationStore(env.DB, tokenCipher('a-different-key-0123456789')).find({ team: 'TW1', enterpriseInstall: false })).rejects.toThrow(/SLACK_TOKEN_KEY changed/);
  });

  it('forgetting a workspace deletes its token and every row kept for it, and nothing of another', async () => {
    const store = d1InstallationStore(env.DB, tokenCipher(KEY));
    await store.save({ team: 'TF1', enterpriseInstall: false, botToken: 'xoxb-f1' });
    await store.save({ team: 'TF2', enterpriseInstall: false, botToken: 'xoxb-f2' });
    await seed('TF1');
    await seed('TF2');
    await forgetWorkspace(env.DB, store, { team: 'TF1', enterpriseInstall: false });
    expect(await rowsOf('TF1')).toEqual({ installations: 0, threads: 0, channels: 0, events: 0, feedback: 0 });
    expect(await rowsOf('TF2')).toEqual({ installations: 1, threads: 1, channels: 1, events: 1, feedback: 1 });
  });

  it('app_uninstalled and tokens_revoked, signed and sent to the Worker, forget that workspace only', async () => {
    const store = d1InstallationStore(env.DB, tokenCipher(KEY));
    for (const t of ['TU1', 'TU2', 'TU3']) {
      await store.save({ team: t, enterpriseInstall: false, botToken: `xoxb-${t}` });
      await seed(t);
    }
    expect((await sendEvent({ type: 'event_callback', team_id: 'TU1', event_id: 'EvUn1', event: { type: 'app_uninstalled' } })).status).toBe(200);
    expect((await sendEvent({ type: 'event_callback', team_id: 'TU2', event_id: 'EvUn2', event: { type: 'tokens_revoked', tokens: { bot: ['UB2'] } } })).status).toBe(200);
    expect(await rowsOf('TU1')).toEqual({ installations: 0, threads: 0, channels: 0, events: 0, feedback: 0 });
    expect(await rowsOf('TU2')).toEqual({ installations: 0, threads: 0, channels: 0, events: 0, feedback: 0 });
    expect(await rowsOf('TU3')).toEqual({ installations: 1, threads: 1, channels: 1, events: 1, feedback: 1 });
  });

  it('/slack/install says what to set until OAuth is configured, then offers a signed link', async () => {
    const off = await SELF.fetch('http://compendium.test/slack/install');
    expect(off.status).toBe(503);
    expect(await off.text()).toContain('SLACK_CLIENT_ID');
    const ctx = createExecutionContext();
    const on = await worker.fetch(new Request('http://compendium.test/slack/install'), { ...env, SLACK_CLIENT_ID: 'cid', SLACK_CLIENT_SECRET: 'csecret', SLACK_STATE_SECRET: 'state-secret-for-tests' } as Env, ctx);
    await waitOnExecutionContext(ctx);
    expect(on.status).toBe(200);
    const href = new URL((await on.text()).match(/href="([^"]+)"/)![1]!.replace(/&amp;/g, '&'));
    expect(href.searchParams.get('redirect_uri')).toBe('http://compendium.test/slack/oauth_redirect');
    expect(href.searchParams.get('state')).toMatch(/^\d+\.[0-9a-f]{32}\.[0-9a-f]{64}$/);
    const ctx2 = createExecutionContext();
    const tampered = await worker.fetch(new Request(`http://compendium.test/slack/oauth_redirect?code=x&state=${href.searchParams.get('state')!.slice(0, -1)}0`), { ...env, SLACK_CLIENT_ID: 'cid', SLACK_CLIENT_SECRET: 'csecret', SLACK_STATE_SECRET: 'state-secret-for-tests' } as Env, ctx2);
    await waitOnExecutionContext(ctx2);
    expect(tampered.status).toBe(400);
    const ctx3 = createExecutionContext();
    const weakKey = await worker.fetch(new Request('http://compendium.test/slack/install'), { ...env, SLACK_CLIENT_ID: 'cid', SLACK_CLIENT_SECRET: 'csecret', SLACK_STATE_SECRET: 'state-secret-for-tests', SLACK_TOKEN_KEY: 'short' } as Env, ctx3);
    await waitOnExecutionContext(ctx3);
    expect(weakKey.status).toBe(503);
    expect(await weakKey.text()).toContain('SLACK_TOKEN_KEY');
  });
});

describe('OAuth end to end inside workerd, against the fake Slack on loopback', () => {
  const fake = (env as unknown as { FAKE_SLACK_URL: string }).FAKE_SLACK_URL;
  const oauthEnv = { ...env, SLACK_API_URL: `${fake}/api`, SLACK_CLIENT_ID: 'workers-client', SLACK_CLIENT_SECRET: 'workers-client-secret', SLACK_STATE_SECRET: 'workers-state-secret', SLACK_BOT_TOKEN: undefined } as unknown as Env;
  async function call(request: Request): Promise<Response> {
    const ctx = createExecutionContext();
    const res = await worker.fetch(request, oauthEnv, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  }
  async function install(team: string): Promise<Response> {
    const res = await call(new Request('https://compendium.test/slack/install'));
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const state = new URL((await res.text()).match(/href="([^"]+)"/)![1]!.replace(/&amp;/g, '&')).searchParams.get('state')!;
    return call(new Request(`https://compendium.test/slack/oauth_redirect?code=code-${team}&state=${state}`, { headers: { cookie } }));
  }
  async function mention(team: string, id: string) {
    const raw = JSON.stringify({ type: 'event_callback', team_id: team, event_id: id, authorizations: [{ team_id: team, user_id: `UB${team}`, is_bot: true }], event: { type: 'app_mention', user: 'U1', text: `<@UB${team}> what is a saga?`, channel: 'C1', ts: `${Math.random()}` } });
    const ts = Math.floor(Date.now() / 1000);
    return call(new Request('https://compendium.test/slack/events', { method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': await signSlackRequest(SECRET, ts, raw) }, body: raw }));
  }
  const posts = async (): Promise<Array<{ path: string; auth?: string; body: Record<string, unknown> }>> => ((await (await fetch(`${fake}/__calls`)).json()) as Array<{ path: string; auth?: string; body: Record<string, unknown> }>).filter((c) => c.path === '/api/chat.postMessage');

  it('two workspaces installed through OAuth each get answers posted with their own token; an uninstall leaves the other working', async () => {
    expect((await install('TOA')).status).toBe(200);
    expect((await install('TOB')).status).toBe(200);
    const stored = await env.DB.prepare("SELECT key, bot_token FROM slack_installations WHERE key IN ('T:TOA', 'T:TOB') ORDER BY key").all<{ key: string; bot_token: string }>();
    expect(stored.results.map((r) => r.key)).toEqual(['T:TOA', 'T:TOB']);
    expect(JSON.stringify(stored.results)).not.toContain('xoxb');

    await mention('TOA', 'EvOA1');
    await mention('TOB', 'EvOB1');
    const before = (await posts()).map((c) => c.auth);
    expect(before.slice(-2)).toEqual(['Bearer xoxb-TOA', 'Bearer xoxb-TOB']);

    await sendEvent({ type: 'event_callback', team_id: 'TOA', event_id: 'EvOAbye', event: { type: 'app_uninstalled' } });
    await mention('TOA', 'EvOA2'); // no token left for TOA: nothing is posted
    await mention('TOB', 'EvOB2');
    const after = (await posts()).map((c) => c.auth).slice(before.length);
    expect(after).toEqual(['Bearer xoxb-TOB']);
  });

  it('refuses a tampered or foreign state before calling Slack', async () => {
    const count = async () => ((await (await fetch(`${fake}/__calls`)).json()) as Array<{ path: string }>).filter((c) => c.path === '/api/oauth.v2.access').length;
    const n = await count();
    expect((await call(new Request('https://compendium.test/slack/oauth_redirect?code=code-TOC&state=1.2.3'))).status).toBe(400);
    const { signState } = await import('../../src/slack/oauth-state');
    const foreign = await signState('someone-elses-secret');
    expect((await call(new Request(`https://compendium.test/slack/oauth_redirect?code=code-TOC&state=${foreign}`))).status).toBe(400);
    expect(await count()).toBe(n);
  });
});
