import { expect, test } from '@playwright/test';
import { expectPhase, openPhone, proposeOnPhone, startDevicesGame, voteOnPhone } from './helpers.ts';
import { startOwnServer } from './ownServer.ts';

/**
 * The room server is killed (kill -9) in the middle of a vote and started again on the same database: the
 * shared screen and the phones reconnect by themselves and the vote ends with every dot counted. This test runs
 * its own server, so it can kill it.
 */

test.skip(({ viewport }) => (viewport?.width ?? 0) < 1900, 'one run is enough');

test('a restart of the room server in the middle of a vote loses nothing', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const server = await startOwnServer('restart');
  const { base } = server;
  try {
    const code = await startDevicesGame(page, { team: 'Night shift', base, checkIn: false });
    const anna = await openPhone(browser, code, 'Anna', { base });
    const bram = await openPhone(browser, code, 'Bram', { base });
    await expect(page.getByTestId('seat')).toHaveCount(2);
    for (let i = 0; i < 3; i++) await page.getByTestId('advance').click();
    await expectPhase(page, 'propose');
    for (const [p, text] of [
      [anna, 'Handover on paper, not in three systems'],
      [bram, 'A float nurse for the night shift'],
    ] as const) {
      await proposeOnPhone(p, text);
    }
    await expect(page.getByTestId('proposal')).toHaveCount(2);
    await page.getByTestId('advance').click();

    // Anna votes; then the server dies.
    await voteOnPhone(anna, ['Handover', 'Handover', 'float']);
    await expect(page.getByTestId('device-progress')).toHaveAttribute('data-done', '1');
    await server.kill();

    // While it is down, Bram taps his dots: they wait on his phone.
    await voteOnPhone(bram, ['float', 'float', 'Handover']);

    await server.restart();
    // Everyone finds their way back by themselves; the vote completes with both ballots.
    // Reconnecting waits out the backoff (at most 10 s between tries).
    const back = { timeout: 40_000 };
    await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'results', back);
    await expect(page.getByTestId('proposal-dots')).toHaveText(['3 dots', '3 dots']);
    await expect(anna.getByTestId('phase')).toHaveAttribute('data-phase', 'results', back);
    await expect(bram.getByTestId('phase')).toHaveAttribute('data-phase', 'results', back);
  } finally {
    await server.dispose();
  }
});
