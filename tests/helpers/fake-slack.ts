import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Call = { path: string; body: Record<string, unknown>; auth?: string };

/** A fake Slack Web API and response_url endpoint on loopback that records every call. */
export async function fakeSlack(reply: (call: Call) => Record<string, unknown> = () => ({ ok: true, ts: '1700000000.000100' })) {
  const calls: Call[] = [];
  const server: Server = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      const call = { path: req.url ?? '', body: data ? JSON.parse(data) : {}, auth: req.headers.authorization };
      calls.push(call);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(reply(call)));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, calls, close: () => new Promise<void>((r) => server.close(() => r())) };
}
