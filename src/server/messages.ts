/**
 * Checking the frames the server receives, as `parsePlayerMessage` / `parseHostMessage` in
 * `src/net/protocol.ts` do, with the same answers, at a fraction of the cost.
 *
 * The protocol's valibot schemas stay the reference. Two things make it cheaper:
 *
 * - `v.variant` tries its options one after the other and allocates as it goes; the message's `t` names its
 *   option, so that option's object schema is run directly (`byDiscriminator`). Same schema, same result: the
 *   variant's options have distinct literals, so exactly the option named by `t` can accept the message.
 * - The hottest message, a player's `act` (a number and a sealed string), is checked by hand (`checkAct`) against
 *   exactly what the schema says, and built as valibot builds its output (known keys only, in schema order).
 * - The largest, a host's `publish`, is read on its text when it is written as the screen writes it
 *   (`publishFrame.ts`), without `JSON.parse`.
 *   `tests/server/messages.test.ts` runs both on generated and hand-picked messages and requires the same
 *   verdict and the same output.
 */
import * as v from 'valibot';
import {
  MAX_HOST_MESSAGE_BYTES,
  MAX_PLAYER_MESSAGE_BYTES,
  SEALED_PATTERN,
  hostMessageSchema,
  playerMessageSchema,
  type HostMessage,
  type ParseResult,
  type PlayerMessage,
} from '../net/protocol.ts';
import { readPublish } from './publishFrame.ts';

type ObjectOption = v.ObjectSchema<v.ObjectEntries, v.ErrorMessage<v.ObjectIssue> | undefined>;

/** `t` → that option's object schema, for a `v.variant('t', [v.object({ t: v.literal(…), … }), …])`. */
function byDiscriminator(options: readonly ObjectOption[]): Map<unknown, ObjectOption> {
  const map = new Map<unknown, ObjectOption>();
  for (const option of options) {
    const literal = option.entries.t as v.LiteralSchema<v.Literal, undefined> | undefined;
    if (literal?.type !== 'literal' || map.has(literal.literal)) throw new Error('each option needs its own literal `t`');
    map.set(literal.literal, option);
  }
  return map;
}

const playerOptions = byDiscriminator(playerMessageSchema.options as unknown as ObjectOption[]);
const hostOptions = byDiscriminator(hostMessageSchema.options as unknown as ObjectOption[]);

// What `checkAct` accepts, with the description of the protocol's schema for each field (see `describe`). At load,
// `actsCheckedByHand` compares these descriptions with `playerMessageSchema` itself: if the protocol has changed
// and this table has not, acts are checked by the schema instead (and the test fails).
const isInt = (x: unknown, min: number, max: number): x is number => typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;
const SEQ = `number>integer>min_value(1)>max_value(${Number.MAX_SAFE_INTEGER})`;
const SEALED = `string>regex(${String(SEALED_PATTERN)})`;

/** A schema as text: its type, literal or options, and its pipe's checks with their limits or patterns. */
function describe(schema: unknown): string {
  const head = (s: Record<string, unknown>): string => (s.type === 'literal' ? `literal(${JSON.stringify(s.literal)})` : String(s.type));
  const s = schema as Record<string, unknown>;
  if (!Array.isArray(s.pipe)) return head(s);
  return (s.pipe as Array<Record<string, unknown>>)
    .map((item, i) =>
      i === 0 ? head(item) : typeof item.requirement === 'number' || item.requirement instanceof RegExp ? `${String(item.type)}(${String(item.requirement)})` : String(item.type),
    )
    .join('>');
}

/** Whether `playerMessageSchema`'s act is exactly what `checkAct` checks (keys and their order, limits). */
function matchesSchema(): boolean {
  const act = playerOptions.get('act');
  if (!act) return false;
  return Object.keys(act.entries).join() === 't,seq,sealed' && describe(act.entries.seq) === SEQ && describe(act.entries.sealed) === SEALED;
}

/** True unless the protocol's act has changed without this file (then the schema checks acts). */
export const actsCheckedByHand = matchesSchema();

/**
 * `{t: 'act', seq, sealed}` as `playerMessageSchema` checks and outputs it, or null. The action inside is sealed:
 * only the host opens and checks it (`playerActionSchema`); the frame limit caps its size.
 */
export function checkAct(input: Record<string, unknown>): Extract<PlayerMessage, { t: 'act' }> | null {
  const { seq, sealed } = input;
  if (input.t !== 'act' || !isInt(seq, 1, Number.MAX_SAFE_INTEGER) || typeof sealed !== 'string' || !SEALED_PATTERN.test(sealed)) return null;
  return { t: 'act', seq, sealed };
}

// As `parseWith` in protocol.ts: UTF-16 length × 3 bounds the UTF-8 size, so most frames skip the exact count.
const tooBig = (raw: string, maxBytes: number): boolean => raw.length * 3 > maxBytes && Buffer.byteLength(raw, 'utf8') > maxBytes;
const TOO_BIG = { ok: false, reason: 'too-big' } as const;

function jsonOf(raw: string, maxBytes: number): { ok: true; data: unknown } | { ok: false; reason: 'bad-message' | 'too-big' } {
  if (tooBig(raw, maxBytes)) return TOO_BIG;
  try {
    return { ok: true, data: JSON.parse(raw) };
  } catch {
    return { ok: false, reason: 'bad-message' };
  }
}

const BAD: ParseResult<never> = { ok: false, reason: 'bad-message' };

function viaOption<T>(options: Map<unknown, ObjectOption>, data: unknown): ParseResult<T> {
  if (!data || typeof data !== 'object') return BAD;
  const t = (data as Record<string, unknown>).t;
  const option = options.get(t);
  if (option === undefined) return BAD;
  const parsed = v.safeParse(option, data);
  return parsed.success ? { ok: true, message: parsed.output as T } : BAD;
}

/** Same answers as `parsePlayerMessage` (src/net/protocol.ts). */
export function parsePlayerFrame(raw: string): ParseResult<PlayerMessage> {
  const json = jsonOf(raw, MAX_PLAYER_MESSAGE_BYTES);
  if (!json.ok) return json;
  const data = json.data;
  if (actsCheckedByHand && data && typeof data === 'object' && (data as Record<string, unknown>).t === 'act') {
    const act = checkAct(data as Record<string, unknown>);
    return act ? { ok: true, message: act } : BAD;
  }
  return viaOption<PlayerMessage>(playerOptions, data);
}

/** Same answers as `parseHostMessage` (src/net/protocol.ts); a publish as the screen writes it is read on its text. */
export function parseHostFrame(raw: string): ParseResult<HostMessage> {
  if (tooBig(raw, MAX_HOST_MESSAGE_BYTES)) return TOO_BIG;
  const publish = readPublish(raw);
  if (publish) return { ok: true, message: publish };
  const json = jsonOf(raw, MAX_HOST_MESSAGE_BYTES);
  if (!json.ok) return json;
  return viaOption<HostMessage>(hostOptions, json.data);
}
