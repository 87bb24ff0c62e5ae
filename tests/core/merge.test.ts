/**
 * Merging duplicates before the vote: the facilitator puts "no more reporting twice" into "stop the double
 * report"; the room sees one proposal with both texts, the dots do not split, the authors stay secret, and the
 * merge can be undone until the vote starts. It is kept in the save and shown in the summary.
 */
import { describe, expect, it } from 'vitest';
import { type Snapshot, createActor } from 'xstate';
import { sessionMachine } from '../../src/core/machine.ts';
import type { SessionEvent } from '../../src/core/events.ts';
import { screenView } from '../../src/core/view.ts';
import { deviceView, deviceViews } from '../../src/core/deviceView.ts';
import { type SavedSession, parseSave, wrapSave } from '../../src/core/save.ts';
import { summaryMarkdown } from '../../src/core/markdown.ts';
import { sessionDots } from '../../src/core/session.ts';
import { proposalTexts } from '../../src/core/merge.ts';
import { dealHands } from '../../src/core/crowd.ts';
import { scoreSession } from '../../src/core/scoring.ts';
import { makeSession, summaryLabels as labels } from './fixtures.ts';
import { type Snap, advance, everyoneVotes, phase, send, start, undo } from './play.ts';

const propose = (text: string, by?: string): SessionEvent => ({ type: 'player.propose', text, level: 'team', ...(by ? { by } : {}) });
const merge = (sourceId: string, targetId: string): SessionEvent => ({ type: 'facilitator.merge', sourceId, targetId });
const unmerge = (proposalId: string): SessionEvent => ({ type: 'facilitator.unmerge', proposalId });
const dot = (proposalId: string): SessionEvent => ({ type: 'player.dot', proposalId });

const DOUBLE = 'Stop the double report';
const TWICE = 'No more reporting twice';
const PAUSE = 'A break away from the ward';

/** One screen, no check-in, four seats: the propose step of card 1 with three proposals (p1, p2, p3). */
function proposing(): Snap {
  return send(start(makeSession({ checkIn: false })), advance(), advance(), propose(DOUBLE), propose(TWICE), propose(PAUSE));
}

const shownIds = (s: Snap) => screenView(s.context, phase(s)).proposals.map((p) => p.id);

