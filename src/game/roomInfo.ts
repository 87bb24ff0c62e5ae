/** The room as the facilitator's panel shows it: status, code, QR, seats, and the move to another screen. */
import type { RoomMoveInfo, RoomPanelInfo } from '../ui/roomPanels.ts';
import type { RoomLink } from './roomLink.ts';
import { MOVE_KEY_MINUTES, moveAddress } from './roomMove.ts';

type Page = { readonly origin: string; readonly pathname: string };

export function roomPanelInfo(room: RoomLink, page: Page): RoomPanelInfo {
  // The typed part of the room code rides along in the move address's fragment: the new screen needs the room key too.
  return {
    status: room.status,
    problem: room.problem,
    code: room.code,
    joinUrl: room.joinUrl,
    qrSvg: room.qrSvg,
    seats: room.seats,
    locked: room.locked,
    move: moveInfo(room, page),
    lock: (locked) => room.lock(locked),
    remove: (seatId) => room.remove(seatId),
  };
}

function moveInfo(room: RoomLink, page: Page): RoomMoveInfo {
  const move = room.move;
  const base = { minutes: MOVE_KEY_MINUTES, show: () => room.showMove(), hide: () => room.hideMove() };
  if (move.state !== 'shown' || !room.serverCode) return { ...base, state: move.state === 'shown' ? 'hidden' : move.state, url: null };
  if (move.until <= Date.now()) return { ...base, state: 'expired', url: null };
  return { ...base, state: 'shown', url: moveAddress(`${page.origin}${page.pathname}`, room.serverCode, move.key, room.typedSecret) };
}
