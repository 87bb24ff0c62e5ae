/**
 * Each kind of room message, sealed as the shared screen and the phones seal it (src/net/roomCrypto.ts): who can
 * open it, who cannot, and what the server is left with. What it costs: `npm run bench:crypto`.
 */
import { describe, expect, it } from 'vitest';
import { newSecret } from '../../src/net/crypto.ts';
import { SEALED_PATTERN, parsePlayerMessage, parseHostMessage, type PlayerAction } from '../../src/net/protocol.ts';
import {
  newTypedSecret,
  openAction,
  openJoinCard,
  openSnapshot,
  openViewForSeat,
  roomKeys,
  roomSecretFromTyped,
  sealAction,
  sealJoinCard,
  sealLobbyView,
  sealSnapshot,
  sealView,
  seatKeys,
  secretFromHash,
  splitTypedCode,
  typedRoomCode,
} from '../../src/net/roomCrypto.ts';

const room = () => roomKeys(newSecret());
const seat = () => seatKeys(newSecret());

describe('the typed room code', () => {
  it('adds eight characters of the code alphabet the server never sees, and splits back', () => {
    const typed = newTypedSecret();
    expect(typed).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(new Set(Array.from({ length: 20 }, newTypedSecret)).size).toBe(20);
    const shown = typedRoomCode('ABC234', typed);
    expect(shown).toBe(`ABC234-${typed.slice(0, 4)}-${typed.slice(4)}`);
    expect(splitTypedCode(shown.toLowerCase())).toEqual({ code: 'ABC234', typed });
    expect(splitTypedCode('ABC234')).toBeNull();
    expect(splitTypedCode('ABC234-DEFG')).toBeNull();
  });

  it('gives the same room secret for the same typed code, another for another code or room', async () => {
    const a = await roomSecretFromTyped('ABC234', 'DEFGHJKM', );
    expect(await roomSecretFromTyped('ABC234', 'defghjkm')).toBe(a);
    expect(await roomSecretFromTyped('ABC235', 'DEFGHJKM')).not.toBe(a);
    expect(await roomSecretFromTyped('ABC234', 'DEFGHJKN')).not.toBe(a);
  });

  it('takes the room secret from a join link fragment only', () => {
    const secret = newSecret();
    expect(secretFromHash(`#k=${secret}`)).toBe(secret);
    expect(secretFromHash(`#x=1&k=${secret}`)).toBe(secret);
    expect(secretFromHash('#k=short')).toBeNull();
    expect(secretFromHash('')).toBeNull();
  });
});

describe('sealing each message kind', () => {
  it('join: the name and seat secret open only with the room key, and the server takes the sealed card', async () => {
    const keys = await room();
    const card = { name: 'Zzmarkname Şükrü', secret: newSecret() };
    const sealed = await sealJoinCard(keys, card);
    expect(sealed).toMatch(SEALED_PATTERN);
    expect(sealed).not.toContain('Zzmark');
    expect(await openJoinCard(keys, sealed)).toEqual(card);
    expect(await openJoinCard(await room(), sealed)).toBeUndefined();
    expect(parsePlayerMessage(JSON.stringify({ t: 'join', code: 'ABC234', sealed })).ok).toBe(true);
    // A card that opens but is no card (an empty name, no secret) is no seat.
    expect(await openJoinCard(keys, await sealJoinCard(keys, { name: ' ', secret: 'x' }))).toBeUndefined();
  });

  it('act: opens only with its own seat key and for its own number; the screen checks the action', async () => {
    const own = await seat();
    const action: PlayerAction = { type: 'propose', text: 'Zzmarktext more breaks', level: 'team' };
    const sealed = await sealAction(own, 3, action);
    expect(sealed).not.toContain('Zzmark');
    expect(parsePlayerMessage(JSON.stringify({ t: 'act', seq: 3, sealed })).ok).toBe(true);
    expect(await openAction(own, 3, sealed)).toEqual(action);
    // The server cannot pass it off as another action number, nor as another seat's.
    expect(await openAction(own, 4, sealed)).toBeUndefined();
    expect(await openAction(await seat(), 3, sealed)).toBeUndefined();
    // An action the protocol does not know, sealed by the right seat, is still refused.
    const odd = await sealAction(own, 5, { type: 'propose', text: 'x', level: 'ceo' } as unknown as PlayerAction);
    expect(await openAction(own, 5, odd)).toBeUndefined();
  });

  it('view: a seat opens its own view and the lobby view, never another seat’s', async () => {
    const keys = await room();
    const anna = await seat();
    const bram = await seat();
    const annas = await sealView(anna, { ballot: 'Zzmark ballot' });
    const lobby = await sealLobbyView(keys, { lobby: true });
    expect(await openViewForSeat(anna, keys, annas)).toEqual({ ballot: 'Zzmark ballot' });
    expect(await openViewForSeat(bram, keys, annas)).toBeUndefined();
    expect(await openViewForSeat(bram, keys, lobby)).toEqual({ lobby: true });
    // A seat's act key cannot open its view, nor the other way round.
    expect(await openAction(anna, 1, annas)).toBeUndefined();
  });

  it('snapshot: opens only with the room key; the publish the server takes holds sealed values only', async () => {
    const keys = await room();
    const anna = await seat();
    const snapshot = await sealSnapshot(keys, { team: 'Zzmarkteam', proposals: [{ by: 's1', text: 'Zzmarktext' }] });
    expect(await openSnapshot(keys, snapshot)).toEqual({ team: 'Zzmarkteam', proposals: [{ by: 's1', text: 'Zzmarktext' }] });
    expect(await openSnapshot(await room(), snapshot)).toBeUndefined();
    const publish = { t: 'publish', snapshot, views: { s1: await sealView(anna, { v: 1 }) }, lobbyView: await sealLobbyView(keys, {}), applied: { s1: 1 } };
    const raw = JSON.stringify(publish);
    expect(parseHostMessage(raw).ok).toBe(true);
    expect(raw).not.toContain('Zzmark');
    expect(parseHostMessage(JSON.stringify({ ...publish, snapshot: { team: 'plain' } })).ok).toBe(false);
    expect(parseHostMessage(JSON.stringify({ ...publish, views: { s1: { plain: true } } })).ok).toBe(false);
  });
});
