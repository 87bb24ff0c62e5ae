/**
 * Saved sessions: a team that closes the laptop mid-vote opens it again at the same voter with the same dots;
 * a damaged, foreign or newer save becomes a message (a problem code), never a crash or a blank screen.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type Snapshot, createActor } from 'xstate';
import { phaseOf, sessionMachine } from '../../src/core/machine.ts';
import { type SaveProblem, type SavedSession, SAVE_APP, parseSave, wrapSave } from '../../src/core/save.ts';
import { SESSION_FORMAT, type SessionContext } from '../../src/core/session.ts';
import type { SessionEvent } from '../../src/core/events.ts';
import { screenView } from '../../src/core/view.ts';
import { makeSession } from './fixtures.ts';
import { type Snap, advance, everyoneVotes, send, start } from './play.ts';
import { mutate, mutationArb } from './mutate.ts';

const SAVED_AT = 1_750_000_000_000;
const dot = (proposalId: string): SessionEvent => ({ type: 'player.dot', proposalId });
const propose = (text: string): SessionEvent => ({ type: 'player.propose', text, level: 'team' });

type Persisted = SavedSession['snapshot'];
type Actor = ReturnType<typeof createActor<typeof sessionMachine>>;

/** A team in the middle of the first card's vote: seat 1 has voted, seat 2 has placed one of three dots. */
function midVote(): Actor {
  const actor = createActor(sessionMachine, { input: makeSession() });
  actor.start();
  const events: SessionEvent[] = [
    ...[1, 2, 3, 4].map((n): SessionEvent => ({ type: 'player.checkIn', cardId: `checkin-${n}` })),
    advance(), // to the first card
    advance(), // discuss
    advance(), // propose
    { type: 'player.drawTwist' },
    propose('Een vaste invaller voor de nacht'),
    { type: 'player.dismissTwist' },
    propose('Schrap het dubbele formulier'),
    propose('Pauze buiten de afdeling'),
    advance(), // vote
    dot('p1'),
    dot('p1'),
    dot('p3'),
    { type: 'player.voteDone' },
    dot('p2'),
  ];
  for (const e of events) actor.send(e);
  return actor;
}

const persisted = (actor: Actor): Persisted => actor.getPersistedSnapshot() as unknown as Persisted;
const saveOf = (snapshot: Persisted) => JSON.stringify(wrapSave(snapshot, SAVED_AT));
const persistedOf = (snap: Snap): Persisted => sessionMachine.getPersistedSnapshot(snap) as unknown as Persisted;

/** Restores a save into a running actor; a restore that fails (XState reports it asynchronously) throws here. */
function restore(save: SavedSession): Actor {
  const snapshot = save.snapshot as unknown as Snapshot<unknown>;
  const actor = createActor(sessionMachine, { snapshot, input: save.snapshot.context });
  const errors: unknown[] = [];
  actor.subscribe({ error: (e) => errors.push(e) });
  actor.start();
  if (errors.length > 0 || actor.getSnapshot().status !== 'active') throw new Error(`restore failed: ${String(errors[0])}`);
  return actor;
}

function parsedOk(raw: string): SavedSession {
  const result = parseSave(raw);
  if (!result.ok) throw new Error(`save refused: ${result.error}`);
  return result.value;
}

function refusal(raw: string): SaveProblem | 'accepted' {
  const result = parseSave(raw);
  return result.ok ? 'accepted' : result.error;
}

/** A valid save as a plain object, to break on purpose. */
const validSave = (): Record<string, any> => JSON.parse(saveOf(persisted(midVote()))) as Record<string, any>;
const broken = (change: (save: Record<string, any>) => void): string => {
  const save = validSave();
  change(save);
  return JSON.stringify(save);
};

