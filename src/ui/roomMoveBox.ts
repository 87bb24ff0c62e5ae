/**
 * "Move to another screen", on the facilitator's side only (never on the stage): nothing until pressed; then the
 * server hands out a one-time move key and the box shows its address, until hidden, used or expired.
 */
import { h } from './dom.ts';
import { t } from '../i18n/index.ts';
import type { RoomMoveInfo } from './panelContext.ts';

export function moveBox(move: RoomMoveInfo): HTMLElement {
  const open = move.state === 'asking' || move.state === 'shown';
  const minutes = { minutes: move.minutes };
  return h(
    'div',
    { class: 'move-box' },
    h(
      'button',
      { type: 'button', class: 'ghost', 'data-testid': 'host-move', 'aria-expanded': String(open), onclick: () => (open ? move.hide() : move.show()) },
      open ? t('room.moveHide') : t('room.moveShow'),
    ),
    move.state === 'asking' ? h('p', { class: 'muted small', role: 'status' }, t('room.moveAsking')) : null,
    move.state === 'shown' && move.url
      ? h('div', { class: 'move-box__body' }, h('p', { class: 'muted small' }, t('room.moveHint', minutes)), h('p', { class: 'move-url', 'data-testid': 'host-move-url' }, move.url))
      : null,
    move.state === 'expired' ? h('p', { class: 'muted small', role: 'status' }, t('room.moveExpired', minutes)) : null,
  );
}
