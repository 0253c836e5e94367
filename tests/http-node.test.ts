import { describe, expect, it } from 'vitest';
import { createApp } from '../src/http/app';
import { bindingLimiter, parseRateSetting, RateLimiter } from '../src/http/rate-limit';
import type { Feedback } from '../src/http/feedback';
import { builtKnowledge } from './helpers/knowledge';

const knowledge = builtKnowledge();

describe('rate limiter', () => {
  it('lets a burst through, then refills at the per-minute rate', () => {
    let now = 0;
    const l = new RateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) expect(l.take('a')).toBe(0);
    expect(l.take('a')).toBe(1);
    expect(l.take('b')).toBe(0);
    now += 1000;
    expect(l.take('a')).toBe(0);
    expect(l.take('a')).toBeGreaterThan(0);
  });

  it('answers 429 with a clear message and Retry-After once a client is over the limit', async () => {
    const limiter = new RateLimiter(3);
    const app = createApp({ knowledge: () => knowledge, fullDocument: async () => null, staticFile: async () => null, feedback: () => null, rateLimiter: () => limiter });
    const hit = () => app.request('http://x/api/search?q=cache', { headers: { 'cf-connecting-ip': '203.0.113.7' } });
    for (let i = 0; i < 3; i++) expect((await hit()).status).toBe(200);
    const res = await hit();
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(/Try again in \d+ seconds?/);
    const other = await app.request('http://x/api/search?q=cache', { headers: { 'cf-connecting-ip': '203.0.113.8' } });
    expect(other.status).toBe(200);
  });

  it('limits every route that computes: /ask, missed pages and /mcp, not only the API', async () => {
    for (const path of ['/ask?q=what%20is%20a%20saga', '/docs/patterns/no-such-page', '/mcp']) {
      const limiter = new RateLimiter(2);
      const app = createApp({ knowledge: () => knowledge, fullDocument: async () => null, staticFile: async () => null, feedback: () => null, rateLimiter: () => limiter });
      const hit = () => app.request(`http://localhost${path}`, { method: path === '/mcp' ? 'POST' : 'GET', headers: { 'cf-connecting-ip': '203.0.113.9', 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: path === '/mcp' ? '{"jsonrpc":"2.0","id":1,"method":"ping"}' : undefined });
      await hit();
      await hit();
      expect((await hit()).status, path).toBe(429);
    }
  });

  it('keys the limit on the connecting IP Cloudflare sets, not on headers a client can forge', async () => {
    const limiter = new RateLimiter(2);
    const app = createApp({ knowledge: () => knowledge, fullDocument: async () => null, staticFile: async () => null, feedback: () => null, rateLimiter: () => limiter });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await app.request('http://x/api/search?q=cache', { headers: { 'cf-connecting-ip': '203.0.113.10', 'x-forwarded-for': `198.51.100.${i}` } });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
  });

  it('rejects a malformed RATE_LIMIT_PER_MINUTE with a message that says how to fix it', () => {
    expect(parseRateSetting('60')).toEqual({ perMinute: 60 });
    expect(parseRateSetting(undefined)).toEqual({ perMinute: 60 });
    for (const bad of ['60/min', '0', '-5', 'sixty', '1.5']) {
      const r = parseRateSetting(bad);
      expect('error' in r && r.error, bad).toMatch(/RATE_LIMIT_PER_MINUTE must be a whole number/);
    }
  });

  it('uses the Workers Rate Limiting binding where it exists', async () => {
    let calls = 0;
    const binding = { limit: async ({ key }: { key: string }) => ({ success: key === 'local' ? true : ++calls <= 1 }) };
    const l = bindingLimiter(binding, 60);
    expect(await l.take('203.0.113.1')).toBe(0);
    expect(await l.take('203.0.113.1')).toBe(60);
  });

  it('refuses an oversize path early with 414, and answers a long missed path quickly', async () => {
    const app = createApp({ knowledge: () => knowledge, fullDocument: async () => null, staticFile: async () => null, feedback: () => null, rateLimiter: () => null });
    const res = await app.request(`http://x/docs/${'abcdefgh/'.repeat(6000)}`);
    expect(res.status).toBe(414);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/no page has a path over 512/);
  });
});

describe('feedback', () => {
  it('stores the question, vote and sources, and rejects bad feedback', async () => {
    const saved: Feedback[] = [];
    const app = createApp({
      knowledge: () => knowledge,
      fullDocument: async () => null,
      staticFile: async () => null,
      feedback: () => ({ save: async (f) => void saved.push(f) }),
      rateLimiter: () => null,
    });
    const post = (body: unknown) => app.request('http://x/api/feedback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post({ question: 'what is a saga?', vote: 'up', sources: ['patterns/saga'] })).status).toBe(201);
    expect(saved).toEqual([{ question: 'what is a saga?', vote: 'up', sources: ['patterns/saga'], channel: 'web', voter: expect.stringMatching(/^[0-9a-f]{32}$/) }]);
    expect((await post({ question: 'x', vote: 'maybe' })).status).toBe(400);
    expect((await post({ vote: 'up' })).status).toBe(400);
    const none = createApp({ knowledge: () => knowledge, fullDocument: async () => null, staticFile: async () => null, feedback: () => null, rateLimiter: () => null });
    const res = await none.request('http://x/api/feedback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'q', vote: 'up' }) });
    expect(res.status).toBe(503);
  });
});
