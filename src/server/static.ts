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
import { answer } from './http.ts';


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

/** A request handler for the files under `dist`. */
export function staticFiles(dist: string): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const root = resolve(dist);
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      answer(res, 405, 'Method not allowed.', { Allow: 'GET, HEAD' });
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      answer(res, 400, 'Bad request.');
      return;
    }
    let path = normalize(join(root, pathname));
    if ((path !== root && !path.startsWith(root + sep)) || pathname.includes('\0')) {
      answer(res, 403, 'Forbidden.');
      return;
    }
    try {
      const info = await stat(path).catch(() => null);
      if (!info) path = join(root, 'index.html');
      else if (info.isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path).catch(() => null);
      if (!body) {
        answer(res, 404, 'Not found. Is the game built? (npm run build)');
        return;
      }
      const hashed = /[\\/]assets[\\/]/.test(path.slice(root.length));
      res.writeHead(200, {
        'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      answer(res, 500, 'Server error.');
      throw error;
    }
  };
}
