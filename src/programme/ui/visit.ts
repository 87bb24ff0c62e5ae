/**
 * The executive on the work floor: the round's top three presented one at a time (the team's ask, what it
 * does itself, the scenario and the poll figures behind it), and per item the executive's answer as the team
 * leader writes it down: a decision, a note, who takes it on and when the team comes back to it.
 */
import { h } from '../../ui/dom.ts';
import { currentLang, t } from '../../i18n/index.ts';
import type { App, Screen, View } from '../app.ts';
import { DECISIONS, type ActionItem, type Decision, type Programme, type Round, isDate, updateItem, updateRound } from '../core/history.ts';
import { isComplete } from '../core/poll.ts';
import { type Place, moveSession, placeForVisit, refreshFromSession, waitingRounds } from '../linking.ts';
import { storeHistory } from '../store.ts';
import { levelLabel, themeLabel } from '../texts.ts';
import { button, field, formatDate, select, teamAndRound } from './kit.ts';
import { indicatorLine } from './indicator.ts';
import { legend, resultsOf, statementBar } from './pollView.ts';

const MAX_NOTE = 2000;

function placeSelect(app: App, programme: Programme, round: Round): HTMLElement | null {
  const history = app.history;
  if (!history || !round.sessionId) return null;
  const sessionId = round.sessionId;
  const here = `${programme.id}/${round.no}`;
  const label = (p: Place) => {
    const prog = history.programmes.find((q) => q.id === p.programmeId);
    return t('programme:visit.partRound', { team: prog?.teamName ?? '', n: p.round });
  };
  const options = [
    { value: here, label: label({ programmeId: programme.id, round: round.no }) },
    ...waitingRounds(history)
      .filter((p) => `${p.programmeId}/${p.round}` !== here)
      .map((p) => ({ value: `${p.programmeId}/${p.round}`, label: label(p) })),
    { value: 'new', label: t('programme:visit.partNew', { team: programme.teamName }) },
  ];
  const created = app.scratch.get('visit-created') === sessionId;
  return h(
    'div',
    { class: 'visit__part no-print' },
    field(
      t('programme:visit.part'),
      select('visit-programme', 'visit-programme', options, here, (value) => {
        const [programmeId, no] = value.split('/');
        const to: Place | 'new' = value === 'new' ? 'new' : { programmeId: programmeId ?? '', round: Number(no) };
        const moved = moveSession(history, sessionId, to, Date.now());
        if (!moved || !app.replaceHistory(moved.history)) return;
        app.scratch.delete('visit-created');
        app.go({ name: 'visit', id: moved.place.programmeId, round: moved.place.round, index: 0 });
      }),
      created ? t('programme:visit.linkedNew', { team: programme.teamName }) : undefined,
      'field field--inline',
    ),
  );
}

function pollBehind(round: Round, item: ActionItem): HTMLElement {
  const theme = item.card?.theme ?? round.theme;
  const title = h('h3', {}, theme ? t('programme:visit.pollBehind', { theme: themeLabel(theme) }) : t('programme:visit.pollBehind', { theme: '—' }));
  const poll = round.poll;
  if (!poll || !isComplete(poll) || !theme) return h('section', { class: 'visit__poll' }, title, h('p', { class: 'muted' }, t('programme:visit.pollBehindNone')));
  const results = resultsOf(poll);
  const about = results.statements.filter((s) => s.theme === theme);
  if (about.length === 0) return h('section', { class: 'visit__poll' }, title, h('p', { class: 'muted' }, t('programme:visit.pollBehindNone')));
  if (!results.enough) return h('section', { class: 'visit__poll' }, title, h('p', { class: 'muted' }, t('programme:visit.pollBehindTooFew')));
  return h('section', { class: 'visit__poll', 'data-testid': 'visit-poll' }, title, legend(), h('ul', { class: 'poll-results' }, ...about.map((s) => statementBar(s, true))));
}

