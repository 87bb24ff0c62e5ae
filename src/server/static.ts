/**
 * Serves the production build (dist/) through `sirv`: precompressed brotli and gzip files when the build made
 * them (`scripts/compress-dist.mjs`) and the browser takes them, ETags (304 on a repeat visit), a year of
 * caching for the hashed files under /assets/, `no-cache` for everything else (index.html, the service worker,
 * the manifest: always revalidated), and index.html for unknown paths without an extension (the single-page
 * fallback). The security headers are set before this runs (http.ts).
 *
 * sirv reads the list of files once; when the build changes (index.html is newer) the list is read again.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import sirv from 'sirv';
import { answer } from './http.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webm': 'audio/webm',
  '.mp3': 'audio/mpeg',
  '.webmanifest': 'application/manifest+json',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Cache-Control for a path: hashed build output for a year, the rest revalidated every time. */
export const cacheControl = (pathname: string): string => (pathname.startsWith('/assets/') ? IMMUTABLE : 'no-cache');

/** A request handler for the files under `dist`. */
export function staticFiles(dist: string): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const root = resolve(dist);
  const index = join(root, 'index.html');
  let handler: ReturnType<typeof sirv> | null = null;
  let builtAt = -1;
  let checkedAt = 0;

  /** The sirv handler for the current build, or null when there is none. */
  const current = (): ReturnType<typeof sirv> | null => {
    const now = Date.now();
    if (handler && now - checkedAt < 1000) return handler;
    checkedAt = now;
    let mtime: number;
    try {
      mtime = statSync(index).mtimeMs;
    } catch {
      handler = null;
      builtAt = -1;
      return null;
    }
    if (!handler || mtime !== builtAt) {
      builtAt = mtime;
      handler = sirv(root, {
        etag: true,
        single: true,
        brotli: true,
        gzip: true,
        dotfiles: false,
        setHeaders(res, pathname) {
          const type = TYPES[extname(pathname)] ?? (extname(pathname) === '' ? TYPES['.html'] : undefined);
          if (type) res.setHeader('Content-Type', type);
          res.setHeader('Cache-Control', cacheControl(pathname));
        },
      });
    }
    return handler;
  };

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
    if (pathname.includes('\0')) {
      answer(res, 400, 'Bad request.');
      return;
    }
    const serve = current();
    if (!serve) {
      answer(res, 404, 'Not found. Is the game built? (npm run build)');
      return;
    }
    // A 304 from sirv also revalidates: the same Cache-Control as the file itself.
    res.setHeader('Cache-Control', cacheControl(pathname));
    serve(req, res, () => answer(res, 404, 'Not found.'));
  };
}
