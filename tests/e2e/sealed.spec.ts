import { expect, test, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { expectPhase, openPhone, proposeOnPhone, roomCodeOf, startDevicesGame, voteOnPhone } from './helpers.ts';
import { startOwnServer } from './ownServer.ts';

/**
 * Issue 13, item 1: the room server stores and relays only what it cannot read. A team plays through the real
 * screen and phones with marked names and texts; the server is killed (kill -9) in the middle of the vote and
 * started again; the vote ends, the room is closed. At every point, every byte of the database, its -wal and
 * -shm is read: no name, text, ballot, token or secret in plain text. Its own server and database file.
 */

const MARKS = ['Zzmarkname', 'Zzmarktext', 'Zzmarkteam'];
/** What any plain saved session or view would hold: who proposed and who voted what. */
const PLAIN_SHAPES = ['"by":', '"voted"', '"dots"', '"proposals"', '"players"', '"name"', '"text"', '"action"'];

/** Every secret a device keeps for the room: tokens, room and seat secrets, the typed part of the code. */
async function secretsOf(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i) ?? '';
      if (!key.startsWith('ruimte.seat.') && !key.startsWith('ruimte.room.')) continue;
      const data = JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, unknown>;
      for (const field of ['seatToken', 'hostToken', 'secret', 'roomSecret', 'typed']) if (typeof data[field] === 'string') out.push(data[field]);
    }
    return out;
  });
}

test.skip(({ viewport }) => (viewport?.width ?? 0) < 1900, 'one run is enough');

test('names, texts, ballots and tokens never reach the database files in plain text, through a kill -9 mid-vote', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const server = await startOwnServer('sealed');
  const { base, db, port } = server;
  const secrets = new Set<string>();
  const files = () => [db, `${db}-wal`, `${db}-shm`].filter((f) => existsSync(f));
  const bytes = () => files().map((f) => readFileSync(f).toString('latin1')).join('\n');
  let checks = 0;
  /** Reads every byte of the files: nothing marked, no plain session shape, no secret. */
  const expectNothingReadable = (when: string) => {
    const all = bytes();
    const lower = all.toLowerCase();
    for (const mark of MARKS) expect(lower, `${mark} in the files ${when}`).not.toContain(mark.toLowerCase());
    for (const shape of PLAIN_SHAPES) expect(all, `${shape} in the files ${when}`).not.toContain(shape);
    for (const secret of secrets) expect(all, `a token or secret in the files ${when}`).not.toContain(secret);
    checks++;
    return all;
  };
  try {
    const code = await startDevicesGame(page, { team: 'Zzmarkteam night', base, checkIn: false });
    const anna = await openPhone(browser, code, 'Zzmarkname Anna', { base });
    const bram = await openPhone(browser, code, 'Zzmarkname Bram', { base });
    await expect(page.getByTestId('seats')).toContainText('Zzmarkname Anna');
    for (let i = 0; i < 3; i++) await page.getByTestId('advance').click();
    await expectPhase(page, 'propose');
    for (const [p, text] of [
      [anna, 'Zzmarktext handover on paper'],
      [bram, 'Zzmarktext a float nurse'],
    ] as const) {
      await proposeOnPhone(p, text);
    }
    await expect(page.getByTestId('proposal')).toHaveCount(2);
    await expect(page.getByTestId('proposal').first()).toContainText('Zzmarktext');
    for (const p of [page, anna, bram]) for (const s of await secretsOf(p)) secrets.add(s);
    // Two seat tokens and seat secrets, the room secret (shared), the host token and the typed part of the code.
    expect(secrets.size).toBe(7);
    // The files hold the room (its code) but nothing of what was said.
    expect(expectNothingReadable('after the proposals')).toContain(roomCodeOf(code));

    await page.getByTestId('advance').click();
    await voteOnPhone(anna, ['handover', 'handover', 'float']);
    await expect(page.getByTestId('device-progress')).toHaveAttribute('data-done', '1');
    await server.kill();
    expectNothingReadable('right after kill -9 in the middle of the vote');

    await voteOnPhone(bram, ['float', 'float', 'handover']);

    await server.restart();
    const back = { timeout: 40_000 };
    await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'results', back);
    await expect(page.getByTestId('proposal-dots')).toHaveText(['3 dots', '3 dots']);
    await expect(bram.getByTestId('phase')).toHaveAttribute('data-phase', 'results', back);
    expectNothingReadable('after the restart and the results');

    // The screen closes the room (as its host: the token it keeps).
    const roomCode = roomCodeOf(code);
    const closed = await page.evaluate(
      ({ roomCode, url }) =>
        new Promise<boolean>((done) => {
          let hostToken = '';
          for (let i = 0; i < localStorage.length; i++) {
            const key = localStorage.key(i) ?? '';
            if (key.startsWith('ruimte.room.')) hostToken = (JSON.parse(localStorage.getItem(key) ?? '{}') as { hostToken?: string }).hostToken ?? hostToken;
          }
          const ws = new WebSocket(url);
          ws.onopen = () => ws.send(JSON.stringify({ t: 'hello', code: roomCode, hostToken }));
          ws.onmessage = (e) => {
            const msg = JSON.parse(String(e.data)) as { t: string };
            if (msg.t !== 'welcome') return done(false);
            ws.send(JSON.stringify({ t: 'close' }));
            // The server answers a close with nothing; the socket stays hostless.
            window.setTimeout(() => {
              ws.close();
              done(true);
            }, 500);
          };
          ws.onerror = () => done(false);
        }),
      { roomCode, url: `ws://127.0.0.1:${port}/room/host` },
    );
    expect(closed).toBe(true);
    // Deleted with secure_delete and the WAL truncated: not even the code is left after a moment.
    await expect.poll(() => bytes().includes(roomCode), { timeout: 10_000 }).toBe(false);
    expectNothingReadable('after the room was closed');
    expect(checks).toBe(4);
  } finally {
    await server.dispose();
  }
});