function answerForm(app: App, programme: Programme, round: Round, item: ActionItem): HTMLElement {
  const save = (update: (item: ActionItem) => ActionItem) => {
    const latest = app.programme(programme.id) ?? programme;
    app.commit(
      updateRound(latest, round.no, (r) => ({ ...updateItem(r, item.id, update), visitedAt: r.visitedAt ?? Date.now() })),
      false,
    );
  };
  const decision = select(
    'visit-decision',
    `visit-decision-${item.id}`,
    [{ value: '', label: t('programme:visit.decisionChoose') }, ...DECISIONS.map((d) => ({ value: d, label: t(`programme:visit.decision${d === 'now' ? 'Now' : d === 'later' ? 'Later' : 'Not-now'}`) }))],
    item.visit.decision ?? '',
    (value) => save((i) => ({ ...i, visit: { ...i.visit, decision: value === '' ? null : (value as Decision) } })),
  );
  const note = h('textarea', { 'data-testid': 'visit-note', 'data-key': `visit-note-${item.id}`, rows: 3, maxlength: MAX_NOTE }, item.visit.note);
  note.addEventListener('input', () => save((i) => ({ ...i, visit: { ...i.visit, note: note.value } })));
  const owner = h('input', { type: 'text', 'data-testid': 'visit-owner', 'data-key': `visit-owner-${item.id}`, maxlength: 200, value: item.visit.owner, autocomplete: 'off' });
  owner.addEventListener('input', () => save((i) => ({ ...i, visit: { ...i.visit, owner: owner.value } })));
  const date = h('input', { type: 'date', 'data-testid': 'visit-date', 'data-key': `visit-date-${item.id}`, value: item.visit.date });
  const saveDate = () => save((i) => ({ ...i, visit: { ...i.visit, date: isDate(date.value) ? date.value : '' } }));
  date.addEventListener('change', saveDate);
  date.addEventListener('input', saveDate);
  // How the team will know it worked, and when it looks (the seeds' action plan with indicators).
  const indicator = h('textarea', { 'data-testid': 'visit-indicator', 'data-key': `visit-indicator-${item.id}`, rows: 2, maxlength: MAX_NOTE, placeholder: t('programme:visit.indicatorPlaceholder') }, item.visit.indicator ?? '');
  indicator.addEventListener('input', () => save((i) => ({ ...i, visit: { ...i.visit, indicator: indicator.value } })));
  const check = h('input', { type: 'date', 'data-testid': 'visit-check-date', 'data-key': `visit-check-date-${item.id}`, value: item.visit.checkDate ?? '' });
  const saveCheck = () => save((i) => ({ ...i, visit: { ...i.visit, checkDate: isDate(check.value) ? check.value : '' } }));
  check.addEventListener('change', saveCheck);
  check.addEventListener('input', saveCheck);
  return h(
    'fieldset',
    { class: 'visit__answer' },
    h('legend', {}, t('programme:visit.answerTitle')),
    field(t('programme:visit.decision'), decision),
    field(t('programme:visit.note'), note),
    h('div', { class: 'grid2' }, field(t('programme:visit.owner'), owner), field(t('programme:visit.date'), date)),
    h('div', { class: 'grid2 visit__indicator' }, field(t('programme:visit.indicator'), indicator, t('programme:visit.indicatorHint')), field(t('programme:visit.checkDate'), check)),
  );
}

function itemView(app: App, programme: Programme, round: Round, item: ActionItem, index: number): HTMLElement {
  const lang = currentLang();
  const block = (title: string, text: string, testid: string) =>
    h('div', { class: 'visit__block', 'data-testid': testid }, h('h3', {}, title), h('p', { class: text ? 'visit__text' : 'visit__text muted' }, text || t('programme:visit.empty')));
  return h(
    'article',
    { class: 'visit__item', 'data-testid': 'visit-item', 'data-rank': item.rank, 'data-proposal-id': item.id, 'aria-labelledby': `visit-item-${item.id}` },
    h('p', { class: 'eyebrow' }, `${t('programme:visit.itemOf', { n: index + 1, total: round.items.length })} · ${t('programme:visit.rank', { rank: item.rank })} · ${t('programme:visit.dots', { count: item.dots })}`),
    h('h2', { class: 'visit__proposal', id: `visit-item-${item.id}` }, item.text),
    h('p', {}, h('span', { class: `badge level--${item.level}` }, levelLabel(item.level))),
    h('div', { class: 'visit__grid' }, block(t('programme:visit.ask'), item.ask, 'visit-ask'), block(t('programme:visit.ourselves'), item.ourselves, 'visit-ourselves')),
    item.why ? block(t('programme:visit.why'), item.why, 'visit-why') : null,
    item.card
      ? h('details', { class: 'visit__scenario', open: true }, h('summary', { 'data-testid': 'visit-scenario-toggle' }, `${t('programme:visit.scenario')}: ${item.card.title[lang]}`), h('p', {}, item.card.situation[lang]))
      : null,
    pollBehind(round, item),
    answerForm(app, programme, round, item),
  );
}

function overview(app: App, programme: Programme, round: Round): HTMLElement {
  const answered = round.items.filter((i) => i.visit.decision !== null).length;
  return h(
    'section',
    { class: 'visit__overview', 'data-testid': 'visit-overview', 'aria-labelledby': 'overview-title' },
    h('h2', { id: 'overview-title' }, t('programme:visit.overview')),
    h('p', {}, t('programme:visit.overviewAnswered', { answered, total: round.items.length })),
    h(
      'ol',
      { class: 'visit__summary' },
      ...round.items.map((item) =>
        h(
          'li',
          { 'data-testid': 'visit-summary-item', 'data-decision': item.visit.decision ?? '' },
          h('strong', {}, item.text),
          h(
            'span',
            { class: 'small' },
            [t(`programme:decision.${item.visit.decision ?? 'none'}`), item.visit.owner || null, item.visit.date ? formatDate(item.visit.date) : null].filter(Boolean).join(' · '),
          ),
          item.visit.note ? h('span', { class: 'small muted visit__note' }, item.visit.note) : null,
          indicatorLine(item.visit, 'visit-summary-indicator'),
        ),
      ),
    ),
    h(
      'div',
      { class: 'row' },
      button('open-infographic', t('programme:programme.openInfographic'), () => app.go({ name: 'infographic', id: programme.id, round: round.no }), { class: 'primary' }),
      button('open-nudges', t('programme:programme.openNudges'), () => app.go({ name: 'nudges', id: programme.id, round: round.no })),
    ),
  );
}

