import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectPhase } from './helpers.ts';

/**
 * A whole session with the shared screen as stage and three phones as controllers: joining by code,
 * check-in, anonymous proposals, a secret vote, a phone that reloads, a shared screen that reloads,
 * and the top three on every screen.
 */

async function openPhone(browser: Browser, code: string, name: string): Promise<Page> {
  // Each phone is its own browser profile: its own seat token, its own storage.
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const phone = await context.newPage();
  await phone.goto(`./?join=${code}&lang=en`);
  await expect(phone.getByTestId('join-code')).toHaveValue(code);
  await phone.getByTestId('join-name').fill(name);
  await phone.getByTestId('join-submit').click();
  await expectPhase(phone, 'lobby');
  return phone;
}

async function voteOnPhone(phone: Page, dots: string[]): Promise<void> {
  await expectPhase(phone, 'vote');
  for (const text of dots) {
    await phone.getByTestId('vote-for').and(phone.locator(`[aria-label*="${text}"]`)).click();
  }
  await phone.getByTestId('vote-done').click();
}

test.describe('playing from phones', () => {
  test.skip(({ viewport }) => (viewport?.width ?? 0) < 1900, 'one run is enough: the phones have their own viewport');

  test('a team plays a whole session with phones as controllers, anonymously, through reloads', async ({ page, browser }) => {
    test.setTimeout(180_000);
    await page.goto('./?lang=en');
    await page.getByTestId('new-session').click();
    await page.getByTestId('team-name').fill('Ward North');
    await page.getByTestId('play-mode').selectOption('devices');
    await page.getByTestId('card-count').fill('1');
    await page.getByTestId('start-game').click();
    await expectPhase(page, 'lobby');
    await expect(page.getByTestId('room-code')).toHaveText(/^[A-HJ-NP-Z2-9]{6}$/);
    const code = (await page.getByTestId('room-code').textContent()) ?? '';
    await expect(page.getByTestId('join-url')).toContainText(`?join=${code}`);
    await expect(page.getByTestId('room-qr').first()).toBeVisible();

    const anna = await openPhone(browser, code, 'Anna');
    const bram = await openPhone(browser, code, 'Bram');
    const chloe = await openPhone(browser, code, 'Chloé <b>bold</b>');
    await expect(page.getByTestId('seat')).toHaveCount(3);
    await expect(page.getByTestId('seats')).toContainText('Chloé <b>bold</b>');

    // Check-in on the phones; the screen shows who is done.
    await page.getByTestId('advance').click();
    await expectPhase(page, 'check-in');
    for (const [i, phone] of [anna, bram, chloe].entries()) {
      await expectPhase(phone, 'check-in');
      await phone.getByTestId('check-in-card').nth(i).click();
    }
    await expect(page.getByTestId('device-progress')).toHaveAttribute('data-done', '3');

    // Reveal, discussion, proposals.
    for (const step of ['reveal', 'discuss', 'propose']) {
      await page.getByTestId('advance').click();
      await expectPhase(page, step);
    }
    const ideas = { anna: 'Self-rostering for the whole ward', bram: 'No meetings on Friday afternoons', chloe: 'A quiet room for the break' };
    for (const [phone, text] of [
      [anna, ideas.anna],
      [bram, ideas.bram],
    ] as const) {
      await expectPhase(phone, 'propose');
      await phone.getByTestId('proposal-text').fill(text);
      await phone.getByTestId('proposal-level').selectOption('team');
      await phone.getByTestId('proposal-submit').click();
    }
    // Chloé's phone goes to sleep halfway through typing (a reload): the draft and the seat come back.
    await expectPhase(chloe, 'propose');
    await chloe.getByTestId('proposal-text').fill(ideas.chloe);
    await chloe.reload();
    await expectPhase(chloe, 'propose');
    await expect(chloe.getByTestId('proposal-text')).toHaveValue(ideas.chloe);
    await chloe.getByTestId('proposal-submit').click();

    const proposals = page.getByTestId('proposal');
    await expect(proposals).toHaveCount(3);
    // Anonymous: the shared screen shows the ideas, never who wrote them.
    for (const name of ['Anna', 'Bram', 'Chloé']) await expect(proposals.filter({ hasText: name })).toHaveCount(0);
    for (const text of Object.values(ideas)) await expect(proposals.filter({ hasText: text })).toHaveCount(1);

    // A secret vote on the phones, everyone at once.
    await page.getByTestId('advance').click();
    await expectPhase(page, 'vote');
    await voteOnPhone(anna, [ideas.anna, ideas.anna, ideas.bram]);
    await voteOnPhone(bram, [ideas.anna, ideas.anna, ideas.bram]);
    await expect(page.getByTestId('device-progress')).toHaveAttribute('data-done', '2');
    await expect(page.getByTestId('vote-for')).toHaveCount(0);

    // The shared screen reloads mid-vote: it takes the room back and nothing is lost.
    await page.reload();
    await expectPhase(page, 'vote');
    await expect(page.getByTestId('device-progress')).toHaveAttribute('data-done', '2');
    await voteOnPhone(chloe, [ideas.anna, ideas.bram, ideas.chloe]);

    await expectPhase(page, 'results');
    await expect(page.getByTestId('proposal').first()).toContainText(ideas.anna);
    await expect(page.getByTestId('proposal-dots').first()).toHaveText('5 dots');
    await expectPhase(anna, 'results');

    await page.getByTestId('advance').click();
    await expectPhase(page, 'top-three');
    await expect(page.getByTestId('top-three-item').first()).toContainText(ideas.anna);
    for (const phone of [anna, bram, chloe]) {
      await expectPhase(phone, 'top-three');
      await expect(phone.getByText(ideas.anna).first()).toBeVisible();
    }
  });
});
