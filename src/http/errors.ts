import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Every API error has the same shape: a machine code and a sentence that says how to fix it. */
export function apiError(c: Context, status: ContentfulStatusCode, code: string, message: string) {
  return c.json({ error: { code, message } }, status);
}

/** A deployment setting that is wrong: every request gets a 503 that names it and says how to fix it. */
export class ConfigError extends Error {}