export function renderVisit(app: App, view: View): Screen | null {
  if (view.name === 'visit-missing') {
    return {
      phase: 'visit',
      nodes: [h('h1', { id: 'panel-title' }, t('programme:visit.title')), h('p', { class: 'problems', role: 'alert', 'data-testid': 'visit-missing' }, t('programme:visit.missing')), h('div', { class: 'row' }, button('to-programmes', t('programme:common.toHome'), () => app.go({ name: 'home' })))],
    };
  }
  if (view.name !== 'visit') return null;
  let programme = app.programme(view.id);
  if (!programme) return null;
  const refreshed = refreshFromSession(programme, view.round);
  if (refreshed.programme !== programme) {
    programme = refreshed.programme;
    app.commit(programme, false);
  }
  const round = programme.rounds.find((r) => r.no === view.round);
  if (!round) return null;
  const total = round.items.length;
  const index = Math.max(0, Math.min(view.index, total));
  const go = (i: number) => app.go({ ...view, index: i });
  const header = [
    h('h1', { id: 'panel-title', class: 'visit__title' }, t('programme:visit.title')),
    h('p', { class: 'eyebrow' }, `${teamAndRound(programme, round.no)}${round.theme ? ` · ${themeLabel(round.theme)}` : ''}`),
    placeSelect(app, programme, round),
  ];
  const back = button('back-to-programme', t('programme:common.toProgramme'), () => app.go({ name: 'programme', id: programme.id }), { class: 'secondary' });
  if (total === 0) {
    const tie = refreshed.items === 'tie';
    return { phase: 'visit', nodes: [...header, h('p', { class: 'notice notice--warn', role: 'status', 'data-testid': tie ? 'visit-tie' : 'visit-empty' }, t(tie ? 'programme:visit.tie' : 'programme:visit.noItems')), h('div', { class: 'row' }, back)] };
  }
  const steps = h(
    'nav',
    { class: 'visit__steps no-print', 'aria-label': t('programme:visit.present') },
    ...round.items.map((item, i) =>
      button('visit-step', String(i + 1), () => go(i), {
        'data-key': `visit-step-${i}`,
        'aria-current': i === index ? 'step' : null,
        'aria-label': `${t('programme:visit.itemOf', { n: i + 1, total })}: ${item.text.slice(0, 80)}`,
        class: i === index ? 'primary' : '',
      }),
    ),
    button('visit-step', '✓', () => go(total), { 'data-key': 'visit-step-overview', 'aria-current': index === total ? 'step' : null, 'aria-label': t('programme:visit.overview'), class: index === total ? 'primary' : '' }),
  );
  const item = round.items[index];
  const body = item ? itemView(app, programme, round, item, index) : overview(app, programme, round);
  const nav = h(
    'div',
    { class: 'row visit__nav no-print' },
    button('visit-prev', t('programme:visit.prev'), () => go(index - 1), { class: 'secondary', disabled: index === 0 }),
    item ? button('visit-next', index === total - 1 ? t('programme:visit.toOverview') : t('programme:visit.next'), () => go(index + 1), { class: 'primary' }) : back,
  );
  return {
    phase: 'visit',
    progress: item ? t('programme:visit.itemOf', { n: index + 1, total }) : t('programme:visit.overview'),
    nodes: [h('div', { class: 'visit' }, ...header, steps, body, nav)],
  };
}

/** From the game's summary: find or make the round for this session, then present it. */
export function startVisit(app: App, sessionId: string): void {
  const history = app.history;
  if (!history) {
    app.go({ name: 'home' });
    return;
  }
  const placed = placeForVisitSafe(app, sessionId);
  if (!placed) {
    app.go({ name: 'visit-missing', sessionId });
    return;
  }
  if (placed.created) app.scratch.set('visit-created', sessionId);
  app.go({ name: 'visit', id: placed.place.programmeId, round: placed.place.round, index: 0 });
}

/** Places the session and saves the history if that changed it; null when the session is not on the device. */
function placeForVisitSafe(app: App, sessionId: string) {
  const history = app.history;
  if (!history) return null;
  const placed = placeForVisit(history, sessionId, Date.now());
  if (!placed) return null;
  if (placed.history !== history) {
    if (!storeHistory(placed.history)) return null;
    app.loaded = { kind: 'ok', history: placed.history };
  }
  return placed;
}
