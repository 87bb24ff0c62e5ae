import { expect, test } from '@playwright/test';
import { expectPhase, openPhone, startDevicesGame } from './helpers.ts';

/**
 * While the shared screen is away the room keeps a phone's actions only up to a cap (96 KiB per seat): past it,
 * the phone says so in the player's language (`banner-pendingFull`) and keeps what it could not send.
 */
test.skip(({ viewport }) => (viewport?.width ?? 0) < 1900, 'one run is enough');

test('a phone that sends too much while the screen is away says so, in its language', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const code = await startDevicesGame(page, { team: 'Ward East', checkIn: false });
  const anna = await openPhone(browser, code, 'Anna');
  await openPhone(browser, code, 'Bram');
  for (let i = 0; i < 3; i++) await page.getByTestId('advance').click();
  await expectPhase(anna, 'propose');
  await page.close();
  await expect(anna.getByTestId('host-gone')).toBeVisible({ timeout: 20_000 });
  // Four long proposals in a two-byte script: about 27 KB each once sealed, the fourth is over the seat's cap.
  for (let i = 0; i < 4; i++) {
    await anna.getByTestId('proposal-text').fill(`${i} ${'é'.repeat(9_990)}`);
    await anna.getByTestId('proposal-submit').click();
  }
  await expect(anna.getByTestId('banner-pendingFull')).toBeVisible({ timeout: 20_000 });
  await expect(anna.getByTestId('banner-pendingFull')).toContainText('The shared screen is away');
  await anna.getByTestId('language').selectOption('nl');
  await expect(anna.getByTestId('banner-pendingFull')).toContainText('Het gedeelde scherm is weg');
});
