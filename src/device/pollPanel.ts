/**
 * The team poll on a player's phone: one statement at a time with five answers and "rather not say", back to an
 * earlier statement, an overview of this phone's own answers, and "done". Only this seat's own answers are ever
 * here; the results are on the shared screen only. Text always as text.
 */
import { h } from '../ui/dom.ts';
import type { Lang, Text } from '../core/types.ts';
import type { PollDeviceView } from '../programme/pollDevice.ts';
import { t } from '../i18n/index.ts';
import { answeredAll } from './optimistic.ts';
import type { DeviceActions, DeviceState } from './state.ts';

type Out = (Node | null | false)[];

const SCALE = [1, 2, 3, 4, 5] as const;
const tx = (text: Text, lang: Lang): string => text[lang] || text.nl;

/**
 * Which statement the phone shows: the one the player went to (`chosen`), else the first one without an answer.
 * `statements.length` is the overview of all answers with "done".
 */
export function pollPosition(view: PollDeviceView, chosen: number | null): number {
  const n = view.statements.length;
  if (chosen !== null && Number.isInteger(chosen)) return Math.max(0, Math.min(n, chosen));
  const first = view.statements.findIndex((s) => !Object.hasOwn(view.mine, s.id));
  return first < 0 ? n : first;
}

const answerLabel = (value: number): string => (value === 0 ? t('device:poll.skip') : t(`device:poll.scale${value}`));

function title(text: string, attrs: Record<string, string> = {}): HTMLElement {
  return h('h1', { id: 'device-title', class: 'device-title', tabindex: -1, ...attrs }, text);
}

function statementScreen(view: PollDeviceView, index: number, lang: Lang, actions: DeviceActions): Out {
  const statement = view.statements[index];
  if (!statement) return [];
  const n = view.statements.length;
  const mine = Object.hasOwn(view.mine, statement.id) ? view.mine[statement.id] : undefined;
  const give = (value: number) => {
    // Once every statement has an answer, the overview comes back; else the next statement.
    const complete = view.statements.every((s) => s.id === statement.id || Object.hasOwn(view.mine, s.id));
    actions.pollGo?.(complete ? n : index + 1);
    actions.act({ type: 'pollAnswer', statementId: statement.id, value });
  };
  const answer = (value: number, extra: string) =>
    h(
      'button',
      {
        type: 'button',
        class: `device-poll__answer${extra}${mine === value ? ' device-poll__answer--on' : ''}`,
        'data-testid': 'poll-answer',
        'data-value': value,
        'data-key': `poll-answer-${value}`,
        'aria-pressed': String(mine === value),
        onclick: () => give(value),
      },
      value > 0 ? h('span', { class: 'device-poll__n', 'aria-hidden': 'true' }, String(value)) : null,
      h('span', { class: 'sr-only' }, value > 0 ? `${value}: ` : ''),
      h('span', { class: 'device-poll__label' }, answerLabel(value)),
    );
  return [
    h('p', { class: 'eyebrow', 'data-testid': 'poll-position', 'data-index': index }, t('device:poll.statementOf', { n: index + 1, total: n })),
    title(tx(statement.text, lang), { 'data-testid': 'poll-statement', 'data-statement-id': statement.id }),
    h(
      'div',
      { class: 'device-poll__scale', role: 'group', 'aria-labelledby': 'device-title' },
      SCALE.map((value) => answer(value, '')),
      answer(0, ' device-poll__answer--skip'),
    ),
    h(
      'div',
      { class: 'device-poll__nav' },
      h('button', { type: 'button', class: 'secondary', 'data-testid': 'poll-back', 'data-key': 'poll-back', disabled: index === 0, onclick: () => actions.pollGo?.(index - 1) }, `← ${t('device:poll.back')}`),
      mine !== undefined ? h('button', { type: 'button', class: 'secondary', 'data-testid': 'poll-next', 'data-key': 'poll-next', onclick: () => actions.pollGo?.(index + 1) }, `${t('device:poll.next')} →`) : null,
    ),
    h('p', { class: 'muted small' }, t('device:poll.privacy')),
  ];
}

function overview(view: PollDeviceView, lang: Lang, actions: DeviceActions): Out {
  const n = view.statements.length;
  const complete = answeredAll(view);
  return [
    title(complete ? t('device:poll.reviewTitle') : t('device:poll.missingTitle')),
    h('p', { class: 'device-lead' }, complete ? t('device:poll.reviewText') : t('device:poll.missingText')),
    h(
      'ol',
      { class: 'device-poll__list', 'data-testid': 'poll-overview' },
      view.statements.map((s, i) => {
        const has = Object.hasOwn(view.mine, s.id);
        return h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: `device-poll__item${has ? '' : ' device-poll__item--open'}`,
              'data-testid': 'poll-change',
              'data-statement-id': s.id,
              'data-key': `poll-change-${s.id}`,
              onclick: () => actions.pollGo?.(i),
            },
            h('span', { class: 'device-poll__item-text device-text' }, tx(s.text, lang)),
            h('span', { class: 'device-poll__item-answer', 'data-testid': 'poll-my-answer', 'data-value': has ? String(view.mine[s.id]) : '' }, has ? answerLabel(view.mine[s.id] ?? 0) : t('device:poll.noAnswer')),
            h('span', { class: 'sr-only' }, ` (${t('device:poll.change')})`),
          ),
        );
      }),
    ),
    h(
      'div',
      { class: 'device-poll__nav' },
      h('button', { type: 'button', class: 'secondary', 'data-testid': 'poll-back', 'data-key': 'poll-back', disabled: n === 0, onclick: () => actions.pollGo?.(n - 1) }, `← ${t('device:poll.back')}`),
    ),
    h(
      'div',
      { class: 'device-sticky' },
      h('p', { class: 'muted small', id: 'poll-done-hint' }, t('device:poll.doneHint')),
      h('button', { type: 'button', class: 'primary big device-wide', 'data-testid': 'poll-done', 'data-key': 'poll-done', 'aria-describedby': 'poll-done-hint', disabled: !complete, onclick: () => actions.act({ type: 'pollDone' }) }, t('device:poll.done')),
    ),
  ];
}

/** The poll's part of the page for this phone. */
export function pollContent(view: PollDeviceView, state: DeviceState, actions: DeviceActions): Out {
  const lang = state.lang;
  if (view.done) {
    return [
      h('div', { class: 'device-hello' }, h('span', { class: 'device-hello__mark', 'aria-hidden': 'true' }, '✓'), title(t('device:poll.thanksTitle'))),
      h('p', { class: 'device-ok', role: 'status', 'data-testid': 'poll-thanks' }, t('device:poll.thanks')),
      h('p', { class: 'device-lead' }, view.closed ? t('device:poll.resultsReady') : t('device:poll.resultsOnScreen')),
    ];
  }
  if (view.closed) return [title(t('device:poll.closedTitle')), h('p', { class: 'device-lead', 'data-testid': 'poll-closed' }, t('device:poll.closed'))];
  if (view.statements.length === 0) return [title(t('device:poll.title')), h('p', { class: 'muted' }, t('device:poll.none'))];
  const index = pollPosition(view, state.pollIndex ?? null);
  return index >= view.statements.length ? overview(view, lang, actions) : statementScreen(view, index, lang, actions);
}
