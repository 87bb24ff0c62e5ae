#!/usr/bin/env node
/**
 * Serves the production build (dist/) on the local machine and prints its address. No dependencies:
 * a tablet in a break room only needs a browser pointing here. PORT and HOST choose where it listens.
 */
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

// DIST lets parallel test runs serve their own build.
const root = resolve(process.env.DIST ?? resolve(new URL('..', import.meta.url).pathname, 'dist'));
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webm': 'audio/webm',
  '.mp3': 'audio/mpeg',
  '.webmanifest': 'application/manifest+json',
  '.ico': 'image/x-icon',
};

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!path.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    const info = await stat(path).catch(() => null);
    if (!info) path = join(root, 'index.html');
    else if (info.isDirectory()) path = join(path, 'index.html');
    const body = await readFile(path);
    const hashed = /\/assets\//.test(path);
    res.writeHead(200, {
      'Content-Type': types[extname(path)] ?? 'application/octet-stream',
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self' data: blob:; worker-src 'self' blob:",
    });
    res.end(body);
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});

server.listen(port, host, () => {
  console.log(`Ruimte is ready: http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`);
  console.log('Open it in a browser; press Ctrl+C to stop.');
});
