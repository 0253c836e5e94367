import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/http/app';
import { hashUserId } from '../src/http/slack';
import { databaseState } from '../src/http/health';
import { signSlackRequest } from '../src/slack/verify';
import { memorySlackStore } from '../src/slack/store';
import { slackApi } from '../src/slack/web-api';
import { MAX_PROMPTS, SUGGESTED_PROMPTS, titleFrom, WORKING_STATUS } from '../src/slack/assistant';
import type { SlackDeps } from '../src/slack/handlers';
import { socketModeHandler } from '../src/slack/socket';
import { builtKnowledge } from './helpers/knowledge';
import { fakeSlack } from './helpers/fake-slack';

const knowledge = builtKnowledge();
const SECRET = 'ai-test-signing-secret';

describe("Slack's AI-app surface over HTTP, against a fake Slack on loopback", () => {
  let slack: Awaited<ReturnType<typeof fakeSlack>>;
  let store: ReturnType<typeof memorySlackStore>;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    slack = await fakeSlack();
  });
  afterAll(() => slack.close());
  beforeEach(() => {
    slack.calls.length = 0;
    store = memorySlackStore();
    const deps: SlackDeps = { knowledge, api: slackApi({ token: 'xoxb-ai', baseUrl: `${slack.url}/api`, log: () => {} }), store, publicUrl: 'https://compendium.test', hashUser: (id) => hashUserId(id, SECRET) };
    app = createApp({ knowledge: () => knowledge, fullDocument: async () => null, staticFile: async () => null, feedback: () => null, rateLimiter: () => null, database: () => databaseState(undefined), slack: { signingSecret: () => SECRET, handlers: () => deps } });
  });

  async function signed(body: string, type: string) {
    const ts = Math.floor(Date.now() / 1000);
    return app.request('http://x/slack/events', { method: 'POST', headers: { 'content-type': type, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': await signSlackRequest(SECRET, ts, body) }, body });
  }
  const event = (e: Record<string, unknown>) => signed(JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: `Ev${Math.random()}`, authorizations: [{ user_id: 'UBOT', is_bot: true }], event: e }), 'application/json');
  const calls = (method: string) => slack.calls.filter((c) => c.path === `/api/${method}`);

  it('a new conversation (agent view: the Messages tab opened) gets at most four suggested prompts, without a thread', async () => {
    await event({ type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'messages' });
    const [set] = calls('assistant.threads.setSuggestedPrompts');
    expect(set!.body).toMatchObject({ channel_id: 'D1', title: expect.any(String) });
    expect(set!.body).not.toHaveProperty('thread_ts'); // Slack drops the call silently for agent apps when it is given
    const prompts = set!.body.prompts as Array<{ title: string; message: string }>;
    expect(prompts.length).toBeLessThanOrEqual(MAX_PROMPTS);
    expect(prompts.map((p) => p.title)).toEqual(['Ask a design question', 'Choose a pattern', 'Run a design review', 'Size a queue']);
    expect(calls('chat.postMessage')).toHaveLength(0); // reopening the tab posts nothing
  });

  it('a new assistant thread (assistant view) gets a greeting that names where the person is, and prompts for that thread', async () => {
    await event({ type: 'assistant_thread_started', assistant_thread: { user_id: 'U1', channel_id: 'D1', thread_ts: '100.1', context: { channel_id: 'C777', team_id: 'T1' } } });
    const [hello] = calls('chat.postMessage');
    expect(hello!.body).toMatchObject({ channel: 'D1', thread_ts: '100.1' });
    expect(String(hello!.body.text)).toContain('<#C777>');
    expect(calls('assistant.threads.setSuggestedPrompts')[0]!.body).toMatchObject({ channel_id: 'D1', thread_ts: '100.1', title: 'Ask about this channel, or:' });
    await event({ type: 'assistant_thread_context_changed', assistant_thread: { user_id: 'U1', channel_id: 'D1', thread_ts: '100.1', context: {} } });
    expect(calls('assistant.threads.setSuggestedPrompts')[1]!.body).toMatchObject({ thread_ts: '100.1', title: 'Try one of these:' });
    expect(calls('chat.postMessage')).toHaveLength(1); // a context change posts nothing
  });

  it('a question gets a status while working, the question as title, and an answer in that conversation with native feedback', async () => {
    await event({ type: 'message', channel_type: 'im', user: 'U1', text: 'How do I stop retries from overloading a downstream service?', channel: 'D1', ts: '200.1' });
    const order = slack.calls.map((c) => c.path.replace('/api/', ''));
    expect(order).toEqual(['assistant.threads.setStatus', 'assistant.threads.setTitle', 'chat.postMessage']);
    expect(calls('assistant.threads.setStatus')[0]!.body).toEqual({ channel_id: 'D1', thread_ts: '200.1', status: WORKING_STATUS });
    expect(calls('assistant.threads.setTitle')[0]!.body).toEqual({ channel_id: 'D1', thread_ts: '200.1', title: 'How do I stop retries from overloading a downstream service?' });
    const answer = calls('chat.postMessage')[0]!.body;
    expect(answer).toMatchObject({ channel: 'D1', thread_ts: '200.1' });
    expect(JSON.stringify(answer.blocks)).toMatch(/retr/i);
    const blocks = answer.blocks as Array<{ type: string; elements?: Array<Record<string, unknown>> }>;
    const native = blocks.find((b) => b.type === 'context_actions');
    expect(native!.elements![0]).toMatchObject({ type: 'feedback_buttons', action_id: 'feedback_native' });
    expect(blocks.some((b) => b.type === 'actions' && JSON.stringify(b).includes('feedback_up'))).toBe(false); // not both kinds
    // The body is in Slack's markdown block (made for AI-surface apps), not mrkdwn sections.
    const body = blocks.find((b) => b.type === 'markdown') as unknown as { text: string } | undefined;
    expect(body?.text).toMatch(/retr/i);
    expect(blocks.some((b) => b.type === 'section')).toBe(false);

    // A follow-up in the same conversation keeps its subject and its title.
    slack.calls.length = 0;
    await event({ type: 'message', channel_type: 'im', user: 'U1', text: 'and how does it fail?', channel: 'D1', ts: '200.5', thread_ts: '200.1' });
    expect(calls('assistant.threads.setTitle')).toHaveLength(0);
    expect(calls('assistant.threads.setStatus')).toHaveLength(1);
    expect(calls('chat.postMessage')[0]!.body).toMatchObject({ thread_ts: '200.1' });
  });

  it('the prompts run the same dialogues and calculators as the slash commands', async () => {
    for (const p of SUGGESTED_PROMPTS.slice(1)) await event({ type: 'message', channel_type: 'im', user: 'U1', text: p.message, channel: 'D1', ts: `${Math.random()}` });
    const [selector, review, queue] = calls('chat.postMessage').map((c) => JSON.stringify(c.body.blocks));
    expect(selector).toContain('dialogue_answer_0');
    expect(review).toContain('dialogue_answer_0');
    expect(queue).toMatch(/utili[sz]ation|wait/i);
    expect(calls('assistant.threads.setTitle')).toHaveLength(0); // not questions: no status, no title
  });

  it("native feedback clicks are stored like ours (👎 opens the reason modal)", async () => {
    await event({ type: 'message', channel_type: 'im', user: 'U1', text: 'what is a bulkhead?', channel: 'D1', ts: '300.1' });
    const native = (calls('chat.postMessage')[0]!.body.blocks as Array<{ type: string; elements?: Array<{ positive_button: { value: string }; negative_button: { value: string } }> }>).find((b) => b.type === 'context_actions')!.elements![0]!;
    const click = (value: string, user: string) =>
      signed(new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', user: { id: user, team_id: 'T1' }, team: { id: 'T1' }, trigger_id: 'trig', response_url: `${slack.url}/respond`, actions: [{ type: 'feedback_buttons', action_id: 'feedback_native', block_id: 'native_feedback', value }] }) }).toString(), 'application/x-www-form-urlencoded');
    await click(native.positive_button.value, 'U1');
    await click(native.negative_button.value, 'U2');
    expect(store.feedback.map((f) => ({ vote: f.vote, question: f.question, team: f.team }))).toEqual([
      { vote: 'up', question: 'what is a bulkhead?', team: 'T1' },
      { vote: 'down', question: 'what is a bulkhead?', team: 'T1' },
    ]);
    expect(store.feedback[0]!.sources!.length).toBeGreaterThan(0);
    expect(calls('views.open')).toHaveLength(1);
  });

  it('runs the same way in Socket Mode (the runner hands every payload to the same handlers)', async () => {
    const handler = socketModeHandler({ knowledge, api: slackApi({ token: 'xoxb-ai', baseUrl: `${slack.url}/api`, log: () => {} }), store, publicUrl: 'https://compendium.test', hashUser: async () => 'h' });
    await handler({ body: { type: 'event_callback', event_id: 'EvSock1', event: { type: 'assistant_thread_started', assistant_thread: { user_id: 'U1', channel_id: 'D9', thread_ts: '9.9', context: {} } } }, ack: async () => {} });
    await handler({ body: { type: 'event_callback', event_id: 'EvSock2', event: { type: 'message', channel_type: 'im', user: 'U1', text: 'what is a saga?', channel: 'D9', ts: '9.95', thread_ts: '9.9' } }, ack: async () => {} });
    expect(slack.calls.map((c) => c.path.replace('/api/', ''))).toEqual(['chat.postMessage', 'assistant.threads.setSuggestedPrompts', 'assistant.threads.setStatus', 'assistant.threads.setTitle', 'chat.postMessage']);
  });

  it('titles are text, never markup, and short', () => {
    expect(titleFrom('is <!channel> a <https://evil.test|link>?')).toBe('is &lt;!channel&gt; a &lt;https://evil.test|link&gt;?');
    const long = titleFrom('how should we partition a multi-tenant event store so that noisy tenants cannot starve the others');
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.endsWith('…')).toBe(true);
  });

  it('mentions and slash commands keep working next to it (plans without the AI surface)', async () => {
    await event({ type: 'app_mention', user: 'U1', text: '<@UBOT> what is a saga?', channel: 'C1', ts: '400.1' });
    expect(calls('chat.postMessage')[0]!.body).toMatchObject({ channel: 'C1', thread_ts: '400.1' });
    expect(calls('assistant.threads.setStatus')).toHaveLength(0);
    const res = await signed(new URLSearchParams({ command: '/compendium', text: 'what is a saga?', user_id: 'U1', channel_id: 'C1', team_id: 'T1' }).toString(), 'application/x-www-form-urlencoded');
    expect(JSON.stringify(await res.json())).toContain('ephemeral');
  });
});

describe('the markdown block body', () => {
  it('keeps links only to the compendium, turns angle brackets into look-alikes, and stays within 12,000 characters', async () => {
    const { markdownForBlock } = await import('../src/slack/mrkdwn');
    const md = 'See [Retry](https://c.test/docs/patterns/retry-backoff) and [evil](https://evil.example/x); run `/calc queue arrival=<rate>` <!channel> <@U123>.';
    const out = markdownForBlock(md, { linkBase: 'https://c.test' });
    expect(out).toContain('[Retry](https://c.test/docs/patterns/retry-backoff)');
    expect(out).not.toContain('evil.example');
    expect(out).toContain('evil');
    expect(out).not.toMatch(/[<>]/);
    const long = markdownForBlock(`${'A paragraph of text. '.repeat(40)}\n\n`.repeat(40), { linkBase: 'https://c.test' });
    expect(long.length).toBeLessThanOrEqual(12000);
  });
});
