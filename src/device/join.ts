/**
 * The join page: the room code (from `?join=`, or typed: upper case, code alphabet only), the player's name,
 * and, when this device remembers a seat, a button to carry on in it. Errors in the player's language, with
 * what they typed kept.
 */
import { h, replaceKeepingFocus } from '../ui/dom.ts';
import { t } from '../i18n/index.ts';
import { MAX_SEAT_NAME } from '../net/protocol.ts';
import type { Lang } from '../core/types.ts';
import type { SocketStatus } from '../net/socket.ts';
import { TYPED_CODE_LENGTH, normalizeCode } from './codes.ts';
import { connectionBadge, languageSelect } from './widgets.ts';

export interface JoinState {
  readonly code: string;
  readonly name: string;
  readonly lang: Lang;
  readonly error: string | null;
  /** A seat this device keeps, offered first. */
  readonly remembered: { readonly code: string; readonly name: string } | null;
  readonly busy: boolean;
  /** The line's state while trying; null before the first try. */
  readonly status: SocketStatus | null;
}

export interface JoinActions {
  /** Typing: the page keeps the values so an error never wipes them. */
  edit(code: string, name: string): void;
  join(code: string, name: string): void;
  rejoin(): void;
  setLang(lang: Lang): void;
  home(): void;
}

export function renderJoin(root: HTMLElement, state: JoinState, actions: JoinActions): void {
  root.classList.add('device');
  const code = h('input', {
    id: 'join-code',
    type: 'text',
    class: 'join-code',
    'data-testid': 'join-code',
    'data-key': 'join-code',
    value: state.code,
    inputmode: 'text',
    autocomplete: 'off',
    autocapitalize: 'characters',
    autocorrect: 'off',
    spellcheck: 'false',
    enterkeyhint: 'next',
    maxlength: TYPED_CODE_LENGTH + 4,
    'aria-describedby': 'join-code-hint',
    'aria-invalid': state.error && state.code.length !== TYPED_CODE_LENGTH ? 'true' : null,
  });
  const name = h('input', {
    id: 'join-name',
    type: 'text',
    'data-testid': 'join-name',
    'data-key': 'join-name',
    value: state.name,
    autocomplete: 'nickname',
    enterkeyhint: 'go',
    maxlength: MAX_SEAT_NAME,
    'aria-describedby': 'join-name-hint',
  });
  code.addEventListener('input', () => {
    const before = code.value;
    const clean = normalizeCode(before);
    if (clean !== before) {
      const caret = normalizeCode(before.slice(0, code.selectionStart ?? before.length)).length;
      code.value = clean;
      code.setSelectionRange(caret, caret);
    }
    actions.edit(code.value, name.value);
  });
  name.addEventListener('input', () => actions.edit(code.value, name.value));

  const error = state.error ? h('p', { class: 'error join-error', role: 'alert', 'data-testid': 'join-error', id: 'join-error' }, state.error) : null;
  if (error) {
    code.setAttribute('aria-errormessage', 'join-error');
    name.setAttribute('aria-errormessage', 'join-error');
  }

  const remembered = state.remembered
    ? h(
        'section',
        { class: 'join-remembered', 'aria-labelledby': 'join-remembered-title' },
        h('h2', { id: 'join-remembered-title', class: 'small-heading' }, t('device:join.remembered')),
        h(
          'button',
          { type: 'button', class: 'primary big device-wide', 'data-testid': 'join-rejoin', 'data-key': 'join-rejoin', disabled: state.busy, onclick: () => actions.rejoin() },
          t('device:join.rejoin', { name: state.remembered.name, code: state.remembered.code }),
        ),
        h('p', { class: 'muted small' }, t('device:join.orNew')),
      )
    : null;

  replaceKeepingFocus(
    root,
    h(
      'header',
      { class: 'device__head' },
      h(
        'div',
        { class: 'device-head__top' },
        h('span', { class: 'device-brand', 'aria-hidden': 'true' }, h('span', { class: 'brand__mark' })),
        h('p', { class: 'device-team' }, t('common.appName')),
        state.status ? connectionBadge(state.status, 0) : null,
        languageSelect(state.lang, actions.setLang),
      ),
      h('div', { class: 'device-head__where' }, h('span', { class: 'device-phase', 'data-testid': 'phase', 'data-phase': 'join' }, t('device:join.submit'))),
    ),
    h(
      'main',
      { class: 'device__main join', id: 'device-main' },
      h('h1', { id: 'device-title', class: 'device-title', tabindex: -1 }, t('device:join.heading')),
      h('p', { class: 'device-lead' }, t('device:join.intro')),
      remembered,
      h(
        'form',
        {
          class: 'device-form join-form',
          novalidate: true,
          'aria-labelledby': 'device-title',
          'aria-busy': state.busy ? 'true' : null,
          onsubmit: (e: Event) => {
            e.preventDefault();
            if (!state.busy) actions.join(code.value, name.value);
          },
        },
        error,
        h('label', { class: 'field', for: 'join-code' }, h('span', {}, t('device:join.code'))),
        code,
        h('p', { class: 'muted small hint', id: 'join-code-hint' }, t('device:join.codeHint')),
        h('label', { class: 'field', for: 'join-name' }, h('span', {}, t('device:join.name'))),
        name,
        h('p', { class: 'muted small hint', id: 'join-name-hint' }, t('device:join.nameHint')),
        h(
          'button',
          { type: 'submit', class: `${state.remembered ? '' : 'primary '}big device-wide`, 'data-testid': 'join-submit', 'data-key': 'join-submit', 'aria-disabled': state.busy ? 'true' : null },
          state.busy ? t('device:join.busy') : t('device:join.submit'),
        ),
      ),
      h('p', { class: 'muted small' }, t('device:join.privacy')),
      h('p', {}, h('a', { class: 'device-home', href: './', 'data-testid': 'join-home', onclick: (e: Event) => { e.preventDefault(); actions.home(); } }, t('device:join.home'))),
    ),
  );
}
