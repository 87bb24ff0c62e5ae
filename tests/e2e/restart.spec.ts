import { expect, test, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expectPhase } from './helpers.ts';

/**
 * The room server is killed (kill -9) in the middle of a vote and started again on the same database: the
 * shared screen and the phones reconnect by themselves and the vote ends with every dot counted. This test runs
 * its own server, so it can kill it.
 */

const repo = resolve(import.meta.dirname, '../..');
const dist = resolve(repo, process.env.DIST ?? 'dist');

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => res(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function startServer(port: number, db: string): Promise<ChildProcess> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: repo,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', RUIMTE_DB: db, DIST: dist },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => rej(new Error(`the room server did not start:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ruimte is ready')) {
        clearTimeout(timer);
        res(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => rej(new Error(`the room server exited (${code}):\n${out}`)));
  });
}

function kill(child: ChildProcess): Promise<void> {
  return new Promise((res) => {
    if (child.exitCode !== null || child.signalCode !== null) return res();
    child.removeAllListeners('exit');
    child.once('exit', () => res());
    child.kill('SIGKILL');
  });
}

async function phone(browser: Browser, base: string, code: string, name: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })).newPage();
  await page.goto(`${base}?join=${code}&lang=en`);
  await page.getByTestId('join-name').fill(name);
  await page.getByTestId('join-submit').click();
  await expectPhase(page, 'lobby');
  return page;
}

test.skip(({ viewport }) => (viewport?.width ?? 0) < 1900, 'one run is enough');

test('a restart of the room server in the middle of a vote loses nothing', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'ruimte-restart-'));
  const db = join(dir, 'rooms.sqlite');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}/`;
  let server = await startServer(port, db);
  try {
    await page.goto(`${base}?lang=en`);
    await page.getByTestId('new-session').click();
    await page.getByTestId('team-name').fill('Night shift');
    await page.getByTestId('play-mode').selectOption('devices');
    await page.getByTestId('card-count').fill('1');
    await page.getByTestId('check-in-toggle').uncheck();
    await page.getByTestId('start-game').click();
    await expect(page.getByTestId('room-code')).toHaveText(/^[A-HJ-NP-Z2-9]{6}$/);
    const code = (await page.getByTestId('room-code').textContent()) ?? '';
    const anna = await phone(browser, base, code, 'Anna');
    const bram = await phone(browser, base, code, 'Bram');
    await expect(page.getByTestId('seat')).toHaveCount(2);
    for (let i = 0; i < 3; i++) await page.getByTestId('advance').click();
    await expectPhase(page, 'propose');
    for (const [p, text] of [
      [anna, 'Handover on paper, not in three systems'],
      [bram, 'A float nurse for the night shift'],
    ] as const) {
      await expectPhase(p, 'propose');
      await p.getByTestId('proposal-text').fill(text);
      await p.getByTestId('proposal-submit').click();
    }
    await expect(page.getByTestId('proposal')).toHaveCount(2);
    await page.getByTestId('advance').click();
    await expectPhase(anna, 'vote');

    // Anna votes; then the server dies.
    const annaFor = anna.getByTestId('vote-for').and(anna.locator('[aria-label*="Handover"]'));
    await annaFor.click();
    await annaFor.click();
    await anna.getByTestId('vote-for').and(anna.locator('[aria-label*="float"]')).click();
    await anna.getByTestId('vote-done').click();
    await expect(page.getByTestId('device-progress')).toHaveAttribute('data-done', '1');
    await kill(server);

    // While it is down, Bram taps his dots: they wait on his phone.
    await expectPhase(bram, 'vote');
    const bramFor = bram.getByTestId('vote-for').and(bram.locator('[aria-label*="float"]'));
    await bramFor.click();
    await bramFor.click();
    await bram.getByTestId('vote-for').and(bram.locator('[aria-label*="Handover"]')).click();
    await bram.getByTestId('vote-done').click();

    server = await startServer(port, db);
    // Everyone finds their way back by themselves; the vote completes with both ballots.
    // Reconnecting waits out the backoff (at most 10 s between tries).
    const back = { timeout: 40_000 };
    await expect(page.getByTestId('phase')).toHaveAttribute('data-phase', 'results', back);
    await expect(page.getByTestId('proposal-dots')).toHaveText(['3 dots', '3 dots']);
    await expect(anna.getByTestId('phase')).toHaveAttribute('data-phase', 'results', back);
    await expect(bram.getByTestId('phase')).toHaveAttribute('data-phase', 'results', back);
  } finally {
    await kill(server);
    rmSync(dir, { recursive: true, force: true });
  }
});
