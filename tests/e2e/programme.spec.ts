/** The programme around the game: poll, the executive's visit, rounds and follow-up, infographic, nudges. */
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { expectPhase, propose, proposalIds, voteOnce } from './helpers.ts';

// The programme's screens are plain DOM pages, checked by screenshot at 1024×768; running these long flows at one
// size keeps CI within its time.
test.beforeEach(({}, info) => test.skip(info.project.name !== 'tv-1920', 'one screen size is enough for these flows'));

async function newProgramme(page: Page, team: string, lang: 'nl' | 'en' = 'nl'): Promise<void> {
  await page.goto(`./?lang=${lang}`);
  await page.getByTestId('open-programme').click();
  await expectPhase(page, 'follow-up');
  await page.getByTestId('programme-team').fill(team);
  await page.getByTestId('programme-create').click();
  await expect(page.getByTestId('current-round')).toHaveAttribute('data-round', '1');
}

/**
 * Each participant answers every statement: participant p gives answers[p][i % answers[p].length]. With `keep`,
 * only the first `keep` of the default statements stay chosen (a shorter poll).
 */
async function runPoll(page: Page, answers: number[][], keep?: number): Promise<void> {
  await page.getByTestId('open-poll').click();
  await expectPhase(page, 'poll');
  if (keep !== undefined) {
    const checked = page.locator('[data-testid="poll-statement"]:checked');
    while ((await checked.count()) > keep) await checked.last().uncheck();
  }
  const statements = await page.getByTestId('poll-statement').evaluateAll((els) => els.filter((e) => (e as HTMLInputElement).checked).length);
  await page.getByTestId('poll-respondents').fill(String(answers.length));
  // Leave the field first: on a touch screen Chrome scrolls a focused field back into view.
  await page.getByTestId('poll-respondents').blur();
  await page.getByTestId('poll-begin').click();
  for (let p = 0; p < answers.length; p++) {
    for (let i = 0; i < statements; i++) {
      await expect(page.getByTestId('poll-participant')).toHaveAttribute('data-participant', String(p + 1));
      const row = answers[p]!;
      await page.locator(`[data-testid="poll-answer"][data-value="${row[i % row.length]}"]`).click();
    }
  }
  await expectPhase(page, 'poll-results');
}

export const PROPOSALS = ['Vaste schrijfdag zonder telefoon', 'Rooster zelf maken', 'Bestuurder draait mee'];

/**
 * From the setup screen (reached with "Play the game"): one card, three players, three proposals, a vote that
 * ranks them 4, 3 and 2 dots, each item sharpened; ends on the summary.
 */
async function playShortSession(page: Page, team: string): Promise<void> {
  await expect(page.getByTestId('team-name')).toBeVisible();
  await page.getByTestId('team-name').fill(team);
  while ((await page.getByTestId('player-name').count()) < 3) await page.getByTestId('add-player').click();
  for (const [i, name] of ['Anna', 'Bram', 'Chris'].entries()) await page.getByTestId('player-name').nth(i).fill(name);
  await page.getByTestId('card-count').fill('1');
  await page.getByTestId('check-in-toggle').uncheck();
  await page.getByTestId('start-game').click();
  await expectPhase(page, 'reveal');
  await page.getByTestId('advance').click();
  await page.getByTestId('advance').click();
  await expectPhase(page, 'propose');
  for (const text of PROPOSALS) await propose(page, text, 'team');
  await page.getByTestId('advance').click();
  await expectPhase(page, 'vote');
  const ids = await proposalIds(page);
  await voteOnce(page, [ids[0]!, ids[1]!]);
  await voteOnce(page, [ids[0]!, ids[2]!]);
  await voteOnce(page, [ids[1]!, ids[2]!]);
  await expectPhase(page, 'results');
  await page.getByTestId('advance').click();
  await expectPhase(page, 'top-three');
  const items = page.getByTestId('top-three-item');
  await expect(items).toHaveCount(3);
  for (let i = 0; i < 3; i++) {
    await items.nth(i).getByTestId('sharpen-ask').fill(`Vraag ${i + 1} aan de bestuurder`);
    await items.nth(i).getByTestId('sharpen-ourselves').fill(`Wij doen zelf ${i + 1}`);
  }
  await page.getByTestId('advance').click();
  await expectPhase(page, 'summary');
}

