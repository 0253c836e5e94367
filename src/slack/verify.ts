/**
 * Slack request signing (v0): HMAC-SHA256 of "v0:{timestamp}:{raw body}" with the signing secret,
 * compared in constant time by crypto.subtle.verify; requests older than five minutes are refused.
 * Pure over its inputs, so it runs the same in the Worker, in Node and in tests.
 */
export const MAX_AGE_SECONDS = 5 * 60;

export type Verification = { ok: true } | { ok: false; reason: string };

function hexToBytes(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[0-9a-f]+$/i.test(hex) || hex.length % 2) return null;
  const out = new Uint8Array(new ArrayBuffer(hex.length / 2));
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export async function verifySlackRequest(
  signingSecret: string,
  headers: { timestamp: string | null | undefined; signature: string | null | undefined },
  rawBody: string,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): Promise<Verification> {
  if (!signingSecret) return { ok: false, reason: 'no signing secret is configured' };
  const { timestamp, signature } = headers;
  if (!timestamp || !signature) return { ok: false, reason: 'missing X-Slack-Request-Timestamp or X-Slack-Signature' };
  const ts = Number(timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSeconds - ts) > MAX_AGE_SECONDS) return { ok: false, reason: 'stale or invalid timestamp' };
  if (!signature.startsWith('v0=')) return { ok: false, reason: 'unsupported signature version' };
  const mac = hexToBytes(signature.slice(3));
  if (!mac || mac.length !== 32) return { ok: false, reason: 'malformed signature' };
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(signingSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const valid = await crypto.subtle.verify('HMAC', key, mac, enc.encode(`v0:${timestamp}:${rawBody}`));
  return valid ? { ok: true } : { ok: false, reason: 'signature does not match' };
}

/** Signs a body as Slack would (for tests and local tools). */
export async function signSlackRequest(signingSecret: string, timestamp: number, rawBody: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(signingSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, enc.encode(`v0:${timestamp}:${rawBody}`)));
  return `v0=${[...mac].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
