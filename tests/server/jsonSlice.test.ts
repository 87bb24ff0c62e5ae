/**
 * `objectMembers` (src/server/jsonSlice.ts) finds each member's value text in a JSON object the server has
 * parsed; a publish's views are sent as those texts. Every text must parse to exactly the member `JSON.parse`
 * gives, with the same keys, whatever the spacing, escapes and repeated keys of the JSON.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { objectMembers } from '../../src/server/jsonSlice.ts';

/** JSON text for `value`, written the odd ways JSON allows: spaces anywhere between tokens, escapes, repeats. */
function write(value: unknown, pick: () => number): string {
  const space = (): string => ['', '', ' ', '\n', '\t', '\r\n  '][pick() % 6]!;
  const str = (s: string): string => {
    let out = '"';
    for (const ch of s) {
      const code = ch.codePointAt(0)!;
      const r = pick() % 5;
      if (ch === '"' || ch === '\\') out += `\\${ch}`;
      else if (code < 0x20) out += `\\u${code.toString(16).padStart(4, '0')}`;
      else if (ch === '/' && r === 0) out += '\\/';
      else if (r === 1 && code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
      else out += ch;
    }
    return `${out}"`;
  };
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    const r = pick() % 4;
    if (Number.isInteger(value) && Math.abs(value) < 1e15 && r === 0) return `${value}.0`;
    if (Number.isInteger(value) && Math.abs(value) < 1e15 && r === 1) return `${value}e0`;
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return str(value);
  if (Array.isArray(value)) return `[${space()}${value.map((v) => `${write(v, pick)}${space()}`).join(`,${space()}`)}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  const parts = entries.map(([k, v]) => `${space()}${str(k)}${space()}:${space()}${write(v, pick)}${space()}`);
  // Sometimes a key twice: JSON.parse keeps its first place and its last value.
  if (entries.length > 0 && pick() % 3 === 0) parts.splice(pick() % (parts.length + 1), 0, `${str(entries[pick() % entries.length]![0])}:{"stale":[1,"}"]}`);
  return `{${parts.join(',')}}`;
}

function check(text: string): void {
  const parsed = JSON.parse(text) as Record<string, unknown>;
  const members = objectMembers(text);
  expect(members, text).not.toBeNull();
  // The same keys (the order may differ for keys like "0", which objects put first; seat ids never are).
  expect([...members!.keys()].sort()).toEqual(Object.keys(parsed).sort());
  for (const [key, slice] of members!) expect(JSON.parse(slice), `${key} in ${text}`).toEqual(parsed[key]);
}

const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('sA1', '__proto__', 'a"b', 'a\\', '\\', '}', '{"', 'toString'));
const value = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 8 }),
    fc.constantFrom('"', '\\', '\\"', '}', ']', '{"a":1}', 'x'.repeat(300)),
    fc.array(tie('any'), { maxLength: 4 }),
    fc.dictionary(key, tie('any'), { maxKeys: 4 }),
  ),
}));

describe('objectMembers', () => {
  it('slices every member of generated JSON objects to text that parses to the same value', () => {
    fc.assert(
      fc.property(fc.dictionary(key, value.any, { maxKeys: 8 }), fc.infiniteStream(fc.nat()), (obj, stream) => {
        const it = stream[Symbol.iterator]();
        const text = write(obj, () => it.next().value as number);
        check(text);
        // A publish: the views object inside another object, with spaces around the whole.
        const outer = ` {"t":"publish","snapshot":${write(obj, () => it.next().value as number)},\n "views" : ${text} ,"lobbyView":null} `;
        check(outer);
        check(objectMembers(outer)!.get('views')!);
      }),
      { numRuns: 3_000 },
    );
  });

  it('handles the cases a scanner gets wrong', () => {
    for (const text of [
      '{}',
      ' { } ',
      '{"a":""}',
      '{"a":"\\\\"}',
      '{"a":"\\\\\\"","b":1}',
      '{"a":"x\\\\\\\\","b":"}"}',
      '{"\\u0073A1":{"v":1},"sA1":{"v":2}}',
      '{"a":[1,{"b":"]}"}],"c":-0.5e-3}',
      '{"a":true,"b":false,"c":null,"d":-0}',
      '{"a":1,"a":2}',
      '{"__proto__":{"x":1},"b":2}',
      '{"a":"\u2028\u2029"}',
    ]) {
      check(text);
    }
  });

  it('answers null for what is not an object', () => {
    for (const text of ['[]', '"{}"', '1', 'null', ' [{"a":1}]']) expect(objectMembers(text)).toBeNull();
  });
});
