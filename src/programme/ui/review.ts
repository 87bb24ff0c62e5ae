/** A new round opens with the status of earlier actions: done, under way or stuck, with a note. */
import { h } from '../../ui/dom.ts';
import type { App, Screen, View } from '../app.ts';
import { STATUSES, type ActionStatus, earlierActions, updateRound } from '../core/history.ts';
import { pt } from '../i18n.ts';
import { button, field, formatDate, select } from './kit.ts';

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
      [{ value: '', label: pt('status.none') }, ...STATUSES.map((s) => ({ value: s, label: pt(`status.${s}`) }))],
      review?.status ?? '',
      (value) => save(a.key, { status: value === '' ? null : (value as ActionStatus) }),
      { 'aria-label': pt('review.status', { action: a.item.text.slice(0, 120) }), 'data-action-key': a.key },
    );
    const note = h('input', { type: 'text', 'data-testid': 'action-note', 'data-key': `action-note-${a.key}`, 'data-action-key': a.key, maxlength: 2000, value: review?.note ?? '', autocomplete: 'off' });
    note.addEventListener('input', () => save(a.key, { note: note.value }));
    const meta = [
      pt('review.from', { n: a.round }),
      a.item.visit.owner ? pt('review.owner', { owner: a.item.visit.owner }) : null,
      a.item.visit.date ? pt('review.due', { date: formatDate(a.item.visit.date) }) : null,
      pt('review.decision', { decision: pt(`decision.${a.item.visit.decision ?? 'none'}`) }),
      a.lastReview?.status ? pt('review.lastStatus', { status: pt(`status.${a.lastReview.status}`) }) : null,
    ].filter(Boolean);
    return h(
      'li',
      { class: `earlier__item status--${review?.status ?? 'none'}`, 'data-testid': 'review-action', 'data-key-ref': a.key },
      h('strong', { class: 'earlier__text' }, a.item.text),
      h('span', { class: 'earlier__meta small' }, meta.join(' · ')),
      h('div', { class: 'grid2' }, field(pt('review.statusLabel'), status), field(pt('review.note'), note)),
    );
  });

  return {
    phase: 'follow-up',
    progress: pt('common.roundOf', { n: round.no, total: programme.roundCount }),
    nodes: [
      h(
        'div',
        { class: 'programme' },
        h('h1', { id: 'panel-title', class: 'programme__title' }, pt('review.title', { n: round.no })),
        h('p', { class: 'eyebrow' }, programme.teamName),
        h('p', {}, pt('review.intro')),
        actions.length === 0 ? h('p', { class: 'muted' }, pt('review.none')) : h('ul', { class: 'earlier__list' }, ...items),
        h('div', { class: 'row' }, button('review-done', pt('review.done'), () => app.go({ name: 'programme', id: programme.id }), { class: 'primary' })),
      ),
    ],
  };
}
