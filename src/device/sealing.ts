/**
 * What a phone seals and opens (see src/net/roomCrypto.ts): its join card with the room key, its actions with
 * its own act key, in order, and the views it gets (its own or the lobby view). The keys never leave the phone
 * but through the sealed join card, which only the shared screen opens.
 */
import { newSecret } from '../net/crypto.ts';
import type { PlayerAction } from '../net/protocol.ts';
import { openViewForSeat, roomKeys, roomSecretFromTyped, sealAction, sealJoinCard, seatKeys, splitTypedCode, type RoomKeys, type SeatKeys } from '../net/roomCrypto.ts';
import { CODE_LENGTH } from '../net/protocol.ts';
import { normalizeCode } from './codes.ts';

/** A join the player asked for: the room secret (from the link, or being stretched from the typed code) and a new seat secret. */
export interface JoinSecrets {
  readonly roomSecret: Promise<string>;
  readonly secret: string;
}

/**
 * What the code field gives: the whole typed code (`CODE-XXXX-XXXX`) gives the room secret (PBKDF2, a moment); a
 * code that came with the join link needs only its six characters, the secret came in the link's fragment.
 * `problem`: 'typed' when only part of the code was typed (and there is no link for it).
 */
export function joinSecrets(
  rawCode: string,
  link: { readonly code: string; readonly secret: string } | null,
): { readonly typedCode: string; readonly code: string; readonly secrets: JoinSecrets | null } {
  const typedCode = normalizeCode(rawCode);
  const whole = splitTypedCode(typedCode);
  const code = whole?.code ?? typedCode.slice(0, CODE_LENGTH);
  const fromLink = link?.code === code ? link.secret : null;
  const roomSecret = whole ? roomSecretFromTyped(whole.code, whole.typed) : fromLink ? Promise.resolve(fromLink) : null;
  return { typedCode, code, secrets: roomSecret ? { roomSecret, secret: newSecret() } : null };
}

export async function sealJoin(secrets: JoinSecrets, name: string): Promise<string> {
  return sealJoinCard(await roomKeys(await secrets.roomSecret), { name, secret: secrets.secret });
}

/** A seat's keys: seals its actions one after the other (the server takes numbers in order) and opens its views. */
export class SeatSealing {
  private readonly keys: Promise<{ readonly room: RoomKeys; readonly seat: SeatKeys }>;
  private outgoing: Promise<void> = Promise.resolve();

  constructor(seat: { readonly secret: string; readonly roomSecret: string }) {
    this.keys = Promise.all([roomKeys(seat.roomSecret), seatKeys(seat.secret)]).then(([room, own]) => ({ room, seat: own }));
  }

  /** Seals the action and hands it to `send` after whatever is being sealed before it. */
  sendAct(seq: number, action: PlayerAction, send: (sealed: string) => void): void {
    this.outgoing = this.outgoing
      .then(async () => send(await sealAction((await this.keys).seat, seq, action)))
      .catch((error: unknown) => console.error('device', error));
  }

  /** This seat's own view, or the lobby view; undefined for anything else (another seat's, tampered with). */
  async openView(sealed: string): Promise<unknown> {
    const keys = await this.keys;
    return openViewForSeat(keys.seat, keys.room, sealed);
  }
}
