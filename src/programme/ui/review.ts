/** A new round opens with the status of earlier actions: done, under way or stuck, with a note. */
import { h } from '../../ui/dom.ts';
import { t } from '../../i18n/index.ts';
import type { App, Screen, View } from '../app.ts';
import { STATUSES, type ActionStatus, earlierActions, updateRound } from '../core/history.ts';
import { button, field, formatDate, roundOf, select } from './kit.ts';
import { indicatorLine } from './indicator.ts';

export function renderReview(app: App, view: View): Screen | null {
  if (view.name !== 'review') return null;
  const programme = app.programme(view.id);
  const round = programme?.rounds.find((r) => r.no === view.round);
  if (!programme || !round) return null;
  const actions = earlierActions(programme, round.no);
  const save = (key: string, change: { status?: ActionStatus | null; note?: string }) => {
    const latest = app.programme(programme.id) ?? programme;
    app.commit(
      updateRound(latest, round.no, (r) => {
        const before = r.reviews[key] ?? { status: null, note: '' };
        return { ...r, reviews: { ...r.reviews, [key]: { ...before, ...change } } };
      }),
      false,
    );
  };

  const items = actions.map((a) => {
    const review = round.reviews[a.key];
    const status = select(
      'action-status',
      `action-status-${a.key}`,
      [{ value: '', label: t('programme:status.none') }, ...STATUSES.map((s) => ({ value: s, label: t(`programme:status.${s}`) }))],
      review?.status ?? '',
      (value) => save(a.key, { status: value === '' ? null : (value as ActionStatus) }),
      { 'aria-label': t('programme:review.status', { action: a.item.text.slice(0, 120) }), 'data-action-key': a.key },
    );
    const note = h('input', { type: 'text', 'data-testid': 'action-note', 'data-key': `action-note-${a.key}`, 'data-action-key': a.key, maxlength: 2000, value: review?.note ?? '', autocomplete: 'off' });
    note.addEventListener('input', () => save(a.key, { note: note.value }));
    const meta = [
      t('programme:review.from', { n: a.round }),
      a.item.visit.owner ? t('programme:review.owner', { owner: a.item.visit.owner }) : null,
      a.item.visit.date ? t('programme:review.due', { date: formatDate(a.item.visit.date) }) : null,
      t('programme:review.decision', { decision: t(`programme:decision.${a.item.visit.decision ?? 'none'}`) }),
      a.lastReview?.status ? t('programme:review.lastStatus', { status: t(`programme:status.${a.lastReview.status}`) }) : null,
    ].filter(Boolean);
    return h(
      'li',
      { class: `earlier__item status--${review?.status ?? 'none'}`, 'data-testid': 'review-action', 'data-key-ref': a.key },
      h('strong', { class: 'earlier__text' }, a.item.text),
      h('span', { class: 'earlier__meta small' }, meta.join(' · ')),
      indicatorLine(a.item.visit, 'review-indicator'),
      h('div', { class: 'grid2' }, field(t('programme:review.statusLabel'), status), field(t('programme:review.note'), note)),
    );
  });

  return {
    phase: 'follow-up',
    progress: roundOf(programme, round.no),
    nodes: [
      h(
        'div',
        { class: 'programme' },
        h('h1', { id: 'panel-title', class: 'programme__title' }, t('programme:review.title', { n: round.no })),
        h('p', { class: 'eyebrow' }, programme.teamName),
        h('p', {}, t('programme:review.intro')),
        actions.length === 0 ? h('p', { class: 'muted' }, t('programme:review.none')) : h('ul', { class: 'earlier__list' }, ...items),
        h('div', { class: 'row' }, button('review-done', t('programme:review.done'), () => app.go({ name: 'programme', id: programme.id }), { class: 'primary' })),
      ),
    ],
  };
}
