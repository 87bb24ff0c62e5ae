/** The warm-up wall's pure logic: notes on two walls, secret dot voting on the klaag wall, themes of the top notes. */
import { describe, expect, it } from 'vitest';
import {
  MAX_NOTE,
  type WallState,
  addDot,
  addNote,
  chosenThemes,
  emptyWall,
  endVoteEarly,
  finishTurn,
  jubelNotes,
  klaagNotes,
  parseWall,
  rankedNotes,
  removeNote,
  reopenWalls,
  serializeWall,
  setVoters,
  stageOf,
  startVote,
  takeDot,
  topNotes,
} from '../../../src/programme/wall/wall.ts';
import { voteTotals } from '../../../src/core/vote.ts';

function must<T>(value: T | null): T {
  expect(value).not.toBeNull();
  return value as T;
}

/** A wall with the given klaag notes (text, theme), one jubel note, and `voters` players. */
function wallWith(klaag: [string, string][], voters = 3): WallState {
  let s = must(addNote(emptyWall(), 'jubel', 'Fijne collega’s'));
  for (const [text, theme] of klaag) s = must(addNote(s, 'klaag', text, theme));
  return must(setVoters(s, voters));
}

/** Each ballot lists the note ids one player dots (a note twice = two dots). */
function voteAll(s: WallState, ballots: string[][]): WallState {
  let state = must(startVote(s));
  for (const ballot of ballots) {
    for (const id of ballot) state = must(addDot(state, id));
    state = must(finishTurn(state));
  }
  return state;
}

describe('notes', () => {
  it('puts notes on the right wall, trimmed; klaag notes carry a theme', () => {
    let s = must(addNote(emptyWall(), 'jubel', '  Goede   sfeer  ', 'roster'));
    s = must(addNote(s, 'klaag', 'Rooster te laat', 'roster'));
    expect(jubelNotes(s)).toEqual([{ id: 'n1', wall: 'jubel', text: 'Goede sfeer', theme: null }]);
    expect(klaagNotes(s)).toEqual([{ id: 'n2', wall: 'klaag', text: 'Rooster te laat', theme: 'roster' }]);
  });

  it('refuses empty or long notes and klaag notes without a known theme', () => {
    expect(addNote(emptyWall(), 'jubel', '   ')).toBeNull();
    expect(addNote(emptyWall(), 'jubel', 'x'.repeat(MAX_NOTE + 1))).toBeNull();
    expect(addNote(emptyWall(), 'klaag', 'Te veel papier')).toBeNull();
    expect(addNote(emptyWall(), 'klaag', 'Te veel papier', 'weather')).toBeNull();
  });

  it('removes a note, but not once the vote is open', () => {
    const s = wallWith([['A', 'roster']]);
    expect(removeNote(s, 'n1')!.notes.map((n) => n.id)).toEqual(['n2']);
    const voting = must(startVote(s));
    expect(removeNote(voting, 'n2')).toBeNull();
    expect(addNote(voting, 'klaag', 'Later', 'roster')).toBeNull();
  });
});

describe('voting via vote.ts', () => {
  it('needs a klaag note and a sensible number of players', () => {
    expect(startVote(must(addNote(emptyWall(), 'jubel', 'Alleen goed nieuws')))).toBeNull();
    expect(setVoters(emptyWall(), 0)).toBeNull();
    expect(setVoters(emptyWall(), 2.5)).toBeNull();
  });

  it('votes on the klaag wall only: 3 dots, at most 2 per note', () => {
    let s = must(startVote(wallWith([['A', 'roster'], ['B', 'administration']])));
    expect(stageOf(s)).toBe('vote');
    expect(s.vote!.candidates).toEqual(['n2', 'n3']);
    expect(addDot(s, 'n1')).toBeNull(); // a jubel note
    s = must(addDot(s, 'n2'));
    s = must(addDot(s, 'n2'));
    expect(addDot(s, 'n2')).toBeNull();
    expect(finishTurn(s)).toBeNull(); // one dot left
    s = must(takeDot(s, 'n2'));
    s = must(addDot(s, 'n3'));
    s = must(addDot(s, 'n3'));
    expect(addDot(s, 'n2')).toBeNull(); // all three placed
    s = must(finishTurn(s));
    expect(s.vote!.voterIndex).toBe(1);
    expect(s.vote!.current).toEqual({});
  });

  it('keeps earlier votes hidden until the last player is done, then reveals', () => {
    const s = wallWith([['A', 'roster'], ['B', 'administration']], 2);
    let state = must(startVote(s));
    for (const id of ['n2', 'n2', 'n3']) state = must(addDot(state, id));
    state = must(finishTurn(state));
    expect(stageOf(state)).toBe('vote');
    expect(voteTotals(state.vote!)).toEqual({ n2: 0, n3: 0 });
    expect(rankedNotes(state)).toEqual([]);
    for (const id of ['n3', 'n3', 'n2']) state = must(addDot(state, id));
    state = must(finishTurn(state));
    expect(stageOf(state)).toBe('result');
    expect(voteTotals(state.vote!)).toEqual({ n2: 3, n3: 3 });
  });

  it('can end early with the finished ballots, and go back to the walls', () => {
    let s = must(startVote(wallWith([['A', 'roster'], ['B', 'safety']])));
    expect(endVoteEarly(s)).toBeNull();
    for (const id of ['n2', 'n2', 'n3']) s = must(addDot(s, id));
    s = must(finishTurn(s));
    s = must(addDot(s, 'n3'));
    const ended = must(endVoteEarly(s));
    expect(rankedNotes(ended).map((r) => [r.note.id, r.dots])).toEqual([['n2', 2], ['n3', 1]]);
    expect(stageOf(reopenWalls(s))).toBe('notes');
  });
});