describe('saving and restoring a session', () => {
  it('round-trips a half-finished vote through the save format unchanged', () => {
    const actor = midVote();
    const snapshot = persisted(actor);
    const raw = saveOf(snapshot);
    const parsed = parsedOk(raw);
    expect(parsed).toEqual({ app: SAVE_APP, format: SESSION_FORMAT, savedAt: SAVED_AT, snapshot: JSON.parse(JSON.stringify(snapshot)) });
    expect(JSON.stringify(parsed)).toBe(raw);
    actor.stop();
  });

  it('restores at the same step, with the same voter and the same dots', () => {
    const actor = midVote();
    const parsed = parsedOk(saveOf(persisted(actor)));
    const restored = restore(parsed);
    const before = actor.getSnapshot();
    const after = restored.getSnapshot();
    expect(phaseOf(after.value)).toBe('vote');
    expect(after.value).toEqual(before.value);
    expect(after.context).toEqual(before.context);
    const ballot = screenView(after.context, 'vote').ballot;
    expect(ballot?.voterNumber).toBe(2);
    expect(ballot?.voter?.id).toBe('s2');
    expect(ballot?.mine).toEqual({ p2: 1 });
    expect(ballot?.dotsLeft).toBe(2);
    expect(after.context.rounds[0]?.vote?.ballots).toEqual([{ p1: 2, p3: 1 }]);
    expect(after.context.proposals[0]?.twistId).not.toBeNull();
    actor.stop();
    restored.stop();
  });

  it('continues after a restore exactly as if the session had never stopped', () => {
    const original = midVote();
    const restored = restore(parsedOk(saveOf(persisted(original))));
    const rest: SessionEvent[] = [
      dot('p2'),
      dot('p3'),
      { type: 'player.voteDone' }, // seat 2 done
      ...['p1', 'p2', 'p3'].map(dot),
      { type: 'player.voteDone' },
      ...['p1', 'p1', 'p2'].map(dot),
      { type: 'player.voteDone' }, // seat 4: the vote is complete and revealed
    ];
    for (const e of rest) {
      original.send(e);
      restored.send(e);
    }
    const a = original.getSnapshot();
    const b = restored.getSnapshot();
    expect(phaseOf(b.value)).toBe('results');
    expect(b.context).toEqual(a.context);
    // Seat 1's ballot from before the save counts: p1 2+0+1+2, p2 0+2+1+1, p3 1+1+1+0.
    expect(screenView(b.context, 'results').results).toEqual({ p1: 5, p2: 4, p3: 3 });
    original.stop();
    restored.stop();
  });

  it('restores every step of a played session where it was', () => {
    let s = start(makeSession({ cardCount: 2 }));
    const seen: Snap[] = [s];
    const step = (...events: SessionEvent[]) => {
      s = send(s, ...events);
      seen.push(s);
    };
    step({ type: 'player.checkIn', cardId: 'checkin-2' });
    step(advance());
    step(advance());
    step(advance(), propose('a'), propose('b'), propose('c'));
    step(advance());
    s = everyoneVotes(s);
    seen.push(s);
    step(advance());
    step(advance(), advance(), propose('d'), advance());
    s = everyoneVotes(s);
    seen.push(s);
    step(advance());
    if (phaseOf(s.value) === 'run-off') {
      s = everyoneVotes(s);
      seen.push(s);
    }
    step({ type: 'team.sharpen', proposalId: 'p1', field: 'ask', text: 'Budget' }, advance());
    const phases = new Set(seen.map((x) => phaseOf(x.value)));
    expect([...phases]).toEqual(expect.arrayContaining(['check-in', 'reveal', 'discuss', 'propose', 'vote', 'results', 'top-three', 'summary']));
    for (const snap of seen) {
      const parsed = parsedOk(saveOf(persistedOf(snap)));
      const restored = restore(parsed).getSnapshot();
      expect(restored.value).toEqual(snap.value);
      expect(restored.context).toEqual(snap.context);
    }
  });
});

