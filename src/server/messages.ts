/**
 * Checking the frames the server receives, as `parsePlayerMessage` / `parseHostMessage` in
 * `src/net/protocol.ts` do, with the same answers, at a fraction of the cost.
 *
 * The protocol's valibot schemas stay the reference. Two things make it cheaper:
 *
 * - `v.variant` tries its options one after the other and allocates as it goes; the message's `t` names its
 *   option, so that option's object schema is run directly (`byDiscriminator`). Same schema, same result: the
 *   variant's options have distinct literals, so exactly the option named by `t` can accept the message.
 * - The hottest message, a player's `act`, is checked by hand (`checkAct`) against exactly what
 *   `playerActionSchema` says, and built as valibot builds its output (known keys only, in schema order).
 *   `tests/server/messages.test.ts` runs both on generated and hand-picked messages and requires the same
 *   verdict and the same output.
 */
import * as v from 'valibot';
import {
  MAX_HOST_MESSAGE_BYTES,
  MAX_PLAYER_MESSAGE_BYTES,
  LEVELS as LEVEL_LIST,
  MAX_PROPOSAL_LENGTH,
  hostMessageSchema,
  playerMessageSchema,
  type HostMessage,
  type ParseResult,
  type PlayerAction,
  type PlayerMessage,
} from '../net/protocol.ts';

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

// What `checkAct` accepts, field by field, with the description of the protocol's schema for that field (see
// `describe`). At load, `actsCheckedByHand` compares these descriptions with `playerMessageSchema` itself: if the
// protocol has changed and this table has not, acts are checked by the schema instead (and the test fails).
const MAX_ID = 64;
const MAX_TEXT = MAX_PROPOSAL_LENGTH;
// The core's level list, through the protocol (the server runs no core code of its own).
const LEVELS: ReadonlySet<unknown> = new Set(LEVEL_LIST);

const isInt = (x: unknown, min: number, max: number): x is number => typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;

type Field = readonly [key: string, accepts: (x: unknown) => boolean, schema: string];
const ID = 'string>max_length(64)';
const idField = (key: string): Field => [key, (x) => typeof x === 'string' && x.length <= MAX_ID, ID];

/** Per action `type`: its other fields, in the schema's order. */
const ACTIONS: ReadonlyMap<unknown, readonly Field[]> = new Map<string, readonly Field[]>([
  ['checkIn', [idField('cardId')]],
  [
    'propose',
    [
      ['text', (x) => typeof x === 'string' && x.length <= MAX_TEXT, `string>max_length(${MAX_TEXT})`],
      ['level', (x) => LEVELS.has(x), `picklist(${[...LEVELS].map((l) => JSON.stringify(l)).join(',')})`],
    ],
  ],
  ['dot', [idField('proposalId')]],
  ['undot', [idField('proposalId')]],
  ['voteDone', []],
  ['score', [idField('proposalId'), ['score', (x) => isInt(x, 1, 5), 'number>integer>min_value(1)>max_value(5)']]],
  ['pollAnswer', [idField('statementId'), ['value', (x) => isInt(x, 0, 5), 'number>integer>min_value(0)>max_value(5)']]],
  ['pollDone', []],
]);
const SEQ = `number>integer>min_value(1)>max_value(${Number.MAX_SAFE_INTEGER})`;

/** A schema as text: its type, literal or options, and its pipe's checks with their limits. */
function describe(schema: unknown): string {
  const head = (s: Record<string, unknown>): string => {
    if (s.type === 'literal') return `literal(${JSON.stringify(s.literal)})`;
    if (s.type === 'picklist') return `picklist(${(s.options as unknown[]).map((o) => JSON.stringify(o)).join(',')})`;
    return String(s.type);
  };
  const s = schema as Record<string, unknown>;
  if (!Array.isArray(s.pipe)) return head(s);
  return (s.pipe as Array<Record<string, unknown>>)
    .map((item, i) => (i === 0 ? head(item) : typeof item.requirement === 'number' ? `${String(item.type)}(${item.requirement})` : String(item.type)))
    .join('>');
}

/** Whether `playerMessageSchema`'s act is exactly what `checkAct` checks (options, keys and their order, limits). */
function matchesSchema(): boolean {
  const act = playerOptions.get('act');
  if (!act) return false;
  const keys = Object.keys(act.entries);
  if (keys.join() !== 't,seq,action' || describe(act.entries.seq) !== SEQ) return false;
  const action = act.entries.action as unknown as { type: string; key: string; options: ObjectOption[] };
  if (action.type !== 'variant' || action.key !== 'type' || action.options.length !== ACTIONS.size) return false;
  return action.options.every((option) => {
    const literal = option.entries.type as unknown as { type: string; literal: unknown };
    const fields = literal.type === 'literal' ? ACTIONS.get(literal.literal) : undefined;
    if (!fields) return false;
    const names = Object.keys(option.entries);
    return (
      names.join() === ['type', ...fields.map(([key]) => key)].join() &&
      fields.every(([key, , schema]) => describe(option.entries[key]) === schema)
    );
  });
}

/** True unless the protocol's act has changed without this file (then the schema checks acts). */
export const actsCheckedByHand = matchesSchema();

/** A player's action, as `playerActionSchema` checks and outputs it, or null where the schema refuses it. */
export function checkAction(input: unknown): PlayerAction | null {
  if (!input || typeof input !== 'object') return null;
  const a = input as Record<string, unknown>;
  const fields = ACTIONS.get(a.type);
  if (fields === undefined) return null;
  // As valibot builds its output: the known keys only, in the schema's order.
  const out: Record<string, unknown> = { type: a.type };
  for (const [key, accepts] of fields) {
    const value = a[key];
    if (!accepts(value)) return null;
    out[key] = value;
  }
  return out as PlayerAction;
}

/** `{t: 'act', seq, action}` as `playerMessageSchema` checks and outputs it, or null. */
export function checkAct(input: Record<string, unknown>): Extract<PlayerMessage, { t: 'act' }> | null {
  const { seq } = input;
  if (input.t !== 'act' || !isInt(seq, 1, Number.MAX_SAFE_INTEGER)) return null;
  const action = checkAction(input.action);
  return action ? { t: 'act', seq, action } : null;
}

function jsonOf(raw: string, maxBytes: number): { ok: true; data: unknown } | { ok: false; reason: 'bad-message' | 'too-big' } {
  // As `parseWith` in protocol.ts: UTF-16 length × 3 bounds the UTF-8 size, so most frames skip the exact count.
  if (raw.length * 3 > maxBytes && Buffer.byteLength(raw, 'utf8') > maxBytes) return { ok: false, reason: 'too-big' };
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

/** Same answers as `parseHostMessage` (src/net/protocol.ts). */
export function parseHostFrame(raw: string): ParseResult<HostMessage> {
  const json = jsonOf(raw, MAX_HOST_MESSAGE_BYTES);
  if (!json.ok) return json;
  return viaOption<HostMessage>(hostOptions, json.data);
}
