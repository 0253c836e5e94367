import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/http/app';
import { hashUserId } from '../src/http/slack';
import { signSlackRequest, verifySlackRequest } from '../src/slack/verify';
import { markdownToMrkdwn } from '../src/slack/mrkdwn';
import { answerMessage, SLACK_LIMITS } from '../src/slack/blocks';
import { memorySlackStore, type SlackStore } from '../src/slack/store';
import { ChannelPacer, slackApi } from '../src/slack/web-api';
import { databaseState } from '../src/http/health';
import { buildManifest, manifestUrl } from '../src/slack/manifest';
import { answersFollowUp, isChatter, looksLikeQuestion } from '../src/slack/etiquette';
import { socketModeHandler } from '../src/slack/socket';
import { SUBCOMMANDS, type SlackDeps } from '../src/slack/handlers';
import type { Answer, AskOptions, Knowledge } from '../src/core/index';
import type { ModalView } from '@slack/types';
import { builtKnowledge } from './helpers/knowledge';
import { fakeSlack, httpReply, type Call, type HttpReply } from './helpers/fake-slack';

const knowledge = builtKnowledge();
const SECRET = 'test-signing-secret';
const PUBLIC = 'https://compendium.test';

describe('Slack request signatures', () => {
  const now = 1_700_000_000;
  it.each([
    ['a correct signature', async () => ({ ts: String(now), sig: await signSlackRequest(SECRET, now, 'body') }), true, ''],
    ['no signature', async () => ({ ts: String(now), sig: undefined }), false, 'missing'],
    ['a wrong secret', async () => ({ ts: String(now), sig: await signSlackRequest('other', now, 'body') }), false, 'does not match'],
    ['a replayed request (over 5 minutes old)', async () => ({ ts: String(now - 301), sig: await signSlackRequest(SECRET, now - 301, 'body') }), false, 'stale'],
    ['a malformed signature', async () => ({ ts: String(now), sig: 'v0=nothex' }), false, 'malformed'],
    ['another version', async () => ({ ts: String(now), sig: 'v1=00' }), false, 'version'],
  ])('%s', async (_name, make, ok, reason) => {
    const { ts, sig } = await make();
    const r = await verifySlackRequest(SECRET, { timestamp: ts, signature: sig }, 'body', now);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it('rejects a body changed after signing', async () => {
    const sig = await signSlackRequest(SECRET, now, 'body');
    expect((await verifySlackRequest(SECRET, { timestamp: String(now), signature: sig }, 'body2', now)).ok).toBe(false);
  });
});

describe('markdown to Slack mrkdwn', () => {
  it.each([
    ['**bold** and *italic*', '*bold* and _italic_'],
    ['[Saga](https://x.test/docs/patterns/saga#solution)', '<https://x.test/docs/patterns/saga#solution|Saga>'],
    ['- one\n- two', '• one\n• two'],
    ['use `a < b` & <script>', 'use `a &lt; b` &amp; &lt;script&gt;'],
    ['`queue arrival=<rate> unit=<km|mi>`', '`queue arrival=&lt;rate&gt; unit=&lt;km|mi&gt;`'],
    ['```\nif a < b && c > d\n```', '```if a &lt; b &amp;&amp; c &gt; d```'],
    ['## Heading', '*Heading*'],
    // Links are live only to the compendium's own pages; anything else keeps its label only.
    ['[click here](https://evil.test/login) now', 'click here now'],
    ['[x](https://x.test.evil.test/docs)', 'x'],
    ['<!channel> and <@U123>', '&lt;!channel&gt; and &lt;@U123&gt;'],
  ])('%j', (md, out) => expect(markdownToMrkdwn(md, { linkBase: 'https://x.test' })).toBe(out));

  it('makes no link live without a base', () => expect(markdownToMrkdwn('[Saga](https://x.test/docs/patterns/saga)')).toBe('Saga'));

  it('turns a table into an aligned code block', () => {
    expect(markdownToMrkdwn('| a | b |\n|---|---|\n| 1 | 22 |')).toBe('```a  b\n1  22```');
  });
});

describe('Block Kit limits', () => {
  it('trims a very long answer at a sentence and keeps every block within Slack limits', () => {
    const long = Array.from({ length: 400 }, (_, i) => `Sentence number ${i} explains one more thing about retries.`).join(' ');
    const msg = answerMessage('q'.repeat(5000), {
      answer: long,
      sources: [{ id: 'patterns/retry-backoff', title: 'Retry', section: 'Solution', url: `${PUBLIC}/docs/patterns/retry-backoff#solution`, score: 1 }],
      intent: 'howto',
      confidence: 1,
      unsure: false,
    }, PUBLIC);
    expect(msg.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    for (const b of msg.blocks) {
      if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      if (b.type === 'actions') for (const e of b.elements) if ('value' in e && e.value) expect(e.value.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonValue);
    }
    const first = msg.blocks[0]!.type === 'section' ? msg.blocks[0]!.text!.text : '';
    expect(first).toMatch(/retries\. … <https:\/\/compendium\.test\/docs\/patterns\/retry-backoff\|Read the full document>$/);
  });
});

describe('Slack app over HTTP, with a fake Slack Web API on loopback', () => {
  let slack: Awaited<ReturnType<typeof fakeSlack>>;
  let memory: ReturnType<typeof memorySlackStore>;
  let app: ReturnType<typeof createApp>;
  let errorOn: string | null = null;
  // Replies the fake gives once, in order, to the next calls on a path (429s, 500s, Slack errors).
  let queued: Array<{ path: string; reply: Record<string, unknown> | HttpReply }> = [];
  let sleeps: number[] = [];
  let logs: string[] = [];
  let store: SlackStore;
  let deps: SlackDeps;
  // A knowledge that records what it was asked and, when `echo` is set, answers with the question
  // itself: the adapter must stay safe even if an answer ever carried user text.
  let echo = false;
  let asked: Array<{ question: string; options: AskOptions }> = [];
  const spyKnowledge = Object.create(knowledge) as Knowledge;
  spyKnowledge.ask = async (question: string, options: AskOptions = {}): Promise<Answer> => {
    asked.push({ question, options });
    if (echo) return { answer: `You asked: ${question}`, sources: [], intent: 'definition', confidence: 1, unsure: false };
    return knowledge.ask(question, options);
  };

  beforeAll(async () => {
    slack = await fakeSlack((call: Call) => {
      const i = queued.findIndex((q) => call.path.endsWith(q.path));
      if (i >= 0) return queued.splice(i, 1)[0]!.reply;
      return errorOn && call.path.endsWith(errorOn) ? { ok: false, error: 'not_in_channel' } : { ok: true, ts: '1700000000.000100' };
    });
  });
  afterAll(() => slack.close());
  beforeEach(() => {
    slack.calls.length = 0;
    errorOn = null;
    echo = false;
    asked = [];
    queued = [];
    sleeps = [];
    logs = [];
    memory = memorySlackStore();
    store = memory;
    deps = {
      knowledge: spyKnowledge,
      // No real waiting in tests: the waits are recorded instead.
      api: slackApi({ token: 'xoxb-test', baseUrl: `${slack.url}/api`, log: (m) => void logs.push(m), sleep: async (ms) => void sleeps.push(ms), pacer: new ChannelPacer() }),
      get store() {
        return store;
      },
      log: (m) => void logs.push(m),
      publicUrl: PUBLIC,
      hashUser: (id) => hashUserId(id, SECRET),
    };
    app = createApp({
      knowledge: () => knowledge,
      fullDocument: async () => null,
      staticFile: async () => null,
      feedback: () => null,
      rateLimiter: () => null,
      slack: { signingSecret: () => SECRET, handlers: () => deps },
      database: () => databaseState(undefined),
    });
  });

  async function send(body: string, contentType: string, opts: { sign?: boolean; age?: number } = {}) {
    const ts = Math.floor(Date.now() / 1000) - (opts.age ?? 0);
    const headers: Record<string, string> = { 'content-type': contentType, 'x-slack-request-timestamp': String(ts) };
    if (opts.sign !== false) headers['x-slack-signature'] = await signSlackRequest(SECRET, ts, body);
    return app.request('http://x/slack/events', { method: 'POST', headers, body });
  }
  const event = (e: Record<string, unknown>, id = `Ev${Math.random()}`) => send(JSON.stringify({ type: 'event_callback', event_id: id, event: e }), 'application/json');
  const command = (command: string, text: string) => send(new URLSearchParams({ command, text, user_id: 'U1', channel_id: 'C1', response_url: `${slack.url}/respond` }).toString(), 'application/x-www-form-urlencoded');
  const interact = (payload: Record<string, unknown>) => send(new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', user: { id: 'U1' }, response_url: `${slack.url}/respond`, ...payload }) }).toString(), 'application/x-www-form-urlencoded');
  const posted = (method: string) => slack.calls.filter((c) => c.path === `/api/${method}`);

  /** Every string Slack renders in a payload (texts), leaving out button values, which are data. */
  const rendered = (v: unknown): string[] =>
    typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(rendered) : v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => (k === 'value' || k === 'action_id' ? [] : rendered(x))) : [];

  it('never posts user text as markup: injected links and <-tokens come back escaped, not live', async () => {
    echo = true;
    const text = '<@UBOT> what is [click here](https://evil.test/login) <https://evil.test|docs> &lt;!channel&gt; <!channel> a &lt; b?';
    await send(JSON.stringify({ type: 'event_callback', event_id: 'EvInj', authorizations: [{ user_id: 'UBOT', is_bot: true }], event: { type: 'app_mention', user: 'U1', text, channel: 'C1', ts: '300.1' } }), 'application/json');
    const post = posted('chat.postMessage')[0]!.body as { text: string; blocks: unknown[] };
    const all = rendered(post).join('\n');
    expect(all).not.toContain('<https://evil.test');
    expect(all).not.toContain('evil.test');
    expect(all).not.toContain('<!channel>');
    expect(all).not.toMatch(/\]\(https:\/\/evil/);
    // Decoded on input ("a < b", not "a &lt; b"), escaped once on output.
    expect(asked[0]!.question).toContain('a < b?');
    expect(post.text).toContain('a &lt; b?');
    expect(post.text).not.toContain('&amp;lt;');
    expect(JSON.stringify(post.blocks)).toContain('a &lt; b?');
  });

  it('escapes calculator usage and help text (no <rate> or <name> link tokens)', async () => {
    const usage = (await (await command('/calc', 'queue arrival=80/s')).json()) as { text: string; blocks: unknown[] };
    expect(JSON.stringify(usage)).toContain('arrival=&lt;rate&gt;');
    expect(JSON.stringify(usage)).not.toContain('<rate>');
    const help = (await (await command('/calc', 'help')).json()) as { blocks: unknown[] };
    expect(JSON.stringify(help)).toContain('&lt;name&gt;');
    expect(JSON.stringify(help)).not.toContain('<name>');
  });

  it("removes only the bot's own mention; other mentions keep their meaning, and a bare mention shows the help", async () => {
    await send(JSON.stringify({ type: 'event_callback', event_id: 'EvMen', authorizations: [{ user_id: 'UBOT', is_bot: true }], event: { type: 'app_mention', user: 'U1', text: '<@UBOT> should <@U2|dana> and <#C9|payments> use a saga?', channel: 'C1', ts: '301.1' } }), 'application/json');
    expect(asked[0]!.question).toBe('should @dana and #payments use a saga?');
    await send(JSON.stringify({ type: 'event_callback', event_id: 'EvBare', authorizations: [{ user_id: 'UBOT', is_bot: true }], event: { type: 'app_mention', user: 'U1', text: '<@UBOT>', channel: 'C1', ts: '302.1' } }), 'application/json');
    await send(JSON.stringify({ type: 'event_callback', event_id: 'EvHelp', authorizations: [{ user_id: 'UBOT', is_bot: true }], event: { type: 'app_mention', user: 'U1', text: '<@UBOT> help', channel: 'C1', ts: '303.1' } }), 'application/json');
    expect(asked).toHaveLength(1);
    const helps = posted('chat.postMessage').slice(1);
    expect(helps).toHaveLength(2);
    for (const h of helps) expect(JSON.stringify(h.body)).toContain('/compendium');
  });

  const mention = (text: string, id: string, ts = '400.1', channel = 'C1') =>
    send(JSON.stringify({ type: 'event_callback', event_id: id, authorizations: [{ user_id: 'UBOT', is_bot: true }], event: { type: 'app_mention', user: 'U1', text: `<@UBOT> ${text}`, channel, ts } }), 'application/json');

  it('honours 429 Retry-After: a rate-limited answer is posted exactly once, after the wait', async () => {
    queued.push({ path: 'chat.postMessage', reply: httpReply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '3' }) });
    await mention('what is a saga?', 'Ev429');
    // Two calls: the one Slack refused with 429, and the one after the wait that posted. One answer.
    expect(posted('chat.postMessage')).toHaveLength(2);
    expect(sleeps).toContain(3000);
  });

  it('retries a 5xx with growing backoff, and stops within its budget', async () => {
    queued.push({ path: 'chat.postMessage', reply: httpReply(503) }, { path: 'chat.postMessage', reply: httpReply(502) });
    await mention('what is a bulkhead?', 'Ev5xx');
    expect(posted('chat.postMessage')).toHaveLength(3);
    expect(sleeps).toEqual([1000, 2000]);
    slack.calls.length = 0;
    sleeps = [];
    for (let i = 0; i < 10; i++) queued.push({ path: 'chat.postMessage', reply: httpReply(500) });
    await mention('what is a bulkhead?', 'Ev5xxForever', '400.2', 'C2');
    expect(posted('chat.postMessage')).toHaveLength(4); // the first attempt and three retries
    expect(sleeps).toEqual([1000, 2000, 4000]);
    expect(logs.join('\n')).toMatch(/failed after 4 attempt/);
  });

  it('marks an event done only when its answer was posted, so the redelivery of a failed one goes through', async () => {
    for (let i = 0; i < 4; i++) queued.push({ path: 'chat.postMessage', reply: httpReply(500) });
    await mention('what is a circuit breaker?', 'EvRedeliver');
    expect(posted('chat.postMessage')).toHaveLength(4);
    await mention('what is a circuit breaker?', 'EvRedeliver'); // Slack redelivers: it runs again and posts
    expect(posted('chat.postMessage')).toHaveLength(5);
    await mention('what is a circuit breaker?', 'EvRedeliver'); // answered now: a third delivery does nothing
    expect(posted('chat.postMessage')).toHaveLength(5);
  });

  it('falls back to plain text when Slack refuses the blocks (invalid_blocks, msg_too_long)', async () => {
    for (const error of ['invalid_blocks', 'msg_too_long']) {
      slack.calls.length = 0;
      queued.push({ path: 'chat.postMessage', reply: { ok: false, error } });
      await mention('what is a saga?', `EvBlocks-${error}`);
      const [first, second] = posted('chat.postMessage');
      expect(first!.body.blocks).toBeTruthy();
      expect(second!.body.blocks).toBeUndefined();
      expect(String(second!.body.text)).toMatch(/saga/i);
      expect(second!.body.thread_ts).toBe('400.1');
    }
  });

  it('logs clearly when Slack refuses the bot token, and tells the person where it can', async () => {
    queued.push({ path: 'chat.postMessage', reply: { ok: false, error: 'invalid_auth' } });
    await mention('what is a saga?', 'EvAuth');
    expect(logs.join('\n')).toMatch(/refused the bot token \(invalid_auth\).*SLACK_BOT_TOKEN/);
    // A slash command needs no token to answer: it still works and is private.
    const r = (await (await command('/compendium', 'what is a saga?')).json()) as { response_type: string };
    expect(r.response_type).toBe('ephemeral');
  });

  it('paces posts to one channel about a second apart', async () => {
    const pacer = new ChannelPacer(1000);
    expect([pacer.reserve('C1', 0), pacer.reserve('C1', 0), pacer.reserve('C2', 0), pacer.reserve('C1', 2500)]).toEqual([0, 1000, 0, 0]);
    await mention('what is a saga?', 'EvPace1', '500.1');
    await mention('what is a bulkhead?', 'EvPace2', '500.2');
    // The second post waited for the rest of the channel's second (minus the time the answer took).
    expect(sleeps.filter((ms) => ms > 0 && ms <= 1000)).toHaveLength(1);
  });

  it('answers 200 to a signed body it cannot process, so Slack does not count a failed delivery', async () => {
    expect((await send('{not json', 'application/json')).status).toBe(200);
    expect((await send('payload=%7Bnot-json', 'application/x-www-form-urlencoded')).status).toBe(200);
    expect(slack.calls).toEqual([]);
  });

  it('keeps answering when the database is broken (de-duplication degrades), and /healthz says so', async () => {
    const broken = async () => {
      throw new Error('D1_ERROR: no such table: slack_events');
    };
    store = { claimEvent: broken, finishEvent: broken, rememberThread: broken, thread: broken, channelSettings: broken, updateChannel: broken, saveFeedback: broken };
    await mention('what is a saga?', 'EvNoDb');
    expect(posted('chat.postMessage')).toHaveLength(1);
    expect(logs.join('\n')).toMatch(/claimEvent failed/);
    const fakeDb = { prepare: () => ({ all: broken }) } as unknown as D1Database;
    expect(await databaseState(fakeDb)).toMatchObject({ status: 'out of date' });
    expect(await databaseState(undefined)).toMatchObject({ status: 'not configured' });
    const health = (await (await app.request('http://x/healthz')).json()) as { ok: boolean; database: { status: string } };
    expect(health).toMatchObject({ ok: true, database: { status: 'not configured' } });
  });

  it('answers url_verification', async () => {
    const res = await send(JSON.stringify({ type: 'url_verification', challenge: 'abc123' }), 'application/json');
    expect(await res.json()).toEqual({ challenge: 'abc123' });
  });

  it('refuses missing, wrong and replayed signatures with 401, and runs nothing', async () => {
    const body = JSON.stringify({ type: 'event_callback', event_id: 'E1', event: { type: 'app_mention', text: '<@UBOT> hi', channel: 'C1', ts: '1.1' } });
    expect((await send(body, 'application/json', { sign: false })).status).toBe(401);
    expect((await send(body, 'application/json', { age: 400 })).status).toBe(401);
    const bad = await app.request('http://x/slack/events', { method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)), 'x-slack-signature': 'v0=' + '0'.repeat(64) }, body });
    expect(bad.status).toBe(401);
    expect(slack.calls).toEqual([]);
  });

  it('answers a mention in a thread with cited sections, follows up in the thread, and handles a retried event once', async () => {
    await event({ type: 'app_mention', user: 'U1', text: '<@UBOT> how should we handle retries to the payment provider?', channel: 'C1', ts: '100.1' }, 'EvA');
    const first = posted('chat.postMessage');
    expect(first).toHaveLength(1);
    expect(first[0]!.auth).toBe('Bearer xoxb-test');
    expect(first[0]!.body).toMatchObject({ channel: 'C1', thread_ts: '100.1' });
    const blocks = first[0]!.body.blocks as Array<Record<string, unknown>>;
    expect(JSON.stringify(blocks)).toContain(`<${PUBLIC}/docs/`);
    expect(JSON.stringify(blocks)).toContain('feedback_up');

    await event({ type: 'app_mention', user: 'U1', text: '<@UBOT> how should we handle retries to the payment provider?', channel: 'C1', ts: '100.1' }, 'EvA');
    expect(posted('chat.postMessage')).toHaveLength(1);

    await event({ type: 'message', user: 'U1', text: 'and what does it cost?', channel: 'C1', ts: '100.5', thread_ts: '100.1', channel_type: 'channel' }, 'EvB');
    expect(posted('chat.postMessage')).toHaveLength(2);
    expect(posted('chat.postMessage')[1]!.body.thread_ts).toBe('100.1');

    await event({ type: 'message', user: 'U2', text: 'unrelated chatter', channel: 'C1', ts: '200.5', thread_ts: '200.1', channel_type: 'channel' }, 'EvC');
    await event({ type: 'message', bot_id: 'B1', text: 'our own message', channel: 'C1', ts: '100.6', thread_ts: '100.1' }, 'EvD');
    expect(posted('chat.postMessage')).toHaveLength(2);
  });

  it('answers direct messages, and tells the user when it cannot post in a channel', async () => {
    await event({ type: 'message', channel_type: 'im', user: 'U1', text: 'what is a saga?', channel: 'D1', ts: '5.1' });
    expect(posted('chat.postMessage')[0]!.body.channel).toBe('D1');
    errorOn = 'chat.postMessage';
    await event({ type: 'app_mention', user: 'U1', text: '<@UBOT> what is a saga?', channel: 'C9', ts: '6.1' });
    const eph = posted('chat.postEphemeral');
    expect(eph).toHaveLength(1);
    expect(eph[0]!.body).toMatchObject({ channel: 'C9', user: 'U1' });
    expect(String(eph[0]!.body.text)).toContain('/invite');
  });

  it('runs /calc and the shortcut commands privately, with a share button and clear errors', async () => {
    const res = await command('/calc', 'queue arrival=80/s service=10ms servers=1');
    const body = (await res.json()) as { response_type: string; blocks: Array<Record<string, unknown>> };
    expect(body.response_type).toBe('ephemeral');
    expect(JSON.stringify(body.blocks)).toContain('50 ms');
    expect(JSON.stringify(body.blocks)).toContain('share_calc');
    const latency = (await (await command('/latency', 'from=London to=New York')).json()) as { blocks: unknown[] };
    expect(JSON.stringify(latency.blocks)).toContain('5,570 km');
    for (const [cmd, text] of [['/capacity', 'peak=12000/s per_server=800/s'], ['/availability', '99.9% 99.95% mode=series'], ['/littles-law', 'throughput=200/s latency=50ms'], ['/slo', 'target=99.9%'], ['/queue', 'arrival=80/s service=10ms']]) {
      const r = (await (await command(cmd!, text!)).json()) as { blocks: unknown[] };
      expect(JSON.stringify(r.blocks)).not.toContain(':warning:');
    }
    const bad = (await (await command('/calc', 'qeue arrival=1/s')).json()) as { blocks: unknown[] };
    expect(JSON.stringify(bad.blocks)).toContain('Did you mean queue');
    const ask = (await (await command('/compendium', 'what is CQRS?')).json()) as { blocks: unknown[] };
    expect(JSON.stringify(ask.blocks)).toContain('CQRS');
  });

  it('/compendium takes ask, calc, patterns, review and help; anything else is a question', async () => {
    const reply = async (text: string) => JSON.stringify(await (await command('/compendium', text)).json());
    expect(await reply('ask what is CQRS?')).toContain('CQRS');
    expect(asked.at(-1)!.question).toBe('what is CQRS?');
    expect(await reply('calc availability 99.9% 99.95% mode=series')).toContain('99.85');
    expect(await reply('patterns')).toContain('dialogue_answer_0');
    expect(await reply('review')).toContain('dialogue_answer_0');
    for (const h of ['', 'help', 'calc', 'ask']) expect(await reply(h)).toContain('/compendium patterns');
    await reply('review our retry policy for the payment provider');
    expect(asked.at(-1)!.question).toBe('review our retry policy for the payment provider');
  });

  it('still runs every per-calculator command a workspace registers with --calc-shortcuts', async () => {
    const m = buildManifest({ url: 'https://x.example.com', calcShortcuts: true });
    const extra = m.features!.slash_commands!.filter((c) => !['/compendium', '/calc'].includes(c.command));
    expect(extra).toHaveLength(11);
    for (const c of extra) {
      const r = JSON.stringify(await (await command(c.command, c.usage_hint!)).json());
      expect(r, c.command).not.toContain(':warning:');
      expect(r, c.command).not.toContain('Unknown command');
    }
  });

  const message = (e: Record<string, unknown>, id: string) =>
    send(JSON.stringify({ type: 'event_callback', event_id: id, team_id: 'T1', authorizations: [{ user_id: 'UBOT', is_bot: true }], event: { type: 'message', channel: 'C7', channel_type: 'channel', ...e } }), 'application/json');
  const commandIn = (channel: string, text: string) =>
    send(new URLSearchParams({ command: '/compendium', text, user_id: 'U1', channel_id: channel, team_id: 'T1', response_url: `${slack.url}/respond` }).toString(), 'application/x-www-form-urlencoded');

  it('threads like a good colleague: follow-ups from the asker or put to the bot, never chatter', async () => {
    await send(JSON.stringify({ type: 'event_callback', event_id: 'EvT0', team_id: 'T1', authorizations: [{ user_id: 'UBOT', is_bot: true }], event: { type: 'app_mention', user: 'U1', text: '<@UBOT> how do I stop retries from overloading a service?', channel: 'C7', ts: '600.1' } }), 'application/json');
    expect(posted('chat.postMessage')).toHaveLength(1);
    const reply = (user: string, text: string, id: string) => message({ user, text, ts: `600.${id.length + 2}`, thread_ts: '600.1' }, id);
    await reply('U2', 'thanks!', 'EvT1');
    await reply('U2', 'what about our payment provider?', 'EvT2'); // someone else, not put to the bot
    await reply('U1', 'thanks, that helps :+1:', 'EvT3');
    expect(posted('chat.postMessage')).toHaveLength(1);
    await reply('U1', 'and how do I choose the backoff cap?', 'EvT4');
    expect(posted('chat.postMessage')).toHaveLength(2);
    expect(asked.at(-1)!.options.previous).toBe('how do I stop retries from overloading a service?');
    expect(asked.at(-1)!.options.context?.sources?.length).toBeGreaterThan(0);
    await reply('U2', 'Compendium, what is a retry budget?', 'EvT5');
    expect(posted('chat.postMessage')).toHaveLength(3);
    expect(asked.at(-1)!.question).toBe('what is a retry budget?');
    expect(posted('chat.postMessage').every((p) => p.body.thread_ts === '600.1')).toBe(true);
  });

  it('per-channel modes, set by /compendium mode and kept in the store: mention only, follow-ups, auto-answer when confident', async () => {
    expect(JSON.stringify(await (await commandIn('C7', 'mode')).json())).toContain('`followups` mode');
    expect(JSON.stringify(await (await commandIn('C7', 'mode sometimes')).json())).toContain('There is no mode');
    expect(JSON.stringify(await (await commandIn('C7', 'mode mention')).json())).toContain('now in `mention` mode');
    expect(await memory.channelSettings({ team: 'T1', channel: 'C7' })).toEqual({ mode: 'mention' });
    await send(JSON.stringify({ type: 'event_callback', event_id: 'EvM0', team_id: 'T1', authorizations: [{ user_id: 'UBOT', is_bot: true }], event: { type: 'app_mention', user: 'U1', text: '<@UBOT> what is a saga?', channel: 'C7', ts: '700.1' } }), 'application/json');
    await message({ user: 'U1', text: 'and how does it fail?', ts: '700.2', thread_ts: '700.1' }, 'EvM1');
    expect(posted('chat.postMessage')).toHaveLength(1); // mention only: no follow-ups
    await message({ user: 'U3', text: 'what is a saga?', ts: '701.1' }, 'EvM2');
    expect(posted('chat.postMessage')).toHaveLength(1); // and no unprompted answers

    expect(JSON.stringify(await (await commandIn('C7', 'mode auto')).json())).toContain('now in `auto` mode');
    await message({ user: 'U3', text: 'what is a saga?', ts: '702.1' }, 'EvM3');
    expect(posted('chat.postMessage')).toHaveLength(2);
    expect(posted('chat.postMessage')[1]!.body.thread_ts).toBe('702.1');
    await message({ user: 'U3', text: 'anyone up for lunch?', ts: '703.1' }, 'EvM4'); // not covered: no answer
    await message({ user: 'U3', text: 'deploy is done', ts: '704.1' }, 'EvM5'); // not a question
    expect(posted('chat.postMessage')).toHaveLength(2);
    expect(JSON.stringify(await (await commandIn('D1', 'mode auto')).json())).toContain('per channel');
  });

  it('reads the thread it is mentioned in (conversations.replies) and uses it as context', async () => {
    queued.push({
      path: 'conversations.replies',
      reply: {
        ok: true,
        messages: [
          { ts: '800.1', user: 'U3', text: 'We keep charging customers twice when the payment provider times out &amp; we retry' },
          { ts: '800.2', user: 'U4', text: `maybe <${PUBLIC}/docs/patterns/idempotency-keys#solution|idempotency keys>?` },
          { ts: '800.3', user: 'U5', text: '<@UBOT> what would fix it?' },
        ],
      },
    });
    await send(JSON.stringify({ type: 'event_callback', event_id: 'EvCtx', team_id: 'T1', authorizations: [{ user_id: 'UBOT', is_bot: true }], event: { type: 'app_mention', user: 'U5', text: '<@UBOT> what would fix it?', channel: 'C8', ts: '800.3', thread_ts: '800.1' } }), 'application/json');
    const read = slack.calls.find((c) => c.path === '/api/conversations.replies')!;
    expect(read.method).toBe('GET');
    expect(read.query).toMatchObject({ channel: 'C8', ts: '800.1' });
    expect(read.auth).toBe('Bearer xoxb-test');
    expect(asked[0]!.question).toBe('what would fix it?');
    expect(asked[0]!.options.previous).toBe('We keep charging customers twice when the payment provider times out & we retry');
    expect(asked[0]!.options.context?.sources).toEqual(['patterns/idempotency-keys']);
    expect(posted('chat.postMessage')[0]!.body.thread_ts).toBe('800.1');
  });

  it('shares a calculator result to the channel', async () => {
    await interact({ actions: [{ action_id: 'share_calc', value: 'availability 99.9% 99.95% mode=series' }] });
    const r = slack.calls.filter((c) => c.path === '/respond');
    expect(r).toHaveLength(1);
    expect(r[0]!.body.response_type).toBe('in_channel');
    expect(JSON.stringify(r[0]!.body.blocks)).toContain('99.85');
  });

  it('runs /patterns with buttons that update the message in place, back, and sharing the result', async () => {
    let msg = (await (await command('/patterns', '')).json()) as { blocks: Array<{ block_id?: string; elements?: Array<{ action_id: string; value: string; text: { text: string } }> }> };
    const click = async (label: RegExp | string) => {
      const buttons = msg.blocks.flatMap((b) => b.elements ?? []);
      const b = buttons.find((x) => (typeof label === 'string' ? x.text.text === label : label.test(x.text.text)));
      if (!b) throw new Error(`no button ${label}: ${buttons.map((x) => x.text.text).join(' | ')}`);
      expect(b.value.length).toBeLessThan(2000);
      slack.calls.length = 0;
      await interact({ actions: [{ action_id: b.action_id, value: b.value }] });
      const r = slack.calls.find((c) => c.path === '/respond')!;
      expect(r.body.blocks).toBeTruthy();
      msg = r.body as typeof msg;
    };
    await click(/Consistency/);
    await click(/different teams/);
    await click('← Back');
    expect(JSON.stringify(msg.blocks)).toContain('What does one business operation touch?');
    for (const l of [/different teams/, /undone or corrected/, /told reliably/, /Established on-call/, /Moderate/]) await click(l);
    expect(JSON.stringify(msg.blocks)).toContain('Saga');
    await click('Share to channel');
    expect((msg as unknown as { response_type: string }).response_type).toBe('in_channel');
  });

  it('runs /review to a risk list', async () => {
    const msg = (await (await command('/review', '')).json()) as { blocks: unknown[] };
    expect(JSON.stringify(msg.blocks)).toContain('latency budget');
  });

  it('stores 👍/👎 with the question and a hashed user id', async () => {
    await interact({ actions: [{ action_id: 'feedback_down', value: JSON.stringify({ q: 'what is a saga?', s: ['patterns/saga'] }) }] });
    expect(memory.feedback).toHaveLength(1);
    expect(memory.feedback[0]).toMatchObject({ channel: 'slack', question: 'what is a saga?', vote: 'down', sources: ['patterns/saga'] });
    expect(memory.feedback[0]!.userHash).toMatch(/^[0-9a-f]{32}$/);
    expect(memory.feedback[0]!.userHash).not.toContain('U1');
    // A replayed (still validly signed) click, or a change of mind, does not add a second vote.
    await interact({ actions: [{ action_id: 'feedback_down', value: JSON.stringify({ q: 'what is a saga?', s: ['patterns/saga'] }) }] });
    await interact({ actions: [{ action_id: 'feedback_up', value: JSON.stringify({ q: 'what is a saga?', s: ['patterns/saga'] }) }] });
    expect(memory.feedback).toHaveLength(1);
    expect(memory.feedback[0]!.vote).toBe('up');
  });

  it('👎 opens a short modal; its reason and missing source are stored with the vote', async () => {
    const value = JSON.stringify({ q: 'how do I size a thread pool?', s: ['patterns/bulkhead'] });
    await interact({ trigger_id: 'trig-1', team: { id: 'T1' }, actions: [{ action_id: 'feedback_down', value }] });
    const open = posted('views.open');
    expect(open).toHaveLength(1);
    const view = open[0]!.body.view as ModalView;
    expect(open[0]!.body.trigger_id).toBe('trig-1');
    expect(view.callback_id).toBe('feedback_reason');
    expect(JSON.parse(view.private_metadata!)).toEqual({ q: 'how do I size a thread pool?', s: ['patterns/bulkhead'], t: 'T1' });
    expect(memory.feedback).toHaveLength(1);
    expect(memory.feedback[0]).toMatchObject({ vote: 'down', team: 'T1' });

    const submit = (values: Record<string, unknown>) =>
      send(new URLSearchParams({ payload: JSON.stringify({ type: 'view_submission', user: { id: 'U1' }, team: { id: 'T1' }, view: { callback_id: 'feedback_reason', private_metadata: view.private_metadata, state: { values } } }) }).toString(), 'application/x-www-form-urlencoded');
    const missing = await submit({});
    expect(await missing.json()).toEqual({ response_action: 'errors', errors: { reason: 'Pick what was wrong.' } });
    const ok = await submit({ reason: { reason: { type: 'radio_buttons', selected_option: { value: 'incomplete' } } }, details: { details: { type: 'plain_text_input', value: 'no formula for the pool size' } }, missing: { missing: { type: 'plain_text_input', value: 'quantitative/littles-law' } } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('');
    expect(memory.feedback).toHaveLength(1); // the same vote, now with its reason
    expect(memory.feedback[0]).toMatchObject({ vote: 'down', reason: 'incomplete: no formula for the pool size', missingSource: 'quantitative/littles-law', team: 'T1' });
  });

  it('"Ask a human" pings the user group set for the channel, in the answer\'s thread', async () => {
    const humans = async (raw: string) => JSON.stringify(await (await send(new URLSearchParams({ command: '/compendium', text: `humans ${raw}`, user_id: 'U1', channel_id: 'C7', team_id: 'T1' }).toString(), 'application/x-www-form-urlencoded')).json());
    expect(await humans('@oncall')).toContain('type @ and pick the group');
    expect(await humans('<!subteam^S0PLAT|@platform-oncall>')).toContain('pings <!subteam^S0PLAT>');
    expect(await memory.channelSettings({ team: 'T1', channel: 'C7' })).toMatchObject({ humanGroup: 'S0PLAT' });
    await send(JSON.stringify({ type: 'event_callback', event_id: 'EvHuman', team_id: 'T1', authorizations: [{ user_id: 'UBOT', is_bot: true }], event: { type: 'app_mention', user: 'U1', text: '<@UBOT> what is a saga?', channel: 'C7', ts: '900.1' } }), 'application/json');
    expect(JSON.stringify(posted('chat.postMessage')[0]!.body.blocks)).toContain('ask_human');
    await interact({ team: { id: 'T1' }, user: { id: 'U2' }, container: { channel_id: 'C7', message_ts: '900.2', thread_ts: '900.1' }, actions: [{ action_id: 'ask_human', value: 'ask_human' }] });
    const ping = posted('chat.postMessage')[1]!.body;
    expect(ping).toMatchObject({ channel: 'C7', thread_ts: '900.1', text: '<!subteam^S0PLAT> <@U2> would like a person to look at this question.' });
    expect(await humans('off')).toContain('off');
    await send(JSON.stringify({ type: 'event_callback', event_id: 'EvHuman2', team_id: 'T1', authorizations: [{ user_id: 'UBOT', is_bot: true }], event: { type: 'app_mention', user: 'U1', text: '<@UBOT> what is a saga?', channel: 'C7', ts: '901.1' } }), 'application/json');
    expect(JSON.stringify(posted('chat.postMessage')[2]!.body.blocks)).not.toContain('ask_human');
  });

  it('"Ask Compendium about this" answers privately about any message, and "Share in thread" posts it there', async () => {
    const shortcut = { type: 'message_action', callback_id: 'ask_about_message', trigger_id: 't', user: { id: 'U1' }, team: { id: 'T1' }, channel: { id: 'C1' }, response_url: `${slack.url}/respond`, message: { type: 'message', user: 'U3', ts: '950.2', thread_ts: '950.1', text: 'our checkout retries every 100ms forever when the payment API is down &amp; it melts <https://evil.test|see>' } };
    const res = await send(new URLSearchParams({ payload: JSON.stringify(shortcut) }).toString(), 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    expect(asked[0]!.question).toBe('our checkout retries every 100ms forever when the payment API is down & it melts see');
    const reply = slack.calls.find((c) => c.path === '/respond')!.body as { response_type: string; blocks: Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }> };
    expect(reply.response_type).toBe('ephemeral');
    expect(posted('chat.postMessage')).toHaveLength(0); // nothing public yet
    const share = reply.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'share_answer')!;
    expect(JSON.parse(share.value)).toMatchObject({ c: 'C1', t: '950.1' });
    slack.calls.length = 0;
    await interact({ team: { id: 'T1' }, actions: [{ action_id: 'share_answer', value: share.value }] });
    expect(posted('chat.postMessage')[0]!.body).toMatchObject({ channel: 'C1', thread_ts: '950.1' });
    expect(slack.calls.find((c) => c.path === '/respond')!.body).toMatchObject({ replace_original: true });
    // With the bot token refused, the person is told privately (response_url needs no token).
    slack.calls.length = 0;
    queued.push({ path: 'chat.postMessage', reply: { ok: false, error: 'account_inactive' } });
    await interact({ team: { id: 'T1' }, actions: [{ action_id: 'share_answer', value: share.value }] });
    expect(String(slack.calls.find((c) => c.path === '/respond')!.body.text)).toContain('reinstall');
  });

  it('previews links to compendium pages (link_shared, chat.unfurl) with an "Ask about this" button', async () => {
    const saga = knowledge.doc('patterns/saga')!;
    const section = saga.sections[1]!;
    const url = `${PUBLIC}/docs/patterns/saga#${section.anchor}`;
    await send(JSON.stringify({ type: 'event_callback', event_id: 'EvLink', team_id: 'T1', event: { type: 'link_shared', channel: 'C1', user: 'U1', message_ts: '960.1', unfurl_id: 'U-1', source: 'conversations_history', links: [{ domain: 'compendium.test', url }, { domain: 'compendium.test', url: `${PUBLIC}/docs/patterns/no-such-thing` }, { domain: 'compendium.test', url: `${PUBLIC}/about` }] } }), 'application/json');
    const unfurl = posted('chat.unfurl');
    expect(unfurl).toHaveLength(1);
    expect(unfurl[0]!.body).toMatchObject({ unfurl_id: 'U-1', source: 'conversations_history' });
    const unfurls = unfurl[0]!.body.unfurls as Record<string, { blocks: Array<{ type: string; text?: { text: string }; elements?: Array<{ action_id: string; value: string }> }> }>;
    expect(Object.keys(unfurls)).toEqual([url]);
    const preview = unfurls[url]!.blocks;
    expect(preview[0]!.text!.text).toContain(`|Saga › ${section.heading}>*`);
    expect(preview[0]!.text!.text.split('\n')[1]!.length).toBeGreaterThan(20);
    const ask = preview[1]!.elements![0]!;
    expect(ask.action_id).toBe('ask_about_doc');
    await interact({ container: { type: 'message_attachment', channel_id: 'C1', message_ts: '960.1' }, actions: [{ action_id: 'ask_about_doc', value: ask.value }] });
    expect(asked[0]!.question).toBe(`Saga: ${section.heading.toLowerCase()}?`);
    expect(slack.calls.find((c) => c.path === '/respond')!.body).toMatchObject({ response_type: 'ephemeral' });
    // Links to no compendium page, or to another host, get no call at all.
    slack.calls.length = 0;
    await send(JSON.stringify({ type: 'event_callback', event_id: 'EvLink2', event: { type: 'link_shared', channel: 'C1', message_ts: '961.1', links: [{ url: 'https://elsewhere.test/docs/patterns/saga' }, { url: `${PUBLIC}/docs/nope` }] } }), 'application/json');
    expect(posted('chat.unfurl')).toHaveLength(0);
  });

  it('publishes the App Home tab: every command, the web chat, what is stored and for how long, and buttons to start a dialogue', async () => {
    deps.retention = { FEEDBACK_RETENTION_DAYS: 90, SLACK_EVENT_RETENTION_HOURS: 24, THREAD_RETENTION_DAYS: 7 };
    await event({ type: 'app_home_opened', user: 'U1', tab: 'home' });
    const views = posted('views.publish');
    expect(views).toHaveLength(1);
    const home = JSON.stringify(views[0]!.body);
    expect(home).toContain('start_selector');
    expect(home).toContain('What I store, and for how long');
    expect(home).toContain('90 days');
    expect(home).toContain('7 days after the last answer');
    expect(home).toContain('24 hours');
    for (const sub of SUBCOMMANDS) expect(home).toContain(`/compendium ${sub}`);
    expect(home).toContain('/calc');
    expect(home).toContain(`"url":"${PUBLIC}/"`);
    expect(home).toContain('Ask Compendium about this');
    expect(home).not.toMatch(/<(question|name)>/);
    await interact({ actions: [{ action_id: 'start_selector', value: 'selector' }] });
    expect(posted('chat.postMessage')[0]!.body.channel).toBe('U1');
  });

  it('goes through the same handlers in Socket Mode', async () => {
    const acks: unknown[] = [];
    const handler = socketModeHandler({ knowledge, api: slackApi({ token: 'xoxb-test', baseUrl: `${slack.url}/api`, log: () => {} }), store, publicUrl: PUBLIC, hashUser: async () => 'h' });
    await handler({ body: { command: '/calc', text: 'quorum n=3 r=2 w=2' }, ack: async (r) => void acks.push(r) });
    expect(JSON.stringify(acks[0])).toContain('R + W');
    await handler({ body: { type: 'event_callback', event_id: 'EvS', event: { type: 'app_mention', user: 'U1', text: '<@UBOT> what is a bulkhead?', channel: 'C2', ts: '9.1' } } });
    expect(posted('chat.postMessage').at(-1)!.body).toMatchObject({ channel: 'C2', thread_ts: '9.1' });
    await handler({ body: { type: 'block_actions', user: { id: 'U1' }, response_url: `${slack.url}/respond`, actions: [{ action_id: 'dialogue_answer_0', value: JSON.stringify({ d: 'selector', s: '', a: '1' }) }] }, ack: async () => {} });
    expect(slack.calls.filter((c) => c.path === '/respond').length).toBeGreaterThan(0);
  });
});

