/** The facilitator's controls live in a drawer; what a player needs stays in view, and the stage keeps the width. */
import { test, expect, type Page } from '@playwright/test';
import { expectPhase, propose, proposalIds, setupGame } from './helpers.ts';
import { expectNoSeriousViolations } from './a11y.ts';

// axe is added to the page as a script: the app's own policy allows none of ours.
test.use({ bypassCSP: true });

const drawer = (page: Page) => page.getByTestId('facilitator-drawer');
const toggle = (page: Page) => page.getByTestId('drawer-toggle');

async function toPropose(page: Page): Promise<void> {
  await setupGame(page, { team: 'Team Lade', names: ['Anna', 'Bram'], cards: 1, checkIn: false });
  await expectPhase(page, 'reveal');
  await page.getByTestId('advance').click();
  await page.getByTestId('advance').click();
  await expectPhase(page, 'propose');
}

async function setDrawer(page: Page, open: boolean): Promise<void> {
  if ((await drawer(page).getAttribute('data-open')) !== String(open)) await toggle(page).click();
  await expect(drawer(page)).toHaveAttribute('data-open', String(open));
}

/** Every control in view, not covered by anything else, and at least 44 px each way. */
async function expectReachable(page: Page, testId: string): Promise<void> {
  const control = page.getByTestId(testId).first();
  await control.scrollIntoViewIfNeeded();
  await expect(control).toBeInViewport();
  const box = await control.boundingBox();
  expect(box?.width ?? 0, `${testId} width`).toBeGreaterThanOrEqual(44);
  expect(box?.height ?? 0, `${testId} height`).toBeGreaterThanOrEqual(44);
  // Nothing lies over its middle (the drawer may overlay the stage, never a player's control).
  const onTop = await control.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && (hit === el || el.contains(hit) || hit.contains(el));
  });
  expect(onTop, `${testId} is not covered`).toBe(true);
}

test('the toggle opens and closes the drawer, and the device remembers it through a reload', async ({ page }) => {
  await toPropose(page);
  // At first use a tablet or a larger screen shows the controls.
  await expect(drawer(page)).toHaveAttribute('data-open', 'true');
  await expect(toggle(page)).toHaveAttribute('aria-expanded', 'true');
  await expect(toggle(page)).toHaveAttribute('aria-controls', 'facilitator-drawer');
  await expect(toggle(page)).toHaveAccessibleName(/bediening/i);
  await expect(drawer(page).getByTestId('draw-twist')).toBeVisible();

  await toggle(page).click();
  await expect(drawer(page)).toHaveAttribute('data-open', 'false');
  await expect(toggle(page)).toHaveAttribute('aria-expanded', 'false');
  await expect(drawer(page)).toBeHidden();
  await expect(page.getByTestId('draw-twist')).toBeHidden();

  await page.reload();
  await expectPhase(page, 'propose');
  await expect(drawer(page)).toHaveAttribute('data-open', 'false');
  await expect(toggle(page)).toHaveAttribute('aria-expanded', 'false');

  await toggle(page).click();
  await expect(drawer(page)).toHaveAttribute('data-open', 'true');
  await page.reload();
  await expectPhase(page, 'propose');
  await expect(drawer(page)).toHaveAttribute('data-open', 'true');
  await expect(drawer(page).getByTestId('draw-twist')).toBeVisible();
});

test('the stage keeps at least 60% of the width with the drawer open and closed', async ({ page }, info) => {
  await toPropose(page);
  await propose(page, 'Een vaste schrijfdag zonder telefoon');
  const viewport = page.viewportSize() ?? { width: 0, height: 0 };
  for (const open of [true, false]) {
    await setDrawer(page, open);
    const box = await page.getByTestId('stage').boundingBox();
    if (viewport.width >= 1920) expect(box?.width ?? 0).toBeGreaterThanOrEqual(viewport.width * 0.6);
    // The top bar stays on one row, with the toggle in it.
    const middles = await page.locator('#topbar button:visible, #topbar select:visible').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top + e.getBoundingClientRect().height / 2)));
    expect(Math.max(...middles) - Math.min(...middles)).toBeLessThan(12);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: info.outputPath(`drawer-${open ? 'open' : 'closed'}-${viewport.width}.png`) });
  }
});

