import type { Context, MiddlewareHandler } from 'hono';
import { apiError } from './errors';

/**
 * A per-client token bucket (per isolate: Workers run many isolates, so this bounds bursts from one
 * client rather than enforcing an exact global quota). The client is the connecting IP Cloudflare
 * reports, or "local" in development.
 */
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Seconds to wait before the next request is allowed, or 0 to allow it now (and count it). */
  take(client: string): number {
    const t = this.now();
    const rate = this.perMinute / 60_000;
    const b = this.buckets.get(client) ?? { tokens: this.perMinute, at: t };
    b.tokens = Math.min(this.perMinute, b.tokens + (t - b.at) * rate);
    b.at = t;
    if (b.tokens < 1) {
      this.buckets.set(client, b);
      return Math.ceil((1 - b.tokens) / rate / 1000);
    }
    b.tokens -= 1;
    this.buckets.set(client, b);
    if (this.buckets.size > 10_000) this.buckets.delete(this.buckets.keys().next().value!);
    return 0;
  }
}

/** Anything that can limit a client: the per-isolate bucket above, or the Workers Rate Limiting binding. */
export type Limiter = { take(client: string): number | Promise<number> };

/**
 * The Workers Rate Limiting binding (`[[ratelimits]]` in wrangler.toml): counted across isolates
 * in each location, per key. A refused request waits out the binding's period.
 */
export function bindingLimiter(binding: RateLimit, periodSeconds: number): Limiter {
  return {
    async take(client) {
      const { success } = await binding.limit({ key: client });
      return success ? 0 : periodSeconds;
    },
  };
}

/**
 * RATE_LIMIT_PER_MINUTE as a number, or an error that says how to fix it: a setting such as
 * "60/min" must not silently turn limiting off.
 */
export function parseRateSetting(raw: string | undefined): { perMinute: number } | { error: string } {
  if (raw === undefined || raw.trim() === '') return { perMinute: 60 };
  const n = Number(raw.trim());
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
    return { error: `RATE_LIMIT_PER_MINUTE must be a whole number of requests per minute from 1 to 1,000,000 (for example "60"); it is "${raw.slice(0, 40)}".` };
  }
  return { perMinute: n };
}

/**
 * The client a limit applies to: the connecting IP that Cloudflare sets (and overwrites, so a
 * client cannot choose it). Headers a client can write, such as X-Forwarded-For, are not trusted.
 */
export function clientKey(header: (name: string) => string | undefined): string {
  return header('cf-connecting-ip')?.trim() || 'local';
}

/** A 429 with Retry-After when this request's client is over its limit, else null (and the request counts). */
export async function overLimit(c: Context, limiter: Limiter | null): Promise<Response | null> {
  if (!limiter) return null;
  const wait = await limiter.take(clientKey((name) => c.req.header(name)));
  if (wait <= 0) return null;
  c.header('Retry-After', String(wait));
  return apiError(c, 429, 'rate_limited', `Too many requests from this client: the limit is per minute. Try again in ${wait} second${wait === 1 ? '' : 's'}.`);
}

export function rateLimit(limiter: () => Limiter | null): MiddlewareHandler {
  return async (c, next) => (await overLimit(c, limiter())) ?? next();
}
