/**
 * Slack's Web API over fetch (no SDK in the Worker: see the README). Calls run after the request
 * was acknowledged (inside waitUntil), so each call is bounded: a 429 waits for its Retry-After,
 * a 5xx or a network failure is retried with backoff, and the whole call gives up once
 * RETRY_DEFAULTS.budgetMs of waiting is spent, well inside the Workers limit for waitUntil.
 */
export type SlackResult = { ok: boolean; error?: string; [key: string]: unknown };

export type SlackApi = {
  /** A Web API method with a JSON body (POST). */
  call(method: string, body: Record<string, unknown>): Promise<SlackResult>;
  /** A read method with query arguments (GET), such as conversations.replies. */
  get(method: string, args: Record<string, string | number>): Promise<SlackResult>;
  /** Posts to an interaction's response_url (ephemeral replies, in-place updates, sharing). */
  respond(responseUrl: string, body: Record<string, unknown>): Promise<SlackResult>;
};

/** How long and how often a call may retry; tests shrink the waits through `sleep`. */
export const RETRY_DEFAULTS = {
  /** Attempts after the first one, for 5xx and network failures. */
  retries: 3,
  /** First backoff; it doubles each retry. */
  backoffMs: 1000,
  /** Total waiting (Retry-After, backoff and pacing) one call may spend before it gives up. */
  budgetMs: 20_000,
  /** Slack's guideline for posting to one channel: about one message a second. */
  channelIntervalMs: 1000,
} as const;

/** Errors after which a message is sent again as plain text (its blocks were refused). */
const BLOCK_ERRORS = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'msg_blocks_too_long', 'too_many_blocks']);
/** Errors that mean the bot token itself is refused: no retry helps until an admin fixes it. */
export const AUTH_ERRORS = new Set(['invalid_auth', 'account_inactive', 'token_revoked', 'token_expired', 'not_authed', 'no_permission', 'ekm_access_denied']);
/** Errors worth another delivery later (Slack's redelivery of the event can still succeed). */
export const TRANSIENT_ERRORS = new Set(['ratelimited', 'network_error', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'http_500', 'http_502', 'http_503', 'http_504']);
/** Methods that post into a channel, paced per channel. */
const POSTING = new Set(['chat.postMessage', 'chat.postEphemeral']);

/**
 * Spaces posts to one channel about a second apart, within this isolate (Workers isolates do not
 * share memory: bursts across isolates are caught by Slack's 429 and its Retry-After instead).
 */
export class ChannelPacer {
  private next = new Map<string, number>();
  constructor(
    private intervalMs: number = RETRY_DEFAULTS.channelIntervalMs,
    private maxChannels = 1000,
  ) {}
  /** How long to wait before posting to `channel` now; reserves the slot. */
  reserve(channel: string, now: number): number {
    const slot = Math.max(now, this.next.get(channel) ?? 0);
    this.next.delete(channel);
    this.next.set(channel, slot + this.intervalMs);
    if (this.next.size > this.maxChannels) this.next.delete(this.next.keys().next().value as string);
    return slot - now;
  }
}

export type SlackApiOptions = {
  token: string;
  /** https://slack.com/api unless SLACK_API_URL points it at a fake (tests, operators checking an install). */
  baseUrl?: string;
  fetch?: typeof fetch;
  log?: (message: string) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  retry?: Partial<typeof RETRY_DEFAULTS>;
  /** Shared by every call of an isolate; without one, posts are not paced. */
  pacer?: ChannelPacer;
};

