/**
 * Merging duplicates on the shared screen before the vote ("stop the double report", "no more reporting
 * twice"): chosen on the facilitator's list, kept through a reload, undone and done again, voted on as one,
 * and shown with both texts in the results, the top three, the summary and the Markdown file. On devices the
 * phones get the merged proposal as one candidate. And the facilitator's guide beside every step.
 */
import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { expectPhase, openPhone, propose, proposeOnPhone, setupGame, startDevicesGame, voteOnce } from './helpers.ts';

const DOUBLE = 'Stop the double report';
const TWICE = 'No more reporting twice';
const PAUSE = 'A break away from the ward';

const item = (page: Page, id: string) => page.locator(`[data-testid="proposal"][data-proposal-id="${id}"]`);

async function toPropose(page: Page): Promise<void> {
  await page.getByTestId('advance').click();
  await expectPhase(page, 'discuss');
  await page.getByTestId('advance').click();
  await expectPhase(page, 'propose');
}

async function idOf(page: Page, text: string): Promise<string> {
  return (await page.getByTestId('proposal').filter({ hasText: text }).getAttribute('data-proposal-id')) ?? '';
}

test('the facilitator merges a duplicate, undoes it, merges again, and the team votes on it as one', async ({ page }) => {
  test.setTimeout(180_000);
  await setupGame(page, { team: 'Ward East', names: ['Anna', 'Bram', 'Chris'], cards: 1, checkIn: false, lang: 'en' });
  await expectPhase(page, 'reveal');
  await toPropose(page);
  for (const text of [DOUBLE, TWICE, PAUSE]) await propose(page, text);
  const [double, twice, pause] = [await idOf(page, DOUBLE), await idOf(page, TWICE), await idOf(page, PAUSE)];
  await expect(page.getByTestId('proposal-merge')).toHaveCount(3);

  // Choosing a target, then changing one's mind: nothing changes.
  await item(page, twice).getByTestId('proposal-merge').click();
  await expect(page.getByTestId('merge-prompt')).toHaveText(`Choose the proposal to merge ‘${TWICE}’ into.`);
  await expect(page.getByTestId('merge-target')).toHaveCount(2);
  await expect(item(page, twice).getByTestId('merge-target')).toHaveCount(0);
  await expect(page.getByTestId('merge-cancel')).toBeFocused();
  await page.getByTestId('merge-cancel').click();
  await expect(page.getByTestId('merge-prompt')).toHaveCount(0);
  await expect(page.getByTestId('merge-target')).toHaveCount(0);
  await expect(page.getByTestId('proposal')).toHaveCount(3);

  // Escape stops choosing too (keyboard).
  await item(page, twice).getByTestId('proposal-merge').click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('merge-prompt')).toHaveCount(0);
  await expect(item(page, twice).getByTestId('proposal-merge')).toBeFocused();

  // The merge: one proposal under the target's id, with both texts.
  await item(page, twice).getByTestId('proposal-merge').click();
  await item(page, double).getByTestId('merge-target').click();
  await expect(page.getByTestId('proposal')).toHaveCount(2);
  await expect(item(page, double)).toHaveAttribute('data-merged', twice);
  await expect(item(page, double)).toContainText(DOUBLE);
  await expect(item(page, double)).toContainText(TWICE);
  await expect(item(page, twice)).toHaveCount(0);
  await expect(page.getByTestId('merge-prompt')).toHaveCount(0);

  // Kept through a reload.
  await page.reload();
  await expectPhase(page, 'propose');
  await expect(page.getByTestId('proposal')).toHaveCount(2);
  await expect(item(page, double)).toHaveAttribute('data-merged', twice);
  await expect(item(page, double)).toContainText(TWICE);

  // Undone: three proposals again, as they were.
  await item(page, double).getByTestId('proposal-unmerge').click();
  await expect(page.getByTestId('proposal')).toHaveCount(3);
  await expect(item(page, double)).not.toHaveAttribute('data-merged', /./);
  await expect(item(page, double)).not.toContainText(TWICE);
  await expect(item(page, twice)).toContainText(TWICE);

  // And merged again, by keyboard.
  await item(page, twice).getByTestId('proposal-merge').focus();
  await page.keyboard.press('Enter');
  await item(page, double).getByTestId('merge-target').focus();
  await page.keyboard.press('Enter');
  await expect(item(page, double)).toHaveAttribute('data-merged', twice);
  // Focus stays with the merge: on the merged text's button that takes it out again.
  await expect(item(page, double).getByTestId('proposal-unmerge')).toBeFocused();

  // The vote: the merged proposal is one candidate; nothing to merge or unmerge any more.
  await page.getByTestId('advance').click();
  await expectPhase(page, 'vote');
  await expect(page.getByTestId('vote-for')).toHaveCount(2);
  await expect(page.locator(`[data-testid="vote-for"][data-proposal-id="${twice}"]`)).toHaveCount(0);
  await expect(page.getByTestId('proposal-unmerge')).toHaveCount(0);
  for (let voter = 0; voter < 3; voter++) await voteOnce(page, [double, pause]);
  await expectPhase(page, 'results');
  await expect(item(page, double).getByTestId('proposal-dots')).toHaveText('6 dots');
  await expect(item(page, pause).getByTestId('proposal-dots')).toHaveText('3 dots');
  await expect(item(page, double)).toContainText(DOUBLE);
  await expect(item(page, double)).toContainText(TWICE);
  await expect(page.getByTestId('proposal-unmerge')).toHaveCount(0);

  await page.getByTestId('advance').click();
  await expectPhase(page, 'top-three');
  const first = page.getByTestId('top-three-item').first();
  await expect(first).toHaveAttribute('data-proposal-id', double);
  await expect(first).toContainText(DOUBLE);
  await expect(first).toContainText(TWICE);

  await page.getByTestId('advance').click();
  await expectPhase(page, 'summary');
  await expect(page.getByTestId('top-three-item').first()).toContainText(TWICE);
  await expect(item(page, double)).toContainText(DOUBLE);
  await expect(item(page, double)).toContainText(TWICE);
  const download = page.waitForEvent('download');
  await page.getByTestId('export-markdown').click();
  const md = await readFile(await (await download).path(), 'utf8');
  expect(md).toContain('1. **Stop the double report** / **No more reporting twice** (6 dots, Team)');
  expect(md).toContain('- Stop the double report / No more reporting twice (6 dots, Team)');
});

