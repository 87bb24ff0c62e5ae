/**
 * The automation contract (README.md, "## The automation contract"): every control a person presses or fills
 * in (button, link, input, select, textarea, a `<summary>` that opens a `<details>`) has a `data-testid`, and
 * every such test id is listed there in backticks. Read from the sources as text: no DOM, no build.
 *
 * Covered: `h('button' | 'a' | 'input' | 'select' | 'textarea' | 'summary', { ... }, ...)` calls (also split over
 * lines), helpers that take the test id as their first parameter (`button(testid, …)`), helpers that take it as an
 * options object's `testid` (`textField({ testid: 'x', … })`), and tuples whose first element is labelled
 * `testid` (`type Choice = [testid: string, …]`). Test ids built from template strings are skipped.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const INTERACTIVE = ['button', 'a', 'input', 'select', 'textarea', 'summary'];

interface Source {
  readonly path: string;
  readonly text: string;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/\.(test|spec)\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Where the string, template or comment starting at `i` ends (the index after it), or `i` when none starts there. */
function skipLiteral(text: string, i: number): number {
  const c = text[i];
  if (c === "'" || c === '"') {
    let j = i + 1;
    while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
    return j + 1;
  }
  if (c === '`') {
    let j = i + 1;
    while (j < text.length && text[j] !== '`') {
      if (text[j] === '\\') j += 2;
      else if (text[j] === '$' && text[j + 1] === '{') j = matching(text, j + 1) + 1;
      else j++;
    }
    return j + 1;
  }
  if (c === '/' && text[i + 1] === '/') {
    const end = text.indexOf('\n', i);
    return end < 0 ? text.length : end;
  }
  if (c === '/' && text[i + 1] === '*') {
    const end = text.indexOf('*/', i + 2);
    return end < 0 ? text.length : end + 2;
  }
  return i;
}

/** The code from `open` on, character by character (strings, templates and comments skipped), with the bracket depth after each. */
function* code(text: string, open: number): Generator<{ i: number; c: string; depth: number }> {
  let depth = 0;
  for (let i = open; i < text.length; ) {
    const after = skipLiteral(text, i);
    if (after !== i) {
      i = after;
      continue;
    }
    const c = text[i] ?? '';
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    yield { i, c, depth };
    i++;
  }
}

/** The index of the bracket that closes the one at `open`. */
function matching(text: string, open: number): number {
  for (const { i, depth } of code(text, open)) if (depth === 0) return i;
  throw new Error(`unbalanced bracket at ${open}`);
}

/** The top-level, comma-separated parts between the bracket at `open` and its partner. */
function parts(text: string, open: number): { text: string; start: number }[] {
  const close = matching(text, open);
  const found: { text: string; start: number }[] = [];
  let start = open + 1;
  for (const { i, c, depth } of code(text, open)) {
    if (i >= close) break;
    if (c === ',' && depth === 1) {
      found.push({ text: text.slice(start, i), start });
      start = i + 1;
    }
  }
  if (text.slice(start, close).trim()) found.push({ text: text.slice(start, close), start });
  return found;
}

/** The plain string literals ('x' and "x", not templates) in an expression. */
function literals(expression: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < expression.length; ) {
    const after = skipLiteral(expression, i);
    if (after === i) i++;
    else {
      if (expression[i] === "'" || expression[i] === '"') found.push(expression.slice(i + 1, after - 1));
      i = after;
    }
  }
  return found;
}

const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length;

/** Comments blanked out (same length, so indexes and lines stay), strings kept. */
function withoutComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const after = skipLiteral(text, i);
    if (after === i) out += text[i++];
    else {
      const piece = text.slice(i, after);
      out += text[i] === '/' ? piece.replace(/[^\n]/g, ' ') : piece;
      i = after;
    }
  }
  return out;
}

interface Finding {
  readonly where: string;
  /** The test id expression when there is one, else null. */
  readonly testid: string | null;
  /** The name of the helper whose parameter the test id is, when it is `testid` or `<options>.testid`. */
  readonly param: string | null;
  readonly fn: string | null;
}

