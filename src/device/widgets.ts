/** Small parts of the device page shared by its panels and the join page: badges, titles, the clock. */
import { oneLine } from '../core/proposal.ts';
import { h } from '../ui/dom.ts';
import { t } from '../i18n/index.ts';
import { clock } from '../ui/names.ts';
import { remainingMs, type StepTimer } from '../core/timer.ts';
import type { DeviceView, IdeaView } from '../core/deviceView.ts';
import { MAX_PROPOSAL_LENGTH } from '../core/limits.ts';
import { LANGS, type Lang, type Text } from '../core/types.ts';
import type { SocketStatus } from '../net/socket.ts';
import { levelBadge } from '../ui/levelBadge.ts';
import { SENDING_PREFIX } from './optimistic.ts';

export { levelBadge } from '../ui/levelBadge.ts';

/** The protocol's limit for one proposal. */
export const MAX_PROPOSAL = MAX_PROPOSAL_LENGTH;

export const tx = (text: Text, lang: Lang): string => text[lang] || text.nl;
export const short = (text: string, n = 80): string => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

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

export function cardBlock(view: DeviceView, lang: Lang, full: boolean): HTMLElement | null {
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
        : h('details', { class: 'questions-box' }, h('summary', { 'data-testid': 'questions-toggle' }, t('device:card.questions')), h('ol', { class: 'questions' }, card.questions.map((q) => h('li', {}, tx(q, lang)))))
      : null,
  );
}

export function title(text: string): HTMLElement {
  return h('h1', { id: 'device-title', class: 'device-title', tabindex: -1 }, text);
}

export function ideaList(ideas: readonly IdeaView[], testid: string): HTMLElement {
  return h(
    'ol',
    { class: 'proposals device-ideas' },
    ideas.map((idea) => {
      const sending = idea.id.startsWith(SENDING_PREFIX);
      return h(
        'li',
        { class: `proposal${sending ? ' proposal--sending' : ''}`, 'data-testid': testid, 'data-proposal-id': sending ? null : idea.id, 'data-sending': String(sending) },
        h('div', { class: 'proposal__text device-text' }, oneLine(idea)),
        h('div', { class: 'proposal__meta' }, levelBadge(idea.level), sending ? h('span', { class: 'badge muted' }, t('device:propose.sending')) : null),
      );
    }),
  );
}
