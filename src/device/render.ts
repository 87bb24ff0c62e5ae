/**
 * The player's controller: renders a `DeviceView` (what this seat may see) with the device's own state
 * (connection, drafts, errors). No server needed: give it a view and it draws; taps go out through
 * `actions`. Text always as text. The page has three parts (header, banners, main); each is rebuilt only
 * when what it shows changed, so a view that moved someone else's step never throws a typing player out.
 */
import { h, replaceKeepingFocus } from '../ui/dom.ts';
import { t } from '../i18n/index.ts';
import { clock } from '../ui/names.ts';
import { imageUrl } from '../content.ts';
import { remainingMs, type StepTimer } from '../core/timer.ts';
import type { DeviceBallot, DeviceCrowd, DeviceView, IdeaView } from '../core/deviceView.ts';
import type { PollDeviceView } from '../programme/pollDevice.ts';
import { LEVELS, LANGS, type Lang, type Level, type Text } from '../core/types.ts';
import type { PlayerAction } from '../net/protocol.ts';
import type { SocketStatus } from '../net/socket.ts';
import type { Draft } from './store.ts';
import { type AnyDeviceView, SENDING_PREFIX, ballotTotal, isPollDeviceView } from './optimistic.ts';
import { pollContent } from './pollPanel.ts';

/** The protocol's limit for one proposal. */
export const MAX_PROPOSAL = 10_000;
const LEVEL_SHAPES: Record<Level, string> = { individual: '●', team: '▲', manager: '■', organisation: '◆' };
const SCORES = [1, 2, 3, 4, 5] as const;

export interface DeviceState {
  readonly code: string;
  /** The seat's name as the room knows it. */
  readonly name: string;
  readonly lang: Lang;
  readonly status: SocketStatus;
  readonly hostGone: boolean;
  /** This seat was opened on another screen; this one stopped. */
  readonly replaced: boolean;
  readonly rateLimited: boolean;
  /** Actions not yet acknowledged by the server. */
  readonly waiting: number;
  /** The proposal being typed for the current card. */
  readonly draft: Draft;
  readonly proposeError: string | null;
  readonly proposeSent: boolean;
  readonly now: number;
  /** In the team poll: the statement the player went to (its index; the count of statements is the overview), or null for the first one without an answer. */
  readonly pollIndex?: number | null;
}

export interface DeviceActions {
  act(action: PlayerAction): void;
  /** Checks and sends a proposal; on a problem the state comes back with `proposeError` and the text kept. */
  propose(text: string, level: Level): void;
  saveDraft(draft: Draft): void;
  setLang(lang: Lang): void;
  reconnect(): void;
  takeBack(): void;
  /** In the team poll: show the statement at this index (the count of statements: the overview with "done"). */
  pollGo?(index: number): void;
}

/** Parts of a page; empty slots (null) are left out. */
type Out = (Node | null | false)[];

const tx = (text: Text, lang: Lang): string => text[lang] || text.nl;
const short = (text: string, n = 80): string => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

export function levelBadge(level: Level): HTMLElement {
  return h('span', { class: `badge level level--${level}` }, h('span', { 'aria-hidden': 'true' }, `${LEVEL_SHAPES[level]} `), t(`level.${level}`));
}

export function phaseName(phase: string): string {
  return phase === 'lobby' ? t('device:phase.lobby') : t(`phase.${phase}`);
}

/** The language switch: the device's own controls and card texts, independent of the shared screen. */
export function languageSelect(lang: Lang, setLang: (lang: Lang) => void): HTMLSelectElement {
  return h(
    'select',
    {
      class: 'device-lang',
      'data-testid': 'language',
      'data-key': 'device-language',
      'aria-label': t('device:language'),
      onchange: (e: Event) => {
        const value = (e.target as HTMLSelectElement).value;
        if ((LANGS as readonly string[]).includes(value)) setLang(value as Lang);
      },
    },
    h('option', { value: 'nl', lang: 'nl', selected: lang === 'nl' }, 'NL'),
    h('option', { value: 'en', lang: 'en', selected: lang === 'en' }, 'EN'),
  );
}

