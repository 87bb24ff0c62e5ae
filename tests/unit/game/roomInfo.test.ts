/** The facilitator's move box from the room link: no address until asked, then one with the move key only, until it expires. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { roomPanelInfo } from '../../../src/game/roomInfo.ts';
import type { MoveState, RoomLink } from '../../../src/game/roomLink.ts';
import { MOVE_KEY_MINUTES } from '../../../src/game/roomMove.ts';

const hostToken = 'HOSTTOKEN_abcdefghijklmnopqrstuvwxyz0123';
const moveKey = 'MOVEKEY_abcdefghijklmnopqrstuvwxyz01234';
const page = { origin: 'https://ruimte.example', pathname: '/spel/' };

function link(move: MoveState): RoomLink {
  const room = { status: 'open', problem: null, code: 'ABCDEF-GHJK-MNPQ', serverCode: 'ABCDEF', typedSecret: 'GHJKMNPQ', joinUrl: null, qrSvg: null, seats: [], locked: false, move, hostToken, showMove: vi.fn(), hideMove: vi.fn() };
  return room as unknown as RoomLink;
}

afterEach(() => vi.useRealTimers());

describe('the move box info', () => {
  it('has no address until the facilitator asks, nor while the server is asked', () => {
    for (const state of ['hidden', 'asking'] as const) {
      const info = roomPanelInfo(link({ state }), page).move;
      expect(info.state).toBe(state);
      expect(info.url).toBeNull();
    }
  });

  it('shows the move key and the typed part of the code, never the host token, and calls the link to show and hide', () => {
    const room = link({ state: 'shown', key: moveKey, until: Date.now() + 60_000 });
    const info = roomPanelInfo(room, page).move;
    expect(info).toMatchObject({ state: 'shown', url: `https://ruimte.example/spel/?host=ABCDEF#m=${moveKey}.GHJKMNPQ`, minutes: MOVE_KEY_MINUTES });
    expect(JSON.stringify(roomPanelInfo(room, page))).not.toContain(hostToken);
    info.hide();
    info.show();
    expect(room.hideMove).toHaveBeenCalledOnce();
    expect(room.showMove).toHaveBeenCalledOnce();
  });

  it('drops the address once the key has expired', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const room = link({ state: 'shown', key: moveKey, until: Date.now() + MOVE_KEY_MINUTES * 60_000 });
    expect(roomPanelInfo(room, page).move.state).toBe('shown');
    vi.setSystemTime(1_000_000 + MOVE_KEY_MINUTES * 60_000 + 1);
    expect(roomPanelInfo(room, page).move).toMatchObject({ state: 'expired', url: null });
  });
});
