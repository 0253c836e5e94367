import type { MiddlewareHandler } from 'hono';
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

export function rateLimit(limiter: () => RateLimiter | null): MiddlewareHandler {
  return async (c, next) => {
    const l = limiter();
    if (!l) return next();
    const client = c.req.header('cf-connecting-ip') ?? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? 'local';
    const wait = l.take(client);
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return apiError(c, 429, 'rate_limited', `Too many requests from this client: the limit is per minute. Try again in ${wait} second${wait === 1 ? '' : 's'}.`);
    }
    return next();
  };
}
