/**
 * Secrets the server hands out (host tokens, seat tokens, move keys) and how it keeps them: only a SHA-256
 * hash is stored, so the database file alone cannot take over a room or a seat. A token is 24 random bytes,
 * so an unsalted hash is enough (nothing to guess from a dictionary).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 24 random bytes: 32 characters of base64url (TOKEN_LENGTH). */
export const randomToken = (): string => randomBytes(24).toString('base64url');

/** What is stored for a token: its SHA-256, base64url (43 characters). */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('base64url');

/** Whether `token` hashes to `stored` (constant time in the hash). */
export function tokenMatches(token: string, stored: string | null | undefined): boolean {
  if (!stored) return false;
  const x = Buffer.from(hashToken(token));
  const y = Buffer.from(stored);
  return x.length === y.length && timingSafeEqual(x, y);
}
