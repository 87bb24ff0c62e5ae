/**
 * The accessible DOM side of every step: what the canvas shows, as text, and every control a player or
 * facilitator can use, each with a name, reachable by keyboard and touch. Panels only read the screen view
 * and send events; the rules live in the core.
 */
import { h, longText } from './dom.ts';
import { t, currentLang } from '../i18n/index.ts';
import type { ProposalView, ScreenView, TopItem } from '../core/view.ts';
import type { Sharpened } from '../core/session.ts';
import { checkProposal } from '../core/session.ts';
import { MAX_PROPOSAL_LENGTH } from '../core/limits.ts';
import { LEVEL_SYMBOLS } from '../core/levels.ts';
import type { Level, ScenarioCard } from '../core/types.ts';
import { LEVELS } from '../core/types.ts';
import { imageUrl } from '../content.ts';
import { playerName } from './names.ts';
import { levelBadge } from './levelBadge.ts';
import { forDrawer } from './drawer.ts';
import type { PanelContext } from './panelContext.ts';
import { mergeableList, mergedTexts } from './mergeControls.ts';
import { SHORT, keepListed, listedProposal, more, pointsWord, proposalItem } from './proposalItem.ts';
import { guidePanel } from './guidePanel.ts';
import { deviceCheckInPanel, deviceVotePanel, lobbyPanel, roomStrip } from './roomPanels.ts';

export type { PanelContext } from './panelContext.ts';

export { levelBadge } from './levelBadge.ts';

function cardBlock(card: ScenarioCard | undefined, view: ScreenView, full: boolean): HTMLElement | null {
  if (!card) return null;
  const lang = currentLang();
  return h(
    'article',
    { class: 'scenario', 'aria-labelledby': 'panel-title' },
    h('p', { class: 'eyebrow' }, `${t('card.count', { n: view.cardIndex + 1, total: view.cardCount })} · ${t(`theme.${card.theme}`)}`),
    h('h1', { id: 'panel-title', class: 'scenario__title' }, card.title[lang]),
    full ? h('p', { class: 'scenario__situation' }, card.situation[lang]) : null,
    h('h2', { class: 'small-heading' }, t('card.questions')),
    h('ol', { class: 'questions' }, card.questions.map((q) => h('li', {}, q[lang]))),
    full ? h('p', { class: 'muted small' }, t('card.levels', { levels: card.levels.map((l) => t(`level.${l}`)).join(', ') })) : null,
  );
}

function timerLine(): HTMLElement {
  return h('p', { class: 'timer-line', id: 'timer-display', role: 'timer', 'aria-live': 'off' });
}

function checkInPanel(c: PanelContext): HTMLElement {
  const { view } = c;
  const lang = currentLang();
  const done = view.checkIn.turn === null;
  return h(
    'div',
    { class: 'step step--check-in' },
    h('h1', { id: 'panel-title' }, done ? t('checkIn.allDone') : t('checkIn.turn', { name: playerName(view.checkIn.turn, view.players) })),
    done ? null : h('p', { class: 'muted' }, t('checkIn.help')),
    h(
      'ul',
      { class: 'checkin-grid' },
      view.checkIn.cards.map((card) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'checkin-card',
              'data-testid': 'check-in-card',
              'data-card-id': card.id,
              disabled: done,
              'aria-label': t('checkIn.choose', { prompt: card.prompt[lang] }),
              onclick: () => c.send({ type: 'player.checkIn', cardId: card.id }),
            },
            h('img', { src: imageUrl(card.image) ?? '', alt: '', width: 96, height: 96 }),
            h('span', {}, card.prompt[lang]),
          ),
        ),
      ),
    ),
    view.checkIn.picks.length
      ? h(
          'ul',
          { class: 'picks' },
          view.checkIn.picks.map((id, i) => {
            const card = view.checkIn.cards.find((k) => k.id === id);
            return h('li', {}, t('checkIn.picked', { name: playerName(view.players[i], view.players), prompt: card?.prompt[lang] ?? '' }));
          }),
        )
      : null,
  );
}

