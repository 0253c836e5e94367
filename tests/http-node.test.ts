import { describe, expect, it } from 'vitest';
import { createApp } from '../src/http/app';
import { RateLimiter } from '../src/http/rate-limit';
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
    expect(saved).toEqual([{ question: 'what is a saga?', vote: 'up', sources: ['patterns/saga'], channel: 'web' }]);
    expect((await post({ question: 'x', vote: 'maybe' })).status).toBe(400);
    expect((await post({ vote: 'up' })).status).toBe(400);
    const none = createApp({ knowledge: () => knowledge, fullDocument: async () => null, staticFile: async () => null, feedback: () => null, rateLimiter: () => null });
    const res = await none.request('http://x/api/feedback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'q', vote: 'up' }) });
    expect(res.status).toBe(503);
  });
});