export function slackApi(options: SlackApiOptions): SlackApi {
  const base = (options.baseUrl ?? 'https://slack.com/api').replace(/\/+$/, '');
  const f = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const log = options.log ?? ((m: string) => console.warn(m));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? (() => Date.now());
  const retry = { ...RETRY_DEFAULTS, ...options.retry };

  /** One HTTP attempt; never throws. `retryAfterMs` is set on a 429. */
  const attempt = async (url: string, init: RequestInit): Promise<SlackResult & { retryAfterMs?: number; status?: number }> => {
    try {
      const res = await f(url, init);
      if (res.status === 429) {
        const seconds = Number(res.headers.get('retry-after'));
        return { ok: false, error: 'ratelimited', status: 429, retryAfterMs: (Number.isFinite(seconds) && seconds >= 0 ? seconds : 1) * 1000 };
      }
      const text = await res.text();
      if (res.status >= 500) return { ok: false, error: `http_${res.status}`, status: res.status };
      try {
        return JSON.parse(text) as SlackResult;
      } catch {
        // response_url answers "ok", or an error word such as "invalid_blocks" (with a 4xx), as text.
        const word = /^[a-z_]+$/.test(text.trim()) && text.trim() !== 'ok' ? text.trim() : undefined;
        return { ok: res.ok && !word, error: word ?? (res.ok ? undefined : `http_${res.status}`) };
      }
    } catch (err) {
      return { ok: false, error: 'network_error', detail: err instanceof Error ? err.message : String(err) };
    }
  };

  /** Attempts with Retry-After and bounded backoff, within the waiting budget. */
  const withRetries = async (what: string, url: string, init: RequestInit, spent = 0): Promise<SlackResult> => {
    let waited = spent;
    let backoff = retry.backoffMs;
    for (let tries = 0; ; tries++) {
      const r = await attempt(url, init);
      const wait = r.retryAfterMs ?? (r.error === 'network_error' || (r.status ?? 0) >= 500 ? backoff : null);
      if (r.ok || wait === null) return r;
      if (tries >= retry.retries || waited + wait > retry.budgetMs) {
        log(`slack ${what} failed after ${tries + 1} attempt(s): ${r.error}${r.retryAfterMs ? ` (Retry-After ${r.retryAfterMs / 1000}s is past the ${retry.budgetMs / 1000}s budget)` : ''}`);
        return r;
      }
      await sleep(wait);
      waited += wait;
      if (r.retryAfterMs === undefined) backoff *= 2;
    }
  };

  const explain = (what: string, r: SlackResult) => {
    if (r.ok) return;
    if (AUTH_ERRORS.has(String(r.error))) {
      log(`slack ${what}: Slack refused the bot token (${r.error}). Reinstall the app to the workspace, then set its bot token again: npx wrangler secret put SLACK_BOT_TOKEN.`);
    } else if (!TRANSIENT_ERRORS.has(String(r.error))) log(`slack ${what} failed: ${r.error}`);
  };

  const json = (body: Record<string, unknown>, auth: boolean): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...(auth ? { authorization: `Bearer ${options.token}` } : {}) },
    body: JSON.stringify(body),
  });

  /** A message whose blocks Slack refused goes again as its plain text, so the answer still arrives. */
  const withFallback = async (what: string, body: Record<string, unknown>, send: (b: Record<string, unknown>) => Promise<SlackResult>): Promise<SlackResult> => {
    const r = await send(body);
    if (r.ok || !BLOCK_ERRORS.has(String(r.error)) || !body.blocks) return r;
    log(`slack ${what}: Slack refused the blocks (${r.error}); sending the plain text instead`);
    const { blocks: _blocks, ...rest } = body;
    const text = typeof rest.text === 'string' && rest.text ? rest.text.slice(0, 3000) : 'The answer could not be shown here.';
    return send({ ...rest, text });
  };

  return {
    async call(method, body) {
      let spent = 0;
      if (options.pacer && POSTING.has(method) && typeof body.channel === 'string') {
        spent = options.pacer.reserve(body.channel, now());
        if (spent > 0) await sleep(spent);
      }
      const r = await withFallback(method, body, (b) => withRetries(method, `${base}/${method}`, json(b, true), spent));
      explain(method, r);
      return r;
    },
    async get(method, args) {
      const query = new URLSearchParams(Object.entries(args).map(([k, v]) => [k, String(v)]));
      const r = await withRetries(method, `${base}/${method}?${query}`, { method: 'GET', headers: { authorization: `Bearer ${options.token}` } });
      explain(method, r);
      return r;
    },
    async respond(url, body) {
      const r = await withFallback('response_url', body, (b) => withRetries('response_url', url, json(b, false)));
      explain('response_url', r);
      return r;
    },
  };
}
