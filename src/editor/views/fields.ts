/** The editor's text fields: one per language, each with a live character count against the schema's limit. */
import { LANGS, type Lang } from '../../core/types.ts';
import { t } from '../../i18n/index.ts';
import { h } from '../../ui/dom.ts';

export interface FieldOptions {
  /** Where the schema reports problems with this text (`name.nl`, `cards.2.title.en`). */
  path: string;
  /** Stable across renders for focus (`deck-name-nl`, `<card key>-title-nl`). */
  key: string;
  testid: string;
  lang: Lang;
  label: string;
  value: string;
  max: number;
  min?: number;
  rows?: number;
  extra?: Record<string, string>;
  set(value: string): void;
  /** After `set`: the draft changed. */
  changed(): void;
}

function counterText(value: string, max: number, min?: number): string {
  return min ? t('editor:count.range', { count: value.length, min, max }) : t('editor:count.max', { count: value.length, max });
}

export function textField(o: FieldOptions): HTMLElement {
  const id = `f-${o.key}`;
  const countId = `${id}-count`;
  const outOfRange = (v: string) => v.length > o.max || (o.min !== undefined && v.length > 0 && v.length < o.min);
  const counter = h('div', { id: countId, class: `counter${outOfRange(o.value) ? ' counter--bad' : ''}` }, counterText(o.value, o.max, o.min));
  const attrs = {
    id,
    lang: o.lang,
    'data-testid': o.testid,
    'data-lang': o.lang,
    'data-key': id,
    'data-path': o.path,
    'aria-describedby': countId,
    spellcheck: 'true',
    autocomplete: 'off',
    value: o.value,
    ...o.extra,
    oninput: (e: Event) => {
      const v = (e.target as HTMLInputElement | HTMLTextAreaElement).value;
      o.set(v);
      counter.textContent = counterText(v, o.max, o.min);
      counter.classList.toggle('counter--bad', outOfRange(v));
      o.changed();
    },
  };
  const control = o.rows ? h('textarea', { ...attrs, rows: o.rows }) : h('input', { ...attrs, type: 'text' });
  return h('div', { class: 'field' }, h('label', { for: id }, o.label), control, counter);
}

/** "Titel (Nederlands)": a field's label with its language. */
export const inLang = (field: string, lang: Lang): string => t('editor:inLang', { field, lang: t(`editor:lang.${lang}`) });

/** The same field side by side in each language. */
export function langPair(make: (lang: Lang) => HTMLElement): HTMLElement {
  return h('div', { class: 'lang-pair' }, LANGS.map(make));
}
