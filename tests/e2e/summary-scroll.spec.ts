/** A new step starts at its top: the summary is not opened where the top three's last field was. */
import { test, expect } from '@playwright/test';
import { expectPhase, propose, proposalIds, setupGame, voteOnce } from './helpers.ts';

test('the summary opens at its top after a field low in the top three was filled in', async ({ page }) => {
  await setupGame(page, { team: 'Team Zuid', names: ['Anna', 'Bram'], deck: 'ggz', cards: 1, checkIn: false });
  await expectPhase(page, 'reveal');
  await page.getByTestId('advance').click();
  await page.getByTestId('advance').click();
  await expectPhase(page, 'propose');
  await propose(page, 'Een vaste schrijfdag zonder telefoon', 'team');
  await propose(page, 'Rooster zelf maken binnen spelregels', 'team');
  await propose(page, 'De bestuurder draait een nachtdienst mee', 'organisation');
  await page.getByTestId('advance').click();
  await expectPhase(page, 'vote');
  const ids = await proposalIds(page);
  await voteOnce(page, [ids[0]!, ids[1]!, ids[2]!]);
  await voteOnce(page, [ids[0]!, ids[2]!, ids[1]!]);
  await expectPhase(page, 'results');
  await page.getByTestId('advance').click();
  await expectPhase(page, 'top-three');
  const items = page.getByTestId('top-three-item');
  await expect(items).toHaveCount(3);
  await items.nth(2).getByTestId('sharpen-why').fill('Dan weet de bestuurder hoe een nacht echt gaat');
  await page.getByTestId('advance').click();
  await expectPhase(page, 'summary');
  // The summary's top: its top three and the export, in view; the page is not scrolled down.
  await expect(page.getByTestId('top-three-item').first()).toBeInViewport();
  await expect(page.getByTestId('export-markdown')).toBeInViewport();
  expect(await page.locator('#layout').evaluate((el) => el.scrollTop)).toBe(0);
});