describe('thread etiquette rules', () => {
  it.each([
    ['thanks!', true],
    ['Thank you so much', true],
    ['ok', true],
    [':+1:', true],
    ['cool, got it', false],
    ['thanks, but what about writes?', false],
    ['and how does it fail?', false],
  ])('isChatter(%j) is %s', (text, chatter) => expect(isChatter(text)).toBe(chatter));

  it.each([
    ['what is a saga?', true],
    ['how do we shard users', true],
    ['deploy is done', false],
    ['thanks?', false],
    ['ok', false],
  ])('looksLikeQuestion(%j) is %s', (text, q) => expect(looksLikeQuestion(text)).toBe(q));

  it.each([
    ['followups', true, 'and how does it fail?', true],
    ['followups', true, 'thanks!', false],
    ['followups', false, 'thanks!', false],
    ['followups', false, 'and how does it fail?', false],
    ['followups', false, 'compendium, how does it fail?', true],
    ['auto', false, '@Compendium: and the cost?', true],
    ['mention', true, 'and how does it fail?', false],
  ] as const)('mode %s, from the asker %s: %j answered %s', (mode, fromAsker, text, answered) => expect(answersFollowUp({ mode, fromAsker, text })).toBe(answered));
});

describe('Slack app manifest (npm run slack:manifest -- https://your.host)', () => {
  it('is generated: slack/manifest.yaml is exactly what the script writes for the example host', async () => {
    const { readFileSync } = await import('node:fs');
    const { renderManifest } = await import('../scripts/slack-manifest');
    expect(readFileSync(new URL('../slack/manifest.yaml', import.meta.url), 'utf8')).toBe(renderManifest({ url: 'https://compendium.example.com' }));
  });

  it('points every URL at the given host', () => {
    const m = buildManifest({ url: 'https://slack.acme.test' });
    const urls = JSON.stringify(m).match(/https?:\/\/[^"]+/g)!;
    expect(new Set(urls)).toEqual(new Set(['https://slack.acme.test/slack/events']));
  });

  it.each([
    [undefined, 'Give the deployment'],
    ['not a url', 'is not a URL'],
    ['http://compendium.example.com', 'only calls https'],
    ['https://127.0.0.1:8787', 'cannot reach'],
    ['https://localhost', 'cannot reach'],
    ['https://x.example.com/slack/events', 'origin only'],
  ])('refuses %j with a clear error', (raw, message) => {
    const r = manifestUrl(raw);
    expect('error' in r && r.error).toContain(message);
  });

  it('registers a small footprint by default: /compendium and /calc, and only the scopes it uses', () => {
    const m = buildManifest({ url: 'https://x.example.com' });
    expect(m.features!.slash_commands!.map((c) => c.command)).toEqual(['/compendium', '/calc']);
    expect([...m.oauth_config!.scopes!.bot!].sort()).toEqual(['app_mentions:read', 'assistant:write', 'channels:history', 'chat:write', 'commands', 'groups:history', 'im:history', 'links:read', 'links:write']);
    expect(m.features!.shortcuts).toEqual([expect.objectContaining({ type: 'message', name: 'Ask Compendium about this', callback_id: 'ask_about_message' })]);
    expect(m.features!.unfurl_domains).toEqual(['x.example.com']);
    expect(m.features!.bot_user!.display_name).toMatch(/^[a-z0-9._-]+$/); // the characters Slack's manifest reference allows
    expect(m.settings!.event_subscriptions!.bot_events).toContain('link_shared');
  });

  it('takes the origin of a good URL', () => expect(manifestUrl('https://x.example.com/')).toEqual({ url: 'https://x.example.com' }));

  it.each([
    ['the default (one workspace, static token)', {}],
    ['--oauth (any workspace, org-wide installs)', { oauth: true }],
    ['--calc-shortcuts', { calcShortcuts: true }],
  ])('validates against the manifest schema written from Slack\'s reference: %s', async (_n, options) => {
    const { manifestSchema } = await import('./helpers/slack-manifest-schema');
    const parsed = manifestSchema.safeParse(buildManifest({ url: 'https://compendium.example.com', ...options }));
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it('the schema refuses what Slack refuses (so the test above can fail)', async () => {
    const { manifestSchema } = await import('./helpers/slack-manifest-schema');
    const good = buildManifest({ url: 'https://compendium.example.com' });
    const broken = (change: (m: Record<string, any>) => void) => {
      const m = structuredClone(good) as Record<string, any>;
      change(m);
      return manifestSchema.safeParse(m).success;
    };
    expect(broken(() => {})).toBe(true);
    expect(broken((m) => (m.features.agent_view.suggested_prompts = [...m.features.agent_view.suggested_prompts, { title: 'five', message: 'five' }]))).toBe(false);
    expect(broken((m) => (m.features.bot_user.display_name = 'Compendium Bot'))).toBe(false);
    expect(broken((m) => (m.features.agent_view.unknown_field = true))).toBe(false);
    expect(broken((m) => (m.features.assistant_view = { assistant_description: 'x' }))).toBe(false);
    expect(broken((m) => (m.oauth_config.scopes.bot = m.oauth_config.scopes.bot.filter((s: string) => s !== 'im:history')))).toBe(false);
    expect(broken((m) => (m.oauth_config.redirect_urls = ['http://compendium.example.com/slack/oauth_redirect']))).toBe(false);
  });

  it('--oauth registers the redirect URL and allows org-wide installs; the default does not', () => {
    const oauth = buildManifest({ url: 'https://x.example.com', oauth: true });
    expect(oauth.oauth_config!.redirect_urls).toEqual(['https://x.example.com/slack/oauth_redirect']);
    expect(oauth.settings!.org_deploy_enabled).toBe(true);
    const single = buildManifest({ url: 'https://x.example.com' });
    expect(single.oauth_config!.redirect_urls).toBeUndefined();
    expect(single.settings!.org_deploy_enabled).toBe(false);
  });

  it('enables the AI surface (agent_view) with at most four prompts, and subscribes to uninstalls', () => {
    const m = buildManifest({ url: 'https://x.example.com' });
    expect(m.features!.agent_view!.suggested_prompts!.length).toBeLessThanOrEqual(4);
    expect(m.features!.assistant_view).toBeUndefined();
    expect(m.settings!.event_subscriptions!.bot_events).toEqual(expect.arrayContaining(['message.im', 'app_home_opened', 'app_uninstalled', 'tokens_revoked']));
  });
});

describe('README for Slack admins', () => {
  it('explains every scope the manifest requests, and the install order', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const scopes = buildManifest({ url: 'https://x.example.com' }).oauth_config!.scopes!.bot!;
    for (const scope of scopes) expect(readme).toMatch(new RegExp(`\\| \`${scope}\` \\| \\S`));
    const order = ['npm run slack:manifest', 'From an app manifest', 'SLACK_SIGNING_SECRET', 'Install to Workspace', 'SLACK_BOT_TOKEN', 'Re-verify'];
    const at = order.map((s) => readme.indexOf(s, readme.indexOf('Install it in a workspace')));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });
});

describe('README and .dev.vars.example for the install modes and the AI surface', () => {
  it('explains both install modes, the AI surface with the paid-plan requirement and its source, and documents every new secret', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../.dev.vars.example', import.meta.url), 'utf8');
    for (const heading of ['### Installing in any workspace (OAuth v2)', "### Slack's AI-app surface", '### Slackbot calling Compendium']) expect(readme).toContain(heading);
    expect(readme).toMatch(/paid\s+Slack plan[\s\S]{0,200}https:\/\/docs\.slack\.dev\//);
    for (const secret of ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_TOKEN_KEY']) {
      expect(readme).toMatch(new RegExp(`^\\|.*\`${secret}\`.*\\|`, 'm')); // a row of the configuration table
      expect(example).toContain(`${secret}=`);
    }
  });
});

describe('admin listing of recent 👎 (HTTP and the CLI)', () => {
  it('lists them with their reasons through `compendium feedback`, with the admin token from the environment', async () => {
    const { createServer } = await import('node:http');
    const { main } = await import('../src/cli/main');
    const rows = [{ createdAt: '2026-12-07T10:00:00.000Z', channel: 'slack', vote: 'down', question: 'how do I size a pool?\u001b[31m', sources: ['patterns/bulkhead'], reason: 'incomplete: no formula', missingSource: 'quantitative/littles-law', team: 'T1' }];
    const app = createApp({ knowledge: () => knowledge, fullDocument: async () => null, staticFile: async () => null, feedback: () => null, rateLimiter: () => null, feedbackList: () => async () => rows as never });
    const server = createServer(async (req, res) => {
      const r = await app.fetch(new Request(`http://x${req.url}`, { headers: req.headers as Record<string, string> }), { ADMIN_TOKEN: 'admin-secret' } as unknown as Env);
      res.writeHead(r.status, { 'content-type': 'application/json' });
      res.end(await r.text());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const run = async (args: string[], env: Record<string, string>) => {
      let out = '';
      let err = '';
      const code = await main(args, { out: (s) => void (out += s), err: (s) => void (err += s), stdin: process.stdin, env });
      return { code, out, err };
    };
    try {
      const ok = await run(['feedback', '--base', base], { COMPENDIUM_ADMIN_TOKEN: 'admin-secret' });
      expect(ok.code).toBe(0);
      expect(ok.out).toContain('👎 slack  how do I size a pool?');
      expect(ok.out).toContain('reason: incomplete: no formula');
      expect(ok.out).toContain('missing source: quantitative/littles-law');
      expect(ok.out).not.toContain('\u001b');
      const json = await run(['feedback', '--json', '--base', base], { COMPENDIUM_ADMIN_TOKEN: 'admin-secret' });
      expect(JSON.parse(json.out)[0].reason).toBe('incomplete: no formula');
      expect((await run(['feedback', '--base', base], {})).err).toContain('COMPENDIUM_ADMIN_TOKEN');
      const wrong = await run(['feedback', '--base', base], { COMPENDIUM_ADMIN_TOKEN: 'nope' });
      expect(wrong.code).toBe(1);
      expect(wrong.err).toContain('Authorization: Bearer');
      expect((await run(['feedback', '--base', base, '--vote', 'sideways'], { COMPENDIUM_ADMIN_TOKEN: 'admin-secret' })).code).toBe(2);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('is off (503) when no ADMIN_TOKEN is set', async () => {
    const app = createApp({ knowledge: () => knowledge, fullDocument: async () => null, staticFile: async () => null, feedback: () => null, rateLimiter: () => null });
    const res = await app.request('http://x/api/admin/feedback', { headers: { authorization: 'Bearer x' } });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('ADMIN_TOKEN');
  });
});

describe('Slack Web API client', () => {
  it('reads response_url errors sent as a bare word, and falls back to plain text on invalid_blocks there too', async () => {
    const replies = ['invalid_blocks', 'ok'];
    const bodies: Array<Record<string, unknown>> = [];
    const api = slackApi({
      token: 'x',
      log: () => {},
      fetch: async (_url, init) => {
        bodies.push(JSON.parse(String(init?.body)));
        const text = replies.shift()!;
        return new Response(text, { status: text === 'ok' ? 200 : 400 });
      },
    });
    const r = await api.respond('https://hooks.slack.test/r', { text: 'plain', blocks: [{ type: 'section' }] });
    expect(r.ok).toBe(true);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]!.blocks).toBeUndefined();
  });
});
