/**
 * The player's controller: renders a `DeviceView` (what this seat may see) with the device's own state
 * (connection, drafts, errors). No server needed: give it a view and it draws; taps go out through
 * `actions`. Text always as text. The page has three parts (header, banners, main); each is rebuilt only
 * when what it shows changed, so a view that moved someone else's step never throws a typing player out.
 */
import { oneLine } from '../core/proposal.ts';
import { h, replaceKeepingFocus } from '../ui/dom.ts';
import { t } from '../i18n/index.ts';
import { imageUrl } from '../content.ts';
import type { StepTimer } from '../core/timer.ts';
import type { DeviceView } from '../core/deviceView.ts';
import type { PollDeviceView } from '../programme/pollDevice.ts';
import type { Lang } from '../core/types.ts';
import { type AnyDeviceView, isPollDeviceView } from './optimistic.ts';
import { pollContent } from './pollPanel.ts';
import type { DeviceActions, DeviceState, Out } from './state.ts';
import { cardBlock, connectionBadge, languageSelect, levelBadge, phaseName, title, tx, updateTimer } from './widgets.ts';
import { propose } from './proposePanel.ts';
import { ballotView, crowdView } from './votePanel.ts';

export type { DeviceActions, DeviceState } from './state.ts';
export { MAX_PROPOSAL, connectionBadge, languageSelect, levelBadge, phaseName, updateTimer } from './widgets.ts';

/** Rebuilds one part of the page only when its key changed. */
function section(root: HTMLElement, name: string, key: string, build: () => Out): boolean {
  let el = root.querySelector<HTMLElement>(`:scope > [data-part="${name}"]`);
  if (!el) {
    el = h(name === 'main' ? 'main' : name === 'head' ? 'header' : name === 'foot' ? 'footer' : 'div', { 'data-part': name, class: `device__${name}` });
    if (name === 'main') el.id = 'device-main';
    root.append(el);
  }
  if (el.dataset.renderKey === key) return false;
  el.dataset.renderKey = key;
  replaceKeepingFocus(el, ...build().filter((n): n is Node => n !== null && n !== false));
  return true;
}

/** The step's clock; the team poll has none. */
const timerOf = (view: AnyDeviceView | null): StepTimer | null => (view && !isPollDeviceView(view) ? view.timer : null);

function header(view: AnyDeviceView | null, state: DeviceState, actions: DeviceActions): Out {
  const phase = view?.phase ?? 'lobby';
  const progress = view?.progress ? t('device:progress', { done: view.progress.done, of: view.progress.of }) : null;
  return [
    h(
      'div',
      { class: 'device-head__top' },
      h('span', { class: 'device-brand', 'aria-hidden': 'true' }, h('span', { class: 'brand__mark' })),
      h('p', { class: 'device-team' }, view?.teamName || t('common.appName')),
      connectionBadge(state.status, state.waiting),
      languageSelect(state.lang, actions.setLang),
    ),
    h(
      'div',
      { class: 'device-head__where' },
      h('span', { class: 'device-phase', 'data-testid': 'phase', 'data-phase': phase }, phaseName(phase)),
      progress ? h('span', { class: 'device-progress', 'data-testid': 'progress' }, progress) : null,
      h('span', { class: 'device-timer', 'data-testid': 'timer', role: 'timer', 'aria-live': 'off', hidden: true }),
    ),
  ];
}