export function connectionBadge(status: SocketStatus, waiting: number): HTMLElement {
  return h(
    'p',
    { class: `conn conn--${status}`, 'data-testid': 'connection', 'data-status': status, role: 'status' },
    h('span', { class: 'sr-only' }, `${t('device:status.label')}: `),
    h('span', { class: 'conn__dot', 'aria-hidden': 'true' }),
    h('span', { class: 'conn__text' }, t(`device:status.${status}`)),
    waiting > 0 ? h('span', { class: 'conn__waiting', 'data-testid': 'waiting', title: t('device:status.waiting', { count: waiting }) }, h('span', { 'aria-hidden': 'true' }, `↑${waiting}`), h('span', { class: 'sr-only' }, t('device:status.waiting', { count: waiting }))) : null,
  );
}

/** Writes the clock into the header (called every second; nothing else is rebuilt for it). */
export function updateTimer(root: HTMLElement, timer: StepTimer | null, now: number): void {
  const el = root.querySelector<HTMLElement>('[data-testid="timer"]');
  if (!el) return;
  if (!timer || timer.kind === 'none') {
    el.textContent = '';
    el.hidden = true;
    return;
  }
  const left = remainingMs(timer, now);
  el.hidden = false;
  el.classList.toggle('device-timer--over', left <= 0);
  el.classList.toggle('device-timer--paused', timer.kind === 'paused');
  const text = left <= 0 ? t('device:timer.over') : t(timer.kind === 'paused' ? 'device:timer.paused' : 'device:timer.remaining', { time: clock(left) });
  if (el.textContent !== text) el.textContent = text;
}

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
    out.push(h('div', { class: 'banner banner--warn', role: 'alert', 'data-testid': 'banner-replaced' }, h('p', {}, t('device:banner.replaced')), h('button', { type: 'button', 'data-key': 'take-back', onclick: actions.takeBack }, t('device:banner.takeBack'))));
  } else if (state.status === 'offline') {
    out.push(h('div', { class: 'banner banner--warn', role: 'status', 'data-testid': 'banner-offline' }, h('p', {}, t('device:banner.offline')), h('button', { type: 'button', 'data-key': 'reconnect', onclick: actions.reconnect }, t('device:banner.retry'))));
  }
  if (state.hostGone && !state.replaced && state.status === 'open') out.push(h('div', { class: 'banner banner--info', role: 'status', 'data-testid': 'host-gone' }, h('p', {}, t('device:banner.hostGone'))));
  if (state.rateLimited) out.push(h('div', { class: 'banner banner--info', role: 'status' }, h('p', {}, t('device:banner.rateLimited'))));
  return out;
}

function cardBlock(view: DeviceView, lang: Lang, full: boolean): HTMLElement | null {
  const card = view.card;
  if (!card) return null;
  return h(
    'article',
    { class: 'device-card scenario', 'aria-labelledby': 'device-title' },
    h('p', { class: 'eyebrow' }, `${t('device:card.count', { n: view.cardIndex + 1, total: view.cardCount })} · ${t(`theme.${card.theme}`)}`),
    h('h1', { id: 'device-title', class: 'scenario__title', tabindex: -1 }, tx(card.title, lang)),
    full ? h('p', { class: 'scenario__situation' }, tx(card.situation, lang)) : null,
    card.questions.length
      ? full
        ? h('div', {}, h('h2', { class: 'small-heading' }, t('device:card.questions')), h('ol', { class: 'questions' }, card.questions.map((q) => h('li', {}, tx(q, lang)))))
        : h('details', { class: 'questions-box' }, h('summary', {}, t('device:card.questions')), h('ol', { class: 'questions' }, card.questions.map((q) => h('li', {}, tx(q, lang)))))
      : null,
  );
}

