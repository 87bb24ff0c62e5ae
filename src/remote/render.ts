/**
 * The remote page's DOM, from its state: touch first (big buttons, one column on a phone), every control with
 * a name and a test id, shown only when the shared screen's machine allows it now.
 */
import { h } from '../ui/dom.ts';
import { t, currentLang } from '../i18n/index.ts';
import { clock } from '../ui/names.ts';
import type { RemoteAction, RemoteProposal, RemoteView } from '../net/remoteProtocol.ts';

export type RemotePageStatus = 'connecting' | 'open' | 'offline' | 'bad-link' | 'no-link' | 'unreadable';

export interface RemotePageState {
  readonly status: RemotePageStatus;
  /** Whether the shared screen is connected (null: not known yet). */
  readonly screenPresent: boolean | null;
  readonly view: RemoteView | null;
  /** When the view arrived (this phone's clock): the countdown runs from here. */
  readonly receivedAt: number;
  /** A proposal being merged: the page asks which one to merge it into. */
  readonly merging: string | null;
}

export interface RemotePageActions {
  send(action: RemoteAction): void;
  endEarly(): void;
  startMerge(id: string | null): void;
  setLang(lang: string): void;
}

/** The clock's text now. */
export function timerText(state: RemotePageState, now: number): string {
  const timer = state.view?.timer;
  if (!timer || timer.kind === 'none') return t('remote:page.noTimer');
  const left = timer.kind === 'running' ? Math.max(0, timer.remainingMs - (now - state.receivedAt)) : timer.remainingMs;
  return t(timer.kind === 'paused' ? 'remote:page.timerPaused' : 'remote:page.timer', { time: clock(left) });
}

function notice(state: RemotePageState): HTMLElement | null {
  const key =
    state.status === 'bad-link' || state.status === 'no-link' || state.status === 'unreadable'
      ? { 'bad-link': 'badLink', 'no-link': 'noLink', unreadable: 'unreadable' }[state.status]
      : state.status === 'offline'
        ? 'offline'
        : state.status === 'connecting'
          ? 'connecting'
          : state.screenPresent === false
            ? 'screenAway'
            : null;
  if (!key) return null;
  const away = key === 'screenAway';
  return h('p', { class: `remote-notice${away ? ' remote-notice--calm' : ''}`, role: 'status', 'data-testid': away ? 'remote-screen-away' : 'remote-notice', 'data-status': state.status }, t(`remote:page.${key}`));
}

const big = (testid: string, label: string, onclick: () => void, extra = ''): HTMLElement =>
  h('button', { type: 'button', class: `remote-btn ${extra}`.trim(), 'data-testid': testid, 'data-key': testid, onclick }, label);

function controls(view: RemoteView, a: RemotePageActions): HTMLElement {
  const c = view.can;
  return h(
    'div',
    { class: 'remote-controls' },
    c.advance ? big('remote-advance', t('remote:page.advance'), () => a.send({ type: 'advance' }), 'remote-btn--primary') : null,
    c.undo ? big('remote-undo', t('remote:page.undo'), () => a.send({ type: 'undo' })) : null,
    c.pause ? big('remote-pause', t('remote:page.pause'), () => a.send({ type: 'pause' })) : null,
    c.resume ? big('remote-resume', t('remote:page.resume'), () => a.send({ type: 'resume' })) : null,
    c.addTime ? big('remote-add-time', t('remote:page.addTime'), () => a.send({ type: 'addTime' })) : null,
    c.endEarly ? big('remote-end-early', t('remote:page.endEarly'), () => a.endEarly(), 'remote-btn--quiet') : null,
  );
}

