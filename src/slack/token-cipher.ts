/**
 * Bot tokens at rest: AES-256-GCM (Web Crypto) under a key derived with HKDF-SHA256 from a secret
 * in the environment (SLACK_TOKEN_KEY). Each ciphertext is bound to its installation's key as
 * additional data, so a row copied onto another installation does not decrypt. Stored as
 * `v1.{iv base64}.{ciphertext base64}`; the version leaves room for a later key rotation.
 */
const enc = new TextEncoder();
const SALT = enc.encode('compendium/slack-bot-tokens');

function b64(bytes: ArrayBuffer | Uint8Array): string {
  let s = '';
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s);
}

function unb64(s: string): Uint8Array<ArrayBuffer> {
  const raw = atob(s);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

export type TokenCipher = {
  encrypt(token: string, boundTo: string): Promise<string>;
  /** The token, or null when the value was not encrypted under this key for this installation. */
  decrypt(stored: string, boundTo: string): Promise<string | null>;
};

export function tokenCipher(secret: string): TokenCipher {
  if (!secret || secret.length < 16) throw new Error('SLACK_TOKEN_KEY must be a random string of at least 16 characters (for example: openssl rand -base64 32).');
  let key: Promise<CryptoKey> | undefined;
  const aesKey = () =>
    (key ??= crypto.subtle
      .importKey('raw', enc.encode(secret), 'HKDF', false, ['deriveKey'])
      .then((base) => crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: SALT, info: enc.encode('aes-gcm-256') }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])));
  return {
    async encrypt(token, boundTo) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(boundTo) }, await aesKey(), enc.encode(token));
      return `v1.${b64(iv)}.${b64(sealed)}`;
    },
    async decrypt(stored, boundTo) {
      const [version, iv, sealed] = stored.split('.');
      if (version !== 'v1' || !iv || !sealed) return null;
      try {
        const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(iv), additionalData: enc.encode(boundTo) }, await aesKey(), unb64(sealed));
        return new TextDecoder().decode(plain);
      } catch {
        return null;
      }
    },
  };
}