describe('merging a duplicate', () => {
  it('shows the merged proposal once, under the target id, with both texts', () => {
    const s = send(proposing(), merge('p2', 'p1'));
    const view = screenView(s.context, 'propose');
    expect(view.proposals.map((p) => p.id)).toEqual(['p1', 'p3']);
    const merged = view.proposals[0]!;
    expect(merged.texts).toEqual([DOUBLE, TWICE]);
    expect(merged.merged).toEqual(['p2']);
    expect(view.proposals[1]).toMatchObject({ id: 'p3', texts: [PAUSE], merged: [] });
    // Nothing a player wrote is deleted.
    expect(s.context.proposals.map((p) => p.text)).toEqual([DOUBLE, TWICE, PAUSE]);
    expect(view.allProposals.map((p) => p.id)).toEqual(['p1', 'p3']);
  });

  it('refuses a merge into itself, with an unknown proposal, or of a proposal already merged', () => {
    const s = proposing();
    expect(s.can(merge('p1', 'p1'))).toBe(false);
    expect(send(s, merge('p1', 'p1')).context).toEqual(s.context);
    expect(s.can(merge('p9', 'p1'))).toBe(false);
    expect(s.can(merge('p1', 'p9'))).toBe(false);
    const once = send(s, merge('p2', 'p1'));
    expect(once.can(merge('p2', 'p3'))).toBe(false);
    // Into a proposal that is merged away: refused, merge into the one it is shown in instead.
    expect(once.can(merge('p3', 'p2'))).toBe(false);
    expect(once.can(merge('p3', 'p1'))).toBe(true);
  });

  it('refuses merging a hidden proposal or into a hidden one, and hiding a merged-away one', () => {
    const hidden = send(proposing(), { type: 'facilitator.hide', proposalId: 'p3' });
    expect(hidden.can(merge('p3', 'p1'))).toBe(false);
    expect(hidden.can(merge('p1', 'p3'))).toBe(false);
    const merged = send(proposing(), merge('p2', 'p1'));
    expect(merged.can({ type: 'facilitator.hide', proposalId: 'p2' })).toBe(false);
  });

  it('hides and restores a merged proposal together with what was merged into it', () => {
    let s = send(proposing(), merge('p2', 'p1'), { type: 'facilitator.hide', proposalId: 'p1' }, advance());
    expect(s.context.rounds[0]?.vote?.candidates).toEqual(['p3']);
    s = send(s, undo(), { type: 'facilitator.restore', proposalId: 'p1' }, advance());
    expect(s.context.rounds[0]?.vote?.candidates).toEqual(['p1', 'p3']);
  });

  it('refuses merging a proposal of an earlier card', () => {
    let s = send(proposing(), advance());
    s = send(everyoneVotes(s), advance(), advance(), advance(), propose('card two'));
    expect(phase(s)).toBe('propose');
    expect(s.context.cardIndex).toBe(1);
    expect(s.can(merge('p1', 'p4'))).toBe(false);
    expect(s.can(merge('p4', 'p1'))).toBe(false);
  });

  it('merges in a chain: a merged proposal merged again brings its duplicates along, and comes out with them', () => {
    let s = send(proposing(), merge('p1', 'p2'), merge('p2', 'p3'));
    let view = screenView(s.context, 'propose');
    expect(view.proposals.map((p) => p.id)).toEqual(['p3']);
    expect(view.proposals[0]?.merged).toEqual(['p1', 'p2']);
    expect(view.proposals[0]?.texts).toEqual([PAUSE, DOUBLE, TWICE]);
    s = send(s, unmerge('p2'));
    view = screenView(s.context, 'propose');
    expect(view.proposals.map((p) => [p.id, p.merged])).toEqual([['p2', ['p1']], ['p3', []]]);
    expect(view.proposals[0]?.texts).toEqual([TWICE, DOUBLE]);
  });

  it('undoes a merge: the proposal stands alone again as it was', () => {
    const before = proposing();
    const s = send(before, merge('p2', 'p1'), unmerge('p2'));
    expect(s.context.proposals).toEqual(before.context.proposals);
    expect(shownIds(s)).toEqual(['p1', 'p2', 'p3']);
    expect(before.can(unmerge('p2'))).toBe(false);
    expect(before.can(unmerge('p1'))).toBe(false);
  });

  it('allows merging only until the vote starts; stepping back to the proposals allows it again', () => {
    let s = send(proposing(), merge('p2', 'p1'), advance());
    expect(phase(s)).toBe('vote');
    expect(s.can(unmerge('p2'))).toBe(false);
    expect(s.can(merge('p3', 'p1'))).toBe(false);
    expect(send(s, unmerge('p2')).context).toEqual(s.context);
    s = send(s, undo());
    expect(phase(s)).toBe('propose');
    s = send(s, unmerge('p2'), advance());
    expect(s.context.rounds[0]?.vote?.candidates).toEqual(['p1', 'p2', 'p3']);
  });

  it('refuses merges before the proposals and after the results', () => {
    const discuss = send(start(makeSession({ checkIn: false })), advance());
    expect(discuss.can(merge('p2', 'p1'))).toBe(false);
    const results = everyoneVotes(send(proposing(), advance()));
    expect(phase(results)).toBe('results');
    expect(results.can(merge('p2', 'p1'))).toBe(false);
    expect(results.can(unmerge('p2'))).toBe(false);
  });
});

