/**
 * The facilitator's remote (issue 12 item 4) against the real server on loopback: the remote key opens only the
 * remote path (no seat, no host, no seat's view), a wrong key is refused, commands reach the room's screen and
 * nobody else, views reach the room's remotes and nobody else, and the key is stored only as a hash.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { Client, openRoom, removeDir, startTestServer, type TestServer } from './client.ts';
import { hashToken } from '../../src/server/tokens.ts';

let ts: TestServer;
const clients: Client[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await ts.close();
  removeDir(ts.dir);
});

const remoteUrl = (): string => `ws://127.0.0.1:${ts.port}/room/remote`;
const SEALED_CMD = 'v1.AAAAAAAAAAAAAAAA.c2VhbGVkLWNvbW1hbmQ';
const SEALED_VIEW = 'v1.BBBBBBBBBBBBBBBB.c2VhbGVkLXZpZXc';

async function connect(url: string): Promise<Client> {
  const c = await Client.connect(url);
  clients.push(c);
  return c;
}

/** A room with one player, its screen on the remote path, and a remote key. */
async function roomWithRemote() {
  const room = await openRoom(ts, ['Anna']);
  clients.push(room.host, ...room.players.map((p) => p.client));
  const screen = await connect(remoteUrl());
  screen.send({ t: 'screen', code: room.code, hostToken: room.hostToken });
  expect((await screen.next('ready')).remotes).toBe(0);
  screen.send({ t: 'newKey' });
  const { key } = await screen.next('key');
  expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/);
  return { ...room, screen, key: key as string };
}

async function remoteIn(code: string, key: string): Promise<Client> {
  const phone = await connect(remoteUrl());
  phone.send({ t: 'remote', code, key });
  await phone.next('welcome');
  return phone;
}

