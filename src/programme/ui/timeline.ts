/** The rounds side by side: poll results per statement, the top three, and how each action is doing. */
import { h } from '../../ui/dom.ts';
import { currentLang, t } from '../../i18n/index.ts';
import { type Programme, latestReview } from '../core/history.ts';
import { type StatementResult, isComplete } from '../core/poll.ts';
import { STATEMENTS } from '../content.ts';
import { themeLabel } from '../texts.ts';
import { formatDate } from './kit.ts';
import { resultsOf } from './pollView.ts';

function cell(result: StatementResult | undefined, round: number, statementId: string, polled: boolean): HTMLElement {
  const base = { 'data-testid': 'timeline-cell', 'data-round': round, 'data-statement-id': statementId };
  if (!polled) return h('td', { ...base, class: 'timeline__na' }, t('programme:timeline.noPollYet'));
  if (!result) return h('td', { ...base, class: 'timeline__na' }, t('programme:timeline.notAsked'));
  if (!result.shown) return h('td', { ...base, class: 'timeline__na' }, t('programme:timeline.tooFew'));
  const pct = result.split.concerned;
  return h(
    'td',
    { ...base, 'data-concerned': pct },
    h('span', { class: 'timeline__bar', 'aria-hidden': 'true' }, h('span', { class: 'timeline__fill seg--concern', style: `width:${pct}%` })),
    h('span', { class: 'small' }, t('programme:timeline.concerned', { percent: pct })),
  );
}

export function renderTimeline(programme: Programme): HTMLElement {
  const lang = currentLang();
  const rounds = programme.rounds;
  const results = new Map(rounds.map((r) => [r.no, r.poll && isComplete(r.poll) ? resultsOf(r.poll) : null]));
  const asked = new Set(rounds.flatMap((r) => (r.poll ? r.poll.statementIds : [])));
  const statements = STATEMENTS.filter((s) => asked.has(s.id));

  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, t('programme:timeline.statement')),
    ...rounds.map((r) => h('th', { scope: 'col', 'data-round': r.no }, t('programme:timeline.round', { n: r.no }), h('span', { class: 'timeline__sub small' }, r.theme ? themeLabel(r.theme) : t('programme:common.noTheme')), h('span', { class: 'timeline__sub small muted' }, t('programme:timeline.opened', { date: formatDate(r.openedAt) })))),
  );
  const rows = statements.map((s) =>
    h('tr', {}, h('th', { scope: 'row', class: 'timeline__statement' }, s.text[lang]), ...rounds.map((r) => cell(results.get(r.no)?.statements.find((x) => x.id === s.id), r.no, s.id, results.get(r.no) != null))),
  );
  const itemsRow = h(
    'tr',
    { class: 'timeline__items' },
    h('th', { scope: 'row' }, t('programme:timeline.actions')),
    ...rounds.map((r) =>
      h(
        'td',
        { 'data-testid': 'timeline-actions', 'data-round': r.no },
        r.items.length === 0
          ? h('span', { class: 'muted small' }, t('programme:timeline.noItems'))
          : h(
              'ol',
              { class: 'timeline__list' },
              ...r.items.map((item) => {
                const review = latestReview(programme, `${r.no}/${item.id}`);
                return h(
                  'li',
                  { class: `status--${review?.review.status ?? 'none'}` },
                  h('span', { class: 'timeline__action' }, item.text),
                  h('span', { class: 'small muted' }, ` · ${t(`programme:decision.${item.visit.decision ?? 'none'}`)} · ${t(`programme:status.${review?.review.status ?? 'none'}`)}`),
                );
              }),
            ),
      ),
    ),
  );

  return h(
    'section',
    { class: 'timeline', 'data-testid': 'timeline', 'aria-labelledby': 'timeline-title' },
    h('h2', { id: 'timeline-title' }, t('programme:timeline.title')),
    h('p', { class: 'muted' }, t('programme:timeline.intro')),
    statements.length === 0 ? h('p', { class: 'muted' }, t('programme:timeline.noPoll')) : null,
    h('div', { class: 'timeline__scroll', tabindex: 0, role: 'region', 'aria-labelledby': 'timeline-title' }, h('table', { class: 'timeline__table' }, h('thead', {}, head), h('tbody', {}, ...rows, itemsRow))),
  );
}
