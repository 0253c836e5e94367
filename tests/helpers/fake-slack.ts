import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Call = { path: string; query: Record<string, string>; method: string; body: Record<string, unknown>; auth?: string };

/** A reply with an HTTP status and headers (a 429 with Retry-After, a 500), instead of a 200 with JSON. */
export type HttpReply = { __http: { status: number; headers?: Record<string, string>; body?: unknown } };
export const httpReply = (status: number, body: unknown = { ok: false }, headers: Record<string, string> = {}): HttpReply => ({ __http: { status, headers, body } });

/**
 * A fake Slack Web API (OAuth's oauth.v2.access included) and response_url endpoint on loopback
 * that records every call (the path without its query, the query, the JSON or form body). Point SLACK_API_URL (or slackApi's baseUrl) at
 * `${url}/api`.
 */
export async function fakeSlack(reply: (call: Call) => Record<string, unknown> | HttpReply = () => ({ ok: true, ts: '1700000000.000100' })) {
  const calls: Call[] = [];
  const server: Server = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      // For tests running in another process (workerd): the calls so far, as JSON; not recorded itself.
      if (url.pathname === '/__calls') {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(calls));
        return;
      }
      // Web API methods take JSON; oauth.v2.access takes a form (as Slack's own client sends it).
      const form = String(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
      const body = !data ? {} : form ? Object.fromEntries(new URLSearchParams(data)) : JSON.parse(data);
      const call: Call = { path: url.pathname, query: Object.fromEntries(url.searchParams), method: req.method ?? 'GET', body, auth: req.headers.authorization };
      calls.push(call);
      const out = reply(call);
      if ('__http' in out) {
        const { status, headers, body } = (out as HttpReply).__http;
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body ?? {}));
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(out));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  server.unref(); // never keeps a test process alive on its own
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, calls, close: () => new Promise<void>((r) => server.close(() => r())) };
}
