/**
 * Slack's Web API over fetch (no SDK in the Worker: see the README). One attempt per call, no
 * hidden retries, so a request never hangs; failures are logged and returned to the caller.
 */
export type SlackResult = { ok: boolean; error?: string; [key: string]: unknown };

export type SlackApi = {
  call(method: string, body: Record<string, unknown>): Promise<SlackResult>;
  /** Posts to an interaction's response_url (ephemeral replies, in-place updates, sharing). */
  respond(responseUrl: string, body: Record<string, unknown>): Promise<SlackResult>;
};

export type SlackApiOptions = {
  token: string;
  /** https://slack.com/api unless a test points it at a fake. */
  baseUrl?: string;
  fetch?: typeof fetch;
  log?: (message: string) => void;
};

export function slackApi(options: SlackApiOptions): SlackApi {
  const base = (options.baseUrl ?? 'https://slack.com/api').replace(/\/+$/, '');
  const f = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const log = options.log ?? ((m: string) => console.warn(m));
  const post = async (url: string, body: Record<string, unknown>, auth: boolean, what: string): Promise<SlackResult> => {
    try {
      const res = await f(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', ...(auth ? { authorization: `Bearer ${options.token}` } : {}) },
        body: JSON.stringify(body),
      });
      if (res.status === 429) {
        const result = { ok: false, error: 'ratelimited', retryAfter: Number(res.headers.get('retry-after') ?? 1) };
        log(`slack ${what}: rate limited (retry after ${result.retryAfter}s)`);
        return result;
      }
      const text = await res.text();
      let json: SlackResult;
      try {
        json = JSON.parse(text) as SlackResult;
      } catch {
        json = { ok: res.ok && (text === 'ok' || text === ''), error: res.ok ? undefined : `http_${res.status}` };
      }
      if (!json.ok) log(`slack ${what} failed: ${json.error ?? res.status}`);
      return json;
    } catch (err) {
      log(`slack ${what} failed: ${err instanceof Error ? err.message : String(err)}`);
      return { ok: false, error: 'network_error' };
    }
  };
  return {
    call: (method, body) => post(`${base}/${method}`, body, true, method),
    respond: (url, body) => post(url, body, false, 'response_url'),
  };
}
