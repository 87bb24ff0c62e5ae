/**
 * Finding the text of JSON values inside a JSON text the server has already parsed, so a publish's views can be
 * sent and stored as the host wrote them instead of being serialised again (`JSON.stringify` of twelve ~1 KB
 * views was a good part of the cost of a publish).
 *
 * Only for text `JSON.parse` has accepted: the scanner trusts the grammar and only tracks strings, nesting and
 * member boundaries. It answers null at the first thing it does not expect; callers then fall back to
 * `JSON.stringify` of the parsed value. A key that appears twice counts with its last value, as in
 * `JSON.parse`; keys with escapes are decoded with `JSON.parse`. `tests/server/jsonSlice.test.ts` checks on
 * generated JSON (odd spacing, escapes, duplicate keys, nesting) that every slice parses to the same value as
 * the member `JSON.parse` gives.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function skipSpace(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/** Index just after the string whose opening quote is at `i`, or -1. */
function endOfString(s: string, i: number): number {
  let from = i + 1;
  for (;;) {
    const q = s.indexOf('"', from);
    if (q < 0) return -1;
    // The quote closes the string unless an odd number of backslashes stands right before it.
    let k = q - 1;
    while (s.charCodeAt(k) === BACKSLASH) k--;
    if ((q - 1 - k) % 2 === 0) return q + 1;
    from = q + 1;
  }
}

/** Index just after the JSON value starting at `i`, or -1. */
function endOfValue(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === QUOTE) return endOfString(s, i);
  if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
    let depth = 0;
    let j = i;
    while (j < s.length) {
      const d = s.charCodeAt(j);
      if (d === QUOTE) {
        j = endOfString(s, j);
        if (j < 0) return -1;
        continue;
      }
      if (d === OPEN_OBJECT || d === OPEN_ARRAY) depth++;
      else if (d === CLOSE_OBJECT || d === CLOSE_ARRAY) {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return -1;
  }
  // A number, true, false or null: up to the next delimiter.
  let j = i;
  while (j < s.length) {
    const d = s.charCodeAt(j);
    if (d === COMMA || d === CLOSE_OBJECT || d === CLOSE_ARRAY || isSpace(d)) break;
    j++;
  }
  return j > i ? j : -1;
}

/**
 * The members of the JSON object whose `{` is at `at` (after optional spaces): each key with the text of its
 * value, in the order `JSON.parse` gives the keys (first appearance) and with the last value of a repeated key.
 * Null when the text is not an object or the scanner meets something it does not expect.
 */
export function objectMembers(s: string, at = 0): Map<string, string> | null {
  try {
    let j = skipSpace(s, at);
    if (s.charCodeAt(j) !== OPEN_OBJECT) return null;
    const members = new Map<string, string>();
    j = skipSpace(s, j + 1);
    if (s.charCodeAt(j) === CLOSE_OBJECT) return members;
    for (;;) {
      if (s.charCodeAt(j) !== QUOTE) return null;
      const keyEnd = endOfString(s, j);
      if (keyEnd < 0) return null;
      const rawKey = s.slice(j + 1, keyEnd - 1);
      const key = rawKey.includes('\\') ? (JSON.parse(s.slice(j, keyEnd)) as string) : rawKey;
      j = skipSpace(s, keyEnd);
      if (s.charCodeAt(j) !== COLON) return null;
      const start = skipSpace(s, j + 1);
      const end = endOfValue(s, start);
      if (end < 0) return null;
      members.set(key, s.slice(start, end));
      j = skipSpace(s, end);
      const c = s.charCodeAt(j);
      if (c === CLOSE_OBJECT) return members;
      if (c !== COMMA) return null;
      j = skipSpace(s, j + 1);
    }
  } catch {
    return null;
  }
}
