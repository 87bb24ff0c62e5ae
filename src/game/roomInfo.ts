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
    moveUrl: key ? `${page.origin}${page.pathname}?host=${key.code}#${key.hostToken}` : null,
    lock: (locked) => room.lock(locked),
    remove: (seatId) => room.remove(seatId),
  };
}
