import { expect, test, type Browser, type Page } from '@playwright/test';
import { checkInEveryone, expectPhase, openPhone, propose, proposeOnPhone, roomCodeOf, setupGame, startDevicesGame } from './helpers.ts';
import { expectNoSeriousViolations } from './a11y.ts';

// axe is injected as a script; the game's CSP would refuse it.
test.use({ bypassCSP: true });

/**
 * The facilitator's remote (issue 12 item 4): a second browser page opens the address the shared screen shows
 * on request, and steers the screen. The screen stays the source of truth.
 */

/** Seconds left on the shared screen's clock (`#timer-display`, "m:ss left"). */
async function screenSeconds(page: Page): Promise<number> {
  const text = (await page.locator('#timer-display').textContent()) ?? '';
  const m = /(\d+):(\d\d)/.exec(text);
  if (!m) throw new Error(`no clock in "${text}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Shows the remote's address on the facilitator's side and opens it on a phone-sized page. */
async function openRemote(page: Page, browser: Browser): Promise<Page> {
  await expect(page.getByTestId('remote-url')).toHaveCount(0);
  await page.getByTestId('remote-show').click();
  const urlBox = page.getByTestId('remote-url');
  await expect(urlBox).toContainText('?remote=');
  await expect(page.getByTestId('remote-qr')).toBeVisible();
  // Never on the stage.
  await expect(page.getByTestId('stage').getByTestId('remote-url')).toHaveCount(0);
  await expect(page.getByTestId('stage').getByTestId('remote-show')).toHaveCount(0);
  const url = (await urlBox.textContent()) ?? '';
  expect(url).toMatch(/\?remote=[A-HJ-NP-Z2-9]{6}#r=[A-Za-z0-9_-]{32}\.[A-Za-z0-9_-]{43}$/);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, bypassCSP: true });
  const phone = await context.newPage();
  await phone.goto(url.replace(/^https?:\/\/[^/]+\//, './').replace('?remote=', '?lang=en&remote='));
  // The secrets leave the address bar; a reload still works from the tab's memory.
  await expect.poll(() => phone.url()).not.toContain('#r=');
  await expect(page.getByTestId('remote-count')).toHaveAttribute('data-count', '1');
  return phone;
}

async function drive(page: Page, phone: Page, step: string): Promise<void> {
  await expectPhase(phone, step);
  await expectPhase(page, step);
}

test.describe('the facilitator’s remote', () => {
  test.skip(({ viewport }) => (viewport?.width ?? 0) < 1900, 'one run is enough: the remote has its own viewport');

  test('one screen: the remote steps, pauses, adds time, hides, merges and wraps up, and the game stays on one screen', async ({ page, browser }) => {
    test.setTimeout(240_000);
    await setupGame(page, { team: 'Ward West', names: ['Ann', 'Bo'], lang: 'en', cards: 1 });
    const phone = await openRemote(page, browser);
    await expectNoSeriousViolations(phone, 'remote page');
    await checkInEveryone(page, 2);
    await drive(page, phone, 'reveal');

    // Next step and step back from the phone.
    await phone.getByTestId('remote-advance').click();
    await drive(page, phone, 'discuss');
    await phone.getByTestId('remote-undo').click();
    await drive(page, phone, 'reveal');
    await phone.getByTestId('remote-advance').click();
    await drive(page, phone, 'discuss');

    // The clock: pause, resume, +1 minute.
    await expect(phone.getByTestId('remote-timer')).toHaveAttribute('data-timer', 'running');
    await phone.getByTestId('remote-pause').click();
    await expect(page.getByTestId('resume')).toBeVisible();
    await expect(phone.getByTestId('remote-pause')).toHaveCount(0);
    const paused = await screenSeconds(page);
    await phone.getByTestId('remote-add-time').click();
    await expect.poll(() => screenSeconds(page)).toBe(paused + 60);
    await phone.getByTestId('remote-resume').click();
    await expect(page.getByTestId('pause')).toBeVisible();
    await expect(phone.getByTestId('remote-timer')).toHaveAttribute('data-timer', 'running');

    // Proposals: the list on the phone; hide and restore, merge.
    await phone.getByTestId('remote-advance').click();
    await drive(page, phone, 'propose');
    const ideas = ['Stop the double report', 'No more reporting twice', 'A quiet room for breaks'];
    for (const idea of ideas) await propose(page, idea);
    await expect(phone.getByTestId('remote-proposal')).toHaveCount(3);
    const screenList = page.getByTestId('proposal');
    const third = phone.getByTestId('remote-proposal').filter({ hasText: ideas[2]! });
    await third.getByTestId('remote-hide').click();
    await expect(screenList.filter({ hasText: ideas[2]! })).toHaveAttribute('data-hidden', 'true');
    await expect(third).toHaveAttribute('data-hidden', 'true');
    await third.getByTestId('remote-restore').click();
    await expect(screenList.filter({ hasText: ideas[2]! })).toHaveAttribute('data-hidden', 'false');

    const second = phone.getByTestId('remote-proposal').filter({ hasText: ideas[1]! });
    await second.getByTestId('remote-merge').click();
    const sourceId = (await second.getAttribute('data-proposal-id')) ?? '';
    const target = phone.getByTestId('remote-proposal').filter({ hasText: ideas[0]! });
    const targetId = (await target.getAttribute('data-proposal-id')) ?? '';
    await target.getByTestId('remote-merge-target').click();
    // The screen lists the merged proposal once, under the target's id.
    await expect(screenList).toHaveCount(2);
    await expect(page.locator(`[data-testid="proposal"][data-proposal-id="${targetId}"]`)).toHaveCount(1);
    await expect(page.locator(`[data-testid="proposal"][data-proposal-id="${sourceId}"]`)).toHaveCount(0);
    await expect(phone.getByTestId('remote-proposal')).toHaveCount(2);
    await expect(phone.getByTestId('remote-proposal').first()).toHaveAttribute('data-merged', sourceId);
    await expect(phone.getByTestId('remote-proposal').first()).toContainText(ideas[1]!);

    // The remote page reloads: it comes back without the address's secrets.
    await phone.reload();
    await expectPhase(phone, 'propose');

    // Wrap up, confirmed on the phone.
    phone.once('dialog', (d) => void d.accept());
    await phone.getByTestId('remote-end-early').click();
    await expectPhase(page, 'top-three');
    await expectPhase(phone, 'top-three');
    // Still a one-screen game: no room code, no seats, no join line.
    await expect(page.getByTestId('room-code')).toHaveCount(0);
    await expect(page.getByTestId('join-strip')).toHaveCount(0);

    // The screen goes away: the remote says so calmly, and comes back with it.
    const screenUrl = page.url();
    await page.goto('about:blank');
    await expect(phone.getByTestId('remote-screen-away')).toBeVisible();
    await expect(phone.getByTestId('remote-advance')).toHaveCount(0);
    await page.goto(screenUrl);
    await expectPhase(page, 'top-three');
    await expect(phone.getByTestId('remote-screen-away')).toHaveCount(0);
    await expectPhase(phone, 'top-three');
    await phone.context().close();
  });

  test('devices: the remote steers a game played from phones', async ({ page, browser }) => {
    test.setTimeout(240_000);
    const code = await startDevicesGame(page, { team: 'Ward East', checkIn: false });
    const anna = await openPhone(browser, code, 'Anna');
    const bram = await openPhone(browser, code, 'Bram');
    await expect(page.getByTestId('seat')).toHaveCount(2);

    const remote = await openRemote(page, browser);
    expect(await page.getByTestId('remote-url').textContent()).toContain(`?remote=${roomCodeOf(code)}#`);
    await expectPhase(remote, 'lobby');
    await remote.getByTestId('remote-advance').click();
    await drive(page, remote, 'reveal');
    await expectPhase(anna, 'reveal');
    await remote.getByTestId('remote-advance').click();
    await drive(page, remote, 'discuss');
    await remote.getByTestId('remote-advance').click();
    await drive(page, remote, 'propose');
    for (const [phone, text] of [
      [anna, 'Self-rostering for the ward'],
      [bram, 'Self rostering on the ward'],
    ] as const) {
      await proposeOnPhone(phone, text);
    }
    await expect(remote.getByTestId('remote-proposal')).toHaveCount(2);
    // Still anonymous on the remote.
    for (const name of ['Anna', 'Bram']) await expect(remote.getByTestId('remote-proposal').filter({ hasText: name })).toHaveCount(0);
    await remote.getByTestId('remote-proposal').nth(1).getByTestId('remote-merge').click();
    await remote.getByTestId('remote-merge-target').click();
    await expect(page.getByTestId('proposal')).toHaveCount(1);
    await remote.getByTestId('remote-advance').click();
    await drive(page, remote, 'vote');
    await expectPhase(anna, 'vote');
    await expect(anna.getByTestId('candidate')).toHaveCount(1);
    remote.once('dialog', (d) => void d.accept());
    await remote.getByTestId('remote-end-early').click();
    await expectPhase(page, 'top-three');
    await expectPhase(remote, 'top-three');
    await remote.context().close();
  });
});
