/**
 * The OAuth `state` of an "Add to Slack" link: an expiry and a random nonce, signed with
 * HMAC-SHA256 under a secret from the environment (SLACK_STATE_SECRET). The redirect accepts only
 * a state this deployment signed that has not expired, so a forged or replayed-later link cannot
 * complete an install. Pure over its inputs (secret, clock), like verify.ts.
 */
export const STATE_DEFAULTS = {
  /** How long an "Add to Slack" link stays usable. */
  ttlSeconds: 10 * 60,
} as const;

export type StateCheck = { ok: true } | { ok: false; reason: string };

const enc = new TextEncoder();

function hex(bytes: ArrayBuffer | Uint8Array): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(s: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[0-9a-f]+$/.test(s) || s.length % 2) return null;
  const out = new Uint8Array(new ArrayBuffer(s.length / 2));
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(i * 2, i * 2 + 2), 16);
  return out;
}

async function hmacKey(secret: string, usage: 'sign' | 'verify') {
  return crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

/** A new state: `{expires}.{nonce}.{hmac}` (all hex or digits, so it needs no URL escaping). */
export async function signState(secret: string, nowSeconds: number = Math.floor(Date.now() / 1000), ttlSeconds: number = STATE_DEFAULTS.ttlSeconds): Promise<string> {
  const nonce = hex(crypto.getRandomValues(new Uint8Array(16)));
  const payload = `${nowSeconds + ttlSeconds}.${nonce}`;
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), enc.encode(payload));
  return `${payload}.${hex(mac)}`;
}

/** Whether a state came back as signed here and is still within its lifetime (constant-time comparison). */
export async function verifyState(secret: string, state: string | null | undefined, nowSeconds: number = Math.floor(Date.now() / 1000)): Promise<StateCheck> {
  if (!secret) return { ok: false, reason: 'no state secret is configured' };
  const parts = (state ?? '').split('.');
  if (parts.length !== 3) return { ok: false, reason: 'missing or malformed state' };
  const [expires, nonce, macHex] = parts as [string, string, string];
  const mac = fromHex(macHex);
  if (!/^\d+$/.test(expires) || !/^[0-9a-f]{32}$/.test(nonce) || !mac || mac.length !== 32) return { ok: false, reason: 'missing or malformed state' };
  const valid = await crypto.subtle.verify('HMAC', await hmacKey(secret, 'verify'), mac, enc.encode(`${expires}.${nonce}`));
  if (!valid) return { ok: false, reason: 'state signature does not match' };
  if (Number(expires) < nowSeconds) return { ok: false, reason: 'state has expired' };
  return { ok: true };
}