function proposalItem(p: RemoteProposal, state: RemotePageState, a: RemotePageActions): HTMLElement {
  const text = p.texts[0] ?? '';
  const small = (testid: string, label: string, aria: string, onclick: () => void) =>
    h('button', { type: 'button', class: 'remote-small', 'data-testid': testid, 'data-key': `${testid}-${p.id}`, 'data-proposal-id': p.id, 'aria-label': aria, onclick }, label);
  const merging = state.merging;
  const targets = merging !== null && merging !== p.id && p.canMerge;
  return h(
    'li',
    { class: `remote-proposal${p.hidden ? ' remote-proposal--hidden' : ''}`, 'data-testid': 'remote-proposal', 'data-proposal-id': p.id, 'data-hidden': String(p.hidden), 'data-merged': p.merged.join(' ') },
    h('p', { class: 'remote-proposal__text' }, text, p.hidden ? h('span', { class: 'remote-tag' }, ` · ${t('remote:page.hidden')}`) : null),
    p.texts.length > 1 ? h('ul', { class: 'remote-proposal__merged' }, p.texts.slice(1).map((x) => h('li', {}, x))) : null,
    h(
      'div',
      { class: 'remote-proposal__actions' },
      targets
        ? h('button', { type: 'button', class: 'remote-small remote-small--target', 'data-testid': 'remote-merge-target', 'data-proposal-id': p.id, onclick: () => a.send({ type: 'merge', sourceId: merging, targetId: p.id }) }, t('remote:page.mergeTarget', { text: text.slice(0, 40) }))
        : null,
      merging === null && p.canHide ? small('remote-hide', t('remote:page.hide'), t('remote:page.hideLabel', { text }), () => a.send({ type: 'hide', proposalId: p.id })) : null,
      merging === null && p.canRestore ? small('remote-restore', t('remote:page.restore'), t('remote:page.restoreLabel', { text }), () => a.send({ type: 'restore', proposalId: p.id })) : null,
      merging === null && p.canMerge ? small('remote-merge', t('remote:page.merge'), t('remote:page.mergeLabel', { text }), () => a.startMerge(p.id)) : null,
      merging === null && p.canUnmerge
        ? small('remote-unmerge', t('remote:page.unmerge'), t('remote:page.unmergeLabel', { text: p.texts[1] ?? '' }), () => a.send({ type: 'unmerge', proposalId: p.merged[0]! }))
        : null,
    ),
  );
}

function proposalList(view: RemoteView, state: RemotePageState, a: RemotePageActions): HTMLElement | null {
  if (!view.proposals) return null;
  return h(
    'section',
    { class: 'remote-proposals', 'aria-labelledby': 'remote-proposals-title' },
    h('h2', { id: 'remote-proposals-title' }, t('remote:page.proposals')),
    state.merging !== null
      ? h(
          'div',
          { class: 'remote-merging', role: 'status' },
          h('p', {}, t('remote:page.mergeInto')),
          h('button', { type: 'button', class: 'remote-small', 'data-testid': 'remote-merge-cancel', onclick: () => a.startMerge(null) }, t('remote:page.cancel')),
        )
      : null,
    view.proposals.length === 0
      ? h('p', { class: 'muted' }, t('remote:page.noProposals'))
      : h('ul', { class: 'remote-proposal-list' }, view.proposals.map((p) => proposalItem(p, state, a))),
  );
}

export function renderRemote(root: HTMLElement, state: RemotePageState, a: RemotePageActions): void {
  const view = state.view;
  const lang = currentLang();
  const language = h(
    'select',
    { class: 'remote-lang', 'data-testid': 'language', 'data-key': 'language', 'aria-label': t('remote:language'), onchange: (e: Event) => a.setLang((e.target as HTMLSelectElement).value) },
    h('option', { value: 'nl', selected: lang === 'nl', lang: 'nl' }, 'NL'),
    h('option', { value: 'en', selected: lang === 'en', lang: 'en' }, 'EN'),
  );
  const usable = view !== null && state.status === 'open' && state.screenPresent !== false;
  root.replaceChildren(
    h(
      'header',
      { class: 'remote-head' },
      h('h1', { class: 'remote-title' }, t('remote:page.heading')),
      language,
    ),
    h(
      'main',
      { class: 'remote-main' },
      notice(state),
      view
        ? h(
            'div',
            { class: 'remote-where' },
            h('p', { class: 'remote-team' }, view.team),
            h('p', { class: 'remote-phase', 'data-testid': 'phase', 'data-phase': view.phase }, t(`phase.${view.phase}`)),
            view.phase === 'reveal' || view.phase === 'discuss' || view.phase === 'propose' || view.phase === 'vote' || view.phase === 'results'
              ? h('p', { class: 'muted' }, t('remote:page.card', { n: view.cardIndex + 1, total: view.cardCount }))
              : null,
            h('p', { class: 'remote-timer', id: 'remote-timer', 'data-testid': 'remote-timer', 'data-timer': view.timer.kind, role: 'timer', 'aria-live': 'off' }, timerText(state, Date.now())),
          )
        : null,
      usable && view ? controls(view, a) : null,
      usable && view ? proposalList(view, state, a) : null,
    ),
  );
}