test.describe('a merge on devices', () => {
  test.skip(({ viewport }) => (viewport?.width ?? 0) < 1900, 'one run is enough: the phones have their own viewport');

  test('the phones get the merged proposal as one candidate with both texts', async ({ page, browser }) => {
    test.setTimeout(120_000);
    const code = await startDevicesGame(page, { team: 'Ward West', checkIn: false });
    const phones = [await openPhone(browser, code, 'Anna'), await openPhone(browser, code, 'Bram')];
    await expect(page.getByTestId('seat')).toHaveCount(2);
    await page.getByTestId('advance').click();
    await expectPhase(page, 'reveal');
    await toPropose(page);
    for (const [i, text] of [DOUBLE, TWICE].entries()) {
      const phone = phones[i]!;
      await proposeOnPhone(phone, text);
      await expect(phone.getByTestId('my-proposal')).toContainText(text);
    }
    await expect(page.getByTestId('proposal')).toHaveCount(2);
    const [double, twice] = [await idOf(page, DOUBLE), await idOf(page, TWICE)];
    await item(page, twice).getByTestId('proposal-merge').click();
    await item(page, double).getByTestId('merge-target').click();
    await expect(item(page, double)).toHaveAttribute('data-merged', twice);
    // Authors stay secret: no name on the shared screen's proposals.
    await expect(page.getByTestId('proposal')).not.toContainText('Anna');
    await expect(page.getByTestId('proposal')).not.toContainText('Bram');

    await page.getByTestId('advance').click();
    await expectPhase(page, 'vote');
    for (const phone of phones) {
      await expectPhase(phone, 'vote');
      const candidates = phone.getByTestId('candidate');
      await expect(candidates).toHaveCount(1);
      await expect(candidates).toHaveAttribute('data-proposal-id', double);
      await expect(candidates).toContainText(DOUBLE);
      await expect(candidates).toContainText(TWICE);
    }
  });
});

test.describe('the facilitator\'s guide', () => {
  for (const lang of ['nl', 'en'] as const) {
    test(`shows the notes for the step at hand beside it, never on the stage (${lang})`, async ({ page }) => {
      await setupGame(page, { team: 'Gids', names: ['A', 'B'], cards: 1, checkIn: false, lang });
      await expectPhase(page, 'reveal');
      await toPropose(page);
      const guide = page.getByTestId('guide');
      await expect(guide).toHaveCount(1);
      await expect(guide.locator('summary')).toContainText(lang === 'en' ? 'Notes for the facilitator' : 'Tips voor de gespreksleider');
      await expect(page.getByTestId('stage').getByTestId('guide')).toHaveCount(0);
      await expect(page.getByTestId('guide-note').first()).toBeHidden();
      await guide.locator('summary').click();
      await expect(page.getByTestId('guide-note').first()).toBeVisible();
      expect(await page.getByTestId('guide-note').count()).toBeGreaterThanOrEqual(1);
      const notes = (await page.getByTestId('guide-note').allTextContents()).join(' ');
      // The propose step's own notes from levels/guide.json, in the language on screen.
      const guideFile = JSON.parse(await readFile('levels/guide.json', 'utf8')) as { steps: { step: string; notes: { text: Record<string, string> }[] }[] };
      const own = guideFile.steps.find((s) => s.step === 'propose')?.notes ?? [];
      await expect(page.getByTestId('guide-note')).toHaveCount(own.length);
      for (const note of own) expect(notes).toContain(note.text[lang]);
      expect(notes).toContain(lang === 'en' ? 'Say:' : 'Zeg:');
      // Opened stays open: the next step and a reload keep it.
      await propose(page, 'Een idee');
      await page.reload();
      await expectPhase(page, 'propose');
      await expect(page.getByTestId('guide-note').first()).toBeVisible();
      const again = (await page.getByTestId('guide-note').allTextContents()).join(' ');
      expect(again).toBe(notes);
      await page.getByTestId('advance').click();
      await expectPhase(page, 'vote');
      await expect(page.getByTestId('guide-note').first()).toBeVisible();
      expect((await page.getByTestId('guide-note').allTextContents()).join(' ')).not.toBe(notes);
    });
  }
});
