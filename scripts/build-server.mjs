/**
 * Compiles the room server ahead of time for production: src/server/main.ts and what it imports (the protocol,
 * valibot schemas) bundled by esbuild into dist-server/main.mjs, so `npm start` runs plain JavaScript with no
 * TypeScript transpiling at run time. Packages from node_modules (ws, better-sqlite3 with its native module,
 * valibot, sirv, uqr) stay imports, resolved from node_modules as usual.
 *
 *   node scripts/build-server.mjs
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const OUT = join(ROOT, 'dist-server');

rmSync(OUT, { recursive: true, force: true });
const started = performance.now();
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: ['src/server/main.ts'],
  outfile: join(OUT, 'main.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'external',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + (o.bytes ?? 0), 0);
console.log(`room server built: dist-server/main.mjs (${(bytes / 1024).toFixed(0)} KB with its map) in ${Math.round(performance.now() - started)} ms`);
