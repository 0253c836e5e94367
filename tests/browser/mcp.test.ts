import { describe, expect, inject, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

/** The MCP endpoint of the running Worker (wrangler dev, as `npm start` serves it). */
const base = inject('baseUrl');
const ROOT = join(import.meta.dirname, '..', '..');

describe('MCP on wrangler dev', () => {
  it('connects with the SDK client, lists the tools and answers as the HTTP API does', async () => {
    const client = new Client({ name: 'compendium-tests', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['ask', 'calculate', 'choose_pattern', 'fetch', 'get_section', 'list_documents', 'review_design', 'search']);
    for (const t of tools) {
      expect(t.title, t.name).toBeTruthy();
      expect(t.annotations?.readOnlyHint, t.name).toBe(true);
    }
    const question = 'how long should a circuit breaker stay open?';
    const viaMcp = await client.callTool({ name: 'ask', arguments: { question } });
    const viaHttp = await (await fetch(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question }) })).json();
    expect(viaMcp.structuredContent).toEqual(viaHttp);
    await client.close();
  });

  it('speaks the current protocol revision as well as the 2025 ones', async () => {
    const modern = new Client({ name: 'compendium-tests', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } });
    await modern.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
    expect(modern.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    const r = await modern.callTool({ name: 'calculate', arguments: { calculator: 'tail', arguments: 'fanout=100 percentile=99' } });
    expect((r.structuredContent as { ok: boolean }).ok).toBe(true);
    await modern.close();
    const legacy = new Client({ name: 'compendium-tests', version: '1.0.0' });
    await legacy.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
    expect(legacy.getNegotiatedProtocolVersion()).toMatch(/^2025-/);
    await legacy.close();
  });

  it('passes the official conformance suite, but for the scenarios recorded in the baseline', () => {
    const cli = join(ROOT, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');
    const run = spawnSync(process.execPath, [cli, 'server', '--url', `${base}/mcp`, '--expected-failures', join(ROOT, 'tests', 'mcp', 'conformance-baseline.yml')], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 240_000,
    });
    const summary = run.stdout.slice(run.stdout.indexOf('=== SUMMARY ==='));
    expect(run.status, summary || run.stderr).toBe(0);
    for (const scenario of ['server-initialize', 'ping', 'tools-list', 'resources-list', 'prompts-list', 'dns-rebinding-protection']) {
      expect(summary).toMatch(new RegExp(`✓ ${scenario}:`));
    }
  }, 300_000);
});