describe('refusing a save that cannot be restored', () => {
  it.each(['', '{', 'ruimte-session', '{"app":"ruimte-session",}'])('refuses %j as not JSON', (raw) => {
    expect(refusal(raw)).toBe('not-json');
  });

  it.each([
    ['an empty object', '{}'],
    ['a list', '[]'],
    ['null', 'null'],
    ['a number', '42'],
    ['the app name as a string', '"ruimte-session"'],
    ['another app', JSON.stringify({ app: 'other-game', format: 1, snapshot: {} })],
    ['a deck file', JSON.stringify({ format: 1, kind: 'scenario-deck', id: 'ggz', cards: [] })],
  ])("refuses %s as another app's file", (_name, raw) => {
    expect(refusal(raw)).toBe('not-a-save');
  });

  it('refuses a save without its app name, even if the rest is intact', () => {
    expect(refusal(broken((s) => delete s.app))).toBe('not-a-save');
  });

  it('refuses a save from a newer version as newer, even when this version cannot read its snapshot', () => {
    expect(refusal(broken((s) => (s.format = SESSION_FORMAT + 1)))).toBe('newer-format');
    expect(refusal(broken((s) => ((s.format = 99), (s.snapshot = { whatever: true }))))).toBe('newer-format');
  });

  it.each<[string, (s: Record<string, any>) => void]>([
    ['no snapshot', (s) => delete s.snapshot],
    ['a snapshot that is a string', (s) => (s.snapshot = 'active')],
    ['an unknown state', (s) => (s.snapshot.value = 'lobby')],
    ['an unknown step of a card', (s) => (s.snapshot.value = { card: 'debate' })],
    ['two states at once', (s) => (s.snapshot.value = { card: 'vote', runOff: 'x' })],
    ['no state', (s) => delete s.snapshot.value],
    ['a transient state', (s) => (s.snapshot.value = 'deciding')],
    ['a stopped session', (s) => (s.snapshot.status = 'done')],
    ['no context', (s) => delete s.snapshot.context],
    ['a context without proposals', (s) => delete s.snapshot.context.proposals],
    ['a context without settings', (s) => delete s.snapshot.context.settings],
    ['a proposal without text', (s) => delete s.snapshot.context.proposals[0].text],
    ['a cardIndex that is a string', (s) => (s.snapshot.context.cardIndex = '0')],
    ['a proposal at an unknown level', (s) => (s.snapshot.context.proposals[1].level = 'ministry')],
    ['dots that are strings', (s) => (s.snapshot.context.rounds[0].vote.current = { p2: 'one' })],
    ['no players', (s) => (s.snapshot.context.settings.players = [])],
    ['no cards', (s) => ((s.snapshot.context.cards = []), (s.snapshot.context.rounds = []))],
    ['a timer of an unknown kind', (s) => (s.snapshot.context.timer = { kind: 'ticking' })],
    ['a context of another format', (s) => (s.snapshot.context.format = 2)],
    ['a cardIndex below zero', (s) => (s.snapshot.context.cardIndex = -1)],
    ['a cardIndex past the last card', (s) => (s.snapshot.context.cardIndex = s.snapshot.context.cards.length)],
    ['a cardIndex far out of range', (s) => (s.snapshot.context.cardIndex = 1e9)],
    ['a cardIndex between two cards', (s) => (s.snapshot.context.cardIndex = 0.5)],
    ['a round missing for a card', (s) => s.snapshot.context.rounds.pop()],
    ['no children record', (s) => delete s.snapshot.children],
    ['children that are not a record', (s) => (s.snapshot.children = 'none')],
    ['a history that is not a list', (s) => (s.snapshot.historyValue = { card: 5 })],
    ['a history of unknown states', (s) => (s.snapshot.historyValue = { card: [null] })],
    ['children the session never has', (s) => (s.snapshot.children = { timer: { src: 'timer', snapshot: {} } })],
  ])('refuses a save with %s as damaged', (_name, change) => {
    expect(refusal(broken(change))).toBe('damaged');
  });

  it('still accepts the save each damaged case was made from', () => {
    expect(refusal(JSON.stringify(validSave()))).toBe('accepted');
  });
});

describe('save properties', { timeout: 30_000 }, () => {
  const valid = validSave();
  const tweaks = [
    fc.constantFrom(-1, 0, 0.5, 1, 2, 1e9, '', 'card', 'vote', 'summary', null, true, [], {}),
    fc.constant({ card: 'results' }),
    fc.constant({ kind: 'running', totalMs: 1000, endsAt: 5 }),
  ];

  /** Whatever parses must also restore, show its screen and take the next step without throwing. */
  function playRestored(save: SavedSession): void {
    const actor = restore(save);
    const snap = actor.getSnapshot();
    const phase = phaseOf(snap.value);
    screenView(snap.context as SessionContext, phase);
    actor.send(dot('p1'));
    actor.send({ type: 'player.voteDone' });
    actor.send(advance());
    actor.send({ type: 'facilitator.undo', at: 1 });
    const next = actor.getSnapshot();
    screenView(next.context as SessionContext, phaseOf(next.value));
    expect(next.status).toBe('active');
    actor.stop();
  }

  it('answers a damaged save with a code, never an exception, and what it accepts can be played on', () => {
    let accepted = 0;
    fc.assert(
      fc.property(mutationArb(tweaks), (mutations) => {
        const raw = JSON.stringify(mutate(valid, mutations));
        const result = parseSave(raw);
        if (result.ok) {
          accepted++;
          playRestored(result.value);
        } else {
          expect(['not-json', 'not-a-save', 'newer-format', 'damaged']).toContain(result.error);
        }
      }),
      // The undamaged save is always among the cases: the accepting side never depends on the random seed.
      { numRuns: 500, examples: [[[]]] },
    );
    expect(accepted).toBeGreaterThan(0);
  });

  it('answers a save cut off or scrambled on disk with a code, never an exception', () => {
    const raw = JSON.stringify(valid);
    fc.assert(
      fc.property(fc.nat({ max: raw.length }), fc.nat({ max: raw.length }), fc.string({ maxLength: 3 }), (cut, at, insert) => {
        const truncated = raw.slice(0, cut);
        expect(refusal(truncated)).toBe(cut === raw.length ? 'accepted' : 'not-json');
        const scrambled = raw.slice(0, at) + insert + raw.slice(at + insert.length);
        const result = parseSave(scrambled);
        if (result.ok) playRestored(result.value);
        else expect(['not-json', 'not-a-save', 'newer-format', 'damaged']).toContain(result.error);
      }),
      { numRuns: 300 },
    );
  });

  it('answers any JSON value with a code', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseSave(JSON.stringify(value));
        expect(result.ok).toBe(false);
        if (!result.ok) expect(['not-json', 'not-a-save', 'newer-format', 'damaged']).toContain(result.error);
      }),
      { numRuns: 200 },
    );
  });
});
