/**
 * The HTTP side of the room server: the built game with its headers and single-page fallback, and
 * `/api/addresses`.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lanAddresses } from '../../src/server/server.ts';
import { removeDir, startTestServer, type TestServer } from './client.ts';

let ts: TestServer;
let base: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ruimte-http-'));
  mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>Ruimte</title>');
  writeFileSync(join(dir, 'dist', 'assets', 'main-abc123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'outside dist');
  ts = await startTestServer({}, dir);
  base = `http://127.0.0.1:${ts.port}`;
});

afterAll(async () => {
  await ts.close();
  removeDir(ts.dir);
});

/** A raw request, so paths like /../ reach the server as they are. */
function get(path: string, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: ts.port, path, method }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('http', () => {
  it('serves the game with its security headers', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("connect-src 'self' data: blob:");
    expect(csp).not.toMatch(/ws:|wss:|\*/);
    expect(await res.text()).toContain('<title>Ruimte</title>');
  });

  it('caches hashed assets for a year and falls back to index.html', async () => {
    const asset = await fetch(`${base}/assets/main-abc123.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const spa = await fetch(`${base}/some/deep/link?join=ABCDEF`);
    expect(spa.status).toBe(200);
    expect(await spa.text()).toContain('<title>Ruimte</title>');
  });

  it('never serves files outside dist', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await get(path);
      expect(res.body).not.toContain('outside dist');
    }
    expect((await get('/%E0%A4%A')).status).toBe(400);
    expect((await get('/', 'POST')).status).toBe(405);
  });

  it('lists the LAN addresses players can reach', async () => {
    const res = await fetch(`${base}/api/addresses`);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    // This test server listens on loopback only: no LAN address reaches it.
    expect(await res.json()).toEqual({ urls: [] });
    const all = lanAddresses('0.0.0.0');
    for (const a of all) expect(a).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(all).not.toContain('127.0.0.1');
  });

  it('answers a plain request to a socket path with 426', async () => {
    expect((await fetch(`${base}/room/play`)).status).toBe(426);
  });
});
