/**
 * End-to-end sealing for everything the room server relays but must not read (names, proposals, ballots,
 * poll answers, views). WebCrypto only: AES-GCM with 256-bit keys, HKDF to derive one key per purpose from a
 * secret that never reaches the server (it travels in the address's fragment, after `#`), and PBKDF2 for the
 * short secret of a typed code.
 *
 * A sealed value is a string `v1.<iv>.<ciphertext>` in base64url, so it fits the protocol's JSON as is.
 * `open` never throws: a value sealed with another key, or tampered with, comes back as `undefined`.
 */

const SEAL_PREFIX = 'v1.';
const IV_BYTES = 12;
/** Iterations for a typed code's short secret: slows down guessing offline, ~0.1 s per join on a tablet. */
export const TYPED_SECRET_ITERATIONS = 300_000;

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** A fresh random secret (default 32 bytes), base64url: goes in a link's fragment, never to the server. */
export function newSecret(bytes = 32): string {
  return toBase64Url(globalThis.crypto.getRandomValues(new Uint8Array(bytes)));
}

/**
 * One AES-GCM key per purpose from a secret: the same secret gives different keys for 'room', 'seat:s1',
 * 'remote', and a key for one purpose cannot open what was sealed for another.
 */
export async function deriveKey(secret: string, purpose: string): Promise<CryptoKey> {
  const raw = fromBase64Url(secret);
  if (!raw || raw.length < 16) throw new Error('secret too short');
  const base = await subtle().importKey('raw', raw as BufferSource, 'HKDF', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode(`ruimte:${purpose}`) },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/**
 * A 32-byte secret from a short one (the typed part of a room code) and a public salt (the room code):
 * PBKDF2 so that each guess costs real time offline.
 */
export async function stretchTypedSecret(typed: string, salt: string, iterations = TYPED_SECRET_ITERATIONS): Promise<string> {
  const base = await subtle().importKey('raw', new TextEncoder().encode(typed.toUpperCase()), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle().deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: new TextEncoder().encode(`ruimte:${salt}`), iterations },
    base,
    256,
  );
  return toBase64Url(new Uint8Array(bits));
}

export async function seal(key: CryptoKey, value: unknown): Promise<string> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plain = new TextEncoder().encode(JSON.stringify(value));
  const cipher = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv }, key, plain));
  return `${SEAL_PREFIX}${toBase64Url(iv)}.${toBase64Url(cipher)}`;
}

export async function open<T = unknown>(key: CryptoKey, sealed: unknown): Promise<T | undefined> {
  if (typeof sealed !== 'string' || !sealed.startsWith(SEAL_PREFIX)) return undefined;
  const [ivText, cipherText] = sealed.slice(SEAL_PREFIX.length).split('.');
  const iv = ivText === undefined ? undefined : fromBase64Url(ivText);
  const cipher = cipherText === undefined ? undefined : fromBase64Url(cipherText);
  if (!iv || iv.length !== IV_BYTES || !cipher) return undefined;
  try {
    const plain = await subtle().decrypt({ name: 'AES-GCM', iv: iv as BufferSource }, key, cipher as BufferSource);
    return JSON.parse(new TextDecoder().decode(plain)) as T;
  } catch {
    return undefined;
  }
}

export const isSealed = (value: unknown): value is string => typeof value === 'string' && value.startsWith(SEAL_PREFIX);