function proposePanel(c: PanelContext): HTMLElement {
  const { view } = c;
  const lang = currentLang();
  const draftKey = `proposal-${view.cardIndex}`;
  const levelKey = `level-${view.cardIndex}`;
  const text = c.drafts[draftKey] ?? '';
  const level = (c.drafts[levelKey] as Level | undefined) ?? 'team';
  const error = c.flash?.key === 'proposal' ? h('p', { class: 'error', role: 'alert', 'data-testid': 'proposal-error' }, c.flash.text) : null;

  const submit = (event: Event) => {
    event.preventDefault();
    const current = c.drafts[draftKey] ?? '';
    const currentLevel = (c.drafts[levelKey] as Level | undefined) ?? 'team';
    const problem = checkProposal(current, currentLevel);
    if (problem) {
      c.showError('proposal', t(`propose.error.${problem}`, { max: MAX_PROPOSAL_LENGTH, count: current.length }));
      return;
    }
    c.setDraft(draftKey, '');
    c.send({ type: 'player.propose', text: current, level: currentLevel });
  };

  // The twist's text is for everyone; drawing or dismissing one is the facilitator's call.
  const drawTwist = h('button', { type: 'button', class: view.activeTwist ? '' : 'twist-button', 'data-testid': 'draw-twist', 'data-key': 'draw-twist', onclick: () => c.send({ type: 'player.drawTwist' }) }, view.activeTwist ? t('propose.twistAgain') : '⚡ ' + t('propose.twistDraw'));
  const twist = view.activeTwist
    ? h(
        'aside',
        { class: 'twist', 'aria-label': t('propose.twistLabel'), 'data-testid': 'twist-card' },
        h('p', { class: 'eyebrow' }, '⚡ ' + t('propose.twistLabel')),
        h('h2', {}, view.activeTwist.title[lang]),
        h('p', {}, view.activeTwist.prompt[lang]),
        h('p', { class: 'muted small' }, t('propose.twistHelp')),
      )
    : null;
  const twistControls = forDrawer(
    h(
      'section',
      { class: 'drawer-part', 'aria-label': t('propose.twistLabel') },
      view.activeTwist
        ? h('div', { class: 'row' }, drawTwist, h('button', { type: 'button', class: 'ghost', 'data-testid': 'dismiss-twist', onclick: () => c.send({ type: 'player.dismissTwist' }) }, t('propose.twistDismiss')))
        : drawTwist,
    ),
  );

  const counter = text.length > 200 ? h('p', { class: `muted small${text.length > MAX_PROPOSAL_LENGTH ? ' error' : ''}` }, t('common.characters', { count: text.length, max: MAX_PROPOSAL_LENGTH })) : null;

  const form = h(
    'form',
    { class: 'propose-form', onsubmit: submit, novalidate: true },
    h(
      'label',
      { class: 'field' },
      h('span', {}, t('propose.text')),
      h('textarea', {
        'data-testid': 'proposal-text',
        'data-key': 'proposal-text',
        rows: 3,
        placeholder: t('propose.placeholder'),
        'aria-describedby': error ? 'proposal-error' : null,
        oninput: (e: Event) => c.setDraft(draftKey, (e.target as HTMLTextAreaElement).value),
        onkeydown: (e: Event) => {
          const k = e as KeyboardEvent;
          if (k.key === 'Enter' && (k.ctrlKey || k.metaKey)) submit(e);
        },
      }),
    ),
    counter,
    error,
    h(
      'div',
      { class: 'row' },
      h(
        'label',
        { class: 'field field--inline' },
        h('span', {}, t('propose.level')),
        h(
          'select',
          { 'data-testid': 'proposal-level', 'data-key': 'proposal-level', onchange: (e: Event) => c.setDraft(levelKey, (e.target as HTMLSelectElement).value) },
          LEVELS.map((l) => h('option', { value: l, selected: l === level }, `${LEVEL_SYMBOLS[l]} ${t(`level.${l}`)}`)),
        ),
      ),
      h('button', { type: 'submit', class: 'primary', 'data-testid': 'proposal-submit' }, t('propose.submit')),
    ),
  );
  (form.querySelector('textarea') as HTMLTextAreaElement).value = text;
  if (error) error.id = 'proposal-error';

  const dots = h(
    'details',
    { class: 'dot-rules' },
    h('summary', { 'data-testid': 'dot-rules-toggle' }, `${t('propose.dots')}: ${t('propose.dotsNow', { dots: view.dotsPerPlayer, max: view.maxPerProposal })}`),
    h(
      'form',
      {
        class: 'row',
        onsubmit: (e: Event) => {
          e.preventDefault();
          const f = e.target as HTMLFormElement;
          const dotsPerPlayer = Number((f.elements.namedItem('dots') as HTMLInputElement).value);
          const maxPerProposal = Number((f.elements.namedItem('max') as HTMLInputElement).value);
          c.send({ type: 'facilitator.setDots', dotsPerPlayer, maxPerProposal });
        },
      },
      h('label', { class: 'field field--num' }, h('span', {}, t('setup.dotsPerPlayer')), h('input', { name: 'dots', type: 'number', min: 1, max: 10, value: view.dotsPerPlayer, 'data-testid': 'vote-dots' })),
      h('label', { class: 'field field--num' }, h('span', {}, t('setup.maxPerProposal')), h('input', { name: 'max', type: 'number', min: 1, max: 10, value: view.maxPerProposal, 'data-testid': 'vote-max' })),
      h('button', { type: 'submit', 'data-testid': 'vote-rules-apply' }, t('propose.dotsApply')),
    ),
  );

  const card = view.card;
  keepListed(view.proposals);
  return h(
    'div',
    { class: 'step step--propose' },
    roomStrip(c),
    c.room ? h('p', { class: 'muted small' }, t('room.anonymous')) : null,
    h('p', { class: 'eyebrow' }, `${t('card.count', { n: view.cardIndex + 1, total: view.cardCount })}${card ? ` · ${t(`theme.${card.theme}`)}` : ''}`),
    h('h1', { id: 'panel-title', class: 'scenario__title' }, card?.title[lang] ?? ''),
    timerLine(),
    form,
    twist,
    twistControls,
    card
      ? h('details', { class: 'questions-box' }, h('summary', { 'data-testid': 'questions-toggle' }, t('card.questions')), h('ol', { class: 'questions' }, card.questions.map((q) => h('li', {}, q[lang]))))
      : null,
    forDrawer(
      h(
        'section',
        { class: 'drawer-part', 'aria-labelledby': 'drawer-proposals' },
        h('h3', { id: 'drawer-proposals' }, t('propose.title')),
        view.proposals.length === 0 ? h('p', { class: 'muted' }, t('propose.none')) : mergeableList(c, (p, controls) => listedProposal(p, c, controls)),
      ),
    ),
    forDrawer(dots),
  );
}