function banners(state: DeviceState, actions: DeviceActions): Out {
  const out: Out = [];
  if (state.replaced) {
    out.push(h('div', { class: 'banner banner--warn', role: 'alert', 'data-testid': 'banner-replaced' }, h('p', {}, t('device:banner.replaced')), h('button', { type: 'button', 'data-testid': 'banner-take-back', 'data-key': 'take-back', onclick: actions.takeBack }, t('device:banner.takeBack'))));
  } else if (state.status === 'offline') {
    out.push(h('div', { class: 'banner banner--warn', role: 'status', 'data-testid': 'banner-offline' }, h('p', {}, t('device:banner.offline')), h('button', { type: 'button', 'data-testid': 'banner-reconnect', 'data-key': 'reconnect', onclick: actions.reconnect }, t('device:banner.retry'))));
  }
  if (state.hostGone && !state.replaced && state.status === 'open') out.push(h('div', { class: 'banner banner--info', role: 'status', 'data-testid': 'host-gone' }, h('p', {}, t('device:banner.hostGone'))));
  if (state.rateLimited) out.push(h('div', { class: 'banner banner--info', role: 'status', 'data-testid': 'banner-rateLimited' }, h('p', {}, t('device:banner.rateLimited'))));
  if (state.pendingFull) out.push(h('div', { class: 'banner banner--info', role: 'status', 'data-testid': 'banner-pendingFull' }, h('p', {}, t('device:banner.pendingFull'))));
  return out;
}

function lobby(view: DeviceView, state: DeviceState): Out {
  const name = view.me?.name || state.name;
  return [
    h('div', { class: 'device-hello' }, h('span', { class: 'device-hello__mark', 'aria-hidden': 'true' }, '☕'), title(name ? t('device:lobby.title', { name }) : t('device:lobby.titleNoName'))),
    h('p', { class: 'device-lead' }, t('device:lobby.text')),
  ];
}

function checkIn(view: DeviceView, lang: Lang, actions: DeviceActions): Out {
  const c = view.checkIn;
  if (!c) return [title(t('device:checkIn.title')), h('p', { class: 'muted' }, t('device:checkIn.closed'))];
  const picked = c.myPick ? c.cards.find((card) => card.id === c.myPick) : undefined;
  return [
    title(picked ? t('device:checkIn.thanks') : t('device:checkIn.title')),
    picked
      ? h('figure', { class: 'device-pick', 'data-testid': 'check-in-thanks' }, h('img', { src: imageUrl(picked.image) ?? '', alt: tx(picked.alt, lang), width: 120, height: 120 }), h('figcaption', {}, tx(picked.prompt, lang)))
      : h('p', { class: 'device-lead' }, t('device:checkIn.help')),
    h(
      'ul',
      { class: 'device-checkins', 'aria-label': t('device:checkIn.title') },
      c.cards.map((card) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: `checkin-card${card.id === c.myPick ? ' checkin-card--mine' : ''}`,
              'data-testid': 'check-in-card',
              'data-card-id': card.id,
              'data-key': `checkin-${card.id}`,
              'aria-pressed': String(card.id === c.myPick),
              'aria-label': t('device:checkIn.choose', { prompt: tx(card.prompt, lang) }),
              disabled: c.myPick !== null,
              onclick: () => actions.act({ type: 'checkIn', cardId: card.id }),
            },
            h('img', { src: imageUrl(card.image) ?? '', alt: '', width: 72, height: 72, loading: 'lazy' }),
            h('span', {}, tx(card.prompt, lang)),
          ),
        ),
      ),
    ),
  ];
}

