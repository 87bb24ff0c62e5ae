/** The propose step on a phone: the card, the form with its level, and this seat's own ideas. */
import { h } from '../ui/dom.ts';
import { t } from '../i18n/index.ts';
import type { DeviceView } from '../core/deviceView.ts';
import { LEVELS, type Lang, type Level } from '../core/types.ts';
import type { DeviceActions, DeviceState, Out } from './state.ts';
import { LEVEL_SYMBOLS } from '../core/levels.ts';
import { MAX_PROPOSAL, ideaList, title, tx } from './widgets.ts';

/** Why a proposal cannot be sent (empty, too long), or null when it can. */
export function proposalProblem(text: string): string | null {
  if (text.trim().length === 0) return t('device:propose.error.empty');
  if (text.length > MAX_PROPOSAL) return t('device:propose.error.too-long', { max: MAX_PROPOSAL, count: text.length });
  return null;
}

export function propose(view: DeviceView, state: DeviceState, lang: Lang, actions: DeviceActions): Out {
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
    out.push(h('details', { class: 'questions-box' }, h('summary', { 'data-testid': 'questions-toggle' }, t('device:card.questions')), h('ol', { class: 'questions' }, card.questions.map((q) => h('li', {}, tx(q, lang))))));
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
        LEVELS.map((l) => h('option', { value: l, selected: l === level }, `${LEVEL_SYMBOLS[l]} ${t(`level.${l}`)}`)),
      ),
    ),
    h('button', { type: 'submit', class: 'primary big device-wide', 'data-testid': 'proposal-submit', 'data-key': 'proposal-submit' }, crowd ? t('device:propose.crowd.submit') : t('device:propose.submit')),
  );
}
