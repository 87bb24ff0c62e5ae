/** Everyone can play: axe on every step, keyboard only, sizes and touch targets, offline, odd text. */
import { test, expect, type Page } from '@playwright/test';
import { expectNoSeriousViolations } from './a11y.ts';
import { expectPhase, propose, proposalIds, setupGame, voteOnce } from './helpers.ts';

test.describe('axe', () => {
  // axe is injected as a script; the game's own CSP rightly refuses inline scripts.
  test.use({ bypassCSP: true });
  test('every step of a session passes axe (no serious or critical violation)', async ({ page }) => {
  await page.goto('./');
  await expectNoSeriousViolations(page, 'start');
  await page.getByTestId('new-session').click();
  await expect(page.getByTestId('team-name')).toBeVisible();
  await expectNoSeriousViolations(page, 'setup');
  await page.getByTestId('team-name').fill('Toegankelijk');
  await page.getByTestId('card-count').fill('1');
  await page.getByTestId('start-game').click();
  await expectPhase(page, 'check-in');
  await expectNoSeriousViolations(page, 'check-in');
  await page.getByTestId('check-in-card').nth(0).click();
  await page.getByTestId('check-in-card').nth(1).click();
  await page.getByTestId('advance').click();
  await expectNoSeriousViolations(page, 'reveal');
  await page.getByTestId('advance').click();
  await expectNoSeriousViolations(page, 'discuss');
  await page.getByTestId('advance').click();
  await propose(page, 'Eerste idee');
  await page.getByTestId('draw-twist').click();
  await propose(page, 'Tweede idee', 'manager');
  await propose(page, 'Derde idee', 'organisation');
  await expectNoSeriousViolations(page, 'propose');
  await page.getByTestId('advance').click();
  await expectNoSeriousViolations(page, 'vote');
  const ids = await proposalIds(page);
  await voteOnce(page, [ids[0]!, ids[1]!]);
  await voteOnce(page, [ids[0]!, ids[2]!]);
  await expectPhase(page, 'results');
  await expectNoSeriousViolations(page, 'results');
  await page.getByTestId('advance').click();
  await expectPhase(page, 'top-three');
  await expectNoSeriousViolations(page, 'top-three');
  await page.getByTestId('advance').click();
  await expectPhase(page, 'summary');
  await expectNoSeriousViolations(page, 'summary');
  });
});

/** Tabs to the element with this test id (and optional proposal id) and returns true when it has focus. */
async function tabTo(page: Page, testid: string, extra = '', max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate(
      ([id, ex]) => {
        const el = document.activeElement as HTMLElement | null;
        return !!el && el.dataset.testid === id && (ex === '' || el.dataset.proposalId === ex);
      },
      [testid, extra] as const,
    );
    if (hit) return;
  }
  throw new Error(`could not reach ${testid} ${extra} with Tab`);
}

test('a whole session can be played with the keyboard alone', async ({ page }) => {
  await page.goto('./');
  await tabTo(page, 'new-session');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('team-name')).toBeFocused();
  await page.keyboard.type('Toetsenbord');
  await tabTo(page, 'player-name');
  await page.keyboard.type('Ada');
  await tabTo(page, 'card-count');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('1');
  await tabTo(page, 'check-in-toggle');
  await page.keyboard.press('Space');
  await tabTo(page, 'start-game');
  await page.keyboard.press('Enter');
  await expectPhase(page, 'reveal');
  // Focus is visible: the focused control has an outline.
  await tabTo(page, 'advance');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expectPhase(page, 'discuss');
  await page.keyboard.press('Enter');
  await expectPhase(page, 'propose');
  for (const text of ['Met het toetsenbord', 'Nog een idee']) {
    await tabTo(page, 'proposal-text');
    await page.keyboard.type(text);
    await tabTo(page, 'proposal-submit');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('proposal').filter({ hasText: text })).toBeVisible();
  }
  await tabTo(page, 'advance');
  await page.keyboard.press('Enter');
  await expectPhase(page, 'vote');
  for (let voter = 0; voter < 2; voter++) {
    const ids = await proposalIds(page);
    await tabTo(page, 'vote-for', ids[0]);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await tabTo(page, 'vote-for', ids[1]);
    await page.keyboard.press('Space');
    await tabTo(page, 'vote-done');
    await page.keyboard.press('Enter');
  }
  await expectPhase(page, 'results');
  await tabTo(page, 'advance');
  await page.keyboard.press('Enter');
  await expectPhase(page, 'top-three');
  await expect(page.getByTestId('top-three-item').first()).toContainText('Met het toetsenbord');
  await tabTo(page, 'advance');
  await page.keyboard.press('Enter');
  await expectPhase(page, 'summary');
});

