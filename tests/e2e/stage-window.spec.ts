/**
 * The presenter view: the facilitator opens a second window with only the stage, drags it to the TV, and
 * the two windows stay in step through the browser, with no server, through reloads of either window.
 */
import { test, expect, type Page, type BrowserContext } from '@playwright/test';
import { expectPhase, openPhone, propose, proposalIds, setupGame, startDevicesGame, voteOnce } from './helpers.ts';
import { expectNoSeriousViolations } from './a11y.ts';

// axe-core is injected into the stage window as an inline script.
test.use({ bypassCSP: true });
// Two windows draw the stage: on a busy machine a whole session takes a while.
test.describe.configure({ timeout: 180_000 });

const NAMES = ['Anna', 'Bram'];
const shots = (name: string) => test.info().outputPath(name);

async function openStageWindow(page: Page, context: BrowserContext): Promise<Page> {
  const [stage] = await Promise.all([context.waitForEvent('page'), page.getByTestId('open-stage-window').click()]);
  await stage.waitForLoadState();
  await stage.setViewportSize({ width: 1920, height: 1080 });
  return stage;
}

/** The stage window shows the stage and the step, and not one of the facilitator's controls. */
async function expectOnlyStage(stage: Page): Promise<void> {
  await expect(stage.getByTestId('stage')).toBeVisible();
  await expect(stage.getByTestId('phase')).toHaveAttribute('data-phase', /.+/);
  for (const id of ['advance', 'undo', 'end-early', 'open-stage-window', 'proposal-submit', 'language', 'mute']) await expect(stage.getByTestId(id)).toHaveCount(0);
  await expect(stage.locator('#panel, #topbar, button, input, select')).toHaveCount(0);
}

async function toPropose(page: Page, team: string): Promise<void> {
  await setupGame(page, { team, names: NAMES, deck: 'ggz', cards: 1, checkIn: false });
  await expectPhase(page, 'reveal');
}

test('the stage window follows the facilitator from the card to the top three, on the whole TV', async ({ page, context }) => {
  await toPropose(page, 'Team Venster');
  // The button is on the facilitator's side, not on the stage.
  await expect(page.getByTestId('stage').getByTestId('open-stage-window')).toHaveCount(0);
  const stage = await openStageWindow(page, context);
  expect(new URL(stage.url()).searchParams.get('stage')).toBeTruthy();
  await expectOnlyStage(stage);
  await expect(stage.getByTestId('phase')).toHaveAttribute('data-phase', 'reveal');

  await page.getByTestId('advance').click();
  await expect(stage.getByTestId('phase')).toHaveAttribute('data-phase', 'discuss');
  await page.getByTestId('advance').click();
  await expect(stage.getByTestId('phase')).toHaveAttribute('data-phase', 'propose');
  await propose(page, 'Een vaste schrijfdag zonder telefoon', 'team');
  await propose(page, 'De bestuurder draait een nachtdienst mee', 'organisation');
  await propose(page, 'Elke dag een kwartier intervisie', 'individual');
  const text = stage.getByTestId('stage-text');
  await expect(text).toContainText('Een vaste schrijfdag zonder telefoon');
  await expect(text).toContainText('De bestuurder draait een nachtdienst mee');
  await expect(text).toContainText('Elke dag een kwartier intervisie');

  // At 1920×1080 the stage takes the whole window, with text the back of the room can read.
  const box = await stage.getByTestId('stage').boundingBox();
  expect(box).toMatchObject({ x: 0, y: 0, width: 1920, height: 1080 });
  await expect.poll(async () => Number(await stage.getByTestId('stage').getAttribute('data-min-text-px'))).toBeGreaterThanOrEqual(32);
  await expect(stage.getByTestId('stage-host-gone')).toBeHidden();
  await expectNoSeriousViolations(stage, 'stage window, proposals');
  await stage.screenshot({ path: shots('stage-window-propose.png') });
  await page.screenshot({ path: shots('main-window-propose.png') });

  await page.getByTestId('advance').click();
  await expect(stage.getByTestId('phase')).toHaveAttribute('data-phase', 'vote');
  const ids = await proposalIds(page);
  await voteOnce(page, [ids[0]!, ids[1]!, ids[2]!]);
  await voteOnce(page, [ids[1]!, ids[2]!, ids[0]!]);
  await expectPhase(page, 'results');
  // The reveal: the stage window lists the dots as the main stage draws them.
  await expect(stage.getByTestId('phase')).toHaveAttribute('data-phase', 'results');
  await expect(text.locator('.stage-text__results li').first()).toContainText('De bestuurder draait een nachtdienst mee');
  await expect(text.locator('.stage-text__results li').first()).toContainText('3');
  await page.getByTestId('advance').click();
  await expect(stage.getByTestId('phase')).toHaveAttribute('data-phase', 'top-three');
  await expect(text.locator('.stage-text__top-three li')).toHaveCount(3);
  await expect(text.locator('.stage-text__top-three li').first()).toContainText('De bestuurder draait een nachtdienst mee');
  await expect.poll(async () => Number(await stage.getByTestId('stage').getAttribute('data-min-text-px'))).toBeGreaterThanOrEqual(32);
  // The podium comes in place by place (third first); the picture is taken once all three stand.
  await stage.waitForTimeout(3000);
  await stage.screenshot({ path: shots('stage-window-top-three.png') });
  await page.screenshot({ path: shots('main-window-top-three.png') });
  // Sound plays once, from the facilitator's window: the stage window never even loads the sounds.
  const loadsSounds = (p: Page) => p.evaluate(() => performance.getEntriesByType('resource').some((e) => /sfx[^/]*\.(webm|mp3)/.test(e.name)));
  await expect.poll(() => loadsSounds(page)).toBe(true);
  expect(await loadsSounds(stage)).toBe(false);
});

