/**
 * `JSON.stringify` for a value saved after every step that changes a little at a time and never in place (a
 * session's snapshot: the machine makes new objects for what changed and keeps the others). The text of
 * each object and array is remembered by identity, so a save after a tap writes out anew only what the tap
 * made anew (a proposal list), not the deck's cards and twists. The text is exactly `JSON.stringify`'s.
 */

const known = new WeakMap<object, string>();

/** Objects below this many levels are stringified whole (a proposal, a card: small and made at once). */
const DEPTH = 6;

const hasToJson = (value: object): boolean => typeof (value as { toJSON?: unknown }).toJSON === 'function';

function text(value: unknown, depth: number): string | undefined {
  if (typeof value !== 'object' || value === null || depth >= DEPTH || hasToJson(value)) return JSON.stringify(value) as string | undefined;
  const remembered = known.get(value);
  if (remembered !== undefined) return remembered;
  let out: string;
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (let i = 0; i < value.length; i++) items.push(text(value[i], depth + 1) ?? 'null');
    out = `[${items.join(',')}]`;
  } else {
    const fields: string[] = [];
    for (const key of Object.keys(value)) {
      const field = text((value as Record<string, unknown>)[key], depth + 1);
      if (field !== undefined) fields.push(`${JSON.stringify(key)}:${field}`);
    }
    out = `{${fields.join(',')}}`;
  }
  known.set(value, out);
  return out;
}

/** `JSON.stringify(value)`, reusing the text of every object it has seen before (see above). */
export function stringifyReusing(value: object): string {
  return text(value, 0) as string;
}