describe('dots on a merged proposal', () => {
  it('go to the merged proposal: a merged-away one is no candidate and gets no dots', () => {
    let s = send(proposing(), merge('p2', 'p1'), advance());
    expect(s.context.rounds[0]?.vote?.candidates).toEqual(['p1', 'p3']);
    expect(s.can(dot('p2'))).toBe(false);
    s = everyoneVotes(s);
    expect(phase(s)).toBe('results');
    const view = screenView(s.context, 'results');
    expect(view.results).toEqual({ p1: 8, p3: 4 });
    expect(view.ranked?.map((r) => [r.id, r.dots, r.proposal.texts])).toEqual([['p1', 8, [DOUBLE, TWICE]], ['p3', 4, [PAUSE]]]);
    expect(sessionDots(s.context)).toEqual({ p1: 8, p3: 4 });
  });

  it('hands on dots given before a merge: back from the vote, merged, then ended early', () => {
    let s = send(proposing(), advance(), dot('p2'), dot('p2'), dot('p3'), { type: 'player.voteDone' }, undo());
    expect(phase(s)).toBe('propose');
    s = send(s, merge('p2', 'p1'), { type: 'facilitator.endEarly', at: 1 });
    expect(phase(s)).toBe('top-three');
    expect(sessionDots(s.context)).toEqual({ p1: 2, p3: 1 });
    expect(screenView(s.context, 'top-three').topThree?.map((t) => [t.id, t.dots, t.proposal.texts.length])).toEqual([['p1', 2, 2], ['p3', 1, 1]]);
  });

  it('counts a merged group once in the score', () => {
    const s = send(proposing(), merge('p2', 'p1'));
    expect(scoreSession(s.context).proposals).toBe(2);
  });

  it('puts the merged proposal in the top three with both texts', () => {
    let s = send(proposing(), merge('p2', 'p1'), advance());
    s = send(everyoneVotes(s), advance(), advance(), advance(), propose('card two'), advance());
    s = send(everyoneVotes(s), advance());
    expect(phase(s)).toBe('top-three');
    const top = screenView(s.context, 'top-three').topThree!;
    expect(top[0]?.id).toBe('p1');
    expect(top[0]?.proposal.texts).toEqual([DOUBLE, TWICE]);
    expect(top[0]?.proposal.merged).toEqual(['p2']);
    expect(proposalTexts(s.context, 'p1')).toEqual([DOUBLE, TWICE]);
    expect(proposalTexts(s.context, 'p3')).toEqual([PAUSE]);
  });
});

describe('the summary of a merged proposal', () => {
  it('shows both texts in the top three and once in the list of all proposals', () => {
    let s = send(start(makeSession({ checkIn: false, cardCount: 1 })), advance(), advance(), propose('Stop the double report'), propose('No more reporting twice'), propose('Pause'));
    s = send(s, merge('p2', 'p1'), advance());
    s = send(everyoneVotes(s), advance(), advance());
    expect(phase(s)).toBe('summary');
    const md = summaryMarkdown(s.context, 'en', labels, '2026-12-02');
    expect(md).toContain('1. **Stop the double report** / **No more reporting twice** (8 dots, Team)');
    expect(md).toContain('- Stop the double report / No more reporting twice (8 dots, Team)');
    expect(md.split('\n').filter((l) => l.includes('No more reporting twice'))).toHaveLength(2);
  });
});