test('touch targets are at least 44×44 CSS pixels on every control of the vote', async ({ page }) => {
  await setupGame(page, { team: 'Duim', names: ['A', 'B'], cards: 1, checkIn: false });
  await page.getByTestId('advance').click();
  await page.getByTestId('advance').click();
  await propose(page, 'Groot genoeg');
  await propose(page, 'Ook groot genoeg');
  await page.getByTestId('advance').click();
  await expectPhase(page, 'vote');
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, select, input, textarea, summary')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ id: el.dataset.testid ?? el.textContent?.slice(0, 20), w: el.getBoundingClientRect().width, h: el.getBoundingClientRect().height }))
      .filter((r) => r.w < 44 || r.h < 44),
  );
  expect(small).toEqual([]);
});

test('odd text is stored whole and shown as text: 10,000 characters, emoji, right-to-left, HTML', async ({ page }) => {
  const html = '<img src=x onerror=alert(1)><b>Nina</b>';
  page.on('dialog', () => ((globalThis as { hacked?: boolean }).hacked = true));
  await setupGame(page, { team: html, names: [html, 'مريم 🌷'], cards: 1, checkIn: false });
  await page.getByTestId('advance').click();
  await page.getByTestId('advance').click();
  const long = `Begin ${'lang '.repeat(1_997)}einde`; // 9,996 characters: under the 10,000 limit
  await page.getByTestId('proposal-text').fill(long);
  await page.getByTestId('proposal-submit').click();
  await propose(page, 'نقترح جدولاً مرناً 🙂 voor iedereen');
  await propose(page, html);
  const first = page.getByTestId('proposal').first();
  // Shortened in view, with a way to read all of it.
  await expect(first).not.toContainText('einde');
  await first.getByRole('button', { name: /Lees alles|Read all/ }).click();
  await expect(first).toContainText('einde');
  await expect(page.getByTestId('proposal').nth(2)).toContainText('<img src=x');
  expect((globalThis as { hacked?: boolean }).hacked).toBeUndefined();
  await page.getByTestId('advance').click();
  await expect(page.getByTestId('voter')).toContainText('<img src=x');
  await page.reload();
  await expectPhase(page, 'vote');
  const ids = await proposalIds(page);
  expect(ids).toHaveLength(3);
  await voteOnce(page, [ids[0]!, ids[1]!]);
  await voteOnce(page, [ids[0]!, ids[2]!]);
  await expectPhase(page, 'results');
  await page.getByTestId('advance').click();
  await expectPhase(page, 'top-three');
  await page.getByTestId('top-three-item').first().getByRole('button', { name: /Lees alles|Read all/ }).click();
  await expect(page.getByTestId('top-three-item').first()).toContainText('einde');
  expect((globalThis as { hacked?: boolean }).hacked).toBeUndefined();
});

test('installed once, the game starts and plays a session with no network at all', async ({ page, context }) => {
  await page.goto('./');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The service worker controls the page after a reload; then everything comes from its cache.
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await page.evaluate(async () => {
    // Wait until the precache has everything (the worker is activated once it has).
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state;
  });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('new-session')).toBeVisible();
  await page.getByTestId('new-session').click();
  await page.getByTestId('team-name').fill('Offline');
  await page.getByTestId('card-count').fill('1');
  await page.getByTestId('check-in-toggle').uncheck();
  await page.getByTestId('start-game').click();
  await expectPhase(page, 'reveal');
  await page.getByTestId('advance').click();
  await page.getByTestId('advance').click();
  await propose(page, 'Zonder wifi');
  await page.getByTestId('advance').click();
  const ids = await proposalIds(page);
  await voteOnce(page, [ids[0]!]);
  await voteOnce(page, [ids[0]!]);
  await page.getByTestId('advance').click();
  await expectPhase(page, 'top-three');
  await expect(page.getByTestId('top-three-item')).toContainText('Zonder wifi');
  await context.setOffline(false);
});
