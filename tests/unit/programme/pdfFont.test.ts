/** The exported PDF embeds Noto Sans, so names from anywhere in Europe print as typed (read back with pdftotext). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type InfographicData, layoutInfographic } from '../../../src/programme/core/infographic.ts';
import { writeEmbeddedPdf } from '../../../src/programme/core/pdfEmbedded.ts';

const TEAM = 'Team Şükrü, Łukasz, Nguyễn, Đorđe, Ő';
const NAMES = ['Şükrü', 'Łukasz', 'Nguyễn', 'Đorđe', 'Ő'];

const fonts = {
  regular: readFileSync(new URL('../../../assets/fonts/NotoSans-Regular-latin.ttf', import.meta.url)),
};

function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function data(): InfographicData {
  return {
    eyebrow: 'Ruimte · Teamprogramma',
    heading: `${TEAM} · ronde 1 van 3`,
    subtitle: 'Thema: Rooster en bezetting · 2 maart 2030',
    pollTitle: 'Wat het team zegt',
    pollNote: 'Peiling met 4 deelnemers',
    statements: [{ text: 'We werken te vaak met te weinig mensen.', concerned: 75, neutral: 25, reassured: 0, label: '75% zorg' }],
    pollEmpty: 'Geen peiling.',
    legend: ['Zorg', 'Neutraal', 'Geen zorg'],
    topTitle: 'Onze top drie',
    items: [{ rank: 1, text: 'Vaste schrijfdag zonder telefoon', ask: 'Wij vragen: twee uur per week', ourselves: '', decision: 'now', decisionLabel: 'Nu', note: '' }],
    topEmpty: 'Nog geen top drie.',
    actionsTitle: 'Acties',
    columns: ['Actie', 'Wie', 'Wanneer', 'Besluit'],
    actions: [{ text: 'Vaste schrijfdag zonder telefoon', owner: 'Łukasz en Şükrü', date: '2 maart 2030', decision: 'Nu', indicator: 'Zo weten we of het werkt: minder overuren', checkDate: 'Kijken op 1 juni 2030' }],
    actionsEmpty: 'Geen acties.',
    nudgesTitle: 'Zo houden we het levend',
    nudges: [],
    nudgesEmpty: 'Geen nudges.',
    footerLeft: 'Volgende ronde: 1 juni 2030',
    footerRight: 'Gemaakt met Ruimte op 2 maart 2030',
  };
}

describe('the PDF with an embedded font', () => {
  it('is a PDF with the Noto Sans subset in it, not the standard Helvetica', async () => {
    const bytes = await writeEmbeddedPdf(layoutInfographic(data()), { title: TEAM, lang: 'nl', at: new Date(Date.UTC(2030, 2, 2)) }, fonts);
    const head = Buffer.from(bytes.slice(0, 8)).toString('latin1');
    expect(head.startsWith('%PDF-')).toBe(true);
    const file = Buffer.from(bytes).toString('latin1');
    expect(file).toContain('/FontFile2');
    expect(file).toContain('NotoSans');
    expect(file).not.toContain('/BaseFont /Helvetica');
    expect(file).toContain('/Lang (nl)');
  });

  it.skipIf(!hasPdftotext())('prints every name as typed: Turkish, Polish, Vietnamese, Serbian and Hungarian (pdftotext)', async () => {
    const bytes = await writeEmbeddedPdf(layoutInfographic(data()), { title: TEAM, lang: 'nl', at: new Date(Date.UTC(2030, 2, 2)) }, fonts);
    const dir = mkdtempSync(join(tmpdir(), 'ruimte-pdf-'));
    try {
      const path = join(dir, 'infographic.pdf');
      writeFileSync(path, bytes);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).normalize('NFC');
      for (const name of NAMES) expect(text, name).toContain(name);
      expect(text).toContain('minder overuren');
      if (process.env.RUIMTE_KEEP_PDF) writeFileSync(process.env.RUIMTE_KEEP_PDF, bytes);
      expect(text).not.toContain('?');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!hasPdftotext())('writes a character the font lacks as "?" or from its parts, and keeps the title whole (pdftotext, pdfinfo)', async () => {
    const team = 'Team 日本 ≠ Ωmega';
    const ops = layoutInfographic({ ...data(), heading: team });
    const bytes = await writeEmbeddedPdf(ops, { title: team, lang: 'en', at: new Date(Date.UTC(2030, 2, 2)) }, fonts);
    const dir = mkdtempSync(join(tmpdir(), 'ruimte-pdf-'));
    try {
      const path = join(dir, 'infographic.pdf');
      writeFileSync(path, bytes);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).normalize('NFC');
      expect(text).toContain('Team ?? ≠ ?mega');
      const meta = execFileSync('pdfinfo', ['-enc', 'UTF-8', path], { encoding: 'utf8' });
      expect(meta).toMatch(/Title:\s+Team 日本 ≠ Ωmega/);
      expect(meta).toMatch(/Producer:\s+Ruimte/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

if (!hasPdftotext()) console.warn('pdftotext (poppler-utils) is not installed: the test that reads the names back from the PDF is skipped.');
