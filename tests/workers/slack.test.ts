import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import worker from '../../src/worker';
import { describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../src/slack/verify';

const SECRET = 'workers-test-secret';
const URL_ = 'http://compendium.test/slack/events';

async function send(body: string, contentType: string, opts: { sign?: boolean; age?: number; secret?: string } = {}) {
  const ts = Math.floor(Date.now() / 1000) - (opts.age ?? 0);
  const headers: Record<string, string> = { 'content-type': contentType, 'x-slack-request-timestamp': String(ts) };
  if (opts.sign !== false) headers['x-slack-signature'] = await signSlackRequest(opts.secret ?? SECRET, ts, body);
  return SELF.fetch(URL_, { method: 'POST', headers, body });
}

/** The deployed Worker with some settings removed or changed, as during an install. */
async function sendWith(overrides: Partial<Record<keyof Env, string | undefined>>, body: string, contentType: string) {
  const ts = Math.floor(Date.now() / 1000);
  const headers = { 'content-type': contentType, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': await signSlackRequest(SECRET, ts, body) };
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(URL_, { method: 'POST', headers, body }), { ...env, ...overrides } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe('installing the Slack app, in the README order', () => {
  const challenge = JSON.stringify({ type: 'url_verification', challenge: 'first-verification' });

  it('1. before the signing secret is set, says what to set', async () => {
    const res = await sendWith({ SLACK_SIGNING_SECRET: undefined, SLACK_BOT_TOKEN: undefined }, challenge, 'application/json');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('SLACK_SIGNING_SECRET');
  });

  it('2. with only the signing secret, the Request URL verifies and commands say the token is missing', async () => {
    const res = await sendWith({ SLACK_BOT_TOKEN: undefined }, challenge, 'application/json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'first-verification' });
    const cmd = await sendWith({ SLACK_BOT_TOKEN: undefined }, new URLSearchParams({ command: '/compendium', text: 'what is a saga?', user_id: 'U1', channel_id: 'C1' }).toString(), 'application/x-www-form-urlencoded');
    expect(cmd.status).toBe(200);
    expect(((await cmd.json()) as { text: string }).text).toContain('SLACK_BOT_TOKEN');
    const ev = await sendWith({ SLACK_BOT_TOKEN: undefined }, JSON.stringify({ type: 'event_callback', event_id: 'EvEarly', event: { type: 'app_mention', text: '<@U0> hi', channel: 'C1', ts: '1.1' } }), 'application/json');
    expect(ev.status).toBe(200);
  });

  it('3. with the bot token, answers link to PUBLIC_URL, or to the origin Slack called when it is empty (never 127.0.0.1)', async () => {
    const form = new URLSearchParams({ command: '/compendium', text: 'what is a saga?', user_id: 'U1', channel_id: 'C1' }).toString();
    const fromOrigin = JSON.stringify(await (await sendWith({ PUBLIC_URL: '' }, form, 'application/x-www-form-urlencoded')).json());
    expect(fromOrigin).toContain('<http://compendium.test/docs/');
    expect(fromOrigin).not.toContain('127.0.0.1');
    const fromSetting = JSON.stringify(await (await sendWith({ PUBLIC_URL: 'https://compendium.example.com' }, form, 'application/x-www-form-urlencoded')).json());
    expect(fromSetting).toContain('<https://compendium.example.com/docs/');
  });
});

describe('Slack endpoint inside workerd', () => {
  it('answers url_verification', async () => {
    const res = await send(JSON.stringify({ type: 'url_verification', challenge: 'c-1' }), 'application/json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-1' });
  });

  it.each([
    ['no signature', { sign: false }],
    ['a wrong secret', { secret: 'nope' }],
    ['a replayed request', { age: 600 }],
  ])('rejects %s with 401', async (_n, opts) => {
    const res = await send(JSON.stringify({ type: 'url_verification', challenge: 'x' }), 'application/json', opts);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_signature');
  });

  it('acknowledges a slash command at once with the calculator result, privately', async () => {
    const form = new URLSearchParams({ command: '/calc', text: 'availability 99.9% 99.95% mode=series', user_id: 'U1', channel_id: 'C1', response_url: 'http://127.0.0.1:9/respond' });
    const res = await send(form.toString(), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { response_type: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    expect(JSON.stringify(body.blocks)).toContain('99.85');
  });

  it('handles a retried event once (event ids kept in D1)', async () => {
    const body = JSON.stringify({ type: 'event_callback', event_id: 'EvRetry1', event: { type: 'app_mention', user: 'U1', text: '<@UB> what is a saga?', channel: 'C1', ts: '1.1' } });
    expect((await send(body, 'application/json')).status).toBe(200);
    expect((await send(body, 'application/json')).status).toBe(200);
    const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM slack_events WHERE event_id = ?').bind('EvRetry1').first<{ n: number }>();
    expect(row?.n).toBe(1);
  });

  it('keeps an event open for redelivery until its answer is posted (status in D1)', async () => {
    const { d1SlackStore } = await import('../../src/slack/store');
    const store = d1SlackStore(env.DB);
    expect(await store.claimEvent('EvStatus1', 'T1')).toBe(true);
    expect(await store.claimEvent('EvStatus1', 'T1')).toBe(false); // an attempt is running
    await store.finishEvent('EvStatus1', false);
    expect(await store.claimEvent('EvStatus1', 'T1')).toBe(true); // it failed: the redelivery runs
    await store.finishEvent('EvStatus1', true);
    expect(await store.claimEvent('EvStatus1', 'T1')).toBe(false); // answered: never again
    const stale = new Date(Date.now() - 60_000).toISOString();
    await env.DB.prepare("INSERT INTO slack_events (event_id, status, received_at) VALUES ('EvStale', 'pending', ?)").bind(stale).run();
    expect(await store.claimEvent('EvStale', 'T1')).toBe(true); // an abandoned attempt is taken over
  });

  it('keeps per-channel modes and thread askers in D1', async () => {
    const { d1SlackStore } = await import('../../src/slack/store');
    const store = d1SlackStore(env.DB);
    const where = { team: 'T1', channel: 'C1' };
    expect(await store.channelSettings(where)).toEqual({ mode: 'followups' });
    await store.updateChannel(where, { mode: 'auto' });
    await store.updateChannel(where, { humanGroup: 'S123' });
    expect(await store.channelSettings(where)).toEqual({ mode: 'auto', humanGroup: 'S123' });
    expect(await store.channelSettings({ team: 'T2', channel: 'C1' })).toEqual({ mode: 'followups' });
    await store.rememberThread(where, '9.1', { question: 'what is a saga?', asker: 'h-asker', sources: ['patterns/saga'] });
    await store.rememberThread(where, '9.1', { question: 'and the cost?', asker: 'h-other', sources: ['patterns/saga'] });
    expect(await store.thread(where, '9.1')).toEqual({ question: 'and the cost?', asker: 'h-asker', sources: ['patterns/saga'] });
    const row = await env.DB.prepare("SELECT team_id FROM slack_threads WHERE thread_ts = '9.1'").first<{ team_id: string }>();
    expect(row?.team_id).toBe('T1');
  });

  it('stores one vote per Slack user per answer, with its workspace (a second click changes the vote)', async () => {
    const click = (action: string, user = 'UV1') =>
      send(new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', user: { id: user, team_id: 'T9' }, team: { id: 'T9' }, actions: [{ action_id: action, value: JSON.stringify({ q: 'what is a bulkhead?', s: ['patterns/bulkhead'] }) }] }) }).toString(), 'application/x-www-form-urlencoded');
    await click('feedback_up');
    await click('feedback_down');
    await click('feedback_down', 'UV2');
    const rows = await env.DB.prepare("SELECT vote, team_id FROM feedback WHERE question = 'what is a bulkhead?' ORDER BY vote").all<{ vote: number; team_id: string }>();
    expect(rows.results).toEqual([
      { vote: -1, team_id: 'T9' },
      { vote: -1, team_id: 'T9' },
    ]);
    const { d1SlackStore } = await import('../../src/slack/store');
    await d1SlackStore(env.DB).claimEvent('EvTeam', 'T9');
    expect((await env.DB.prepare("SELECT team_id FROM slack_events WHERE event_id = 'EvTeam'").first<{ team_id: string }>())?.team_id).toBe('T9');
  });

  it('expires thread context and event ids on configurable periods', async () => {
    const { applyRetention } = await import('../../src/http/retention');
    const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO slack_threads (channel, thread_ts, last_question, updated_at, team_id) VALUES ('CR', '1.1', 'q', ?, 'T1')").bind(days(2)),
      env.DB.prepare("INSERT INTO slack_threads (channel, thread_ts, last_question, team_id) VALUES ('CR', '2.2', 'q', 'T1')"),
      env.DB.prepare("INSERT INTO slack_events (event_id, received_at, team_id) VALUES ('EvR-old', ?, 'T1')").bind(days(0.5)),
    ]);
    const r = await applyRetention(env.DB, { THREAD_RETENTION_DAYS: '1', SLACK_EVENT_RETENTION_HOURS: '6' });
    expect(r.slackThreads).toBeGreaterThanOrEqual(1);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM slack_threads WHERE channel = 'CR'").first<{ n: number }>())?.n).toBe(1);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM slack_events WHERE event_id = 'EvR-old'").first<{ n: number }>())?.n).toBe(0);
    await expect(applyRetention(env.DB, { THREAD_RETENTION_DAYS: 'a month' })).rejects.toThrow(/THREAD_RETENTION_DAYS must be a positive number/);
  });

  it('lists recent 👎 with their reasons for an admin (Authorization: Bearer ADMIN_TOKEN), and refuses anyone else', async () => {
    const { d1FeedbackStore } = await import('../../src/http/feedback');
    const fb = d1FeedbackStore(env.DB);
    await fb.save({ channel: 'slack', question: 'how do I size a thread pool?', vote: 'down', sources: ['patterns/bulkhead'], voter: 'v1', team: 'T1' });
    await fb.save({ channel: 'slack', question: 'how do I size a thread pool?', vote: 'down', sources: ['patterns/bulkhead'], voter: 'v1', team: 'T1', reason: 'incomplete: no formula', missingSource: 'quantitative/littles-law' });
    await fb.save({ channel: 'web', question: 'what is a saga?', vote: 'up', sources: [], voter: 'v2' });
    const get = (query: string, token?: string) => SELF.fetch(`http://compendium.test/api/admin/feedback${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await get('')).status).toBe(401);
    expect((await get('', 'wrong-token')).status).toBe(401);
    expect((await get('?vote=sideways', 'workers-admin-token')).status).toBe(400);
    expect((await get('?limit=0', 'workers-admin-token')).status).toBe(400);
    const res = await get('?limit=10', 'workers-admin-token');
    expect(res.status).toBe(200);
    const rows = ((await res.json()) as { feedback: Array<Record<string, unknown>> }).feedback;
    expect(rows.find((r) => r.question === 'how do I size a thread pool?')).toMatchObject({ vote: 'down', reason: 'incomplete: no formula', missingSource: 'quantitative/littles-law', team: 'T1', sources: ['patterns/bulkhead'] });
    expect(rows.every((r) => r.vote === 'down')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('v1'); // no voter in the listing
  });

  it('reports the database state on /healthz', async () => {
    const health = (await (await SELF.fetch('http://compendium.test/healthz')).json()) as { ok: boolean; database: { status: string } };
    expect(health).toMatchObject({ ok: true, database: { status: 'ok' } });
  });

  it('acknowledges interactions and rejects unreadable payloads', async () => {
    const ok = await send(new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'feedback_up', value: JSON.stringify({ q: 'what is a saga?', s: ['patterns/saga'] }) }] }) }).toString(), 'application/x-www-form-urlencoded');
    expect(ok.status).toBe(200);
    const row = await env.DB.prepare("SELECT channel, vote, user_hash FROM feedback WHERE channel = 'slack' ORDER BY id DESC LIMIT 1").first<{ channel: string; vote: number; user_hash: string }>();
    expect(row?.vote).toBe(1);
    expect(row?.user_hash).toMatch(/^[0-9a-f]{32}$/);
    // A signed body the app cannot read still gets 200: Slack would count anything else as a failed delivery.
    const bad = await send('payload=%7Bnot-json', 'application/x-www-form-urlencoded');
    expect(bad.status).toBe(200);
    expect((await send('{not json', 'application/json')).status).toBe(200);
  });
});