test('a reload of either window loses nothing, and a language switch follows', async ({ page, context }) => {
  await toPropose(page, 'Team Herladen');
  await page.getByTestId('advance').click();
  await page.getByTestId('advance').click();
  await expectPhase(page, 'propose');
  const stage = await openStageWindow(page, context);
  await propose(page, 'Overdracht op papier bij stroomuitval', 'team');
  await expect(stage.getByTestId('stage-text')).toContainText('Overdracht op papier bij stroomuitval');

  // The stage window reloads: same step, same proposals, still following.
  await stage.reload();
  await expect(stage.getByTestId('phase')).toHaveAttribute('data-phase', 'propose');
  await expect(stage.getByTestId('stage-text')).toContainText('Overdracht op papier bij stroomuitval');
  await expectOnlyStage(stage);
  await propose(page, 'Een vaste pauzeplek buiten de afdeling', 'manager');
  await expect(stage.getByTestId('stage-text')).toContainText('Een vaste pauzeplek buiten de afdeling');

  // The facilitator's window reloads: the stage window follows it again.
  await page.reload();
  await expectPhase(page, 'propose');
  await page.getByTestId('advance').click();
  await expectPhase(page, 'vote');
  await expect(stage.getByTestId('phase')).toHaveAttribute('data-phase', 'vote');
  await page.getByTestId('undo').click();
  await expect(stage.getByTestId('phase')).toHaveAttribute('data-phase', 'propose');

  // The facilitator switches the language: the stage speaks it too.
  await page.getByTestId('language').selectOption('en');
  await expect(stage.locator('html')).toHaveAttribute('lang', 'en');
  await expect(stage.getByTestId('phase')).toHaveText('Proposals');
});

test('when the facilitator’s window is gone for a while, the stage says so calmly', async ({ page, context }) => {
  await toPropose(page, 'Team Weg');
  const stage = await openStageWindow(page, context);
  await expect(stage.getByTestId('phase')).toHaveAttribute('data-phase', 'reveal');
  await expect(stage.getByTestId('stage-host-gone')).toBeHidden();
  await page.close();
  const gone = stage.getByTestId('stage-host-gone');
  await expect(gone).toBeVisible({ timeout: 20_000 });
  await expect(gone).toContainText('gespreksleider');
  // The stage itself stays as it was.
  await expect(stage.getByTestId('phase')).toHaveAttribute('data-phase', 'reveal');
  await stage.screenshot({ path: shots('stage-window-gone.png') });
});

test('with phones: the stage window shows the room code in the lobby and follows the steps', async ({ page, context, browser }) => {
  test.skip((page.viewportSize()?.width ?? 0) < 1900, 'one run is enough: the phones have their own viewport');
  const code = await startDevicesGame(page, { team: 'Ward East', checkIn: false });
  const stage = await openStageWindow(page, context);
  await expect(stage.getByTestId('phase')).toHaveAttribute('data-phase', 'lobby');
  await expect(stage.getByTestId('stage-room-code')).toHaveText(code);
  await expectOnlyStage(stage);
  await stage.screenshot({ path: shots('stage-window-lobby.png') });
  const anna = await openPhone(browser, code, 'Anna');
  const bram = await openPhone(browser, code, 'Bram');
  await expect(page.getByTestId('seat')).toHaveCount(2);
  await page.getByTestId('advance').click();
  await expect(stage.getByTestId('phase')).toHaveAttribute('data-phase', 'reveal');
  await expect(stage.getByTestId('stage-room-code')).toHaveCount(0);
  await page.getByTestId('advance').click();
  await page.getByTestId('advance').click();
  await expect(stage.getByTestId('phase')).toHaveAttribute('data-phase', 'propose');
  await anna.getByTestId('proposal-text').fill('A quiet room for the handover');
  await anna.getByTestId('proposal-submit').click();
  // The author stays secret on the stage as on the shared screen.
  await expect(stage.getByTestId('stage-text')).toContainText('A quiet room for the handover');
  await expect(stage.getByTestId('stage-text')).not.toContainText('Anna');
  await anna.context().close();
  await bram.context().close();
});
