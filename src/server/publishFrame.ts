/**
 * A host's `publish` checked straight on its text, without `JSON.parse` and the schema: the most frequent large
 * frame (a screen sends one after every step, twelve sealed views and its sealed snapshot, ~17 KB) was a good part
 * of a burst's cost, parsed into objects only to be checked and then sliced from the text again.
 *
 * Only the exact form the shared screen writes (`JSON.stringify` of `{t, snapshot, views, lobbyView, applied}`:
 * no spaces, these five keys once each, sealed strings, seat ids, plain integers) is read here; anything else
 * (another key order, spaces, escapes, a repeated key, an exponent) gets `null`, and the caller checks the frame
 * with the schema as before. So the answers stay the schema's: a text read here is one the schema accepts, and
 * the message is built as valibot builds it (known keys only, in the schema's order). `tests/server/messages.test.ts`
 * compares both on generated publishes and near misses.
 */
import { SEALED_PATTERN, type HostMessage } from '../net/protocol.ts';

export type Publish = Extract<HostMessage, { t: 'publish' }>;

/** A seat id as a key: the protocol's `seatId` pattern in quotes, and the colon. */
const SEAT_KEY_AT = /"(s[A-Za-z0-9]{1,16})":/y;
/** A count of applied actions: a non-negative integer written plainly, short enough to be exact. */
const COUNT_AT = /(0|[1-9][0-9]{0,14})(?=[,}])/y;
const NULL = 'null';

/** Reads with a sticky pattern at `at`: the first group and where the match ends, or null. */
function readAt(pattern: RegExp, s: string, at: number): { value: string; end: number } | null {
  pattern.lastIndex = at;
  const m = pattern.exec(s);
  return m ? { value: m[1]!, end: pattern.lastIndex } : null;
}

/**
 * A sealed value's JSON text at `at`: `SEALED_PATTERN` in quotes. Its characters never need escapes, so the string
 * ends at the next quote (a backslash before it fails the pattern). Found with `indexOf` and tested with the
 * anchored pattern: a sticky pattern with a group, or a loop over char codes, ran two to three times slower over
 * 1 KB views.
 */
function sealedAt(s: string, at: number): { value: string; end: number } | null {
  if (s.charCodeAt(at) !== 0x22) return null;
  const close = s.indexOf('"', at + 1);
  if (close < 0) return null;
  const value = s.slice(at + 1, close);
  return SEALED_PATTERN.test(value) ? { value, end: close + 1 } : null;
}

/** A sealed string or null at `at`. */
function sealedOrNull(s: string, at: number): { value: string | null; end: number } | null {
  if (s.startsWith(NULL, at)) return { value: null, end: at + NULL.length };
  return sealedAt(s, at);
}

/** `{"sId":<value>,…}` at `at`, each seat once; `read` reads a value. */
function seatRecord<T>(s: string, at: number, read: (s: string, at: number) => { value: T; end: number } | null): { value: Record<string, T>; end: number } | null {
  if (s.charCodeAt(at) !== 0x7b) return null;
  const record: Record<string, T> = {};
  let i = at + 1;
  if (s.charCodeAt(i) === 0x7d) return { value: record, end: i + 1 };
  for (;;) {
    const key = readAt(SEAT_KEY_AT, s, i);
    if (!key || Object.hasOwn(record, key.value)) return null;
    const value = read(s, key.end);
    if (!value) return null;
    record[key.value] = value.value;
    i = value.end;
    const c = s.charCodeAt(i);
    if (c === 0x7d) return { value: record, end: i + 1 };
    if (c !== 0x2c) return null;
    i++;
  }
}

const readCount = (s: string, at: number): { value: number; end: number } | null => {
  const m = readAt(COUNT_AT, s, at);
  return m ? { value: Number(m.value), end: m.end } : null;
};

const PREFIX = '{"t":"publish","snapshot":';

/** The publish in `raw` when it is written exactly as the screen writes it, else null (check it with the schema). */
export function readPublish(raw: string): Publish | null {
  if (!raw.startsWith(PREFIX)) return null;
  const snapshot = sealedOrNull(raw, PREFIX.length);
  if (!snapshot || !raw.startsWith(',"views":', snapshot.end)) return null;
  const views = seatRecord(raw, snapshot.end + 9, sealedAt);
  if (!views || !raw.startsWith(',"lobbyView":', views.end)) return null;
  const lobbyView = sealedOrNull(raw, views.end + 13);
  if (!lobbyView || !raw.startsWith(',"applied":', lobbyView.end)) return null;
  const applied = seatRecord(raw, lobbyView.end + 11, readCount);
  if (!applied || applied.end !== raw.length - 1 || raw.charCodeAt(applied.end) !== 0x7d) return null;
  return { t: 'publish', snapshot: snapshot.value, views: views.value, lobbyView: lobbyView.value, applied: applied.value };
}
