/** A whole session through the UI, as a team leader and team would play it. */
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { checkInEveryone, expectPhase, propose, proposalIds, setupGame, voteOnce } from './helpers.ts';

const NAMES = ['Anna', 'Bram', 'Chris', 'Dewi'];

for (const lang of ['nl', 'en'] as const) {
  test(`plays a whole session in ${lang} and reloads halfway through a vote`, async ({ page }) => {
    await setupGame(page, { team: `Team <b>Noord</b> ${lang}`, names: NAMES, deck: 'ggz', cards: 2, lang });
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await checkInEveryone(page, NAMES.length);

    // Card 1
    await expectPhase(page, 'reveal');
    await page.getByTestId('advance').click();
    await expectPhase(page, 'discuss');
    await page.getByTestId('advance').click();
    await expectPhase(page, 'propose');
    await propose(page, 'Een vaste schrijfdag zonder telefoon', 'team');
    await propose(page, 'Rooster zelf maken binnen spelregels', 'team');
    await page.getByTestId('draw-twist').click();
    await expect(page.getByTestId('twist-card')).toBeVisible();
    await propose(page, 'De bestuurder draait een nachtdienst mee', 'organisation');
    await page.getByTestId('advance').click();
    await expectPhase(page, 'vote');

    const ids = await proposalIds(page);
    expect(ids).toHaveLength(3);
    await expect(page.getByTestId('voter')).toContainText('Anna');
    await voteOnce(page, [ids[0]!, ids[1]!]);
    await expect(page.getByTestId('voter')).toContainText('Bram');
    // Bram's screen shows none of Anna's dots.
    await expect(page.getByTestId('vote-remove').first()).toBeDisabled();
    await page.locator(`[data-testid="vote-for"][data-proposal-id="${ids[2]}"]`).click();

    // Halfway through a vote: the page reloads (a crash, a flat battery). Nothing is lost.
    await page.reload();
    await expectPhase(page, 'vote');
    await expect(page.getByTestId('voter')).toContainText('Bram');
    await expect(page.locator(`[data-testid="vote-remove"][data-proposal-id="${ids[2]}"]`)).toBeEnabled();
    await voteOnce(page, [ids[2]!, ids[0]!]);
    await voteOnce(page, [ids[0]!, ids[2]!]);
    await voteOnce(page, [ids[0]!, ids[1]!]);
    await expectPhase(page, 'results');
    await expect(page.getByTestId('proposal-dots').first()).toBeVisible();

    // Card 2: nothing is proposed; the team moves on.
    await page.getByTestId('advance').click();
    await expectPhase(page, 'reveal');
    await page.getByTestId('advance').click();
    await page.getByTestId('advance').click();
    await expectPhase(page, 'propose');
    await propose(page, 'Elke dag een kwartier intervisie', 'team');
    await page.getByTestId('advance').click();
    for (const _ of NAMES) await voteOnce(page, await proposalIds(page));
    await expectPhase(page, 'results');
    await page.getByTestId('advance').click();

    await expectPhase(page, 'top-three');
    const items = page.getByTestId('top-three-item');
    await expect(items).toHaveCount(3);
    // Card 1 gave 7, 2 and 3 dots; card 2's only proposal got every voter's 2 dots: 8.
    await expect(items.nth(0)).toContainText('Elke dag een kwartier intervisie');
    await expect(items.nth(1)).toContainText('Een vaste schrijfdag zonder telefoon');
    await expect(items.nth(2)).toContainText('De bestuurder draait een nachtdienst mee');
    await items.nth(1).getByTestId('sharpen-ask').fill('Twee uur per week vrij van de telefoon');
    await page.getByTestId('advance').click();

    await expectPhase(page, 'summary');
    await expect(page.getByTestId('top-three-item')).toHaveCount(3);
    await expect(page.getByText('Team <b>Noord</b>', { exact: false }).first()).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByTestId('export-markdown').click();
    const file = await (await download).path();
    const md = await readFile(file, 'utf8');
    expect(md).toContain('Een vaste schrijfdag zonder telefoon');
    expect(md).toContain('Twee uur per week vrij van de telefoon');
    expect(md).not.toContain('<b>');
  });
}

test('switching language mid-session keeps the session', async ({ page }) => {
  await setupGame(page, { team: 'Taal', names: ['A', 'B'], cards: 1, checkIn: false });
  await page.getByTestId('advance').click();
  await page.getByTestId('advance').click();
  await propose(page, 'Behouden na taalwissel');
  await page.getByTestId('language').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectPhase(page, 'propose');
  await expect(page.getByTestId('proposal-submit')).toHaveText('Add proposal');
  await expect(page.getByTestId('proposal')).toContainText('Behouden na taalwissel');
});