const ANSWERS = [
  { decision: 'now', note: 'Start volgende maand', owner: 'Anna', date: '2030-03-02', indicator: 'Minder overuren in de maandcijfers', check: '2030-06-01' },
  { decision: 'later', note: 'Eerst met HR overleggen', owner: 'Bram', date: '2030-04-06', indicator: 'Iedereen heeft zijn wensen ingevuld', check: '2030-07-01' },
  { decision: 'not-now', note: 'Geen budget dit jaar', owner: 'Chris', date: '2030-05-04', indicator: '', check: '' },
];

/** The text of a PDF as pdftotext reads it, or null (with a note) where poppler-utils is not installed. */
function pdfText(path: string): string | null {
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).normalize('NFC');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

async function recordVisit(page: Page): Promise<void> {
  await expectPhase(page, 'visit');
  for (const [i, a] of ANSWERS.entries()) {
    const item = page.getByTestId('visit-item');
    await expect(item).toHaveAttribute('data-rank', String(i + 1));
    await expect(item).toContainText(PROPOSALS[i]!);
    await expect(item.getByTestId('visit-ask')).toContainText(`Vraag ${i + 1} aan de bestuurder`);
    await expect(item.getByTestId('visit-ourselves')).toContainText(`Wij doen zelf ${i + 1}`);
    await page.getByTestId('visit-decision').selectOption(a.decision);
    await page.getByTestId('visit-note').fill(a.note);
    await page.getByTestId('visit-owner').fill(a.owner);
    await page.getByTestId('visit-date').fill(a.date);
    if (a.indicator) await page.getByTestId('visit-indicator').fill(a.indicator);
    if (a.check) await page.getByTestId('visit-check-date').fill(a.check);
    await page.getByTestId('visit-next').click();
  }
  await expect(page.getByTestId('visit-overview')).toBeVisible();
  await expect(page.getByTestId('visit-summary-item')).toHaveCount(3);
  await expect(page.getByTestId('visit-summary-item').nth(1)).toHaveAttribute('data-decision', 'later');
  await expect(page.getByTestId('visit-summary-indicator')).toHaveCount(2);
  await expect(page.getByTestId('visit-summary-indicator').first()).toContainText(ANSWERS[0]!.indicator);
}

test('the executive’s visit presents the top three one at a time and keeps the answers on the device', async ({ page }) => {
  test.setTimeout(180_000);
  await newProgramme(page, 'Bezoek Zuid');
  // Every theme asked once, so the scenario's theme has figures behind it whichever card is dealt.
  await runPoll(page, [[5, 1], [4, 2], [5, 2]]);
  await page.getByTestId('play-session').click();
  await playShortSession(page, 'Bezoek Zuid');
  await page.getByTestId('start-visit').click();
  // The session joins the round that asked for it: no new programme.
  await expect(page.getByTestId('visit-programme')).toContainText('Bezoek Zuid');
  await expect(page.getByTestId('visit-poll').first()).toBeVisible();
  await recordVisit(page);
  // A reload loses nothing: back in via the programme.
  await page.goto('./');
  await page.getByTestId('open-programme').click();
  await expect(page.getByTestId('open-programme-item')).toHaveCount(1);
  await page.getByTestId('open-programme-item').click();
  await expect(page.getByTestId('step-visit')).toContainText('3');
  await page.getByTestId('open-visit').click();
  await expect(page.getByTestId('visit-decision')).toHaveValue('now');
  await expect(page.getByTestId('visit-owner')).toHaveValue('Anna');
  await expect(page.getByTestId('visit-date')).toHaveValue('2030-03-02');
  await expect(page.getByTestId('visit-indicator')).toHaveValue(ANSWERS[0]!.indicator);
  await expect(page.getByTestId('visit-check-date')).toHaveValue('2030-06-01');
});

test('a team poll with three players shows distributions and suggests themes, never one answer', async ({ page }) => {
  await newProgramme(page, 'Peiling Noord');
  await runPoll(page, [[5, 1], [4, 2], [5, 2]]);
  await expect(page.getByTestId('poll-respondent-count')).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('poll-too-few')).toHaveCount(0);
  // Ten default statements, each with its bar in the full list (and the three of most concern above it).
  await expect(page.locator('.poll-results:not(.poll-results--top) [data-testid="poll-bar"]')).toHaveCount(10);
  await expect(page.getByTestId('poll-suggested-theme').first()).toBeVisible();
  // The questions for reading the results together come with them.
  await expect(page.getByTestId('poll-reading-questions')).toBeVisible();
  await expect(page.getByTestId('poll-reading-question')).toHaveCount(5);
  await expect(page.getByTestId('poll-reading-question').first()).toContainText('Herkennen jullie');
  await page.getByTestId('poll-suggested-theme').first().click();
  await expect(page.getByTestId('round-theme')).not.toHaveValue('');
  // Stored: counts only, no individual answers.
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('ruimte.programme.history') ?? '{}'));
  const poll = stored.programmes[0].rounds[0].poll;
  expect(poll.finished).toBe(3);
  expect(poll.current).toEqual({});
});

