/**
 * Room codes as a player types them: upper case, only the code alphabet (no look-alikes such as 0/O or
 * 1/I/L), at most six characters. Pure, tested in Node.
 */
import { CODE_ALPHABET, CODE_LENGTH } from '../net/protocol.ts';

const ALLOWED = new Set(CODE_ALPHABET);

/** What the code field holds after any input: spaces, dashes and letters outside the alphabet fall away. */
export function normalizeCode(input: string): string {
  let out = '';
  for (const ch of input.toUpperCase()) {
    if (ALLOWED.has(ch)) out += ch;
    if (out.length === CODE_LENGTH) break;
  }
  return out;
}

export function isCode(value: unknown): value is string {
  return typeof value === 'string' && value.length === CODE_LENGTH && [...value].every((ch) => ALLOWED.has(ch));
}

/** The room code from the page address (`?join=ABC123`), normalised; empty for a bare `?join`. */
export function codeFromSearch(search: string): string | null {
  const params = new URLSearchParams(search);
  if (!params.has('join')) return null;
  return normalizeCode(params.get('join') ?? '');
}