test('facilitator hides a proposal before the vote, restores it, and steps back without losing anything', async ({ page }) => {
  await setupGame(page, { team: 'Leider', names: ['A', 'B'], cards: 1, checkIn: false });
  await page.getByTestId('advance').click();
  await page.getByTestId('advance').click();
  await propose(page, 'Kwetsend voorstel');
  await propose(page, 'Goed voorstel');
  await page.getByTestId('proposal').filter({ hasText: 'Kwetsend' }).getByTestId('proposal-hide').click();
  await page.getByTestId('advance').click();
  await expectPhase(page, 'vote');
  await expect(page.getByTestId('vote-for')).toHaveCount(1);
  await page.getByTestId('undo').click();
  await expectPhase(page, 'propose');
  await expect(page.getByTestId('proposal')).toHaveCount(2);
  await page.getByTestId('proposal').filter({ hasText: 'Kwetsend' }).getByTestId('proposal-restore').click();
  await page.getByTestId('advance').click();
  await expect(page.getByTestId('vote-for')).toHaveCount(2);
});

test('a tie for the top three is settled by a run-off vote of the team', async ({ page }) => {
  await setupGame(page, { team: 'Gelijk', names: ['A', 'B'], cards: 1, checkIn: false });
  await page.getByTestId('advance').click();
  await page.getByTestId('advance').click();
  for (const text of ['Idee een', 'Idee twee', 'Idee drie', 'Idee vier']) await propose(page, text);
  await page.getByTestId('advance').click();
  const ids = await proposalIds(page);
  // A: 2 on one, 1 on two; B: 2 on one, 1 on three. Two and three tie for the last place.
  await page.locator(`[data-testid="vote-for"][data-proposal-id="${ids[0]}"]`).click();
  await page.locator(`[data-testid="vote-for"][data-proposal-id="${ids[0]}"]`).click();
  await page.locator(`[data-testid="vote-for"][data-proposal-id="${ids[3]}"]`).click();
  await page.getByTestId('vote-done').click();
  await page.locator(`[data-testid="vote-for"][data-proposal-id="${ids[1]}"]`).click();
  await page.locator(`[data-testid="vote-for"][data-proposal-id="${ids[1]}"]`).click();
  await page.locator(`[data-testid="vote-for"][data-proposal-id="${ids[2]}"]`).click();
  await page.getByTestId('vote-done').click();
  await expectPhase(page, 'results');
  await page.getByTestId('advance').click();
  await expectPhase(page, 'run-off');
  await expect(page.getByTestId('vote-for')).toHaveCount(2);
  for (let i = 0; i < 2; i++) await voteOnce(page, [ids[3]!]);
  await expectPhase(page, 'top-three');
  await expect(page.getByTestId('top-three-item').nth(2)).toContainText('Idee vier');
});

test('a save that cannot be read gets a message, a raw download and a fresh start', async ({ page }) => {
  await page.goto('./');
  await page.evaluate(() => localStorage.setItem('ruimte.session.broken', '{"app":"ruimte-session","format":1,"snapshot":{"value":"nowhere"'));
  await page.reload();
  await expect(page.getByTestId('damaged-session')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('download-raw').click();
  expect((await download).suggestedFilename()).toContain('broken');
  await page.getByTestId('remove-damaged').click();
  await expect(page.getByTestId('damaged-session')).toHaveCount(0);
  await page.getByTestId('new-session').click();
  await expect(page.getByTestId('team-name')).toBeVisible();
});

test('an over-long proposal is refused with a message and the text stays', async ({ page }) => {
  await setupGame(page, { team: 'Lang', names: ['A', 'B'], cards: 1, checkIn: false });
  await page.getByTestId('advance').click();
  await page.getByTestId('advance').click();
  const long = 'x'.repeat(10_001);
  await page.getByTestId('proposal-text').fill(long);
  await page.getByTestId('proposal-submit').click();
  await expect(page.getByTestId('proposal-error')).toBeVisible();
  await expect(page.getByTestId('proposal-text')).toHaveValue(long);
  await expect(page.getByTestId('proposal')).toHaveCount(0);
});

test('the game makes no request to another host', async ({ page }) => {
  const foreign: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) foreign.push(r.url());
  });
  await setupGame(page, { team: 'Privé', names: ['A', 'B'], cards: 1 });
  await expectPhase(page, 'check-in');
  await page.waitForTimeout(1000);
  expect(foreign).toEqual([]);
});

test('a coach can play only some themes of a deck', async ({ page }) => {
  await page.goto('./?lang=en');
  await page.getByTestId('new-session').click();
  await page.getByTestId('team-name').fill('Thema');
  await page.getByTestId('deck-select').selectOption('hospital');
  await page.locator('[data-testid="theme-choice"][data-theme="roster"]').check();
  await page.getByTestId('card-count').fill('2');
  await page.getByTestId('check-in-toggle').uncheck();
  await page.getByTestId('start-game').click();
  for (let card = 0; card < 2; card++) {
    await expectPhase(page, 'reveal');
    await expect(page.locator('.scenario .eyebrow')).toContainText('Roster and staffing');
    await page.getByTestId('advance').click();
    await page.getByTestId('advance').click();
    await page.getByTestId('advance').click();
    await expectPhase(page, 'results');
    await page.getByTestId('advance').click();
  }
  await expectPhase(page, 'top-three');
});