function votePanel(c: PanelContext, runOff: boolean): HTMLElement {
  const { view } = c;
  const ballot = view.ballot;
  if (!ballot) return h('div', { class: 'step' }, h('h1', { id: 'panel-title' }, t('phase.vote')));
  const byId = new Map(view.allProposals.map((p) => [p.id, p]));
  const voter = playerName(ballot.voter, view.players);
  const dot = (n: number) => h('span', { class: 'my-dots', 'aria-hidden': 'true' }, '●'.repeat(n) + '○'.repeat(Math.max(0, ballot.maxPerCandidate - n)));

  return h(
    'div',
    { class: `step step--vote${runOff ? ' step--run-off' : ''}` },
    runOff ? h('p', { class: 'eyebrow' }, t('runOff.round', { n: view.runOffRound })) : null,
    runOff ? h('h2', {}, t('runOff.title')) : null,
    runOff ? h('p', {}, t('runOff.explain', { count: ballot.dotsToPlace })) : null,
    h('h1', { id: 'panel-title', class: 'voter', 'data-testid': 'voter', 'data-voter-number': ballot.voterNumber }, t('vote.turn', { name: voter })),
    h('p', { class: 'muted' }, `${t('vote.progress', { n: ballot.voterNumber, total: ballot.voters })} · ${t('vote.secret')}`),
    timerLine(),
    h('p', { class: 'dots-left', 'aria-live': 'polite', 'data-testid': 'dots-left' }, ballot.dotsLeft > 0 ? t('vote.dotsLeft', { count: ballot.dotsLeft }) : t('vote.allPlaced')),
    h(
      'ol',
      { class: 'ballot' },
      ballot.candidates.map((id) => {
        const p = byId.get(id);
        if (!p) return null;
        const mine = ballot.mine[id] ?? 0;
        const short = p.text.slice(0, 60);
        return h(
          'li',
          { class: 'ballot__item', 'data-proposal-id': id },
          h('div', { class: 'ballot__text' }, longText(p.text, SHORT, more()), h('div', { class: 'proposal__meta' }, levelBadge(p.level), p.twistId ? h('span', { class: 'badge daring' }, '⚡ ' + t('propose.daring')) : null)),
          h(
            'div',
            { class: 'ballot__controls' },
            h('button', { type: 'button', class: 'icon', 'data-testid': 'vote-remove', 'data-proposal-id': id, 'data-key': `remove-${id}`, disabled: mine === 0, 'aria-label': t('vote.remove', { text: short }), onclick: () => c.send({ type: 'player.undot', proposalId: id }) }, '−'),
            dot(mine),
            h('span', { class: 'sr-only' }, t('vote.mine', { count: mine })),
            h('button', { type: 'button', class: 'icon primary', 'data-testid': 'vote-for', 'data-proposal-id': id, 'data-key': `vote-${id}`, disabled: mine >= ballot.maxPerCandidate || ballot.dotsLeft === 0, 'aria-label': t('vote.add', { text: short }), onclick: () => c.send({ type: 'player.dot', proposalId: id }) }, '+'),
          ),
        );
      }),
    ),
    h('button', { type: 'button', class: 'primary big', 'data-testid': 'vote-done', 'data-key': 'vote-done', disabled: ballot.dotsLeft !== 0, onclick: () => c.send({ type: 'player.voteDone' }) }, t('vote.done')),
  );
}

