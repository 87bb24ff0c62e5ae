/**
 * After `vite build`: a brotli (`.br`) and a gzip (`.gz`) copy of every text file in dist/ that compresses,
 * for the room server to send as they are (sirv picks them by the browser's Accept-Encoding). Made once, at
 * the highest levels, so the server never compresses at run time.
 *
 *   node scripts/compress-dist.mjs [dist]
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const DIST = resolve(process.argv[2] ?? join(ROOT, 'dist'));
const TEXT = /\.(js|mjs|css|html|svg|json|webmanifest|txt|xml|map)$/;
/** Smaller files are not worth a second request path; a copy must save at least 10 %. */
const MIN_BYTES = 512;
const MIN_SAVING = 0.9;

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

let raw = 0;
let br = 0;
let gz = 0;
let count = 0;
for await (const path of files(DIST)) {
  if (!TEXT.test(path) || path.endsWith('.map')) continue;
  const body = await readFile(path);
  if (body.length < MIN_BYTES) continue;
  const brotli = brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
  });
  const gzip = gzipSync(body, { level: 9 });
  if (brotli.length < body.length * MIN_SAVING) await writeFile(`${path}.br`, brotli);
  if (gzip.length < body.length * MIN_SAVING) await writeFile(`${path}.gz`, gzip);
  raw += body.length;
  br += Math.min(brotli.length, body.length);
  gz += Math.min(gzip.length, body.length);
  count++;
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`compressed ${count} files in ${DIST}: ${kb(raw)} → brotli ${kb(br)}, gzip ${kb(gz)}`);