test('facilitator controls are in the drawer; the proposal form and the tablet vote stay with the players', async ({ page }) => {
  await toPropose(page);
  await propose(page, 'Een vaste schrijfdag zonder telefoon');
  await propose(page, 'Elke dag een kwartier intervisie', 'individual');
  await expect(drawer(page).getByTestId('proposal-hide')).toHaveCount(2);
  for (const id of ['draw-twist', 'vote-dots', 'vote-max', 'vote-rules-apply']) await expect(drawer(page).getByTestId(id)).toHaveCount(1);
  for (const id of ['proposal-text', 'proposal-level', 'proposal-submit']) await expect(drawer(page).getByTestId(id)).toHaveCount(0);
  // A hidden proposal is the facilitator's work: it happens in the drawer and stays there.
  await drawer(page).getByTestId('proposal').filter({ hasText: 'intervisie' }).getByTestId('proposal-hide').click();
  await expect(drawer(page).getByTestId('proposal-restore')).toHaveCount(1);

  await setDrawer(page, false);
  for (const id of ['proposal-text', 'proposal-level', 'proposal-submit']) await expectReachable(page, id);
  await page.getByTestId('proposal-text').fill('Met de lade dicht');
  await page.getByTestId('proposal-submit').click();
  await expect(page.getByTestId('proposal-text')).toHaveValue('');

  await page.getByTestId('advance').click();
  await expectPhase(page, 'vote');
  await expect(drawer(page)).toHaveAttribute('data-open', 'false');
  for (const id of ['voter', 'dots-left', 'vote-for', 'vote-remove', 'vote-done']) await expect(page.getByTestId(id).first()).toBeVisible();
  for (const id of ['vote-for', 'vote-remove', 'vote-done']) await expectReachable(page, id);
  const ids = await proposalIds(page);
  await page.locator(`[data-testid="vote-for"][data-proposal-id="${ids[0]}"]`).click();
  await expect(page.getByTestId('dots-left')).not.toHaveText(/^$/);

  // With the drawer open the players' controls are still in view and not covered.
  await setDrawer(page, true);
  for (const id of ['vote-for', 'vote-remove', 'vote-done']) await expectReachable(page, id);
  // The drawer holds the facilitator's side of the vote (the guide for the step), never a player's vote control.
  await expect(drawer(page).getByTestId('guide')).toBeVisible();
  await expect(drawer(page).getByTestId('vote-for')).toHaveCount(0);
});

test('check-in cards stay with the players while the drawer is closed', async ({ page }) => {
  await setupGame(page, { team: 'Team Kaart', names: ['Anna', 'Bram'], cards: 1 });
  await expectPhase(page, 'check-in');
  await setDrawer(page, false);
  await expectReachable(page, 'check-in-card');
  await page.getByTestId('check-in-card').first().click();
  await setDrawer(page, true);
  await expectReachable(page, 'check-in-card');
});

test('keyboard only: Enter opens, Escape from inside closes and gives focus back to the toggle; axe finds nothing', async ({ page }) => {
  await toPropose(page);
  await propose(page, 'Een vaste schrijfdag zonder telefoon');
  await expectNoSeriousViolations(page, 'propose, drawer open');
  await toggle(page).focus();
  await page.keyboard.press('Enter');
  await expect(drawer(page)).toHaveAttribute('data-open', 'false');
  await expect(toggle(page)).toBeFocused();
  await expectNoSeriousViolations(page, 'propose, drawer closed');
  await page.keyboard.press('Space');
  await expect(drawer(page)).toHaveAttribute('data-open', 'true');
  // Tab into the drawer: its first control is the twist.
  await page.getByTestId('draw-twist').focus();
  await page.keyboard.press('Tab');
  await expect(drawer(page).locator(':focus')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(drawer(page)).toHaveAttribute('data-open', 'false');
  await expect(toggle(page)).toBeFocused();
  await expect(toggle(page)).toHaveAttribute('aria-expanded', 'false');
  // Escape elsewhere leaves the drawer as it is.
  await page.keyboard.press('Enter');
  await expect(drawer(page)).toHaveAttribute('data-open', 'true');
  await page.getByTestId('proposal-text').focus();
  await page.keyboard.press('Escape');
  await expect(drawer(page)).toHaveAttribute('data-open', 'true');
});

test('touch: a tap on the toggle opens and closes the drawer', async ({ page }, info) => {
  test.skip(!info.project.use.hasTouch, 'a touch screen only');
  await toPropose(page);
  await toggle(page).tap();
  await expect(drawer(page)).toHaveAttribute('data-open', 'false');
  await toggle(page).tap();
  await expect(drawer(page)).toHaveAttribute('data-open', 'true');
  await drawer(page).getByTestId('draw-twist').tap();
  await expect(page.getByTestId('twist-card')).toBeVisible();
});

test('a new proposal leaves what the facilitator opened as it was: a long text read in full, the questions', async ({ page }) => {
  await toPropose(page);
  await setDrawer(page, true);
  const long = `Een lange: ${'elke week een uur om samen te kijken wat er beter kan in de overdracht, '.repeat(3)}einde.`;
  await propose(page, 'Pauzes buiten de afdeling');
  await propose(page, long);
  const first = drawer(page).getByTestId('proposal').filter({ hasText: 'Een lange' });
  const more = first.getByRole('button', { expanded: false });
  await more.click();
  await expect(first).toContainText('einde.');
  await page.locator('.questions-box summary').click();
  await expect(page.locator('.questions-box')).toHaveJSProperty('open', true);

  await propose(page, 'Een vaste schrijfdag');
  await expect(drawer(page).getByTestId('proposal')).toHaveCount(3);
  await expect(first).toContainText('einde.');
  await expect(first.getByRole('button', { expanded: true })).toBeVisible();
  await expect(page.locator('.questions-box')).toHaveJSProperty('open', true);
  // The form is ready for the next one.
  await expect(page.getByTestId('proposal-text')).toHaveValue('');
});
