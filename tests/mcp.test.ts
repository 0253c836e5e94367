import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { createApp } from '../src/http/app';
import { builtKnowledge, readBuiltFullDocument } from './helpers/knowledge';

/**
 * The MCP interface: an SDK client calls every tool over Streamable HTTP (the Hono app, in-process)
 * and over stdio (`compendium mcp`), and gets what the HTTP API gives for the same request.
 */
const BASE = 'http://localhost';
const knowledge = builtKnowledge();
const app = createApp({ knowledge: () => knowledge, fullDocument: readBuiltFullDocument, staticFile: async () => null, feedback: () => null, rateLimiter: () => null });
const api = async (path: string, body: unknown) => (await app.request(`${BASE}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();

let client: Client;
beforeAll(async () => {
  client = new Client({ name: 'compendium-tests', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${BASE}/mcp`), { fetch: async (url, init) => app.request(String(url), init) }));
});
afterAll(async () => client?.close());

const call = async (name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args });

describe('MCP tools over Streamable HTTP', () => {
  it('lists every tool with a title, a description and read-only hints', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['ask', 'calculate', 'choose_pattern', 'fetch', 'get_section', 'list_documents', 'review_design', 'search']);
    for (const t of tools) {
      expect(t.title).toBeTruthy();
      expect(t.description!.length).toBeGreaterThan(40);
      expect(t.annotations).toMatchObject({ readOnlyHint: true, destructiveHint: false });
      expect(t.inputSchema.type).toBe('object');
    }
  });

  it('answers as POST /api/ask does', async () => {
    for (const question of ['saga vs two-phase commit', 'what does 2PC stand for?', 'how do I bake sourdough bread?']) {
      const r = await call('ask', { question });
      expect(r.structuredContent).toEqual(await api('/api/ask', { question }));
    }
  });

  it('calculates as POST /api/calc does, and reports a bad input as a tool error', async () => {
    const r = await call('calculate', { calculator: 'queue', arguments: 'arrival=80/s service=10ms servers=2' });
    expect(r.structuredContent).toEqual(await api('/api/calc', { input: 'queue arrival=80/s service=10ms servers=2' }));
    const bloom = await call('calculate', { calculator: 'bloom', arguments: 'n=1M p=1%' });
    expect(bloom.isError).toBeFalsy();
    expect(bloom.structuredContent).toEqual(await api('/api/calc', { input: 'bloom n=1M p=1%' }));
    const bad = await call('calculate', { calculator: 'queue', arguments: 'arrival=fast' });
    expect(bad.isError).toBe(true);
    expect((bad.content as Array<{ text: string }>)[0]!.text).toMatch(/arrival/);
  });

  it('walks the pattern selector and the review with the state round-tripping, as the HTTP API does', async () => {
    const first = (await call('choose_pattern', {})).structuredContent as { state: string };
    expect(first).toEqual(await api('/api/select', {}));
    const next = await call('choose_pattern', { state: first.state, answer: 1 });
    expect(next.structuredContent).toEqual(await api('/api/select', { state: first.state, answer: 1 }));
    const review = (await call('review_design', {})).structuredContent as { type: string };
    expect(review.type).toBe('question');
    const stale = await call('choose_pattern', { state: 'selector~forged~1', answer: 1 });
    expect(stale.isError).toBe(true);
  });

  it('searches documents and sections, and fetches either by id', async () => {
    const { results } = (await call('search', { query: 'thundering herd' })).structuredContent as { results: Array<{ id: string; title: string; url: string }> };
    expect(results.length).toBeGreaterThan(1);
    const section = results.find((r) => r.id.includes('#'))!;
    const fetched = (await call('fetch', { id: section.id })).structuredContent as { title: string; text: string; url: string };
    expect(fetched.url).toBe(section.url);
    expect(fetched.text).toMatch(/^## /);
    const doc = (await call('fetch', { id: 'patterns/saga' })).structuredContent as { text: string };
    expect(doc.text).toMatch(/^# Saga/);
    const missing = await call('fetch', { id: 'patterns/nope' });
    expect(missing.isError).toBe(true);
  });

  it('lists documents and reads one section by anchor', async () => {
    const { documents } = (await call('list_documents', { kind: 'axiom' })).structuredContent as { documents: unknown[] };
    expect(documents).toHaveLength(8);
    const s = (await call('get_section', { id: 'patterns/circuit-breaker', anchor: 'in-practice' })).structuredContent as { text: string };
    expect(s.text).toMatch(/^## In practice/);
    const wrong = await call('get_section', { id: 'patterns/circuit-breaker', anchor: 'nowhere' });
    expect((wrong.content as Array<{ text: string }>)[0]!.text).toMatch(/Its sections: /);
  });

  it('offers every document as a resource and two prompts', async () => {
    const { resources } = await client.listResources();
    expect(resources.length).toBe(knowledge.docs.length);
    const read = await client.readResource({ uri: 'compendium://docs/patterns/bulkhead' });
    expect((read.contents[0] as { text: string }).text).toMatch(/^# Bulkhead/);
    const { prompts } = await client.listPrompts();
    expect(prompts.map((p) => p.name).sort()).toEqual(['pick_a_pattern', 'review_my_design']);
  });

  it('refuses a request that names another host (DNS rebinding)', async () => {
    const res = await app.request('http://evil.example/mcp', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' });
    expect(res.status).toBe(403);
  });
});

describe('MCP over stdio (compendium mcp)', () => {
  it('serves the same tools and answers from the CLI', async () => {
    const stdio = new Client({ name: 'compendium-tests', version: '1.0.0' });
    await stdio.connect(new StdioClientTransport({ command: process.execPath, args: [join(import.meta.dirname, '..', 'bin', 'compendium.mjs'), 'mcp'], env: { ...process.env, COMPENDIUM_URL: BASE } as Record<string, string> }));
    const { tools } = await stdio.listTools();
    expect(tools).toHaveLength(8);
    const r = await stdio.callTool({ name: 'ask', arguments: { question: 'what is a bulkhead?' } });
    expect(r.structuredContent).toEqual(await api('/api/ask', { question: 'what is a bulkhead?' }));
    await stdio.close();
  }, 30_000);
});