function title(text: string): HTMLElement {
  return h('h1', { id: 'device-title', class: 'device-title', tabindex: -1 }, text);
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

function ideaList(ideas: readonly IdeaView[], testid: string): HTMLElement {
  return h(
    'ol',
    { class: 'proposals device-ideas' },
    ideas.map((idea) => {
      const sending = idea.id.startsWith(SENDING_PREFIX);
      return h(
        'li',
        { class: `proposal${sending ? ' proposal--sending' : ''}`, 'data-testid': testid, 'data-proposal-id': sending ? null : idea.id, 'data-sending': String(sending) },
        h('div', { class: 'proposal__text device-text' }, idea.text),
        h('div', { class: 'proposal__meta' }, levelBadge(idea.level), sending ? h('span', { class: 'badge muted' }, t('device:propose.sending')) : null),
      );
    }),
  );
}

function propose(view: DeviceView, state: DeviceState, lang: Lang, actions: DeviceActions): Out {
  const p = view.propose;
  const crowd = view.voteMode === 'crowd';
  const out: Out = [];
  const card = view.card;
  if (card) {
    out.push(
      h('p', { class: 'eyebrow' }, `${t('device:card.count', { n: view.cardIndex + 1, total: view.cardCount })} · ${t(`theme.${card.theme}`)}`),
      h('p', { class: 'device-card-title' }, tx(card.title, lang)),
    );
  }
  out.push(title(crowd ? t('device:propose.crowd.title') : t('device:propose.title')));
  if (p?.activeTwist) {
    out.push(
      h(
        'aside',
        { class: 'twist', 'data-testid': 'twist-card', 'aria-label': t('device:propose.twist') },
        h('p', { class: 'eyebrow' }, `⚡ ${t('device:propose.twist')}`),
        h('h2', {}, tx(p.activeTwist.title, lang)),
        h('p', {}, tx(p.activeTwist.prompt, lang)),
        h('p', { class: 'muted small' }, t('device:propose.twistHelp')),
      ),
    );
  }
  const mine = p?.mine ?? [];
  if (state.proposeSent && p?.canPropose) out.push(h('p', { class: 'device-ok', role: 'status', 'data-testid': 'proposal-sent' }, t('device:propose.sent')));
  if (p?.canPropose && view.me) {
    out.push(crowd ? h('p', { class: 'device-lead device-bold' }, t('device:propose.crowd.prompt')) : h('p', { class: 'device-lead' }, t('device:propose.help')));
    if (crowd) out.push(h('p', { class: 'muted small' }, t('device:propose.crowd.help')));
    out.push(proposeForm(state, actions, crowd));
  } else if (crowd && mine.length) {
    out.push(h('p', { class: 'device-ok', role: 'status' }, t('device:propose.crowd.sent')));
  } else {
    out.push(h('p', { class: 'muted' }, t('device:propose.closed')));
  }
  out.push(
    h(
      'section',
      { class: 'device-mine', 'aria-labelledby': 'device-mine-title' },
      h('h2', { id: 'device-mine-title' }, crowd ? t('device:propose.crowd.mine') : t('device:propose.mine')),
      h('p', { class: 'muted small' }, crowd ? t('device:propose.crowd.mineHelp') : t('device:propose.mineHelp')),
      mine.length ? ideaList(mine, 'my-proposal') : h('p', { class: 'muted' }, t('device:propose.none')),
    ),
  );
  if (card?.questions.length) {
    out.push(h('details', { class: 'questions-box' }, h('summary', {}, t('device:card.questions')), h('ol', { class: 'questions' }, card.questions.map((q) => h('li', {}, tx(q, lang))))));
  }
  return out;
}

function proposeForm(state: DeviceState, actions: DeviceActions, crowd: boolean): HTMLElement {
  let text = state.draft.text;
  let level = state.draft.level;
  const counter = h('p', { class: 'counter device-counter', id: 'proposal-counter', 'aria-live': 'off' });
  const setCounter = () => {
    counter.textContent = t('device:propose.counter', { count: text.length, max: MAX_PROPOSAL });
    counter.classList.toggle('counter--bad', text.length > MAX_PROPOSAL);
  };
  setCounter();
  const error = state.proposeError ? h('p', { class: 'error', role: 'alert', id: 'proposal-error', 'data-testid': 'proposal-error' }, state.proposeError) : null;
  const area = h('textarea', {
    id: 'proposal-text',
    'data-testid': 'proposal-text',
    'data-key': 'proposal-text',
    rows: 4,
    maxlength: MAX_PROPOSAL,
    placeholder: t('device:propose.placeholder'),
    'aria-describedby': error ? 'proposal-error proposal-counter' : 'proposal-counter',
    'aria-invalid': error ? 'true' : null,
    oninput: (e: Event) => {
      text = (e.target as HTMLTextAreaElement).value;
      setCounter();
      if (error?.isConnected) {
        // The player is fixing it: the message goes, and the next draw starts afresh.
        error.remove();
        area.removeAttribute('aria-invalid');
        area.setAttribute('aria-describedby', 'proposal-counter');
        const part = area.closest<HTMLElement>('[data-part]');
        if (part) delete part.dataset.renderKey;
      }
      actions.saveDraft({ text, level });
    },
  });
  area.value = text;
  const submit = (e: Event) => {
    e.preventDefault();
    actions.propose(area.value, level);
  };
  area.addEventListener('keydown', (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
  });
  return h(
    'form',
    { class: 'device-form', novalidate: true, onsubmit: submit },
    h('label', { class: 'field', for: 'proposal-text' }, h('span', {}, t('device:propose.text'))),
    area,
    counter,
    error,
    h(
      'label',
      { class: 'field' },
      h('span', {}, t('device:propose.level')),
      h(
        'select',
        {
          'data-testid': 'proposal-level',
          'data-key': 'proposal-level',
          onchange: (e: Event) => {
            level = (e.target as HTMLSelectElement).value as Level;
            actions.saveDraft({ text, level });
          },
        },
        LEVELS.map((l) => h('option', { value: l, selected: l === level }, `${LEVEL_SHAPES[l]} ${t(`level.${l}`)}`)),
      ),
    ),
    h('button', { type: 'submit', class: 'primary big device-wide', 'data-testid': 'proposal-submit', 'data-key': 'proposal-submit' }, crowd ? t('device:propose.crowd.submit') : t('device:propose.submit')),
  );
}

function dotsRow(n: number, max: number): HTMLElement {
  return h('span', { class: 'my-dots', 'aria-hidden': 'true' }, '●'.repeat(n) + '○'.repeat(Math.max(0, max - n)));
}

function ballotView(view: DeviceView, ballot: DeviceBallot, actions: DeviceActions): Out {
  const runOff = ballot.kind === 'run-off';
  const placed = ballotTotal(ballot.mine);
  const left = Math.max(0, ballot.dotsToPlace - placed);
  const head = [title(runOff ? t('device:vote.runOff') : t('device:vote.title'))];
  if (ballot.done) {
    const mine = ballot.candidates.filter((c) => (ballot.mine[c.id] ?? 0) > 0);
    return [
      ...head,
      h('p', { class: 'device-ok', role: 'status', 'data-testid': 'vote-cast' }, t('device:vote.cast')),
      h('h2', {}, t('device:vote.yourDots')),
      h(
        'ul',
        { class: 'proposals device-ideas' },
        mine.map((c) =>
          h(
            'li',
            { class: 'proposal', 'data-testid': 'my-dots', 'data-proposal-id': c.id },
            h('div', { class: 'proposal__text device-text' }, c.text),
            h('div', { class: 'proposal__meta' }, levelBadge(c.level), dotsRow(ballot.mine[c.id] ?? 0, ballot.mine[c.id] ?? 0), h('span', {}, t('device:vote.mine', { count: ballot.mine[c.id] ?? 0 }))),
          ),
        ),
      ),
    ];
  }
  if (ballot.candidates.length === 0) return [...head, h('p', { class: 'muted' }, t('device:vote.none'))];
  return [
    ...head,
    h('p', { class: 'device-lead' }, runOff ? t('device:vote.runOffExplain') : t('device:vote.explain')),
    ballot.maxPerCandidate > 1 ? h('p', { class: 'muted small' }, t('device:vote.max', { max: ballot.maxPerCandidate })) : null,
    h('p', { class: 'dots-left device-dots-left', 'aria-live': 'polite', 'data-testid': 'dots-left' }, left > 0 ? t('device:vote.dotsLeft', { count: left }) : t('device:vote.allPlaced')),
    h(
      'ol',
      { class: 'ballot device-ballot' },
      ballot.candidates.map((c) => {
        const on = ballot.mine[c.id] ?? 0;
        return h(
          'li',
          { class: `ballot__item${on > 0 ? ' ballot__item--on' : ''}`, 'data-testid': 'candidate', 'data-proposal-id': c.id },
          h('div', { class: 'ballot__text device-text' }, c.text, h('div', { class: 'proposal__meta' }, levelBadge(c.level))),
          h(
            'div',
            { class: 'ballot__controls' },
            h('button', { type: 'button', class: 'icon', 'data-testid': 'vote-remove', 'data-proposal-id': c.id, 'data-key': `remove-${c.id}`, disabled: on === 0, 'aria-label': t('device:vote.remove', { text: short(c.text) }), onclick: () => actions.act({ type: 'undot', proposalId: c.id }) }, '−'),
            h('span', { class: 'device-dotcount' }, dotsRow(on, ballot.maxPerCandidate), h('span', { class: 'sr-only' }, t('device:vote.mine', { count: on }))),
            h('button', { type: 'button', class: 'icon primary', 'data-testid': 'vote-for', 'data-proposal-id': c.id, 'data-key': `vote-${c.id}`, disabled: on >= ballot.maxPerCandidate || left === 0, 'aria-label': t('device:vote.add', { text: short(c.text) }), onclick: () => actions.act({ type: 'dot', proposalId: c.id }) }, '+'),
          ),
        );
      }),
    ),
    h('div', { class: 'device-sticky' }, h('button', { type: 'button', class: 'primary big device-wide', 'data-testid': 'vote-done', 'data-key': 'vote-done', disabled: left !== 0, onclick: () => actions.act({ type: 'voteDone' }) }, t('device:vote.done'))),
  ];
}

function crowdView(crowd: DeviceCrowd, actions: DeviceActions): Out {
  const head = [h('p', { class: 'eyebrow', 'data-testid': 'crowd-round' }, t('device:crowd.round', { n: crowd.round, total: crowd.rounds })), title(t('device:crowd.title'))];
  const hand = crowd.hand;
  if (!hand) return [...head, h('p', { class: 'device-lead', 'data-testid': 'crowd-sit-out' }, t('device:crowd.sitOut'))];
  return [
    ...head,
    h('blockquote', { class: 'device-hand', 'data-testid': 'crowd-hand', 'data-proposal-id': hand.id }, h('p', { class: 'device-text' }, hand.text), h('div', { class: 'proposal__meta' }, levelBadge(hand.level))),
    h('p', { class: 'muted', id: 'crowd-help' }, t('device:crowd.help')),
    h(
      'div',
      { class: 'device-scores', role: 'group', 'aria-labelledby': 'device-title', 'aria-describedby': 'crowd-help' },
      SCORES.map((score) =>
        h(
          'button',
          {
            type: 'button',
            class: `device-score${crowd.myScore === score ? ' device-score--on' : ''}`,
            'data-testid': 'crowd-score',
            'data-score': score,
            'data-key': `score-${score}`,
            'aria-pressed': String(crowd.myScore === score),
            onclick: () => actions.act({ type: 'score', proposalId: hand.id, score }),
          },
          h('span', { class: 'device-score__n' }, String(score)),
          h('span', { class: 'sr-only' }, ': '),
          h('span', { class: 'device-score__label' }, t(`device:crowd.label.${score}`)),
        ),
      ),
    ),
    crowd.myScore !== null ? h('p', { class: 'device-ok', role: 'status' }, t('device:crowd.chosen', { score: crowd.myScore })) : null,
  ];
}

function results(view: DeviceView, lang: Lang): Out {
  const list = [...(view.results ?? [])].sort((a, b) => b.points - a.points);
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
              h('div', { class: 'proposal__text device-text' }, idea.text),
              h('div', { class: 'proposal__meta' }, levelBadge(idea.level), h('span', { class: 'badge dots-count', 'data-testid': 'result-points' }, t('device:results.points', { count: idea.points }))),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('device:results.none')),
  ];
}

function topThree(view: DeviceView, summary: boolean): Out {
  const items = [...(view.topThree ?? [])].sort((a, b) => a.rank - b.rank);
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
              h('p', { class: 'top-item__text device-text' }, item.text),
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
  const bannerKey = JSON.stringify([state.lang, shown.status, shown.hostGone, shown.replaced, shown.rateLimited]);
  section(root, 'banners', bannerKey, () => banners(shown, actions));
  const mainKey = JSON.stringify([state.lang, state.name, state.proposeError, state.proposeSent, poll ? (state.pollIndex ?? null) : null, view && { ...view, timer: null, progress: null }]);
  section(root, 'main', mainKey, () =>
    poll ? pollContent(poll, state, actions) : view && !isPollDeviceView(view) ? mainContent(view, state, actions) : [title(t('device:lobby.titleNoName')), h('p', { class: 'device-lead' }, t('device:status.connecting'))],
  );
  const footKey = JSON.stringify([state.lang, state.name, state.code]);
  section(root, 'foot', footKey, () => [h('p', { class: 'device-foot muted small' }, `${t('device:header.me', { name: view?.me?.name || state.name })} · ${t('device:header.room', { code: state.code })}`)]);
  updateTimer(root, timer, state.now);
}
