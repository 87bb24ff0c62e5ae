/**
 * The team poll on everyone's own phone, as the shared screen shows it: a room to join (QR code, room code,
 * address), who is done (a count and names, never an answer) and the button that closes the poll. The screen
 * keeps the room line (`RoomLink`, the same one a game on phones uses) open while this screen shows; each
 * seat's answers come in as actions and live in the saved poll only until that seat is done.
 */
import { h } from '../../ui/dom.ts';
import { t, currentLang } from '../../i18n/index.ts';
import { roomQr } from '../../ui/roomPanels.ts';
import { RoomLink } from '../../game/roomLink.ts';
import type { PlayerAction, Seat } from '../../net/protocol.ts';
import type { App } from '../app.ts';
import { type Programme, type Round, updateRound } from '../core/history.ts';
import { MIN_ANSWERS, type PollState, closePoll, isOpen } from '../core/poll.ts';
import { doneSeats, seatAnswer, seatDone } from '../core/pollSeats.ts';
import { type PollDeviceContext, pollDeviceView, pollDeviceViews } from '../pollDevice.ts';
import { statementById } from '../content.ts';
import { loadHistory } from '../store.ts';
import { button, teamAndRound } from './kit.ts';

interface PhoneRoom {
  readonly link: RoomLink;
  readonly observer: MutationObserver;
  replaced: boolean;
  closed: boolean;
}

/** The room's id on this screen (its host token is kept under `ruimte.room.<id>`). */
export const pollRoomId = (programmeId: string, round: number): string => `poll-${programmeId}-${round}`;
const scratchKey = (programmeId: string, round: number) => `poll-room/${programmeId}/${round}`;
const marker = (programmeId: string, round: number) => `${programmeId}/${round}`;

function currentPoll(app: App, programmeId: string, round: number): { programme: Programme; round: Round; poll: PollState } | null {
  const programme = app.programme(programmeId);
  const r = programme?.rounds.find((x) => x.no === round);
  return programme && r?.poll ? { programme, round: r, poll: r.poll } : null;
}

function deviceContext(app: App, programmeId: string, round: number, seats: readonly Seat[]): PollDeviceContext | null {
  const found = currentPoll(app, programmeId, round);
  if (!found) return null;
  return {
    poll: found.poll,
    lang: currentLang(),
    teamName: found.programme.teamName,
    statements: found.poll.statementIds.map((id) => ({ id, text: statementById(id)?.text ?? { nl: id, en: id } })),
    seats: seats.map((s) => ({ id: s.id, name: s.name })),
    now: Date.now(),
  };
}

/** Ends this screen's line to the room: the phones get a last view (closed or not), then the line closes. */
function shutDown(app: App, programmeId: string, round: number, room: PhoneRoom): void {
  if (room.closed) return;
  room.closed = true;
  room.observer.disconnect();
  app.scratch.delete(scratchKey(programmeId, round));
  room.link.publish();
  // After the publish above (timers run in order): what was queued on the socket goes out before it closes.
  window.setTimeout(() => room.link.close(), 0);
}

/** The room of this round's poll: opened (or taken back after a reload) the first time the screen shows. */
function roomFor(app: App, programmeId: string, round: number): PhoneRoom {
  const existing = app.scratch.get(scratchKey(programmeId, round)) as PhoneRoom | undefined;
  if (existing && !existing.closed) return existing;
  const panel = app.host.panel;
  const mark = marker(programmeId, round);
  const here = () => [...panel.querySelectorAll<HTMLElement>('[data-poll-room]')].some((el) => el.dataset.pollRoom === mark);
  // Set right after the link is made; the link reports its status while it is being made.
  let room: PhoneRoom | undefined;
  const commit = (next: PollState, rerender: boolean) => {
    const found = currentPoll(app, programmeId, round);
    if (!found) return;
    app.commit(
      updateRound(found.programme, round, (r) => ({ ...r, poll: next })),
      rerender,
    );
  };
  const link = new RoomLink(pollRoomId(programmeId, round), {
    act: (seatId: string, action: PlayerAction) => {
      const found = currentPoll(app, programmeId, round);
      if (!found || !room || room.closed) return false;
      let next: PollState | null = null;
      // The seat comes from the room server, never from the phone: a seat only ever answers for itself.
      if (action.type === 'pollAnswer') next = seatAnswer(found.poll, seatId, action.statementId, action.value);
      else if (action.type === 'pollDone') next = seatDone(found.poll, seatId);
      if (!next) return false;
      // An answer changes nothing on this screen; a seat that is done does.
      commit(next, action.type === 'pollDone');
      link.publish();
      return true;
    },
    seats: () => link.publish(),
    publication: () => {
      const ctx = deviceContext(app, programmeId, round, link.seats);
      if (!ctx) return { snapshot: null, views: {}, lobbyView: null };
      // No snapshot: nothing of the poll is kept on the server beyond each seat's own view.
      return { snapshot: null, views: pollDeviceViews(ctx), lobbyView: pollDeviceView(ctx, null) };
    },
    changed: () => {
      if (room && !room.closed && here()) app.render();
    },
    replaced: () => {
      if (!room) return;
      room.replaced = true;
      if (here()) app.render();
    },
  });
  // Leaving this screen (another programme screen, the start screen, anything that replaces the panel) ends
  // the line; a re-render of this same screen keeps it.
  const made: PhoneRoom = { link, observer: new MutationObserver(() => !here() && shutDown(app, programmeId, round, made)), replaced: false, closed: false };
  room = made;
  made.observer.observe(panel, { childList: true });
  app.scratch.set(scratchKey(programmeId, round), made);
  return made;
}