test('a poll with two answers shows no results per statement, only a note', async ({ page }) => {
  await newProgramme(page, 'Klein team');
  await runPoll(page, [[3], [4]]);
  await expect(page.getByTestId('poll-too-few')).toBeVisible();
  await expect(page.getByTestId('poll-bar')).toHaveCount(0);
  await expect(page.getByTestId('poll-suggested-theme')).toHaveCount(0);
  await expect(page.getByTestId('poll-reading-questions')).toHaveCount(0);
});

test('a whole round: poll, game, visit, infographic as PNG and PDF, then round 2 opens with round 1’s actions', async ({ page }) => {
  test.setTimeout(240_000);
  await newProgramme(page, 'Rondes West');
  await runPoll(page, [[5, 1], [4, 2], [5, 2]], 4);
  await page.getByTestId('play-session').click();
  await playShortSession(page, 'Rondes West');
  await page.getByTestId('start-visit').click();
  await recordVisit(page);

  // The infographic: a PNG of plausible size and an A4 PDF with the top three in it.
  await page.getByTestId('open-infographic').click();
  await expect(page.getByTestId('infographic-preview')).toBeVisible();
  let download = page.waitForEvent('download');
  await page.getByTestId('export-infographic-png').click();
  const png = await readFile(await (await download).path());
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(png.length).toBeGreaterThan(30_000);
  expect(png.length).toBeLessThan(5_000_000);
  expect(png.readUInt32BE(16)).toBe(1240);
  expect(png.readUInt32BE(20)).toBe(1754);
  download = page.waitForEvent('download');
  await page.getByTestId('export-infographic-pdf').click();
  const pdfDownload = await download;
  expect(pdfDownload.suggestedFilename()).toMatch(/\.pdf$/);
  const pdfPath = await pdfDownload.path();
  const pdf = (await readFile(pdfPath)).toString('latin1');
  expect(pdf.startsWith('%PDF')).toBe(true);
  // The text is set in the embedded Noto Sans (glyph codes, not literal strings): read it back as text.
  const pdfWords = pdfText(pdfPath);
  if (pdfWords === null) console.warn('pdftotext (poppler-utils) is not installed: the PDF\'s text is not read back.');
  else for (const text of [...PROPOSALS, ANSWERS[0]!.indicator]) expect(pdfWords.replace(/\s+/g, ' ')).toContain(text);
  expect(pdf).toMatch(/\/MediaBox \[ ?0 0 595\.28 841\.89 ?\]/);
  expect(pdf).toContain('/FontFile2');
  expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);

  // Nudges per action, printable cards, and a calendar file with the follow-up dates and the next round.
  await page.getByTestId('open-nudges').click();
  await expect(page.getByTestId('nudge-action')).toHaveCount(3);
  const first = page.getByTestId('nudge-action').nth(0);
  await first.locator('[data-testid="nudge-pick"][data-nudge-id="nudge-buddy"]').check();
  await first.locator('[data-testid="nudge-pick"][data-nudge-id="nudge-dagstart-reminder"]').check();
  await page.getByTestId('nudge-action').nth(1).getByTestId('nudge-own').fill('Een kaartje op de medicijnkar');
  await page.getByTestId('nudge-action').nth(1).getByTestId('nudge-own').blur();
  await expect(page.getByTestId('nudge-card')).toHaveCount(3);
  await expect(page.getByTestId('print-nudges')).toBeEnabled();
  await page.getByTestId('next-round-date').fill('2030-06-01');
  await expect(page.getByTestId('export-ics')).toHaveAttribute('data-events', '4');
  download = page.waitForEvent('download');
  await page.getByTestId('export-ics').click();
  const ics = (await readFile(await (await download).path())).toString('utf8');
  expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(4);
  expect(ics).toContain('DTSTART;VALUE=DATE:20300302');
  expect(ics).toContain('DTSTART;VALUE=DATE:20300601');
  expect(ics).toContain('BEGIN:VALARM');
  await page.getByTestId('back-to-programme').click();
  await expectPhase(page, 'follow-up');
  await expect(page.getByTestId('next-round-date')).toHaveValue('2030-06-01');
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('start-round').click();
  // The new round opens with the earlier actions.
  await expect(page.getByTestId('review-action')).toHaveCount(3);
  await expect(page.getByTestId('review-action').first()).toContainText(PROPOSALS[0]!);
  // Follow-up reads how the team would know each action worked, and when it would look.
  await expect(page.getByTestId('review-indicator')).toHaveCount(2);
  await expect(page.getByTestId('review-indicator').first()).toContainText(ANSWERS[0]!.indicator);
  await expect(page.getByTestId('review-indicator').first()).toHaveAttribute('data-check-date', '2030-06-01');
  const statuses = ['done', 'under-way', 'stuck'];
  for (let i = 0; i < 3; i++) {
    await page.getByTestId('action-status').nth(i).selectOption(statuses[i]!);
    await page.getByTestId('action-note').nth(i).fill(`Stand ${i + 1}`);
  }
  await page.getByTestId('review-done').click();
  await expect(page.getByTestId('current-round')).toHaveAttribute('data-round', '2');
  const earlier = page.getByTestId('earlier-action');
  await expect(earlier).toHaveCount(3);
  await expect(earlier.nth(2)).toHaveAttribute('data-status', 'stuck');
  await expect(earlier.nth(0)).toContainText('Anna');
  await expect(earlier.nth(1).getByTestId('earlier-indicator')).toContainText(ANSWERS[1]!.indicator);
  // Timeline: both rounds side by side, round 1 with its poll figures.
  await expect(page.locator('[data-testid="timeline"] thead th[data-round]')).toHaveCount(2);
  await expect(page.locator('[data-testid="timeline-cell"][data-round="1"][data-concerned]').first()).toBeVisible();
  await expect(page.locator('[data-testid="timeline-actions"][data-round="1"]')).toContainText(PROPOSALS[1]!);
  // Kept after a reload (to the start screen: the address still names the game's session).
  await page.goto('./');
  await page.getByTestId('open-programme').click();
  await page.getByTestId('open-programme-item').click();
  await expect(page.getByTestId('earlier-action').nth(0)).toHaveAttribute('data-status', 'done');
});