describe('result', () => {
  const klaag: [string, string][] = [
    ['Rooster te laat', 'roster'], // n2
    ['Te veel registreren', 'administration'], // n3
    ['Nooit tijd voor elkaar', 'teamwork'], // n4
    ['Tillen zonder hulp', 'physical-load'], // n5
    ['Nog meer rooster', 'roster'], // n6
  ];

  it('ranks notes by dots and takes the themes of the top three', () => {
    const s = voteAll(wallWith(klaag), [
      ['n2', 'n2', 'n3'],
      ['n2', 'n4', 'n3'],
      ['n5', 'n4', 'n6'],
    ]);
    expect(rankedNotes(s).map((r) => [r.note.id, r.dots, r.rank])).toEqual([
      ['n2', 3, 1],
      ['n3', 2, 2],
      ['n4', 2, 2],
      ['n5', 1, 4],
      ['n6', 1, 4],
    ]);
    expect(topNotes(s).map((r) => r.note.id)).toEqual(['n2', 'n3', 'n4']);
    expect(chosenThemes(s)).toEqual(['roster', 'administration', 'teamwork']);
  });

  it('lists notes that tie at the cut together', () => {
    const s = voteAll(wallWith(klaag), [
      ['n2', 'n2', 'n3'],
      ['n3', 'n4', 'n5'],
      ['n5', 'n4', 'n6'],
    ]);
    // n2 2, n3 2, n4 2, n5 2, n6 1: four notes share the top.
    expect(topNotes(s).map((r) => r.note.id)).toEqual(['n2', 'n3', 'n4', 'n5']);
    expect(chosenThemes(s)).toEqual(['roster', 'administration', 'teamwork', 'physical-load']);
  });

  it('names a theme once when several top notes share it, and skips notes without dots', () => {
    const s = voteAll(wallWith(klaag), [
      ['n2', 'n2', 'n6'],
      ['n6', 'n6', 'n2'],
      ['n2', 'n6', 'n6'],
    ]);
    // n6 5, n2 4, both about the roster; no other note has dots.
    expect(topNotes(s).map((r) => r.note.id)).toEqual(['n6', 'n2']);
    expect(chosenThemes(s)).toEqual(['roster']);
  });

  it('gives one top note when only one note is on the klaag wall', () => {
    const s = voteAll(wallWith([['Alleen dit', 'safety']], 2), [['n2', 'n2'], ['n2', 'n2']]);
    expect(chosenThemes(s)).toEqual(['safety']);
  });
});

describe('saving', () => {
  it('round-trips notes and a vote in progress', () => {
    let s = must(startVote(wallWith([['A', 'roster'], ['B', 'safety']])));
    for (const id of ['n2', 'n2', 'n3']) s = must(addDot(s, id));
    s = must(finishTurn(s));
    s = must(addDot(s, 'n3'));
    expect(parseWall(serializeWall(s))).toEqual(s);
  });

  it('refuses damaged or foreign data', () => {
    expect(parseWall(null)).toBeNull();
    expect(parseWall('{')).toBeNull();
    expect(parseWall('{"version":2}')).toBeNull();
    const s = wallWith([['A', 'roster']]);
    const bad = JSON.parse(serializeWall(s));
    bad.notes[1].theme = 'weather';
    expect(parseWall(JSON.stringify(bad))).toBeNull();
    const badVote = JSON.parse(serializeWall(must(startVote(s))));
    badVote.vote.current = { n1: 1 };
    expect(parseWall(JSON.stringify(badVote))).toBeNull();
  });
});
