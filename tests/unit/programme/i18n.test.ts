/** The programme's two languages say the same things: the same keys, placeholders and plural pairs. */
import { describe, expect, it } from 'vitest';
import { type Tree, leaves, variables } from '../i18nTree.ts';
import { programmeNl } from '../../../src/i18n/programme-nl.ts';
import { programmeEn } from '../../../src/i18n/programme-en.ts';

const nl = leaves(programmeNl);
const en = leaves(programmeEn as Tree);

describe('programme strings', () => {
  it('has the same keys in both languages', () => {
    expect([...nl.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect([...en.keys()].filter((k) => !nl.has(k))).toEqual([]);
  });

  it('has only non-empty strings', () => {
    for (const lang of [nl, en]) expect([...lang].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k)).toEqual([]);
  });

  it('uses the same variables in both languages', () => {
    const differ = [...nl].filter(([k, v]) => variables(String(v)).join() !== variables(String(en.get(k))).join()).map(([k]) => k);
    expect(differ).toEqual([]);
  });

  it('has plural forms in pairs, each with {{count}}', () => {
    for (const lang of [nl, en]) {
      for (const key of lang.keys()) {
        const m = key.match(/^(.*)_(one|other)$/);
        if (!m) continue;
        expect(lang.has(`${m[1]}_${m[2] === 'one' ? 'other' : 'one'}`), key).toBe(true);
        expect(variables(String(lang.get(key)))).toContain('count');
      }
    }
  });

  it('writes Dutch with je/jullie, never u', () => {
    const formal = [...nl].filter(([, v]) => /\b(u|uw)\b/i.test(String(v))).map(([k]) => k);
    expect(formal).toEqual([]);
  });
});
