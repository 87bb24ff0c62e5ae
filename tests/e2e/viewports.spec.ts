/** The screens at the sizes teams use: portrait tablet, landscape tablet, TV. Screenshots go to test-results/. */
import { test, expect } from '@playwright/test';
import { expectPhase, propose, setupGame } from './helpers.ts';

for (const size of [
  { width: 768, height: 1024, name: 'portrait-768' },
  { width: 1024, height: 768, name: 'landscape-1024' },
  { width: 1920, height: 1080, name: 'tv-1920' },
  // A 1920×1080 screen at 200% zoom.
  { width: 960, height: 540, name: 'zoom-200' },
]) {
  test(`usable at ${size.name}: nothing overflows sideways and the controls are in view`, async ({ page }, info) => {
    test.skip(info.project.name !== 'tv-1920', 'sizes are set per test; one project is enough');
    await page.setViewportSize({ width: size.width, height: size.height });
    await setupGame(page, { team: 'Maat', names: ['A', 'B'], cards: 1, checkIn: false });
    await page.getByTestId('advance').click();
    await page.getByTestId('advance').click();
    await propose(page, 'Past op elk scherm');
    await expectPhase(page, 'propose');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const id of ['advance', 'undo']) await expect(page.getByTestId(id)).toBeInViewport();
    for (const id of ['proposal-text', 'proposal-submit']) {
      await page.getByTestId(id).scrollIntoViewIfNeeded();
      await expect(page.getByTestId(id)).toBeInViewport();
    }
    await page.screenshot({ path: info.outputPath(`${size.name}-propose.png`) });
    await page.getByTestId('advance').click();
    await expect(page.getByTestId('vote-done')).toBeVisible();
    await page.screenshot({ path: info.outputPath(`${size.name}-vote.png`) });
  });
}
