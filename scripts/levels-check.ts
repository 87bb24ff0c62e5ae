/**
 * Validates every content file in `levels/` with the game's own schema and prints each problem with its
 * file and path. Exit code 1 when anything is wrong. Also checks that check-in pictures exist.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseContentFile } from '../src/core/content/parse.ts';

const root = new URL('..', import.meta.url).pathname;
const levels = join(root, 'levels');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

let problems = 0;
const files = jsonFiles(levels);
const ids = new Map<string, string>();
for (const file of files) {
  const rel = relative(root, file);
  const result = parseContentFile(readFileSync(file, 'utf8'));
  if (!result.ok) {
    for (const p of result.error) {
      problems++;
      console.log(`${rel}: ${p.path || '(file)'}: ${p.code}`);
    }
    continue;
  }
  const value = result.value as { id?: string; cards?: { id: string; image?: string }[]; statements?: { id: string }[] };
  const items: { id: string; image?: string }[] = value.cards ?? value.statements ?? [];
  for (const item of items) {
    const other = ids.get(item.id);
    if (other) {
      problems++;
      console.log(`${rel}: id ${item.id}: duplicate-id (also in ${other})`);
    }
    ids.set(item.id, rel);
    if (item.image && !existsSync(join(root, 'assets', item.image))) {
      problems++;
      console.log(`${rel}: ${item.id}.image: missing file assets/${item.image}`);
    }
  }
  console.log(`${rel}: ok (${items.length} ${value.statements ? 'statements' : 'cards'})`);
}
console.log(problems === 0 ? `levels: ${files.length} files, no problems` : `levels: ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
