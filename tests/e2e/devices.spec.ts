import { expect, test } from '@playwright/test';
import { expectPhase, openPhone, proposeOnPhone, roomCodeOf, startDevicesGame, voteOnPhone } from './helpers.ts';
import { expectNoSeriousViolations } from './a11y.ts';

// axe is injected as a script; the game's CSP would refuse it.
test.use({ bypassCSP: true });

/**
 * A whole session with the shared screen as stage and three phones as controllers: joining by code,
 * check-in, anonymous proposals, a secret vote, a phone that reloads, a shared screen that reloads,
 * and the top three on every screen.
 */

test.describe('playing from phones', () => {
  test.skip(({ viewport }) => (viewport?.width ?? 0) < 1900, 'one run is enough: the phones have their own viewport');

  test('a team plays a whole session with phones as controllers, anonymously, through reloads', async ({ page, browser }) => {
    test.setTimeout(180_000);
    const code = await startDevicesGame(page, { team: 'Ward North' });
    await expect(page.getByTestId('join-url')).toContainText(`?join=${roomCodeOf(code)}#k=`);
    await expect(page.getByTestId('room-qr').first()).toBeVisible();

    const anna = await openPhone(browser, code, 'Anna');
    const bram = await openPhone(browser, code, 'Bram');
    const chloe = await openPhone(browser, code, 'Chloé <b>bold</b>');
    await expect(page.getByTestId('seat')).toHaveCount(3);
    await expect(page.getByTestId('seats')).toContainText('Chloé <b>bold</b>');
    await expectNoSeriousViolations(page, 'shared screen, lobby');
    await expectNoSeriousViolations(anna, 'phone, lobby');

    // Check-in on the phones; the screen shows who is done.
    await page.getByTestId('advance').click();
    await expectPhase(page, 'check-in');
    await expectPhase(anna, 'check-in');
    await expectNoSeriousViolations(anna, 'phone, check-in');
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
      await proposeOnPhone(phone, text, 'team');
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
    await expectNoSeriousViolations(anna, 'phone, propose');
    await page.getByTestId('advance').click();
    await expectPhase(page, 'vote');
    await expectPhase(anna, 'vote');
    await expectNoSeriousViolations(anna, 'phone, vote');
    await voteOnPhone(anna, [ideas.anna, ideas.anna, ideas.bram]);
    await voteOnPhone(bram, [ideas.anna, ideas.anna, ideas.bram]);
    await expect(page.getByTestId('device-progress')).toHaveAttribute('data-done', '2');
    await expect(page.getByTestId('vote-for')).toHaveCount(0);
    await expectNoSeriousViolations(page, 'shared screen, vote on phones');

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

test.describe('choosing 25/10 on phones', () => {
  test.skip(({ viewport }) => (viewport?.width ?? 0) < 1900, 'one run is enough: the phones have their own viewport');

  test('each player writes one bold idea, scores the ideas of others in rounds, and the screen counts down', async ({ page, browser }) => {
    test.setTimeout(120_000);
    const code = await startDevicesGame(page, { team: 'Ward South', crowd: true, checkIn: false });
    const phones = [await openPhone(browser, code, 'Anna'), await openPhone(browser, code, 'Bram'), await openPhone(browser, code, 'Chloé')];
    await expect(page.getByTestId('seat')).toHaveCount(3);
    for (const step of ['reveal', 'discuss', 'propose']) {
      await page.getByTestId('advance').click();
      await expectPhase(page, step);
    }
    const ideas = ['Bold: a ward run by its nurses', 'Bold: no paperwork on Mondays', 'Bold: one extra colleague per shift'];
    for (const [i, phone] of phones.entries()) {
      await proposeOnPhone(phone, ideas[i] ?? '');
      // One bold idea each: after sending, the form is gone.
      await expect(phone.getByTestId('my-proposal')).toContainText(ideas[i] ?? '');
      await expect(phone.getByTestId('proposal-text')).toHaveCount(0);
    }
    await expect(page.getByTestId('proposal')).toHaveCount(3);

    await page.getByTestId('advance').click();
    await expectPhase(page, 'vote');
    // Two rounds with three ideas: nobody scores their own idea; the first idea gets 5, the others 1.
    for (let round = 1; round <= 2; round++) {
      await expect(page.getByTestId('device-vote-title')).toContainText(`round ${round} of 2`);
      for (const [i, phone] of phones.entries()) {
        const hand = phone.getByTestId('crowd-hand');
        await expect(hand).toBeVisible();
        await expect(hand).not.toContainText(ideas[i] ?? '');
        const text = (await hand.textContent()) ?? '';
        await phone.locator(`[data-testid="crowd-score"][data-score="${text.includes(ideas[0] ?? '') ? 5 : 1}"]`).click();
      }
    }
    await expectPhase(page, 'results');
    const countdown = page.getByTestId('countdown').getByTestId('proposal');
    await expect(countdown).toHaveCount(3);
    await expect(countdown.last()).toContainText(ideas[0] ?? '');
    await expect(countdown.last().getByTestId('proposal-dots')).toHaveText('10 points');
  });
});

test.describe('moving the shared screen', () => {
  test.skip(({ viewport }) => (viewport?.width ?? 0) < 1900, 'one run is enough');

  test('another screen takes the room over with the one-time move address; the phones follow it', async ({ page, browser }) => {
    test.setTimeout(120_000);
    const code = await startDevicesGame(page, { team: 'Ward South' });
    const anna = await openPhone(browser, code, 'Anna');
    await openPhone(browser, code, 'Bram');
    await page.getByTestId('host-move').click();
    const moveUrl = (await page.getByTestId('host-move-url').textContent()) ?? '';
    expect(moveUrl).toContain(`?host=${roomCodeOf(code)}#`);

    const other = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    await other.goto(moveUrl);
    await expectPhase(other, 'lobby');
    await expect(other.getByTestId('room-code')).toHaveText(code);
    await expect(other.getByTestId('seat')).toHaveCount(2);
    // The key does not stay in the new screen's address bar.
    expect(other.url()).not.toContain('#');
    await expect(page.getByTestId('room-replaced')).toBeVisible();

    await other.getByTestId('advance').click();
    await expectPhase(other, 'check-in');
    await expectPhase(anna, 'check-in');
  });
});
