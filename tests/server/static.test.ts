/**
 * Serving the build like a production web server (issue 14 item 1): precompressed brotli and gzip files made by
 * `scripts/compress-dist.mjs`, ETags and 304s, a year of caching for hashed files and revalidation for
 * index.html and the service worker.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestServer, type TestServer } from './client.ts';

let ts: TestServer;
const SCRIPT = 'console.log("ruimte");\n'.repeat(200);

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ruimte-static-'));
  mkdirSync(join(dir, 'dist', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'index.html'), `<!doctype html><title>Ruimte</title>${'<!-- x -->'.repeat(100)}`);
  writeFileSync(join(dir, 'dist', 'assets', 'main-abc123.js'), SCRIPT);
  writeFileSync(join(dir, 'dist', 'sw.js'), 'self.addEventListener("fetch", () => {});\n'.repeat(30));
  execFileSync(process.execPath, ['scripts/compress-dist.mjs', join(dir, 'dist')]);
  ts = await startTestServer({}, dir);
});

afterAll(async () => {
  await ts.close();
  removeDir(ts.dir);
});

function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: ts.port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static files', () => {
  it('sends the precompressed brotli or gzip file the browser accepts, else the plain one', async () => {
    const br = await get('/assets/main-abc123.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
    expect(br.body.length).toBeLessThan(SCRIPT.length / 10);
    const gz = await get('/assets/main-abc123.js', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);
    const plain = await get('/assets/main-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it('caches hashed files for a year and revalidates index.html and the service worker, with ETags', async () => {
    const asset = await get('/assets/main-abc123.js', { 'Accept-Encoding': 'br' });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/sw.js', '/some/deep/link']) {
      const res = await get(path, { 'Accept-Encoding': 'br' });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      const etag = String(res.headers.etag);
      expect(etag).toMatch(/^W\/"/);
      const again = await get(path, { 'Accept-Encoding': 'br', 'If-None-Match': etag });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers['x-frame-options']).toBe('DENY');
    }
    expect((await get('/missing.js')).status).toBe(404);
  });
});