/** 25/10: the shared screen counts down from the fifth idea to the first, one by one. */
function countdown(sorted: readonly ProposalView[], c: PanelContext, results: Readonly<Record<string, number>>): HTMLElement {
  const top = sorted.slice(0, 5);
  return h(
    'ol',
    { class: 'proposals proposals--results countdown', reversed: true, 'data-testid': 'countdown' },
    [...top].reverse().map((p, i) => {
      const item = proposalItem(p, c, false, results[p.id] ?? 0);
      item.prepend(h('p', { class: 'eyebrow' }, t('topThree.rank', { rank: top.length - i })));
      item.style.setProperty('--i', String(i));
      item.setAttribute('value', String(top.length - i));
      return item;
    }),
  );
}

function resultsPanel(c: PanelContext): HTMLElement {
  const { view } = c;
  const results = view.results ?? {};
  const sorted = (view.ranked ?? []).map((r) => r.proposal);
  return h(
    'div',
    { class: 'step step--results' },
    h('p', { class: 'eyebrow' }, view.card ? `${t('card.count', { n: view.cardIndex + 1, total: view.cardCount })} · ${view.card.title[currentLang()]}` : ''),
    h('h1', { id: 'panel-title' }, view.voteMode === 'crowd' ? t('room.countdown') : t('results.title')),
    sorted.length === 0
      ? h('p', { class: 'muted' }, t('results.none'))
      : view.voteMode === 'crowd'
        ? countdown(sorted, c, results)
        : h('ol', { class: 'proposals proposals--results' }, sorted.map((p) => proposalItem(p, c, false, results[p.id] ?? 0))),
  );
}

function sharpenField(item: TopItem, field: keyof Sharpened, c: PanelContext): HTMLElement {
  return h(
    'label',
    { class: 'field' },
    h('span', {}, t(`topThree.${field}`)),
    h('textarea', {
      rows: 2,
      'data-testid': `sharpen-${field}`,
      'data-key': `sharpen-${item.id}-${field}`,
      oninput: (e: Event) => c.send({ type: 'team.sharpen', proposalId: item.id, field, text: (e.target as HTMLTextAreaElement).value }),
    }),
  );
}

function topItem(item: TopItem, c: PanelContext, editable: boolean): HTMLElement {
  const lang = currentLang();
  const li = h(
    'li',
    { class: `top-item top-item--${item.rank}`, 'data-testid': 'top-three-item', 'data-proposal-id': item.id, 'data-rank': item.rank },
    h('p', { class: 'eyebrow' }, `${t('topThree.rank', { rank: item.rank })} · ${pointsWord(c.view, item.dots)}`),
    h('h2', { class: 'top-item__text' }, longText(item.proposal.text, 220, more())),
    mergedTexts(item.proposal, c, false, 220),
    h('div', { class: 'proposal__meta' }, levelBadge(item.proposal.level), item.proposal.twistId ? h('span', { class: 'badge daring' }, '⚡ ' + t('propose.daring')) : null, item.card ? h('span', { class: 'muted small' }, t('topThree.from', { title: item.card.title[lang] })) : null),
  );
  if (editable) {
    const fields = (['ask', 'ourselves', 'why'] as const).map((f) => sharpenField(item, f, c));
    fields.forEach((label, i) => {
      const area = label.querySelector('textarea') as HTMLTextAreaElement;
      area.value = item.sharpened[(['ask', 'ourselves', 'why'] as const)[i] as keyof Sharpened];
    });
    li.append(h('div', { class: 'sharpen' }, fields));
  } else {
    const s = item.sharpened;
    const rows = (['ask', 'ourselves', 'why'] as const).filter((f) => s[f].trim()).map((f) => h('div', {}, h('dt', {}, t(`topThree.${f}`)), h('dd', {}, s[f])));
    if (rows.length) li.append(h('dl', { class: 'sharpened' }, rows));
  }
  return li;
}