test('the history exports to one file and imports; a newer or broken file is refused and nothing is lost', async ({ page }) => {
  await newProgramme(page, 'Export Oost');
  await page.getByTestId('to-programmes').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-history').click();
  const file = await (await download).path();
  const raw = await readFile(file, 'utf8');
  const data = JSON.parse(raw);
  expect(data.app).toBe('ruimte-programme');
  expect(data.programmes[0].teamName).toBe('Export Oost');

  const before = await page.evaluate(() => localStorage.getItem('ruimte.programme.history'));
  const upload = (name: string, content: string) => page.getByTestId('import-history').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
  await upload('newer.json', JSON.stringify({ ...data, format: 99 }));
  await expect(page.getByTestId('import-error')).toContainText(/nieuwere versie/);
  await upload('broken.json', raw.slice(0, raw.length / 2));
  await expect(page.getByTestId('import-error')).toBeVisible();
  await upload('damaged.json', JSON.stringify({ ...data, programmes: [{ ...data.programmes[0], rounds: [] }] }));
  await expect(page.getByTestId('import-error')).toContainText(/beschadigd/);
  expect(await page.evaluate(() => localStorage.getItem('ruimte.programme.history'))).toBe(before);
  await expect(page.getByTestId('open-programme-item')).toHaveCount(1);

  // On a fresh device the exported file brings the programme back.
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.getByTestId('open-programme').click();
  await expect(page.getByTestId('open-programme-item')).toHaveCount(0);
  await upload('good.json', raw);
  await expect(page.getByTestId('import-status')).toBeVisible();
  await expect(page.getByTestId('open-programme-item')).toContainText('Export Oost');
});

test('the PDF prints every name as typed: Turkish, Polish, Vietnamese, Serbian and Hungarian', async ({ page }) => {
  const team = 'Team Şükrü, Łukasz, Nguyễn, Đorđe, Ő';
  await newProgramme(page, team);
  await page.getByTestId('open-infographic').click();
  await expect(page.getByTestId('infographic-preview')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-infographic-pdf').click();
  const path = await (await download).path();
  const text = pdfText(path);
  test.skip(text === null, 'pdftotext (poppler-utils) is not installed: cannot read the names back from the PDF');
  for (const name of ['Şükrü', 'Łukasz', 'Nguyễn', 'Đorđe', 'Ő']) expect(text, name).toContain(name);
  expect(text).not.toContain('?');
});