describe('a merge in the save', () => {
  type Persisted = SavedSession['snapshot'];
  const persistedOf = (snap: Snap): Persisted => sessionMachine.getPersistedSnapshot(snap) as unknown as Persisted;
  const raw = (snap: Snap) => JSON.stringify(wrapSave(persistedOf(snap), 1));

  it('is kept through a save and a restore, and can still be undone after it', () => {
    const s = send(proposing(), merge('p2', 'p1'));
    const parsed = parseSave(raw(s));
    if (!parsed.ok) throw new Error(parsed.error);
    const actor = createActor(sessionMachine, { snapshot: parsed.value.snapshot as unknown as Snapshot<unknown>, input: parsed.value.snapshot.context });
    actor.start();
    expect(actor.getSnapshot().context).toEqual(s.context);
    expect(screenView(actor.getSnapshot().context, 'propose').proposals[0]?.texts).toEqual([DOUBLE, TWICE]);
    actor.send(unmerge('p2'));
    expect(screenView(actor.getSnapshot().context, 'propose').proposals.map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
    actor.stop();
  });

  it('loads a save from before merging (no merge field) as it was', () => {
    const s = proposing();
    expect(s.context.proposals.some((p) => 'mergedInto' in p)).toBe(false);
    const parsed = parseSave(raw(s));
    expect(parsed.ok && parsed.value.snapshot.context).toEqual(s.context);
  });

  const damaged = (change: (proposals: Record<string, unknown>[]) => void) => {
    const save = JSON.parse(raw(send(proposing(), merge('p2', 'p1')))) as { snapshot: { context: { proposals: Record<string, unknown>[] } } };
    change(save.snapshot.context.proposals);
    const parsed = parseSave(JSON.stringify(save));
    return parsed.ok ? 'accepted' : parsed.error;
  };

  it('refuses a merge into a proposal that does not exist, into another card, or in a loop', () => {
    expect(damaged(() => {})).toBe('accepted');
    expect(damaged((ps) => (ps[1]!.mergedInto = 'p9'))).toBe('damaged');
    expect(damaged((ps) => (ps[0]!.cardIndex = 1))).toBe('damaged');
    expect(damaged((ps) => (ps[0]!.mergedInto = 'p2'))).toBe('damaged');
    expect(damaged((ps) => (ps[1]!.mergedInto = 7))).toBe('damaged');
  });
});

describe('a merge on devices', () => {
  function devicesProposing(): Snap {
    let s = send(start(makeSession({ playMode: 'devices', players: [], checkIn: false })));
    for (const id of ['sA', 'sB', 'sC']) s = send(s, { type: 'player.join', playerId: id, name: `Name ${id}` });
    s = send(s, advance(), advance(), advance());
    return send(s, propose(DOUBLE, 'sA'), propose(TWICE, 'sB'), propose(PAUSE, 'sC'));
  }

  it('shows the merged proposal once with both texts on the phone, and no author anywhere', () => {
    let s = send(devicesProposing(), merge('p2', 'p1'), advance());
    expect(phase(s)).toBe('vote');
    const views = deviceViews(s.context, 'vote', 0);
    const candidates = views.sC?.ballot?.candidates;
    expect(candidates?.map((c) => c.id)).toEqual(['p1', 'p3']);
    expect(candidates?.[0]).toEqual({ id: 'p1', text: DOUBLE, level: 'team', merged: ['p2'], texts: [DOUBLE, TWICE] });
    expect(candidates?.[1]).toEqual({ id: 'p3', text: PAUSE, level: 'team' });
    const shared = screenView(s.context, 'vote');
    for (const p of [...shared.proposals, ...shared.allProposals]) expect(p).not.toHaveProperty('by');
    expect(JSON.stringify(views.sC)).not.toContain('"by"');
    for (const by of ['sA', 'sB', 'sC']) s = send(s, { type: 'player.dot', proposalId: 'p1', by }, { type: 'player.dot', proposalId: 'p1', by }, { type: 'player.dot', proposalId: 'p3', by }, { type: 'player.voteDone', by });
    expect(phase(s)).toBe('results');
    const results = deviceView(s.context, 'results', 'sC', 0).results;
    expect(results?.map((r) => [r.id, r.points, r.texts])).toEqual([['p1', 6, [DOUBLE, TWICE]], ['p3', 3, undefined]]);
  });

  it('keeps listing a player\'s own idea on their phone after it was merged away', () => {
    const s = send(devicesProposing(), merge('p2', 'p1'));
    expect(deviceView(s.context, 'propose', 'sB', 0).propose?.mine.map((i) => i.text)).toEqual([TWICE]);
    expect(deviceView(s.context, 'propose', 'sA', 0).propose?.mine).toEqual([{ id: 'p1', text: DOUBLE, level: 'team', merged: ['p2'], texts: [DOUBLE, TWICE] }]);
  });

  it('never hands a 25/10 idea to the author of a duplicate merged into it', () => {
    const ideas = [{ id: 'p1', by: 'sA', alsoBy: ['sB'] }, { id: 'p3', by: 'sC' }];
    for (let seed = 0; seed < 50; seed++) {
      const hands = dealHands(ideas, ['sA', 'sB', 'sC'], {}, seed, 0);
      expect(hands.sA).not.toBe('p1');
      expect(hands.sB).not.toBe('p1');
      expect(hands.sC).not.toBe('p3');
    }
    let s = send(start(makeSession({ playMode: 'devices', voteMode: 'crowd', players: [], checkIn: false })));
    for (const id of ['sA', 'sB', 'sC']) s = send(s, { type: 'player.join', playerId: id, name: id });
    s = send(s, advance(), advance(), advance(), propose(DOUBLE, 'sA'), propose(TWICE, 'sB'), propose(PAUSE, 'sC'), merge('p2', 'p1'), advance());
    const crowd = s.context.rounds[0]?.crowd;
    expect(crowd?.ideas).toEqual([{ id: 'p1', by: 'sA', alsoBy: ['sB'] }, { id: 'p3', by: 'sC' }]);
    expect(crowd?.hands.sB).not.toBe('p1');
  });
});
