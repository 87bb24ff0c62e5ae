/** The start screen: a new session, earlier sessions to resume or delete, and damaged saves made safe. */
import { h, download } from './dom.ts';
import { t, currentLang } from '../i18n/index.ts';
import { listSessions, removeSession, type StoredEntry } from './storage.ts';
import { phaseOf } from '../core/phase.ts';

export interface StartActions {
  newSession(): void;
  resume(id: string): void;
  openEditor(): void;
  openProgramme(): void;
  /** The join page, to take part from this device as a player. */
  openJoin(): void;
}

function sessionItem(entry: StoredEntry, actions: StartActions, rerender: () => void): HTMLElement {
  if (!entry.parsed.ok) {
    return h(
      'li',
      { class: 'session-item session-item--damaged', 'data-testid': 'damaged-session' },
      h('strong', {}, t('start.damaged')),
      h('p', {}, t('start.damagedHelp')),
      h(
        'div',
        { class: 'row' },
        h('button', { type: 'button', 'data-testid': 'download-raw', onclick: () => download(`ruimte-${entry.id}.json`, entry.raw, 'application/json') }, t('start.downloadRaw')),
        h('button', { type: 'button', class: 'danger', 'data-testid': 'remove-damaged', onclick: () => { removeSession(entry.id); rerender(); } }, t('start.removeDamaged')),
      ),
    );
  }
  const save = entry.parsed.value;
  const team = save.snapshot.context.settings.teamName;
  let phaseLabel = '';
  try {
    phaseLabel = t(`phase.${phaseOf(save.snapshot.value)}`);
  } catch {
    phaseLabel = '';
  }
  const date = new Date(save.savedAt).toLocaleString(currentLang() === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  return h(
    'li',
    { class: 'session-item' },
    h(
      'button',
      { type: 'button', class: 'session-item__resume', 'data-testid': 'resume-session', 'data-session-id': entry.id, onclick: () => actions.resume(entry.id) },
      h('span', { class: 'session-item__team' }, t('start.resume', { team })),
      h('span', { class: 'session-item__meta' }, t('start.updated', { date, phase: phaseLabel })),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'danger ghost',
        'data-testid': 'delete-session',
        'aria-label': t('start.remove', { team }),
        onclick: () => {
          if (window.confirm(t('start.confirmRemove', { team }))) {
            removeSession(entry.id);
            rerender();
          }
        },
      },
      '✕',
    ),
  );
}

export function renderStart(panel: HTMLElement, actions: StartActions): void {
  const rerender = () => renderStart(panel, actions);
  const sessions = listSessions();
  panel.replaceChildren(
    h(
      'div',
      { class: 'start' },
      h('h1', { id: 'panel-title', class: 'start__title' }, t('common.appName')),
      h('p', { class: 'start__tagline' }, t('common.tagline')),
      h('p', { class: 'start__intro' }, t('start.intro')),
      h(
        'div',
        { class: 'row' },
        h('button', { type: 'button', class: 'primary big', 'data-testid': 'new-session', onclick: actions.newSession }, t('start.newSession')),
        h('button', { type: 'button', class: 'big', 'data-testid': 'open-programme', onclick: actions.openProgramme }, t('start.programme')),
        h('button', { type: 'button', class: 'big ghost', 'data-testid': 'open-editor', onclick: actions.openEditor }, t('start.editor')),
        h('button', { type: 'button', class: 'big ghost', 'data-testid': 'open-join', onclick: actions.openJoin }, t('start.join')),
      ),
      h('h2', {}, t('start.saved')),
      sessions.length === 0 ? h('p', { class: 'muted' }, t('start.none')) : h('ul', { class: 'session-list' }, sessions.map((s) => sessionItem(s, actions, rerender))),
      h('p', { class: 'muted small' }, t('start.privacy')),
    ),
  );
}
