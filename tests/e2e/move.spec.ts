import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectPhase, openPhone, roomCodeOf, startDevicesGame } from './helpers.ts';

/**
 * Moving the shared screen to another screen: the address exists only once the facilitator asks for it, only on
 * the facilitator's side, holds a one-time move key (never the host token), and works once. The game and the
 * phones come along; a spent, replaced or unknown key says so in the screen's language and breaks nothing.
 */

/** Starts a session on devices and records the host token the server hands this screen (from the socket). */
async function startOnDevices(page: Page): Promise<{ code: string; hostTokens: string[] }> {
  const hostTokens: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', (frame) => {
      const msg = JSON.parse(String(frame.payload)) as { t?: string; hostToken?: string };
      if (msg.hostToken) hostTokens.push(msg.hostToken);
    }),
  );
  const code = await startDevicesGame(page, { team: 'Ward East' });
  expect(hostTokens).toHaveLength(1);
  return { code, hostTokens };
}

/** A fresh browser (no saved language: the game speaks Dutch) as a big screen. */
async function newScreen(browser: Browser): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
}

async function askMoveUrl(page: Page): Promise<string> {
  await page.getByTestId('host-move').click();
  await expect(page.getByTestId('host-move-url')).toBeVisible();
  return (await page.getByTestId('host-move-url').textContent()) ?? '';
}

test.describe('moving the shared screen with a one-time address', () => {
  test.skip(({ viewport }) => (viewport?.width ?? 0) < 1900, 'one run is enough: the screens have their own viewport');

  test('the address appears only when asked, off the stage, without the host token; it moves the game once', async ({ page, browser }) => {
    test.setTimeout(120_000);
    const { code, hostTokens } = await startOnDevices(page);
    const hostToken = hostTokens[0] ?? '';
    expect(hostToken).toMatch(/^[A-Za-z0-9_-]{32,64}$/);
    const anna = await openPhone(browser, code, 'Anna');
    const bram = await openPhone(browser, code, 'Bram');
    await expect(page.getByTestId('seat')).toHaveCount(2);
    // Nothing to read in the lobby until the facilitator asks; and the button is never on the stage.
    await expect(page.getByTestId('host-move')).toBeVisible();
    await expect(page.getByTestId('host-move-url')).toHaveCount(0);
    await expect(page.getByTestId('stage').getByTestId('host-move')).toHaveCount(0);

    // During the game: Anna checks in, then the facilitator asks for the address (with the room strip).
    await page.getByTestId('advance').click();
    await expectPhase(anna, 'check-in');
    await anna.getByTestId('check-in-card').first().click();
    await expect(page.getByTestId('device-progress')).toHaveAttribute('data-done', '1');
    await expect(page.getByTestId('host-move-url')).toHaveCount(0);
    const moveUrl = await askMoveUrl(page);
    // The one-time key, then the typed part of the code (the new screen needs the room key): never the host token.
    expect(moveUrl).toMatch(new RegExp(`\\?host=${roomCodeOf(code)}#m=[A-Za-z0-9_-]{32,64}\\.${code.slice(7).replace('-', '')}$`));
    expect(moveUrl).not.toContain(hostToken);
    await expect(page.getByTestId('stage').getByTestId('host-move-url')).toHaveCount(0);
    expect(await page.content()).not.toContain(hostToken);
    expect(page.url()).not.toContain(hostToken);
    // Hidden again on request; the same address still works (it is spent only by a move).
    await page.getByTestId('host-move').click();
    await expect(page.getByTestId('host-move-url')).toHaveCount(0);
    await expect(page.getByTestId('host-move')).toHaveAttribute('aria-expanded', 'false');
    await page.getByTestId('host-move').click();
    const shownAgain = (await page.getByTestId('host-move-url').textContent()) ?? '';
    expect(shownAgain).not.toBe(moveUrl);
    expect(shownAgain).toMatch(new RegExp(`\\?host=${roomCodeOf(code)}#m=`));

    // The other screen takes the room over with the game as it was; the first one says the address is spent.
    const other = await newScreen(browser);
    await other.goto(shownAgain);
    await expectPhase(other, 'check-in');
    await expect(other.getByTestId('device-progress')).toHaveAttribute('data-done', '1');
    expect(other.url()).not.toContain('#');
    await expect(page.getByTestId('room-replaced')).toBeVisible();
    await expect(page.getByTestId('room-move-used')).toBeVisible();
    await expect(page.getByTestId('host-move-url')).toHaveCount(0);

    // The same address a second time: a clear message in that screen's language (Dutch here), and nothing breaks.
    const third = await newScreen(browser);
    await third.goto(shownAgain);
    const failed = third.getByTestId('room-takeover-failed');
    await expect(failed).toBeVisible();
    await expect(failed).toHaveAttribute('data-reason', 'used');
    await expect(failed).toContainText('Vraag de gespreksleider om een nieuw adres');
    await expect(third.getByTestId('new-session')).toBeVisible();
    expect(third.url()).not.toContain('#');
    // The older address (superseded by the newer one) does not work either.
    const fourth = await newScreen(browser);
    await fourth.goto(moveUrl);
    await expect(fourth.getByTestId('room-takeover-failed')).toHaveAttribute('data-reason', 'used');

    // The new screen keeps the room: the phones play on with it.
    await expect(other.getByTestId('room-replaced')).toHaveCount(0);
    await expectPhase(bram, 'check-in');
    await bram.getByTestId('check-in-card').nth(1).click();
    await expect(other.getByTestId('device-progress')).toHaveAttribute('data-done', '2');
    await other.getByTestId('advance').click();
    await expectPhase(other, 'reveal');
    await expectPhase(anna, 'reveal');
  });

  test('a newer address makes the older one useless; the newest one, with the typed part after its key, moves the room', async ({ page, browser }) => {
    test.setTimeout(90_000);
    const { code } = await startOnDevices(page);
    await openPhone(browser, code, 'Anna');
    const first = await askMoveUrl(page);
    await page.getByTestId('host-move').click();
    const second = await askMoveUrl(page);
    expect(second).not.toBe(first);

    const stale = await newScreen(browser);
    await stale.goto(`${first}`);
    await expect(stale.getByTestId('room-takeover-failed')).toHaveAttribute('data-reason', 'used');
    // Nothing moved: this screen still hosts the room.
    await expect(page.getByTestId('room-replaced')).toHaveCount(0);
    await expect(page.getByTestId('seat')).toHaveCount(1);

    // The key and, after a dot, the typed part of the code (`#m=<key>.<typed>`): the newest address moves the room.
    expect(second).toMatch(/#m=[A-Za-z0-9_-]{32,64}\.[A-Z0-9]{8}$/);
    const other = await newScreen(browser);
    await other.goto(second);
    await expectPhase(other, 'lobby');
    await expect(other.getByTestId('room-code')).toHaveText(code);
    await expect(other.getByTestId('seat')).toHaveCount(1);
    await expect(page.getByTestId('room-replaced')).toBeVisible();
  });
});
