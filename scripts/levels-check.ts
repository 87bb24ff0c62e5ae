/**
 * Validates every content file in `levels/` with the game's own schema and prints each problem with its
 * file and path. Exit code 1 when anything is wrong. Also checks that check-in pictures exist, that there is
 * enough of each kind, that every deck has every theme and every card a source, and that no two scenario
 * cards (in any decks) share a title or a question.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { countProblems, deckProblems, twinProblems } from '../src/core/content/checks.ts';
import { parseContentFile } from '../src/core/content/parse.ts';
import type { ScenarioDeck } from '../src/core/types.ts';

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
const decks: ScenarioDeck[] = [];
const counts = { poll: 0, twists: 0, checkIns: 0 };
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
  const value = result.value as { kind: string; id?: string; cards?: { id: string; image?: string }[]; statements?: { id: string }[]; steps?: { id: string }[] };
  const items: { id: string; image?: string }[] = value.cards ?? value.statements ?? value.steps ?? [];
  if (value.kind === 'scenario-deck') decks.push(value as unknown as ScenarioDeck);
  if (value.kind === 'poll') counts.poll += items.length;
  if (value.kind === 'twists') counts.twists += items.length;
  if (value.kind === 'check-ins') counts.checkIns += items.length;
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
  console.log(`${rel}: ok (${items.length} ${value.statements ? 'statements' : value.steps ? 'steps' : 'cards'})`);
}
for (const p of [...countProblems(counts), ...decks.flatMap(deckProblems), ...twinProblems(decks)]) {
  problems++;
  console.log(`${p.where}: ${p.code}: ${p.detail}`);
}
console.log(problems === 0 ? `levels: ${files.length} files, no problems` : `levels: ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
