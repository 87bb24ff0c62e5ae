/**
 * Issue 13 items 3 and 4 and storage at rest, against the real server on loopback: host names (DNS rebinding),
 * security headers on every answer, /api by method, trusted proxies, tokens only as hashes, owner-only files,
 * nothing of a closed room left in the files, and a move key that works once.
 */
import { readFileSync, statSync, existsSync } from 'node:fs';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Client, openRoom, removeDir, startTestServer, type TestServer } from './client.ts';

let ts: TestServer;
const clients: Client[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await ts.close();
  removeDir(ts.dir);
});

function http(path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: ts.port, path, method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function upgrade(path: string, headers: Record<string, string>): Promise<{ status: string; headers: Record<string, unknown> }> {
  return new Promise((res) => {
    const ws = new WebSocket(`ws://127.0.0.1:${ts.port}${path}`, { headers });
    ws.once('open', () => {
      ws.close();
      res({ status: 'open', headers: {} });
    });
    ws.once('unexpected-response', (_req, response) => res({ status: String(response.statusCode), headers: response.headers }));
    ws.once('error', () => res({ status: 'error', headers: {} }));
  });
}

function expectSecurityHeaders(headers: Record<string, unknown>): void {
  expect(String(headers['content-security-policy'])).toContain("frame-ancestors 'none'");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
}

describe('exposure', () => {
  it('answers only to its own host names, on every request and both socket paths (DNS rebinding)', async () => {
    ts = await startTestServer({ allowedHosts: ['ruimte.example.org'] });
    const evil = `evil.example:${ts.port}`;
    const page = await http('/', { headers: { Host: evil } });
    expect(page.status).toBe(421);
    expectSecurityHeaders(page.headers);
    expect((await http('/api/addresses', { headers: { Host: evil } })).status).toBe(421);
    for (const path of ['/room/host', '/room/play']) {
      const refused = await upgrade(path, { Host: evil, Origin: `http://${evil}` });
      expect(refused.status).toBe('421');
      expectSecurityHeaders(refused.headers);
    }
    // The configured name (behind a proxy) and the machine's own addresses are served.
    expect((await upgrade('/room/play', { Host: 'ruimte.example.org', Origin: 'https://ruimte.example.org' })).status).toBe('open');
    expect((await http('/api/addresses', { headers: { Host: 'ruimte.example.org' } })).status).toBe(200);
    expect((await http('/api/addresses', { headers: { Host: `localhost:${ts.port}` } })).status).toBe(200);
    expect((await upgrade('/room/host', { Host: `127.0.0.1:${ts.port}`, Origin: `http://127.0.0.1:${ts.port}` })).status).toBe('open');
  });

  it('sends the security headers on every answer, no paths in error bodies, and /api by method', async () => {
    ts = await startTestServer();
    const answers = await Promise.all([
      http('/'), // 404: no game built in this test's dist
      http('/', { method: 'POST' }),
      http('/%E0%A4%A'),
      http('/room/play'),
      http('/api/addresses'),
      http('/api/addresses', { method: 'DELETE' }),
      http('/api/other'),
    ]);
    expect(answers.map((a) => a.status)).toEqual([404, 405, 400, 426, 200, 405, 404]);
    for (const a of answers) {
      expectSecurityHeaders(a.headers);
      expect(a.body).not.toContain(ts.dir);
      expect(a.body).not.toMatch(/\/(tmp|home|work|usr)\//);
    }
    expect(answers[5]!.headers.allow).toBe('GET, HEAD');
    expect(await upgrade('/room/other', {})).toMatchObject({ status: '404' });
    const other = await upgrade('/room/play', { Origin: 'http://evil.example' });
    expect(other.status).toBe('403');
    expectSecurityHeaders(other.headers);
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    const opensFrom = async (forwarded: string, times: number): Promise<number> => {
      const h = await Client.connect(ts.hostUrl(), '127.0.0.1', { headers: { 'X-Forwarded-For': forwarded } });
      clients.push(h);
      let opened = 0;
      for (let i = 0; i < times; i++) {
        h.send({ t: 'open' });
        const m = await h.next((x) => x.t === 'opened' || x.t === 'refused');
        if (m.t === 'opened') opened++;
      }
      return opened;
    };
    ts = await startTestServer({ trustProxy: ['loopback'] });
    expect(await opensFrom('203.0.113.7', 11)).toBe(10);
    expect(await opensFrom('203.0.113.8', 1)).toBe(1); // another client behind the proxy
    expect(await opensFrom('203.0.113.8, 127.0.0.1', 1)).toBe(1); // the proxy's own hop is skipped
    await ts.close();
    removeDir(ts.dir);
    ts = await startTestServer();
    expect(await opensFrom('203.0.113.7', 10)).toBe(10);
    expect(await opensFrom('203.0.113.8', 1)).toBe(0); // not trusted: both are 127.0.0.1
  });

  it('keeps tokens only as hashes, the files owner-only, and nothing of a closed room in the files', async () => {
    ts = await startTestServer();
    const { host, code, hostToken, players } = await openRoom(ts, ['MARKNAME-ANN', 'MARKNAME-BERT']);
    clients.push(host, ...players.map((p) => p.client));
    players[0]!.client.send({ t: 'act', seq: 1, action: { type: 'propose', text: 'MARKTEXT proposal', level: 'team' } });
    // The host opens it; the server only relayed it.
    expect((await host.next('act')).action).toEqual({ type: 'propose', text: 'MARKTEXT proposal', level: 'team' });
    host.send({ t: 'moveKey' });
    const { key } = await host.next('moveKey');
    const files = (): string[] => [ts.dbPath, `${ts.dbPath}-wal`, `${ts.dbPath}-shm`].filter((f) => existsSync(f));
    const bytes = (): string => files().map((f) => readFileSync(f).toString('latin1')).join('\n');
    await new Promise((r) => setTimeout(r, 50));
    expect(files().length).toBeGreaterThanOrEqual(2);
    for (const f of files()) expect(statSync(f).mode & 0o777).toBe(0o600);
    const live = bytes();
    for (const secret of [hostToken, key, ...players.map((p) => p.seatToken)]) expect(live).not.toContain(secret);
    // Names and texts reach the server sealed: not in the files even while the room lives (issue 13 item 1).
    for (const mark of ['MARKNAME', 'MARKTEXT']) expect(live).not.toContain(mark);
    expect(live).toContain(code);

    host.send({ t: 'close' });
    await players[0]!.client.closed;
    // Deleted with secure_delete, and the WAL checkpointed and truncated within a moment (about a second).
    const clean = (): boolean => ['MARKNAME', 'MARKTEXT', code].every((mark) => !bytes().includes(mark));
    for (let waited = 0; waited < 5000 && !clean(); waited += 100) await new Promise((r) => setTimeout(r, 100));
    const after = bytes();
    for (const mark of ['MARKNAME', 'MARKTEXT', code]) expect(after).not.toContain(mark);
  });

  it('hashes the plain tokens of an older database when it starts', async () => {
    ts = await startTestServer();
    const { host, code, hostToken } = await openRoom(ts, []);
    host.ws.terminate();
    await ts.close();
    // Write the room back as version 2 did: the plain token.
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(ts.dbPath);
    db.prepare('UPDATE rooms SET host_token = ? WHERE code = ?').run(hostToken, code);
    db.pragma('user_version = 2');
    db.close();
    const dir = ts.dir;
    ts = await startTestServer({ dbPath: ts.dbPath }, dir);
    const h = await Client.connect(ts.hostUrl());
    clients.push(h);
    h.send({ t: 'hello', code, hostToken });
    expect((await h.next('welcome')).code).toBe(code);
    const fileText = (): string => [ts.dbPath, `${ts.dbPath}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join();
    for (let waited = 0; waited < 5000 && fileText().includes(hostToken); waited += 100) await new Promise((r) => setTimeout(r, 100));
    expect(fileText()).not.toContain(hostToken);
  });

  it('moves the room to another screen with a move key that works once', async () => {
    ts = await startTestServer();
    const { host, code, hostToken, players } = await openRoom(ts, ['Ann']);
    clients.push(host, ...players.map((p) => p.client));
    host.send({ t: 'moveKey' });
    const { key } = await host.next('moveKey');
    expect(key).not.toBe(hostToken);
    const screen = await Client.connect(ts.hostUrl());
    clients.push(screen);
    screen.send({ t: 'takeOver', code, moveKey: key });
    const welcome = await screen.next('welcome');
    expect(welcome.seats).toHaveLength(1);
    expect(typeof welcome.hostToken).toBe('string');
    expect(welcome.hostToken).not.toBe(hostToken);
    expect(await host.next('refused')).toEqual({ t: 'refused', reason: 'replaced', fatal: true });
    // Once only, and the old host token no longer opens the room.
    const again = await Client.connect(ts.hostUrl());
    clients.push(again);
    again.send({ t: 'takeOver', code, moveKey: key });
    expect(await again.next('refused')).toEqual({ t: 'refused', reason: 'bad-token', fatal: true });
    const old = await Client.connect(ts.hostUrl());
    clients.push(old);
    old.send({ t: 'hello', code, hostToken });
    expect(await old.next('refused')).toEqual({ t: 'refused', reason: 'bad-token', fatal: true });
    // The new screen's token works for its reloads, and a phone's action reaches it.
    const reload = await Client.connect(ts.hostUrl());
    clients.push(reload);
    reload.send({ t: 'hello', code, hostToken: welcome.hostToken });
    expect((await reload.next('welcome')).hostToken).toBeUndefined();
    players[0]!.client.send({ t: 'act', seq: 1, action: { type: 'voteDone' } });
    expect(await reload.next('act')).toMatchObject({ seq: 1 });
  });
});
