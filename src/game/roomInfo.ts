/** The room as the facilitator's panel shows it: status, code, QR, seats, and the link to move the screen. */
import type { RoomPanelInfo } from '../ui/roomPanels.ts';
import type { RoomLink } from './roomLink.ts';

export function roomPanelInfo(room: RoomLink, page: { readonly origin: string; readonly pathname: string }): RoomPanelInfo {
  const key = room.key;
  return {
    status: room.status,
    problem: room.problem,
    code: room.code,
    joinUrl: room.joinUrl,
    qrSvg: room.qrSvg,
    seats: room.seats,
    locked: room.locked,
    // The typed part of the room code rides along in the fragment: the new screen needs the room key too.
    moveUrl: key ? `${page.origin}${page.pathname}?host=${key.code}#${key.hostToken}.${key.typed}` : null,
    lock: (locked) => room.lock(locked),
    remove: (seatId) => room.remove(seatId),
  };
}
