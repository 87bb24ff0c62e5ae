/** Shared by the translation tests: a bundle as `dotted.key` → value, and the `{{variables}}` of a text. */
import { expect, it } from 'vitest';
export type Tree = { readonly [key: string]: string | Tree };

/** Every leaf as `dotted.key` → value; a leaf that is not a string is reported as such. */
export function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const inner = leaves(value, path);
      if (inner.size === 0) out.set(path, value);
      for (const [k, v] of inner) out.set(k, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

export const variables = (text: string): string[] =>
  [...new Set([...text.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)].map((m) => m[1]!))].sort();

/**
 * The checks every pair of bundles must pass: the same keys both ways, no empty text, the same placeholders,
 * well-formed placeholders, plural forms in pairs that say {{count}}. Registers its tests in the caller's
 * `describe`.
 */
export function bundlesAgree(languages: { readonly nl: Map<string, unknown>; readonly en: Map<string, unknown> }, minLeaves: number): void {
  it('has texts to compare', () => {
    expect(languages.nl.size).toBeGreaterThan(minLeaves);
  });

  it.each([
    ['nl', 'en'],
    ['en', 'nl'],
  ] as const)('has every key of %s in %s', (from, to) => {
    expect([...languages[from].keys()].filter((k) => !languages[to].has(k))).toEqual([]);
  });

  it.each(['nl', 'en'] as const)('has only non-empty strings in %s', (lang) => {
    expect([...languages[lang]].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k)).toEqual([]);
  });

  it('uses the same {{variables}} in both languages', () => {
    const differ = [...languages.nl].filter(([k, v]) => variables(String(v)).join() !== variables(String(languages.en.get(k))).join()).map(([k]) => k);
    expect(differ).toEqual([]);
  });

  it('writes placeholders well-formed', () => {
    const bad: string[] = [];
    for (const lang of ['nl', 'en'] as const) {
      for (const [key, value] of languages[lang]) {
        if (typeof value === 'string' && /\{\{|\}\}/.test(value.replace(/\{\{\s*[^{}\s]+\s*\}\}/g, ''))) bad.push(`${lang} ${key}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it.each(['nl', 'en'] as const)('has plural forms in pairs in %s, each using {{count}}', (lang) => {
    const problems: string[] = [];
    for (const key of languages[lang].keys()) {
      const plural = key.match(/^(.*)_(one|other)$/);
      if (!plural) continue;
      if (!languages[lang].has(`${plural[1]}_${plural[2] === 'one' ? 'other' : 'one'}`)) problems.push(`${key} alone`);
      if (languages[lang].has(plural[1]!)) problems.push(`${key} next to a plain ${plural[1]}`);
      const value = languages[lang].get(key);
      if (typeof value === 'string' && !variables(value).includes('count')) problems.push(`${key} does not say {{count}}`);
    }
    expect(problems).toEqual([]);
  });
}