function results(view: DeviceView, lang: Lang): Out {
  // Ranked by the core (deviceView): the phone does not sort.
  const list = view.results ?? [];
  return [
    view.card ? h('p', { class: 'eyebrow' }, `${t('device:card.count', { n: view.cardIndex + 1, total: view.cardCount })} · ${tx(view.card.title, lang)}`) : null,
    title(t('device:results.title')),
    list.length
      ? h(
          'ol',
          { class: 'proposals device-ideas' },
          list.map((idea) =>
            h(
              'li',
              { class: 'proposal', 'data-testid': 'result', 'data-proposal-id': idea.id },
              h('div', { class: 'proposal__text device-text' }, oneLine(idea)),
              h('div', { class: 'proposal__meta' }, levelBadge(idea.level), h('span', { class: 'badge dots-count', 'data-testid': 'result-points' }, t('device:results.points', { count: idea.points }))),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('device:results.none')),
  ];
}

function topThree(view: DeviceView, summary: boolean): Out {
  // In rank order from the core (deviceView.topThree): the phone does not sort.
  const items = view.topThree ?? [];
  return [
    title(summary ? t('device:summary.title') : t('device:topThree.title')),
    summary ? h('p', { class: 'device-lead' }, t('device:summary.text')) : null,
    items.length
      ? h(
          'ol',
          { class: 'top-three' },
          items.map((item) =>
            h(
              'li',
              { class: `top-item top-item--${item.rank}`, 'data-testid': 'top-three-item', 'data-rank': item.rank, 'data-proposal-id': item.id },
              h('p', { class: 'eyebrow' }, t('device:topThree.rank', { rank: item.rank })),
              h('p', { class: 'top-item__text device-text' }, oneLine(item)),
              h('div', { class: 'proposal__meta' }, levelBadge(item.level)),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('device:topThree.none')),
  ];
}

function mainContent(view: DeviceView, state: DeviceState, actions: DeviceActions): Out {
  const lang = state.lang;
  const watching = view.me === null && view.phase !== 'lobby';
  const note: Out = watching ? [h('p', { class: 'banner banner--info', role: 'note' }, t('device:lobby.watch'))] : [];
  switch (view.phase) {
    case 'lobby':
      return lobby(view, state);
    case 'check-in':
      return watching ? [...note, title(t('device:checkIn.title'))] : checkIn(view, lang, actions);
    case 'reveal':
    case 'discuss':
      return [...note, cardBlock(view, lang, true) ?? title(phaseName(view.phase)), h('p', { class: 'muted' }, t('device:card.readAlong'))];
    case 'propose':
      return [...note, ...propose(view, state, lang, actions)];
    case 'vote':
    case 'run-off':
      if (watching) return [...note, title(phaseName(view.phase))];
      if (view.crowd && view.phase === 'vote') return crowdView(view.crowd, actions);
      if (view.ballot) return ballotView(view, view.ballot, actions);
      return [title(phaseName(view.phase)), h('p', { class: 'muted' }, t('device:vote.wait'))];
    case 'results':
      return [...note, ...results(view, lang)];
    case 'top-three':
      return [...note, ...topThree(view, false)];
    case 'summary':
      return [...note, ...topThree(view, true)];
    default:
      return [title(phaseName(view.phase))];
  }
}

/**
 * Draws the controller into `root` (`view` null: joined, waiting for the first view). Safe to call after
 * every message: parts whose content did not change stay as they are.
 */
export function renderDevice(root: HTMLElement, view: AnyDeviceView | null, state: DeviceState, actions: DeviceActions): void {
  root.classList.add('device');
  // Coming from the join page: its parts go.
  for (const child of [...root.children]) if (!(child instanceof HTMLElement) || !child.dataset.part) child.remove();
  const timer = timerOf(view);
  const poll: PollDeviceView | null = view && isPollDeviceView(view) ? view : null;
  const headKey = JSON.stringify([state.lang, view?.teamName, view?.phase, view?.progress, state.status, state.waiting, timer?.kind]);
  section(root, 'head', headKey, () => header(view, state, actions));
  // A finished or closed poll has nothing left to send: the shared screen being away is no news.
  const shown = poll && (poll.done || poll.closed) ? { ...state, hostGone: false } : state;
  const bannerKey = JSON.stringify([state.lang, shown.status, shown.hostGone, shown.replaced, shown.rateLimited, shown.pendingFull]);
  section(root, 'banners', bannerKey, () => banners(shown, actions));
  const mainKey = JSON.stringify([state.lang, state.name, state.proposeError, state.proposeSent, poll ? (state.pollIndex ?? null) : null, view && { ...view, timer: null, progress: null }]);
  section(root, 'main', mainKey, () =>
    poll ? pollContent(poll, state, actions) : view && !isPollDeviceView(view) ? mainContent(view, state, actions) : [title(t('device:lobby.titleNoName')), h('p', { class: 'device-lead' }, t('device:status.connecting'))],
  );
  const footKey = JSON.stringify([state.lang, state.name, state.code]);
  section(root, 'foot', footKey, () => [h('p', { class: 'device-foot muted small' }, `${t('device:header.me', { name: view?.me?.name || state.name })} · ${t('device:header.room', { code: state.code })}`)]);
  updateTimer(root, timer, state.now);
}

