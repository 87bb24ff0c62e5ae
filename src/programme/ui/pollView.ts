/**
 * The poll's results as the screens show them: one statement's distribution as a bar, the legend for its
 * tones, and the round's theme chooser that sits beside the results.
 */
import { h } from '../../ui/dom.ts';
import { currentLang, t } from '../../i18n/index.ts';
import { THEMES, type Theme } from '../../core/types.ts';
import type { App } from '../app.ts';
import { type Programme, type Round, updateRound } from '../core/history.ts';
import { MIN_ANSWERS, type PollResults, type PollState, type StatementResult, SCALE, pollResults } from '../core/poll.ts';
import { STATEMENTS, statementById } from '../content.ts';
import { themeLabel } from '../texts.ts';
import { field, select } from './kit.ts';

const lang = () => currentLang();

export const resultsOf = (poll: PollState): PollResults => pollResults(poll, STATEMENTS);

const SEGMENT_CLASS = (value: number, s: StatementResult): string => {
  const concerned = s.polarity === 'negative' ? value >= 4 : value <= 2;
  const fine = s.polarity === 'negative' ? value <= 2 : value >= 4;
  return concerned ? 'seg seg--concern' : fine ? 'seg seg--fine' : 'seg seg--neutral';
};

/** One statement's distribution: five segments (disagree → agree), shaded by what they mean for concern. */
export function statementBar(s: StatementResult, compact = false): HTMLElement {
  const statement = statementById(s.id);
  const text = statement?.text[lang()] ?? s.id;
  if (!s.shown) {
    return h('li', { class: 'poll-result poll-result--hidden', 'data-testid': 'poll-statement-hidden', 'data-statement-id': s.id }, h('p', { class: 'poll-result__text' }, text), h('p', { class: 'muted small' }, t('programme:poll.statementTooFew', { min: MIN_ANSWERS })));
  }
  const split = t('programme:poll.split', { concerned: s.split.concerned, neutral: s.split.neutral, fine: s.split.reassured });
  const list = SCALE.map((v, i) => `${t(`programme:poll.scale${v}`)} ${s.distribution.percents[i] ?? 0}%`).join(', ');
  return h(
    'li',
    { class: 'poll-result', 'data-statement-id': s.id },
    h('p', { class: 'poll-result__text' }, text),
    h(
      'div',
      { class: 'poll-bar', 'data-testid': 'poll-bar', 'data-statement-id': s.id, role: 'img', 'aria-label': `${t('programme:poll.distribution', { list })}. ${split}` },
      ...SCALE.map((v, i) => {
        const pct = s.distribution.percents[i] ?? 0;
        return pct > 0 ? h('span', { class: SEGMENT_CLASS(v, s), style: `width:${pct}%`, title: `${t(`programme:poll.scale${v}`)}: ${pct}%` }, pct >= 9 ? `${pct}%` : '') : null;
      }),
    ),
    compact ? null : h('p', { class: 'poll-bar__ends small', 'aria-hidden': 'true' }, h('span', {}, `← ${t('programme:poll.scale1')}`), h('span', {}, `${t('programme:poll.scale5')} →`)),
    h(
      'p',
      { class: 'poll-result__meta small' },
      h('span', {}, split),
      compact ? null : h('span', { class: 'muted' }, ` · ${t('programme:poll.answers', { count: s.distribution.n })}${s.skipped ? ` · ${t('programme:poll.skipped', { count: s.skipped })}` : ''} · ${t(s.polarity === 'negative' ? 'programme:poll.polarityNegative' : 'programme:poll.polarityPositive')}`),
    ),
  );
}

export function legend(): HTMLElement {
  return h(
    'p',
    { class: 'poll-legend small', 'aria-hidden': 'true' },
    h('span', { class: 'seg-key seg--concern' }),
    t('programme:poll.legendConcern'),
    h('span', { class: 'seg-key seg--neutral' }),
    t('programme:poll.legendNeutral'),
    h('span', { class: 'seg-key seg--fine' }),
    t('programme:poll.legendFine'),
  );
}

export function themeSelect(app: App, programme: Programme, round: Round): HTMLElement {
  return field(
    t('programme:programme.theme'),
    select(
      'round-theme',
      `round-theme-${round.no}`,
      [{ value: '', label: t('programme:common.noTheme') }, ...THEMES.map((th) => ({ value: th, label: themeLabel(th) }))],
      round.theme ?? '',
      (value) => app.commit(updateRound(programme, round.no, (r) => ({ ...r, theme: value === '' ? null : (value as Theme) }))),
    ),
    t('programme:programme.themeHelp'),
  );
}


/** The questions for reading results together (003 l.795-807), shown beside the results. */
export function readingQuestions(): HTMLElement {
  return h(
    'section',
    { class: 'poll-reading', 'data-testid': 'poll-reading-questions', 'aria-labelledby': 'poll-reading-title' },
    h('h2', { id: 'poll-reading-title' }, t('programme:poll.readingTitle')),
    h('p', {}, t('programme:poll.readingIntro')),
    h('ol', {}, ...[1, 2, 3, 4, 5].map((i) => h('li', { 'data-testid': 'poll-reading-question' }, t(`programme:poll.reading${i}`)))),
  );
}
