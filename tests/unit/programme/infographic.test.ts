/** The infographic's layout, its text wrapping, and the PDF written from it. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type InfographicData, type Op, PAGE, layoutInfographic } from '../../../src/programme/core/infographic.ts';
import { textWidth, wrap } from '../../../src/programme/core/metrics.ts';
import { contentStream, pdfBytes, pdfString, writePdf } from '../../../src/programme/core/pdf.ts';

const M = 36;

function data(overrides: Partial<InfographicData> = {}): InfographicData {
  return {
    eyebrow: 'Ruimte · Teamprogramma',
    heading: 'Afdeling Noord · ronde 1 van 3',
    subtitle: 'Thema: Rooster en bezetting · 2 maart 2030',
    pollTitle: 'Wat het team zegt',
    pollNote: 'Peiling met 4 deelnemers',
    statements: [
      { text: 'We werken te vaak met te weinig mensen.', concerned: 75, neutral: 25, reassured: 0, label: '75% zorg' },
      { text: 'Ik heb genoeg inspraak in mijn rooster.', concerned: 50, neutral: 0, reassured: 50, label: '50% zorg' },
    ],
    pollEmpty: 'Geen peiling.',
    legend: ['Zorg', 'Neutraal', 'Geen zorg'],
    topTitle: 'Onze top drie',
    items: [
      { rank: 1, text: 'Vaste schrijfdag zonder telefoon', ask: 'Wij vragen: twee uur per week', ourselves: 'Wij doen zelf: de telefoon overdragen', decision: 'now', decisionLabel: 'Nu', note: '“Start in maart”' },
      { rank: 2, text: 'Rooster zelf maken (binnen spelregels)', ask: '', ourselves: '', decision: 'later', decisionLabel: 'Later', note: '' },
      { rank: 3, text: 'Bestuurder draait mee', ask: 'Wij vragen: één dienst', ourselves: '', decision: null, decisionLabel: 'Nog geen besluit', note: '' },
    ],
    topEmpty: 'Nog geen top drie.',
    actionsTitle: 'Acties',
    columns: ['Actie', 'Wie', 'Wanneer', 'Besluit'],
    actions: [{ text: 'Vaste schrijfdag zonder telefoon', owner: 'Anna', date: '2 maart 2030', decision: 'Nu' }],
    actionsEmpty: 'Geen acties.',
    nudgesTitle: 'Zo houden we het levend',
    nudges: [{ action: '1. Vaste schrijfdag', nudges: ['Een buddy', 'Vast punt in de dagstart'] }],
    nudgesEmpty: 'Geen nudges.',
    footerLeft: 'Volgende ronde: 1 juni 2030',
    footerRight: 'Gemaakt met Ruimte op 2 maart 2030',
    ...overrides,
  };
}

const texts = (ops: readonly Op[]) => ops.filter((o): o is Extract<Op, { kind: 'text' }> => o.kind === 'text');

function insidePage(ops: readonly Op[]): boolean {
  const eps = 0.6;
  return ops.every((op) => {
    if (op.kind === 'text') {
      const w = textWidth(op.text, { size: op.size, bold: op.bold });
      return op.x >= M - eps && op.x + w <= PAGE.width - M + eps && op.y > 0 && op.y <= PAGE.height - M + eps;
    }
    if (op.kind === 'rect') return op.x >= M - eps && op.x + op.w <= PAGE.width - M + eps && op.y >= 0 && op.y + op.h <= PAGE.height - M;
    if (op.kind === 'circle') return op.cx - op.r >= M - eps && op.cx + op.r <= PAGE.width - M + eps;
    return op.points.every(([x, y]) => x >= M - eps && x <= PAGE.width - M + eps && y >= 0 && y <= PAGE.height - M + eps);
  });
}

/** Everything but the footer ends above the footer's rule. */
function clearOfFooter(ops: readonly Op[]): boolean {
  const rule = PAGE.height - M - 16;
  const body = ops.slice(0, -3);
  return body.every((op) => (op.kind === 'text' ? op.y < rule - 1 : op.kind === 'rect' ? op.y + op.h < rule : true));
}

describe('wrapping', () => {
  it('breaks at spaces within the width and marks cut text with an ellipsis', () => {
    const font = { size: 10, bold: false };
    const lines = wrap('een twee drie vier vijf zes zeven acht negen tien', font, 60);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.every((l) => textWidth(l, font) <= 60)).toBe(true);
    expect(lines.join(' ')).toBe('een twee drie vier vijf zes zeven acht negen tien');
    const cut = wrap('een twee drie vier vijf zes zeven acht negen tien', font, 60, 2);
    expect(cut).toHaveLength(2);
    expect(cut[1]!.endsWith('…')).toBe(true);
  });

  it('never exceeds the width or the number of lines, and loses no word when nothing is cut (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 20, max: 400 }), fc.boolean(), (text, width, bold) => {
        const font = { size: 9, bold };
        const lines = wrap(text, font, width, 5);
        if (lines.length > 5 || !lines.every((l) => textWidth(l, font) <= width + 0.001)) return false;
        const all = wrap(text, font, width);
        if (all.some((l) => l.endsWith('…')) && !text.includes('…')) return false;
        return all.join('').replace(/\s/g, '') === text.replace(/[ \t\u00a0\r\n]+/g, '').replace(/\s/g, '');
      }),
    );
  });

  it('measures Helvetica as the PDF draws it', () => {
    expect(textWidth('Hallo', { size: 10, bold: false })).toBeCloseTo((722 + 556 + 222 + 222 + 556) / 100);
    expect(textWidth('één', { size: 10, bold: true })).toBeCloseTo((556 + 556 + 611) / 100);
  });
});