describe('the remote path', () => {
  it('relays commands to the screen only and views to the remotes only', async () => {
    ts = await startTestServer();
    const a = await roomWithRemote();
    const other = await roomWithRemote();
    const phone = await remoteIn(a.code, a.key);
    expect((await phone.next('screen')).present).toBe(true);
    expect((await a.screen.next('remotes')).count).toBe(1);

    phone.send({ t: 'cmd', sealed: SEALED_CMD });
    expect((await a.screen.next('cmd')).sealed).toBe(SEALED_CMD);
    // Nobody else hears it: not the host socket, not the seat, not the other room's screen.
    for (const c of [a.host, a.players[0]!.client, other.screen, other.host]) {
      expect((await c.quiet(150)).filter((m) => m.t === 'cmd' || m.t === 'act')).toEqual([]);
    }

    a.screen.send({ t: 'view', sealed: SEALED_VIEW });
    expect((await phone.next('view')).sealed).toBe(SEALED_VIEW);
    expect((await a.players[0]!.client.quiet(150)).filter((m) => m.t === 'view')).toEqual([]);
    // A phone that comes in later gets the last view at once.
    const late = await remoteIn(a.code, a.key);
    expect((await late.next('view')).sealed).toBe(SEALED_VIEW);

    // The seats' views, published by the host, never reach a remote.
    a.host.send({ t: 'publish', snapshot: { secret: 'SNAPSHOT' }, views: { [a.players[0]!.seatId]: { secret: 'SEATVIEW' } }, lobbyView: { secret: 'LOBBY' }, applied: {} });
    await a.players[0]!.client.next((m) => m.t === 'view' && m.view.secret === 'SEATVIEW');
    await phone.quiet(150);
    expect(phone.raw.join()).not.toMatch(/SEATVIEW|SNAPSHOT|LOBBY/);

    // The screen goes away: the phone is told, and a command meets an absent screen.
    await a.screen.close();
    expect((await phone.next((m) => m.t === 'screen' && m.present === false)).present).toBe(false);
    phone.send({ t: 'cmd', sealed: SEALED_CMD });
    expect((await phone.next('screen')).present).toBe(false);
  });

  it('the remote key opens no seat, no host and no screen; a wrong key is refused', async () => {
    ts = await startTestServer();
    const a = await roomWithRemote();

    const asSeat = await connect(ts.playUrl());
    asSeat.send({ t: 'rejoin', code: a.code, seatToken: a.key });
    expect(await asSeat.next('refused')).toMatchObject({ reason: 'bad-token', fatal: true });

    const asHost = await connect(ts.hostUrl());
    asHost.send({ t: 'hello', code: a.code, hostToken: a.key });
    expect(await asHost.next('refused')).toMatchObject({ reason: 'bad-token', fatal: true });

    const asScreen = await connect(remoteUrl());
    asScreen.send({ t: 'screen', code: a.code, hostToken: a.key });
    expect(await asScreen.next('refused')).toMatchObject({ reason: 'bad-token', fatal: true });

    // A remote cannot act as the screen on its own socket either.
    const phone = await remoteIn(a.code, a.key);
    phone.send({ t: 'newKey' });
    expect(await phone.next('refused')).toMatchObject({ reason: 'not-joined' });
    phone.send({ t: 'view', sealed: SEALED_VIEW });
    expect(await phone.next('refused')).toMatchObject({ reason: 'not-joined' });

    // Neither a seat token nor the host token is a remote key; nor is a made-up one.
    for (const key of [a.players[0]!.seatToken, a.hostToken, 'x'.repeat(32)]) {
      const wrong = await connect(remoteUrl());
      wrong.send({ t: 'remote', code: a.code, key });
      expect(await wrong.next('refused')).toMatchObject({ reason: 'bad-token', fatal: true });
      await wrong.closed;
    }
    // The host stays the host through all this.
    a.host.send({ t: 'lock', locked: false });
    expect((await a.host.quiet(100)).filter((m) => m.t === 'refused')).toEqual([]);
  });

  it('a new key sends the old one away, and a screen that moved no longer gets commands', async () => {
    ts = await startTestServer();
    const a = await roomWithRemote();
    const phone = await remoteIn(a.code, a.key);
    a.screen.send({ t: 'newKey' });
    const { key: second } = await a.screen.next('key');
    expect(await phone.next('refused')).toMatchObject({ reason: 'bad-token', fatal: true });
    const stale = await connect(remoteUrl());
    stale.send({ t: 'remote', code: a.code, key: a.key });
    expect(await stale.next('refused')).toMatchObject({ reason: 'bad-token' });
    const phone2 = await remoteIn(a.code, second as string);

    // The session moves to another screen: the old screen's host token stops counting.
    a.host.send({ t: 'moveKey' });
    const { key: moveKey } = await a.host.next('moveKey');
    const newHost = await connect(ts.hostUrl());
    newHost.send({ t: 'takeOver', code: a.code, moveKey });
    await newHost.next('welcome');
    phone2.send({ t: 'cmd', sealed: SEALED_CMD });
    expect(await a.screen.next('refused')).toMatchObject({ reason: 'replaced', fatal: true });
    expect(a.screen.received.some((m) => m.t === 'cmd')).toBe(false);
    await phone2.next((m) => m.t === 'screen' && m.present === false);
  });

  it('keeps the remote key only as a hash', async () => {
    ts = await startTestServer();
    const a = await roomWithRemote();
    await new Promise((r) => setTimeout(r, 50));
    const bytes = [ts.dbPath, `${ts.dbPath}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('\n');
    expect(bytes).not.toContain(a.key);
    const db = new Database(ts.dbPath, { readonly: true });
    try {
      const row = db.prepare('SELECT key_hash FROM remote_keys WHERE code = ?').get(a.code) as { key_hash: string };
      expect(row.key_hash).toBe(hashToken(a.key));
    } finally {
      db.close();
    }
    // Closing the room deletes its remote key too.
    a.host.send({ t: 'close' });
    await a.players[0]!.client.closed;
    const phone = await connect(remoteUrl());
    phone.send({ t: 'remote', code: a.code, key: a.key });
    expect(await phone.next('refused')).toMatchObject({ reason: 'no-room' });
  });
});