function topThreePanel(c: PanelContext): HTMLElement {
  const items = c.view.topThree ?? [];
  return h(
    'div',
    { class: 'step step--top-three' },
    h('h1', { id: 'panel-title' }, t('topThree.title')),
    c.view.endedEarly ? h('p', { class: 'muted' }, t('topThree.endedEarly')) : null,
    items.length === 0 ? h('p', {}, t('topThree.none')) : h('ol', { class: 'top-three' }, items.map((i) => topItem(i, c, true))),
  );
}

function summaryPanel(c: PanelContext): HTMLElement {
  const { view } = c;
  const lang = currentLang();
  const items = view.topThree ?? [];
  const cards = Array.from({ length: view.cardCount }, (_, i) => i);
  return h(
    'div',
    { class: 'step step--summary printable' },
    h('h1', { id: 'panel-title' }, t('summary.title')),
    h('p', { class: 'summary-meta' }, `${view.teamName} · ${new Date().toLocaleDateString(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long' })} · ${t('summary.players')}: ${view.players.length}`),
    h('p', { class: 'muted' }, c.scoreLine),
    h(
      'div',
      { class: 'row no-print' },
      h('button', { type: 'button', 'data-testid': 'print', onclick: () => window.print() }, t('summary.print')),
      h('button', { type: 'button', class: 'primary', 'data-testid': 'export-markdown', onclick: c.exportMarkdown }, t('summary.exportMarkdown')),
      h('button', { type: 'button', 'data-testid': 'start-visit', onclick: c.startVisit }, t('summary.startVisit')),
      h('button', { type: 'button', class: 'ghost', 'data-testid': 'summary-new-session', onclick: c.newSession }, t('summary.newSession')),
    ),
    h('h2', {}, t('topThree.title')),
    items.length === 0 ? h('p', {}, t('topThree.none')) : h('ol', { class: 'top-three top-three--summary' }, items.map((i) => topItem(i, c, false))),
    c.daringAward ? h('p', { class: 'daring-award' }, h('strong', {}, `⚡ ${t('topThree.daringAward')}: `), c.daringAward.text) : null,
    h('h2', {}, t('summary.allProposals')),
    ...cards.map((index) => {
      const proposals = (view.rankedByCard[index] ?? []).map((r) => r.proposal);
      return h(
        'section',
        { class: 'summary-card' },
        h('h3', {}, `${index + 1}. ${view.cards[index]?.title[lang] ?? ''}`),
        proposals.length === 0 ? h('p', { class: 'muted' }, t('summary.none')) : h('ul', { class: 'proposals' }, proposals.map((p) => proposalItem(p, c, false, view.sessionDots[p.id] ?? 0))),
      );
    }),
  );
}

/** The step's panel; the facilitator's guide for the step heads the drawer (collapsed until opened). */
export function renderPanel(c: PanelContext): HTMLElement {
  const panel = stepPanel(c);
  panel.prepend(forDrawer(guidePanel(c.view.phase)));
  return panel;
}

function stepPanel(c: PanelContext): HTMLElement {
  switch (c.view.phase) {
    case 'lobby':
      return lobbyPanel(c);
    case 'check-in':
      return c.view.playMode === 'devices' ? deviceCheckInPanel(c) : checkInPanel(c);
    case 'reveal':
      return h('div', { class: 'step step--reveal' }, cardBlock(c.view.card, c.view, true), h('p', { class: 'muted small' }, t('card.tapToFlip')));
    case 'discuss':
      return h('div', { class: 'step step--discuss' }, cardBlock(c.view.card, c.view, true), timerLine());
    case 'propose':
      return proposePanel(c);
    case 'vote':
      return c.view.playMode === 'devices' ? deviceVotePanel(c, false) : votePanel(c, false);
    case 'run-off':
      return c.view.playMode === 'devices' ? deviceVotePanel(c, true) : votePanel(c, true);
    case 'results':
      return resultsPanel(c);
    case 'top-three':
      return topThreePanel(c);
    case 'summary':
      return summaryPanel(c);
  }
}