/** The name of the function whose body holds `index`: the nearest declaration above it whose body reaches past it. */
function enclosingFunction(text: string, index: number): { name: string; params: string } | null {
  const declarations = [...text.matchAll(/(?:function\s+(\w+)\s*(?:<[^>]*>)?\s*\(|(?:const|let)\s+(\w+)\s*=\s*(?:async\s*)?\()/g)];
  for (const d of declarations.reverse()) {
    if (d.index === undefined || d.index > index) continue;
    const open = d.index + d[0].length - 1;
    const close = matching(text, open);
    const rest = text.slice(close + 1);
    const body = /^\s*(?::[^={]*)?(?:=>\s*)?/.exec(rest);
    // A block, or an expression: a call like `h(…)` ends where its brackets close, anything else at the line's end.
    const bodyStart = close + 1 + (body?.[0].length ?? 0) + (/^[\w.]*/.exec(text.slice(close + 1 + (body?.[0].length ?? 0)))?.[0].length ?? 0);
    const end = '{(['.includes(text[bodyStart] ?? ' ') ? matching(text, bodyStart) : text.indexOf('\n', bodyStart);
    if (end > index) return { name: d[1] ?? d[2] ?? '', params: text.slice(open + 1, close) };
  }
  return null;
}

/** Where the object literals spread into the object at `open` start (`...attrs` with `const attrs = { … }` in the file). */
function spreadObjects(text: string, open: number): number[] {
  return parts(text, open).flatMap((p) => {
    const name = /^\s*\.\.\.(\w+)\s*$/.exec(p.text)?.[1];
    const declared = name ? new RegExp(`(?:const|let)\\s+${name}\\s*(?::[^=]+)?=\\s*\\{`).exec(text) : null;
    return declared ? [declared.index + declared[0].length - 1] : [];
  });
}

/** Every interactive element built with `h(tag, attrs, …)`. */
function elements(src: Source): Finding[] {
  const text = withoutComments(src.text);
  const found: Finding[] = [];
  for (const m of text.matchAll(/\bh\(\s*'(\w+)'/g)) {
    const tag = m[1] ?? '';
    if (!INTERACTIVE.includes(tag) || m.index === undefined) continue;
    const open = m.index + 1;
    const args = parts(text, open);
    const where = `${src.path}:${lineOf(text, m.index)} <${tag}>`;
    const attrs = args[1]?.text.trim() ?? '';
    // A link made only to start a download (no text, clicked by the code, never on show) is not a control.
    if (tag === 'a' && args.length === 2 && /\bdownload\s*:/.test(attrs)) continue;
    if (!attrs.startsWith('{')) {
      found.push({ where, testid: null, param: null, fn: null });
      continue;
    }
    const start = (args[1]?.start ?? 0) + (args[1]?.text.indexOf('{') ?? 0);
    const entry = [start, ...spreadObjects(text, start)].flatMap((open) => parts(text, open)).find((p) => /^\s*['"]data-testid['"]\s*:/.test(p.text));
    const value = entry ? entry.text.replace(/^\s*['"]data-testid['"]\s*:/, '').trim() : null;
    let param: string | null = null;
    let fn: string | null = null;
    if (value && /^\w+(\.testid)?$/.test(value)) {
      const own = enclosingFunction(text, m.index);
      const first = own?.params.split(/[,:)]/)[0]?.trim();
      if (own && (value === 'testid' ? first === 'testid' : first === value.split('.')[0])) {
        param = value;
        fn = own.name;
      }
    }
    found.push({ where, testid: value, param, fn });
  }
  return found;
}

/** String-literal test ids given to helpers: the first argument, an options object's `testid`, a tuple's first element. */
function helperIds(all: Source[], helpers: Finding[]): { where: string; id: string }[] {
  const ids: { where: string; id: string }[] = [];
  for (const src of all) {
    const text = withoutComments(src.text);
    for (const helper of helpers) {
      const name = helper.fn ?? '';
      const definedHere = helper.where.startsWith(src.path + ':');
      const imported = new RegExp(`import\\s*\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from`).test(text);
      if (!definedHere && !imported) continue;
      for (const call of text.matchAll(new RegExp(`(?<![\\w.])${name}\\(`, 'g'))) {
        if (call.index === undefined || /(function|const|let)\s+$/.test(text.slice(Math.max(0, call.index - 12), call.index))) continue;
        const args = parts(text, call.index + name.length);
        const first = args[0]?.text.trim() ?? '';
        const where = `${src.path}:${lineOf(text, call.index)} ${name}(…)`;
        if (helper.param === 'testid' && /^['"]/.test(first)) for (const id of literals(first)) ids.push({ where, id });
        if (helper.param?.endsWith('.testid')) for (const m of first.matchAll(/\btestid\s*:\s*(['"])([^'"]*)\1/g)) ids.push({ where, id: m[2] ?? '' });
      }
    }
    // `type Choice = [testid: string, …]`: the array literals in that file that open with a string.
    if (/=\s*\[\s*testid\s*:/.test(text)) {
      for (const m of text.matchAll(/\[\s*(['"])([a-z0-9-]+)\1\s*,/g)) if (m.index !== undefined) ids.push({ where: `${src.path}:${lineOf(text, m.index)} tuple`, id: m[2] ?? '' });
    }
  }
  return ids;
}

function contractIds(readme: string): Set<string> {
  const start = readme.indexOf('## The automation contract');
  if (start < 0) throw new Error('README.md has no "## The automation contract" section');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return new Set([...section.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? ''));
}

export function checkContract(root: string): { missing: string[]; unlisted: string[]; checked: number } {
  const all = sources(join(root, 'src'))
    .map((path) => relative(root, path).replaceAll('\\', '/'))
    .filter((path) => !path.startsWith('src/scenes/'))
    .map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
  const found = all.flatMap(elements);
  const listed = contractIds(readFileSync(join(root, 'README.md'), 'utf8'));
  const missing = found.filter((f) => f.testid === null).map((f) => f.where);
  const literalIds = found.flatMap((f) => (f.testid ? literals(f.testid).map((id) => ({ where: f.where, id })) : []));
  const viaHelpers = helperIds(
    all,
    found.filter((f) => f.param !== null),
  );
  const unlisted = [...new Set([...literalIds, ...viaHelpers].filter(({ id }) => id && !listed.has(id)).map(({ where, id }) => `${id} (${where})`))];
  return { missing, unlisted, checked: literalIds.length + viaHelpers.length };
}

describe('the automation contract', () => {
  const result = checkContract(ROOT);

  it('reads the controls: plenty of test ids, through elements and helpers', () => {
    expect(result.checked).toBeGreaterThan(150);
  });

  it('gives every control a person presses or fills in a data-testid', () => {
    expect(result.missing).toEqual([]);
  });

  it('lists every control’s test id in README.md’s automation contract', () => {
    expect(result.unlisted).toEqual([]);
  });
});
