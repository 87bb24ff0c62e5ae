/**
 * Room codes as a player types them: upper case, only the code alphabet (no look-alikes such as 0/O or
 * 1/I/L): the six characters the server knows, then the eight it never sees (`ABC234-DEFG-HJKM`). Pure,
 * tested in Node.
 */
import { CODE_ALPHABET, CODE_LENGTH, TYPED_SECRET_LENGTH } from '../net/protocol.ts';

const ALLOWED = new Set(CODE_ALPHABET);

/** The longest a typed code gets, dashes included. */
export const TYPED_CODE_LENGTH = CODE_LENGTH + TYPED_SECRET_LENGTH + 2;

/**
 * What the code field holds after any input: spaces and letters outside the alphabet fall away, and dashes
 * come back after the room code and after the first half of the typed part (`ABC234-DEFG-HJKM`).
 */
export function normalizeCode(input: string): string {
  let clean = '';
  for (const ch of input.toUpperCase()) {
    if (ALLOWED.has(ch)) clean += ch;
    if (clean.length === CODE_LENGTH + TYPED_SECRET_LENGTH) break;
  }
  const half = CODE_LENGTH + TYPED_SECRET_LENGTH / 2;
  if (clean.length <= CODE_LENGTH) return clean;
  if (clean.length <= half) return `${clean.slice(0, CODE_LENGTH)}-${clean.slice(CODE_LENGTH)}`;
  return `${clean.slice(0, CODE_LENGTH)}-${clean.slice(CODE_LENGTH, half)}-${clean.slice(half)}`;
}

export function isCode(value: unknown): value is string {
  return typeof value === 'string' && value.length === CODE_LENGTH && [...value].every((ch) => ALLOWED.has(ch));
}

/** The room code from the page address (`?join=ABC123`), normalised; empty for a bare `?join`. */
export function codeFromSearch(search: string): string | null {
  const params = new URLSearchParams(search);
  if (!params.has('join')) return null;
  return normalizeCode(params.get('join') ?? '').slice(0, CODE_LENGTH);
}
