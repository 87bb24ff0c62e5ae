/**
 * The nudge toolbox: per agreed action, nudges from `levels/nudges.json` (grouped by the nine intervention
 * functions) or the team's own; printable nudge cards; and a calendar file with reminders for the follow-up
 * dates and the next round.
 */
import { h } from '../../ui/dom.ts';
import { INTERVENTION_FUNCTIONS } from '../../core/content/schema.ts';
import { currentLang, t } from '../../i18n/index.ts';
import type { App, Screen, View } from '../app.ts';
import { type ActionItem, type Programme, type Round, isDate, updateItem, updateRound } from '../core/history.ts';
import { type CalendarEvent, writeIcs } from '../core/ics.ts';
import { NUDGES, nudgeById } from '../content.ts';
import { button, downloadBlob, field, formatDate, roundOf, slug, teamAndRound } from './kit.ts';

const MAX_OWN = 400;

export function calendarEvents(programme: Programme, round: Round): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  for (const item of round.items) {
    if (!item.visit.date) continue;
    const summary = t('programme:ics.action', { action: item.text.length > 90 ? `${item.text.slice(0, 89)}…` : item.text });
    const nudges = item.nudges.flatMap((id) => nudgeById(id)?.title[currentLang()] ?? []);
    const description = [
      t('programme:ics.actionDescription', { owner: item.visit.owner || t('programme:common.none'), decision: t(`programme:decision.${item.visit.decision ?? 'none'}`), note: item.visit.note }).trim(),
      item.ask ? `${t('programme:visit.ask')}: ${item.ask}` : '',
      item.ourselves ? `${t('programme:visit.ourselves')}: ${item.ourselves}` : '',
      nudges.length ? `${t('programme:infographic.nudgesTitle')}: ${nudges.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('\n');
    events.push({ uid: `${programme.id}-r${round.no}-${item.id}@ruimte`, date: item.visit.date, summary, description, alarm: t('programme:ics.alarm', { summary }) });
  }
  if (round.nextDate && round.no < programme.roundCount) {
    const summary = t('programme:ics.nextRound', { n: round.no + 1, team: programme.teamName });
    events.push({ uid: `${programme.id}-r${round.no + 1}-start@ruimte`, date: round.nextDate, summary, description: t('programme:ics.nextRoundDescription'), alarm: t('programme:ics.alarm', { summary }) });
  }
  return events;
}

function picker(app: App, programme: Programme, round: Round, item: ActionItem, index: number): HTMLElement {
  const lang = currentLang();
  const key = `nudge-open/${programme.id}/${round.no}/${item.id}`;
  // The first action without nudges starts open; the others wait until the team gets to them.
  const open = (app.scratch.get(key) as boolean | undefined) ?? (index === 0 && item.nudges.length === 0);
  const save = (update: (i: ActionItem) => ActionItem, rerender: boolean) => {
    const latest = app.programme(programme.id) ?? programme;
    app.commit(updateRound(latest, round.no, (r) => updateItem(r, item.id, update)), rerender);
  };
  const groups = INTERVENTION_FUNCTIONS.map((fn) => {
    const cards = NUDGES.filter((n) => n.function === fn);
    if (cards.length === 0) return null;
    return h(
      'fieldset',
      { class: 'nudge-group' },
      h('legend', {}, t(`programme:nudges.function.${fn}`)),
      ...cards.map((n) => {
        const box = h('input', { type: 'checkbox', 'data-testid': 'nudge-pick', 'data-nudge-id': n.id, 'data-key': `pick-${item.id}-${n.id}`, checked: item.nudges.includes(n.id) });
        box.addEventListener('change', () => save((i) => ({ ...i, nudges: box.checked ? [...i.nudges.filter((x) => x !== n.id), n.id] : i.nudges.filter((x) => x !== n.id) }), true));
        return h('label', { class: 'check check--wrap nudge-option' }, box, h('span', {}, h('strong', {}, n.title[lang]), h('span', { class: 'small muted block' }, n.text[lang])));
      }),
    );
  });
  const details = h('details', { class: 'nudge-picker', open }, h('summary', { 'data-testid': 'nudge-picker-toggle' }, t('programme:nudges.choose')), h('div', { class: 'grid2' }, ...groups));
  details.addEventListener('toggle', () => app.scratch.set(key, details.open));

  const own = h('textarea', { 'data-testid': 'nudge-own', 'data-key': `own-${item.id}`, rows: 2, maxlength: MAX_OWN, placeholder: t('programme:nudges.ownPlaceholder') }, item.ownNudge);
  own.addEventListener('input', () => save((i) => ({ ...i, ownNudge: own.value }), false));
  own.addEventListener('change', () => app.render());

  const chosen = item.nudges.flatMap((id) => nudgeById(id) ?? []);
  return h(
    'section',
    { class: 'nudge-action', 'data-testid': 'nudge-action', 'data-proposal-id': item.id, 'aria-labelledby': `nudge-for-${item.id}` },
    h('h2', { id: `nudge-for-${item.id}` }, t('programme:nudges.for', { action: item.text })),
    h('p', { class: 'small muted' }, [t(`programme:decision.${item.visit.decision ?? 'none'}`), item.visit.owner || null, item.visit.date ? formatDate(item.visit.date) : null].filter(Boolean).join(' · ')),
    h('p', { class: 'nudge-chips', 'aria-live': 'polite' }, chosen.length ? `${t('programme:nudges.chosen', { count: chosen.length })}: ${chosen.map((n) => n.title[lang]).join(' · ')}` : t('programme:nudges.cardsNone')),
    details,
    field(t('programme:nudges.own'), own),
  );
}

function cards(round: Round): HTMLElement {
  const lang = currentLang();
  const list = round.items.flatMap((item) => [
    ...item.nudges.flatMap((id) => {
      const n = nudgeById(id);
      return n ? [{ item, fn: t(`programme:nudges.function.${n.function}`), title: n.title[lang], text: n.text[lang] }] : [];
    }),
    ...(item.ownNudge.trim() ? [{ item, fn: t('programme:nudges.cardOwn'), title: item.ownNudge.trim(), text: '' }] : []),
  ]);
  return h(
    'section',
    { class: 'nudge-cards-section', 'aria-labelledby': 'cards-title' },
    h('h2', { id: 'cards-title', class: 'no-print' }, t('programme:nudges.cardsTitle')),
    list.length === 0
      ? h('p', { class: 'muted no-print' }, t('programme:nudges.cardsNone'))
      : h(
          'ul',
          { class: 'nudge-cards' },
          ...list.map((c) =>
            h(
              'li',
              { class: 'nudge-card', 'data-testid': 'nudge-card' },
              h('p', { class: 'nudge-card__fn' }, c.fn),
              h('h3', { class: 'nudge-card__title' }, c.title),
              c.text ? h('p', { class: 'nudge-card__text' }, c.text) : null,
              h('p', { class: 'nudge-card__for' }, t('programme:nudges.cardFor', { action: c.item.text })),
              c.item.visit.owner || c.item.visit.date ? h('p', { class: 'nudge-card__who' }, [c.item.visit.owner, c.item.visit.date ? formatDate(c.item.visit.date) : ''].filter(Boolean).join(' · ')) : null,
            ),
          ),
        ),
  );
}

export function renderNudges(app: App, view: View): Screen | null {
  if (view.name !== 'nudges') return null;
  const programme = app.programme(view.id);
  const round = programme?.rounds.find((r) => r.no === view.round);
  if (!programme || !round) return null;
  const events = calendarEvents(programme, round);
  const date = h('input', { type: 'date', 'data-testid': 'next-round-date', 'data-key': 'nudges-next-round-date', value: round.nextDate });
  date.addEventListener('change', () => {
    const latest = app.programme(programme.id) ?? programme;
    app.commit(updateRound(latest, round.no, (r) => ({ ...r, nextDate: isDate(date.value) ? date.value : '' })));
  });
  const ics = () => {
    const file = writeIcs(events, `Ruimte · ${programme.teamName}`, new Date());
    downloadBlob(`ruimte-${slug(programme.teamName)}-${currentLang() === 'nl' ? 'ronde' : 'round'}-${round.no}.ics`, new Blob([file], { type: 'text/calendar;charset=utf-8' }));
  };
  return {
    phase: 'follow-up',
    progress: roundOf(programme, round.no),
    nodes: [
      h(
        'div',
        { class: 'programme nudges' },
        h('div', { class: 'no-print' }, h('h1', { id: 'panel-title', class: 'programme__title' }, t('programme:nudges.title')), h('p', { class: 'eyebrow' }, teamAndRound(programme, round.no)), h('p', {}, t('programme:nudges.intro'))),
        h('div', { class: 'no-print' }, ...round.items.map((item, i) => picker(app, programme, round, item, i))),
        cards(round),
        h('div', { class: 'row no-print' }, button('print-nudges', t('programme:nudges.print'), () => window.print(), { disabled: round.items.every((i) => i.nudges.length === 0 && !i.ownNudge.trim()) })),
        h(
          'section',
          { class: 'no-print', 'aria-labelledby': 'calendar-title' },
          h('h2', { id: 'calendar-title' }, t('programme:nudges.calendarTitle')),
          h('p', {}, t('programme:nudges.calendarHelp')),
          round.no < programme.roundCount ? field(t('programme:programme.nextDate'), date, undefined, 'field field--num') : null,
          events.length === 0 ? h('p', { class: 'muted', 'data-testid': 'ics-none' }, t('programme:nudges.icsNone')) : null,
          h('div', { class: 'row' }, button('export-ics', t('programme:nudges.ics'), ics, { disabled: events.length === 0, 'data-events': events.length })),
        ),
        h(
          'div',
          { class: 'row no-print' },
          button('back-to-programme', t('programme:common.toProgramme'), () => app.go({ name: 'programme', id: programme.id }), { class: 'secondary' }),
          button('open-infographic', t('programme:programme.openInfographic'), () => app.go({ name: 'infographic', id: programme.id, round: round.no })),
        ),
      ),
    ],
  };
}
