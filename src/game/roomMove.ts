/**
 * The address that moves a session on devices to another screen: `?host=CODE#m=<moveKey>`. The move key is
 * one-time (the server spends it on `takeOver`); it travels after `#`, which browsers never send to a server.
 * Whatever follows the key after a `.` is kept for the room's other secrets (`#m=<moveKey>.<more>`).
 */
export { MOVE_KEY_MINUTES } from '../net/protocol.ts';

/** Same shape as the protocol's tokens; never contains the `.` that separates what follows. */
const MOVE_KEY = /^[A-Za-z0-9_-]{32,64}$/;

export interface MoveFragment {
  readonly moveKey: string;
  /** What followed `<moveKey>.`, or null when nothing did. */
  readonly rest: string | null;
}

/** The move address for a room on this page (`base`: origin and path, without query or fragment). */
export function moveAddress(base: string, code: string, moveKey: string, rest: string | null = null): string {
  return `${base}?host=${code}#m=${moveKey}${rest === null ? '' : `.${rest}`}`;
}

/** The move key (and what follows it) from a location hash, with or without its `#`; null when it holds none. */
export function parseMoveFragment(hash: string): MoveFragment | null {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!fragment.startsWith('m=')) return null;
  const body = fragment.slice(2);
  const dot = body.indexOf('.');
  const moveKey = dot === -1 ? body : body.slice(0, dot);
  if (!MOVE_KEY.test(moveKey)) return null;
  return { moveKey, rest: dot === -1 ? null : body.slice(dot + 1) };
}