function statusLine(link: RoomLink): HTMLElement | null {
  if (link.status === 'open') return null;
  const text = link.problem === 'no-server' ? t('room.noServer') : link.status === 'offline' ? t('room.offline') : t('room.connecting');
  return h('p', { class: 'room-status', role: 'status', 'data-testid': 'room-status', 'data-status': link.status }, text);
}

/** The shared screen while the team answers on their phones. */
export function phonesScreen(app: App, programme: Programme, round: Round, poll: PollState): (Node | null)[] {
  const header = [
    h('h1', { id: 'panel-title' }, t('programme:poll.phones.title')),
    h('p', { class: 'eyebrow' }, teamAndRound(programme, round.no)),
  ];
  const room = roomFor(app, programme.id, round.no);
  const wrap = (...nodes: (Node | null)[]) => h('div', { class: 'poll-phones', 'data-poll-room': marker(programme.id, round.no) }, ...nodes);
  if (room.replaced) {
    return [
      wrap(
        ...header,
        h('p', { class: 'notice', role: 'status', 'data-testid': 'room-replaced' }, t('programme:poll.phones.replaced')),
        h(
          'div',
          { class: 'row' },
          button('back-to-programme', t('programme:common.toProgramme'), () => app.go({ name: 'programme', id: programme.id }), { class: 'secondary' }),
          button('poll-take-back', t('programme:poll.phones.takeBack'), () => {
            // The other screen may have counted answers since: read the saved poll again before taking over.
            const loaded = loadHistory();
            if (loaded.kind === 'ok') app.loaded = loaded;
            shutDown(app, programme.id, round.no, room);
            app.render();
          }),
        ),
      ),
    ];
  }
  const link = room.link;
  const seats = link.seats;
  const done = new Set(doneSeats(poll));
  const seated = new Set(seats.map((s) => s.id));
  const of = seats.length + [...done].filter((id) => !seated.has(id)).length;
  const names = (list: readonly Seat[], testid: string) =>
    list.length ? list.map((s) => h('li', { 'data-testid': testid, 'data-seat-id': s.id }, s.name)) : [h('li', { class: 'muted' }, t('programme:poll.phones.nobody'))];
  const finished = seats.filter((s) => done.has(s.id));
  const busy = seats.filter((s) => !done.has(s.id));
  const close = () => {
    if (!isOpen(poll) || !window.confirm(t('programme:poll.phones.closeConfirm'))) return;
    const found = currentPoll(app, programme.id, round.no);
    if (!found) return;
    app.commit(updateRound(found.programme, round.no, (r) => ({ ...r, poll: closePoll(found.poll, Date.now()) })));
  };
  return [
    wrap(
      ...header,
      h('p', {}, t('programme:poll.phones.intro')),
      statusLine(link),
      h(
        'div',
        { class: 'lobby poll-phones__room' },
        roomQr({ qrSvg: link.qrSvg, code: link.code }, true),
        h(
          'div',
          { class: 'lobby__text' },
          h('p', {}, t('room.scan')),
          h('p', { class: 'room-code-line' }, h('span', { class: 'muted' }, `${t('room.code')} `), h('strong', { class: 'room-code', 'data-testid': 'room-code' }, link.code ?? '…')),
          h('p', { class: 'join-url-line' }, h('span', { class: 'muted' }, `${t('room.address')} `), h('span', { class: 'join-url', 'data-testid': 'join-url' }, link.joinUrl ?? '…')),
        ),
      ),
      h(
        'section',
        { class: 'device-progress', 'data-testid': 'device-progress', 'data-done': poll.finished, 'data-of': of },
        h('p', { class: 'big-count', 'aria-live': 'polite' }, of === 0 ? t('programme:poll.phones.waiting') : t('programme:poll.phones.progress', { done: poll.finished, of })),
        h(
          'div',
          { class: 'grid2' },
          h('section', {}, h('h2', {}, `✓ ${t('programme:poll.phones.done')}`), h('ul', { class: 'names names--done', 'data-testid': 'poll-done-names' }, ...names(finished, 'poll-done-name'))),
          h('section', {}, h('h2', {}, t('programme:poll.phones.answering')), h('ul', { class: 'names names--waiting', 'data-testid': 'poll-busy-names' }, ...names(busy, 'poll-busy-name'))),
        ),
      ),
      h('p', { class: 'muted small' }, t('programme:poll.phones.closeHint', { min: MIN_ANSWERS })),
      h(
        'div',
        { class: 'row' },
        button('back-to-programme', t('programme:common.toProgramme'), () => app.go({ name: 'programme', id: programme.id }), { class: 'secondary' }),
        button('poll-finish', t('programme:poll.finish'), close, { class: 'primary big' }),
      ),
    ),
  ];
}
