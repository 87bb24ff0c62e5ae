/** Agreed actions carry "how will we know it worked?" and a check date: saved, exported, read back, printed. */
import { describe, expect, it } from 'vitest';
import { type ActionItem, type History, type Programme, emptyHistory, importHistory, newProgramme, parseHistory, putProgramme, serializeHistory, updateRound } from '../../../src/programme/core/history.ts';
import { type InfographicData, type Op, layoutInfographic } from '../../../src/programme/core/infographic.ts';

const item = (id: string, visit: ActionItem['visit']): ActionItem => ({
  id,
  rank: 1,
  dots: 4,
  text: 'Vaste schrijfdag zonder telefoon',
  level: 'team',
  ask: '',
  ourselves: '',
  why: '',
  card: null,
  visit,
  nudges: [],
  ownNudge: '',
});

function history(visit: ActionItem['visit']): History {
  let p = newProgramme('prog-1', 'Team Noord', 3, 1000) as Programme;
  p = updateRound(p, 1, (r) => ({ ...r, sessionId: 's-1', items: [item('p1', visit)], visitedAt: 2000 }));
  return putProgramme(emptyHistory(0), p, 3000);
}

describe('indicators in the history', () => {
  it('keeps the indicator and the check date through export and import', () => {
    const h = history({ decision: 'now', note: '', owner: 'Anna', date: '2030-03-02', indicator: 'Minder overuren in de maandcijfers', checkDate: '2030-06-01' });
    const parsed = parseHistory(serializeHistory(h));
    expect(parsed).toEqual({ ok: true, value: h });
    const imported = importHistory(emptyHistory(0), serializeHistory(h), 5000);
    expect(imported.ok && imported.value.history.programmes[0]!.rounds[0]!.items[0]!.visit).toEqual({ decision: 'now', note: '', owner: 'Anna', date: '2030-03-02', indicator: 'Minder overuren in de maandcijfers', checkDate: '2030-06-01' });
  });

  it('still loads a history written before indicators existed', () => {
    const old = history({ decision: 'later', note: 'n', owner: 'o', date: '' });
    const raw = serializeHistory(old);
    expect(raw).not.toContain('indicator');
    const parsed = parseHistory(raw);
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.value.programmes[0]!.rounds[0]!.items[0]!.visit.indicator).toBeUndefined();
  });

  it('refuses a check date that is not a day in the calendar', () => {
    const h = history({ decision: 'now', note: '', owner: '', date: '', indicator: 'x', checkDate: '2030-02-30' });
    expect(parseHistory(serializeHistory(h))).toEqual({ ok: false, error: 'damaged' });
  });
});

describe('indicators on the infographic', () => {
  const base: InfographicData = {
    eyebrow: 'Ruimte',
    heading: 'Team Noord · ronde 1 van 3',
    subtitle: '',
    pollTitle: 'Wat het team zegt',
    pollNote: '',
    statements: [],
    pollEmpty: 'Geen peiling.',
    legend: ['Zorg', 'Neutraal', 'Geen zorg'],
    topTitle: 'Top drie',
    items: [],
    topEmpty: 'Nog geen top drie.',
    actionsTitle: 'Acties',
    columns: ['Actie', 'Wie', 'Wanneer', 'Besluit'],
    actions: [{ text: 'Vaste schrijfdag', owner: 'Anna', date: '2 maart 2030', decision: 'Nu', indicator: 'Zo weten we of het werkt: minder overuren', checkDate: 'kijken op 1 juni 2030' }],
    actionsEmpty: 'Geen acties.',
    nudgesTitle: 'Nudges',
    nudges: [],
    nudgesEmpty: 'Geen nudges.',
    footerLeft: '',
    footerRight: '',
  };
  const texts = (ops: readonly Op[]) => ops.flatMap((o) => (o.kind === 'text' ? [o.text] : []));

  it('prints how the team will know it worked and when it checks, under the action', () => {
    const all = texts(layoutInfographic(base)).join('\n');
    expect(all).toContain('Zo weten we of het werkt: minder overuren · kijken op 1 juni 2030');
  });

  it('leaves the line out for an action without an indicator', () => {
    const all = texts(layoutInfographic({ ...base, actions: [{ text: 'Vaste schrijfdag', owner: 'Anna', date: '2 maart 2030', decision: 'Nu' }] }));
    expect(all.some((line) => line.includes('weten we'))).toBe(false);
  });
});
