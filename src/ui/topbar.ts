/**
 * The bar that is always there: where the team is, the facilitator's controls, language and sound.
 * Controls stay in the same place on every screen so a team leader finds them without looking.
 */
import { h } from './dom.ts';
import { patchKeepingFocus } from './patch.ts';
import { speakerIcon } from './icons.ts';
import { drawerToggle } from './drawer.ts';
import { t, currentLang } from '../i18n/index.ts';
import type { Phase } from '../core/phase.ts';

export interface TopbarState {
  readonly phase: Phase | 'setup' | 'start';
  readonly progress: string;
  readonly canAdvance: boolean;
  readonly canUndo: boolean;
  readonly canEndEarly: boolean;
  readonly timer: 'none' | 'running' | 'paused';
  readonly muted: boolean;
  readonly inGame: boolean;
  /** Whether the facilitator's drawer is open; null where there is none (outside a game, the summary). */
  readonly drawer: boolean | null;
}

export interface TopbarActions {
  advance(): void;
  undo(): void;
  pause(): void;
  resume(): void;
  addTime(): void;
  endEarly(): void;
  home(): void;
  setLanguage(lang: string): void;
  toggleMute(): void;
  toggleDrawer(): void;
}

export function renderTopbar(root: HTMLElement, state: TopbarState, actions: TopbarActions): void {
  const phaseName = state.phase === 'start' ? t('common.tagline') : t(`phase.${state.phase}`);
  // A narrow screen (a tablet upright) shows the short label, so the whole bar stays on one row; the short
  // label is a word of the long one, so what a player sees is still (part of) the button's name.
  const button = (testid: string, label: string, onClick: () => void, enabled: boolean, extra: Record<string, string> = {}, short?: string) =>
    h(
      'button',
      { type: 'button', 'data-testid': testid, 'data-key': `top-${testid}`, disabled: !enabled, onclick: onClick, ...extra },
      short ? [h('span', { class: 'label-long' }, label), h('span', { class: 'label-short' }, short)] : label,
    );

  const timerControls =
    state.timer === 'none'
      ? []
      : [
          state.timer === 'running'
            ? button('pause', t('facilitator.pause'), actions.pause, true, { class: 'ghost' }, t('facilitator.pauseShort'))
            : button('resume', t('facilitator.resume'), actions.resume, true, { class: 'ghost' }, t('facilitator.resumeShort')),
          button('add-time', t('facilitator.addTime'), actions.addTime, true, { class: 'ghost' }, t('facilitator.addTimeShort')),
        ];

  const language = h(
    'select',
    { 'data-testid': 'language', 'data-key': 'top-language', 'aria-label': t('common.language'), onchange: (e: Event) => actions.setLanguage((e.target as HTMLSelectElement).value) },
    h('option', { value: 'nl', selected: currentLang() === 'nl', lang: 'nl' }, 'NL'),
    h('option', { value: 'en', selected: currentLang() === 'en', lang: 'en' }, 'EN'),
  );

  // Drawn after every step: the bar's elements are changed rather than replaced, so what did not change stays.
  patchKeepingFocus(
    root,
    h(
      'div',
      { class: 'topbar__brand' },
      h('button', { type: 'button', class: 'brand', 'data-testid': 'home', 'data-key': 'top-home', onclick: actions.home, 'aria-label': `${t('common.appName')}: ${t('facilitator.home')}` }, h('span', { class: 'brand__mark', 'aria-hidden': 'true' }), h('span', { class: 'brand__name' }, t('common.appName'))),
    ),
    h(
      'div',
      { class: 'topbar__where' },
      h('span', { class: 'phase-name', 'data-testid': 'phase', 'data-phase': state.phase === 'start' ? 'setup' : state.phase }, phaseName),
      state.progress ? h('span', { class: 'progress-text' }, state.progress) : null,
    ),
    h(
      'div',
      { class: 'topbar__controls', role: 'group', 'aria-label': t('facilitator.label') },
      ...timerControls,
      state.inGame ? button('end-early', t('facilitator.endEarlyShort'), actions.endEarly, state.canEndEarly, { class: 'ghost', title: t('facilitator.endEarly'), 'aria-label': t('facilitator.endEarly') }) : null,
      button('undo', t('facilitator.undo'), actions.undo, state.canUndo, { class: 'secondary' }, t('facilitator.undoShort')),
      button('advance', t('facilitator.advance'), actions.advance, state.canAdvance, { class: 'primary' }, t('facilitator.advanceShort')),
      state.drawer === null ? null : drawerToggle(state.drawer, actions.toggleDrawer),
    ),
    h(
      'div',
      { class: 'topbar__prefs' },
      language,
      h(
        'button',
        { type: 'button', class: 'icon', 'data-testid': 'mute', 'data-key': 'top-mute', 'aria-pressed': String(state.muted), 'aria-label': state.muted ? t('common.muted') : t('common.unmuted'), title: state.muted ? t('common.muted') : t('common.unmuted'), onclick: actions.toggleMute },
        speakerIcon(state.muted),
      ),
    ),
  );
}
