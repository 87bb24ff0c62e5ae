/**
 * The shared screen's panels when the team plays on devices: the lobby with QR code and room code, and the
 * steps where the action is on the phones (check-in, vote, 25/10 scoring), which show who is done, never
 * what anyone chose.
 */
import { h } from './dom.ts';
import { t, currentLang } from '../i18n/index.ts';
import type { PanelContext, RoomPanelInfo } from './panelContext.ts';
import type { DeviceProgress, ScreenView } from '../core/view.ts';
import { MIN_PLAYERS } from '../core/session.ts';
import { playerName } from './names.ts';
import { moveBox } from './roomMoveBox.ts';
import { forDrawer } from './drawer.ts';

export type { RoomMoveInfo, RoomPanelInfo } from './panelContext.ts';

function statusLine(room: RoomPanelInfo): HTMLElement | null {
  if (room.status === 'open') return null;
  const text = room.problem === 'no-server' ? t('room.noServer') : room.status === 'offline' ? t('room.offline') : t('room.connecting');
  return h('p', { class: 'room-status', role: 'status', 'data-testid': 'room-status', 'data-status': room.status }, text);
}

/** The QR code as an image source: the SVG is ours, but it is never parsed into the page. */
const qrSource = (svg: string): string => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

export function roomQr(room: Pick<RoomPanelInfo, 'qrSvg' | 'code'>, big: boolean): HTMLElement | null {
  if (!room.qrSvg || !room.code) return null;
  return h('img', {
    class: big ? 'room-qr room-qr--big' : 'room-qr',
    'data-testid': 'room-qr',
    src: qrSource(room.qrSvg),
    alt: t('room.qrAlt', { code: room.code }),
  });
}

function seatList(room: RoomPanelInfo, c: PanelContext): HTMLElement {
  return h(
    'ul',
    { class: 'seats', 'data-testid': 'seats' },
    room.seats.map((seat) =>
      h(
        'li',
        { class: `seat seat--${seat.connected ? 'on' : 'away'}`, 'data-testid': 'seat', 'data-seat-id': seat.id },
        h('span', { class: 'seat__dot', 'aria-hidden': 'true' }, seat.connected ? '●' : '○'),
        h('span', { class: 'seat__name' }, seat.name),
        h('span', { class: 'sr-only' }, seat.connected ? t('room.connected') : t('room.away')),
        h(
          'button',
          {
            type: 'button',
            class: 'icon ghost',
            'data-testid': 'seat-remove',
            'aria-label': t('room.remove', { name: seat.name }),
            onclick: () => {
              room.remove(seat.id);
              c.send({ type: 'facilitator.removePlayer', playerId: seat.id });
            },
          },
          '✕',
        ),
      ),
    ),
  );
}

export function lobbyPanel(c: PanelContext): HTMLElement {
  const room = c.room;
  const seated = c.view.players.length;
  return h(
    'div',
    { class: 'step step--lobby' },
    h('h1', { id: 'panel-title' }, t('room.title')),
    room ? statusLine(room) : null,
    h(
      'div',
      { class: 'lobby' },
      room ? roomQr(room, false) : null,
      h(
        'div',
        { class: 'lobby__text' },
        h('p', {}, t('room.scan')),
        h('p', { class: 'room-code-line' }, h('span', { class: 'muted' }, `${t('room.code')} `), h('strong', { class: 'room-code', 'data-testid': 'room-code' }, room?.code ?? '…')),
        h('p', { class: 'join-url-line' }, h('span', { class: 'muted' }, `${t('room.address')} `), h('span', { class: 'join-url', 'data-testid': 'join-url' }, room?.joinUrl ?? '…')),
      ),
    ),
    h('h2', { 'aria-live': 'polite' }, seated === 0 ? t('room.waiting') : t('room.seated', { count: seated })),
    h('p', { class: 'muted' }, seated >= MIN_PLAYERS ? t('room.startHint') : t('room.needPlayers', { n: MIN_PLAYERS })),
    room ? forDrawer(lobbySeats(room, c)) : null,
    room ? forDrawer(moveBox(room.move)) : null,
  );
}

/** Who sits at the table, with removing a seat and locking the room: the facilitator's, in the drawer. */
function lobbySeats(room: RoomPanelInfo, c: PanelContext): HTMLElement {
  return h(
    'section',
    { class: 'drawer-part', 'aria-labelledby': 'drawer-seats' },
    h('h3', { id: 'drawer-seats' }, t('room.seated', { count: room.seats.length })),
    seatList(room, c),
    h(
      'label',
      { class: 'check' },
      h('input', { type: 'checkbox', 'data-testid': 'room-lock', checked: room.locked, onchange: (e: Event) => room.lock((e.target as HTMLInputElement).checked) }),
      h('span', {}, t('room.lock')),
    ),
    room.locked ? h('p', { class: 'muted small' }, t('room.locked')) : null,
  );
}

