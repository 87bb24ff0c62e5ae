/** The calendar file: well-formed iCalendar that round-trips any text. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeText, foldLine, writeIcs } from '../../../src/programme/core/ics.ts';

const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
const unescape = (text: string) => text.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

describe('calendar file', () => {
  const at = new Date(Date.UTC(2030, 2, 2, 8, 30, 0));
  const ics = writeIcs(
    [
      { uid: 'prog-1/1/p1@ruimte', date: '2030-03-31', summary: 'Actie: schrijfdag, zonder telefoon; echt', description: 'Eigenaar: Anna\nBesluit: Nu', alarm: 'Herinnering' },
      { uid: 'prog-1/next-2@ruimte', date: '2030-06-01', summary: 'Ruimte: ronde 2', description: '', alarm: 'Morgen' },
    ],
    'Ruimte · Team Noord',
    at,
  );

  it('has the calendar, two events with all-day dates, and a reminder the day before', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(ics).toContain('DTSTART;VALUE=DATE:20300331\r\nDTEND;VALUE=DATE:20300401');
    expect(ics).toContain('DTSTART;VALUE=DATE:20300601\r\nDTEND;VALUE=DATE:20300602');
    expect(ics).toContain('TRIGGER:-PT15H');
    expect(ics).toContain('DTSTAMP:20300302T083000Z');
    expect(ics).toContain('SUMMARY:Actie: schrijfdag\\, zonder telefoon\\; echt');
    expect(ics).toContain('DESCRIPTION:Eigenaar: Anna\\nBesluit: Nu');
    expect(ics).toContain('UID:prog-1-1-p1@ruimte');
    expect(ics.split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
  });

  it('rolls the end date over months and years', () => {
    expect(writeIcs([{ uid: 'x', date: '2030-12-31', summary: 's', description: '', alarm: 'a' }], 'c', at)).toContain('DTEND;VALUE=DATE:20310101');
  });

  it('folds long lines at 75 octets without splitting a character, and unfolds to the same text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400, unit: 'grapheme' }), (text) => {
        const folded = foldLine(`SUMMARY:${escapeText(text)}`);
        const bytes = new TextEncoder();
        const fits = folded.split('\r\n').every((l) => bytes.encode(l).length <= 75);
        return fits && unescape(unfold(folded).slice('SUMMARY:'.length)) === text.replace(/\r\n|\r/g, '\n');
      }),
    );
  });

  it('keeps any summary whole through writing and reading back (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const file = writeIcs([{ uid: 'u', date: '2030-01-01', summary: text, description: text, alarm: text }], text, at);
        const summary = unfold(file).split('\r\n').find((l) => l.startsWith('SUMMARY:'))!;
        const expected = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/\r\n|\r/g, '\n');
        return unescape(summary.slice(8)) === expected;
      }),
    );
  });
});