describe('layout', () => {
  it('puts everything on one A4 page, with the top three and the answers', () => {
    const ops = layoutInfographic(data());
    expect(insidePage(ops)).toBe(true);
    expect(clearOfFooter(ops)).toBe(true);
    const all = texts(ops).map((t) => t.text);
    expect(all).toContain('Vaste schrijfdag zonder telefoon');
    expect(all).toContain('NU');
    expect(all).toContain('LATER');
    expect(all).toContain('75% zorg');
    expect(all).toContain('Volgende ronde: 1 juni 2030');
  });

  it('says so when there is nothing yet', () => {
    const ops = layoutInfographic(data({ statements: [], items: [], actions: [], nudges: [] }));
    const all = texts(ops).map((t) => t.text);
    expect(all).toEqual(expect.arrayContaining(['Geen peiling.', 'Nog geen top drie.', 'Geen acties.', 'Geen nudges.']));
  });

  it('fits any texts, however long, on the page above the footer (property)', () => {
    const text = fc.string({ maxLength: 600, unit: fc.constantFrom('a', 'b', 'W', 'é', ' ', ' ', 'm', '—', '\n', 'X', '中') });
    const statement = fc.record({ text, concerned: fc.integer({ min: 0, max: 100 }), neutral: fc.constant(0), reassured: fc.constant(0), label: fc.constant('100% zorg') }).map((s) => ({ ...s, reassured: 100 - s.concerned }));
    const item = fc.record({
      rank: fc.integer({ min: 1, max: 3 }),
      text,
      ask: text,
      ourselves: text,
      decision: fc.constantFrom('now', 'later', 'not-now', null) as fc.Arbitrary<'now' | 'later' | 'not-now' | null>,
      decisionLabel: fc.constantFrom('Nu', 'Later', 'Niet nu', 'Nog geen besluit'),
      note: text,
    });
    fc.assert(
      fc.property(
        fc.record({
          heading: text,
          subtitle: text,
          statements: fc.array(statement, { maxLength: 12 }),
          items: fc.array(item, { maxLength: 3 }),
          actions: fc.array(fc.record({ text, owner: text, date: text, decision: text }), { maxLength: 3 }),
          nudges: fc.array(fc.record({ action: text, nudges: fc.array(text, { maxLength: 6 }) }), { maxLength: 3 }),
          footerLeft: text,
          footerRight: text,
        }),
        (parts) => {
          const ops = layoutInfographic(data(parts));
          return insidePage(ops) && clearOfFooter(ops);
        },
      ),
      { numRuns: 150 },
    );
  });
});

/** Reads the cross-reference table and checks every offset, the stream length and the trailer. */
function checkPdf(file: string): void {
  expect(file.startsWith('%PDF-1.4\n')).toBe(true);
  expect(file.endsWith('%%EOF\n')).toBe(true);
  expect(/^[\x00-\xff]*$/.test(file)).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(file)?.[1]);
  expect(file.slice(startxref, startxref + 5)).toBe('xref\n');
  const table = file.slice(startxref).split('\n');
  const [first, count] = (table[1] ?? '').split(' ').map(Number);
  expect(first).toBe(0);
  for (let i = 1; i < (count ?? 0); i++) {
    const entry = table[2 + i] ?? '';
    expect(entry).toMatch(/^\d{10} 00000 n $/);
    const offset = Number(entry.slice(0, 10));
    expect(file.slice(offset, offset + `${i} 0 obj`.length)).toBe(`${i} 0 obj`);
  }
  const stream = /<< \/Length (\d+) >>\nstream\n/.exec(file)!;
  const start = stream.index + stream[0].length;
  expect(file.slice(start + Number(stream[1]), start + Number(stream[1]) + 10)).toBe('\nendstream');
}

/** Literal strings in a content stream: every one closes, with no bare parenthesis inside. */
function stringsBalanced(content: string): boolean {
  let inside = false;
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (!inside) {
      if (c === ')') return false;
      if (c === '(') inside = true;
    } else if (c === '\\') i++;
    else if (c === '(') return false;
    else if (c === ')') inside = false;
  }
  return !inside;
}

describe('the PDF', () => {
  it('escapes what a literal string cannot hold', () => {
    expect(pdfString('a(b)c\\d')).toBe('(a\\(b\\)c\\\\d)');
    expect(pdfString('één · “x” – €')).toBe('(\\351\\351n \\267 \\223x\\224 \\226 \\200)');
    expect(pdfString('中')).toBe('(?)');
  });

  it('is a well-formed one-page file with the texts in it', () => {
    const file = writePdf(layoutInfographic(data()), { title: 'Afdeling Noord', lang: 'nl', at: new Date(Date.UTC(2030, 2, 2)) });
    checkPdf(file);
    expect(file).toContain('/Count 1');
    expect(file).toContain('/MediaBox [0 0 595.28 841.89]');
    expect(file).toContain('(Vaste schrijfdag zonder telefoon)');
    expect(file).toContain('(Rooster zelf maken \\(binnen spelregels\\))');
    expect(file).toContain('/CreationDate (D:20300302000000Z)');
    expect(pdfBytes(file).length).toBe(file.length);
  });

  it('stays well-formed whatever the team wrote (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 80 }), (text, title) => {
        const ops = layoutInfographic(data({ heading: title, items: [{ rank: 1, text, ask: text, ourselves: '', decision: 'now', decisionLabel: 'Nu', note: text }] }));
        const file = writePdf(ops, { title, lang: 'nl', at: new Date(0) });
        checkPdf(file);
        return stringsBalanced(contentStream(ops)) && /^[\x00-\x7f]*$/.test(file.slice(15));
      }),
      { numRuns: 80 },
    );
  });
});
