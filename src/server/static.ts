/**
 * Serves the production build (dist/): the game's files with their types, long caching for hashed assets,
 * a strict Content-Security-Policy, and index.html for any other path (the single-page fallback).
 *
 * `connect-src 'self'` also covers the game's own WebSocket paths (same origin, ws: or wss:) in CSP Level 3
 * browsers; no other host is allowed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self' data: blob:; worker-src 'self' blob:";

const TYPES: Record<string, string> = {
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

export const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
} as const;

/** A request handler for the files under `dist`. */
export function staticFiles(dist: string): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const root = resolve(dist);
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let path = normalize(join(root, pathname));
    if ((path !== root && !path.startsWith(root + sep)) || pathname.includes('\0')) {
      res.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(path).catch(() => null);
      if (!info) path = join(root, 'index.html');
      else if (info.isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path).catch(() => null);
      if (!body) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`Not found. Is the game built? (npm run build; serving ${root})\n`);
        return;
      }
      const hashed = /[\\/]assets[\\/]/.test(path.slice(root.length));
      res.writeHead(200, {
        'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...SECURITY_HEADERS,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  };
}
