import { expect, test } from '@playwright/test';
import { expectPhase, openPhone, TYPED_CODE } from './helpers.ts';

/**
 * While the shared screen is away the room keeps a phone's actions only up to a cap (96 KiB per seat): past it,
 * the phone says so in the player's language (`banner-pendingFull`) and keeps what it could not send.
 */
test.skip(({ viewport }) => (viewport?.width ?? 0) < 1900, 'one run is enough');

test('a phone that sends too much while the screen is away says so, in its language', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.goto('./?lang=en');
  await page.getByTestId('new-session').click();
  await page.getByTestId('team-name').fill('Ward East');
  await page.getByTestId('play-mode').selectOption('devices');
  await page.getByTestId('card-count').fill('1');
  await page.getByTestId('check-in-toggle').uncheck();
  await page.getByTestId('start-game').click();
  await expect(page.getByTestId('room-code')).toHaveText(TYPED_CODE);
  const code = (await page.getByTestId('room-code').textContent()) ?? '';
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