/** The panel is redrawn after every tap on a phone: the seat list stays open while the facilitator uses it. */
let seatsOpen = false;

/** A line on every step so late joiners can still get in, and the facilitator sees the room is alive. */
export function roomStrip(c: PanelContext): HTMLElement | null {
  const room = c.room;
  if (!room) return null;
  return h(
    'div',
    { class: 'room-strip' },
    statusLine(room),
    room.code ? h('p', { class: 'muted small', 'data-testid': 'join-strip' }, t('room.joinStrip', { url: room.joinUrl ?? '', code: room.code })) : null,
    // Someone left for good: removing the seat lets a vote or a scoring round finish without them.
    room.seats.length
      ? forDrawer(
          h(
            'details',
            { class: 'seats-box', open: seatsOpen, ontoggle: (e: Event) => (seatsOpen = (e.target as HTMLDetailsElement).open) },
            h('summary', { 'data-testid': 'seats-open' }, t('room.seated', { count: room.seats.length })),
            seatList(room, c),
          ),
        )
      : null,
    forDrawer(moveBox(room.move)),
  );
}

function progressLists(view: ScreenView, progress: DeviceProgress): HTMLElement {
  const names = (list: DeviceProgress['done']) => list.map((p) => h('li', {}, playerName(p, view.players)));
  return h(
    'div',
    { class: 'device-progress', 'data-testid': 'device-progress', 'data-done': progress.done.length, 'data-of': view.players.length },
    h('p', { class: 'big-count', 'aria-live': 'polite' }, t('room.progress', { done: progress.done.length, of: view.players.length })),
    h(
      'div',
      { class: 'grid2' },
      h('section', {}, h('h2', {}, `✓ ${t('room.done')}`), h('ul', { class: 'names names--done' }, names(progress.done))),
      h('section', {}, h('h2', {}, t('room.waitingFor')), h('ul', { class: 'names names--waiting' }, names(progress.waiting))),
    ),
  );
}

export function deviceCheckInPanel(c: PanelContext): HTMLElement {
  const { view } = c;
  const lang = currentLang();
  return h(
    'div',
    { class: 'step step--check-in' },
    roomStrip(c),
    h('h1', { id: 'panel-title' }, t('room.checkInTitle')),
    view.progress ? progressLists(view, view.progress) : null,
    view.checkIn.picks.length
      ? h(
          'ul',
          { class: 'checkin-picked' },
          view.checkIn.picks.map((id) => {
            const card = view.checkIn.cards.find((k) => k.id === id);
            return card ? h('li', {}, card.prompt[lang]) : null;
          }),
        )
      : null,
  );
}

export function deviceVotePanel(c: PanelContext, runOff: boolean): HTMLElement {
  const { view } = c;
  const crowd = view.crowd;
  const title = crowd ? t('room.crowdTitle', { round: crowd.round, rounds: crowd.rounds }) : runOff ? t('room.runOffTitle') : t('room.voteTitle');
  return h(
    'div',
    { class: `step step--vote${runOff ? ' step--run-off' : ''}` },
    roomStrip(c),
    runOff ? h('p', { class: 'eyebrow' }, t('runOff.round', { n: view.runOffRound })) : null,
    h('h1', { id: 'panel-title', 'data-testid': 'device-vote-title' }, title),
    h('p', { class: 'muted' }, crowd ? t('room.crowdExplain') : t('room.voteSecret')),
    h('p', { class: 'timer-line', id: 'timer-display', role: 'timer', 'aria-live': 'off' }),
    view.progress ? progressLists(view, view.progress) : null,
    crowd && crowd.round < crowd.rounds
      ? forDrawer(h('button', { type: 'button', 'data-testid': 'crowd-next-round', onclick: () => c.send({ type: 'facilitator.nextRound' }) }, t('room.nextRound')))
      : null,
  );
}

/** On the stage during the lobby: the QR code and the code big enough to read from the back of the room. */
export function lobbyStage(room: Pick<RoomPanelInfo, 'qrSvg' | 'code' | 'joinUrl'>): HTMLElement {
  return h(
    'div',
    { class: 'stage-lobby', 'aria-hidden': 'true' },
    room.qrSvg ? h('img', { class: 'stage-lobby__qr', src: qrSource(room.qrSvg), alt: '' }) : null,
    h(
      'div',
      { class: 'stage-lobby__text' },
      h('p', { class: 'stage-lobby__label' }, t('room.code')),
      h('p', { class: 'stage-lobby__code', 'data-testid': 'stage-room-code' }, room.code ?? '…'),
      h('p', { class: 'stage-lobby__label' }, t('room.address')),
      h('p', { class: 'stage-lobby__url' }, room.joinUrl ?? '…'),
    ),
  );
}
