/**
 * Problems of a deck (from the one schema) in the coach's language, by card and field:
 * "Kaart 3, titel (Engels): Is leeg. (maximaal 80 tekens)". Reuses `content.problem.*` and `content.where`.
 */
import type { Problem } from '../core/content/parse.ts';
import { LIMITS } from '../core/content/schema.ts';
import { i18n, isLang, t } from '../i18n/index.ts';

const has = (key: string): boolean => i18n.exists(key);

/** "titel (Engels)", "vraag 2 (Nederlands)", "IGLO-niveaus", "bron (document)"; an unknown path as it is. */
export function fieldLabel(field: string, inCard: boolean): string {
  if (field === '') return '';
  const parts = field.split('.');
  const last = parts[parts.length - 1];
  const lang = parts.length > 1 && isLang(last) ? last : null;
  if (lang) parts.pop();
  const [head = '', second, ...rest] = parts;
  let label: string;
  if (inCard && head === 'questions' && second !== undefined && /^\d+$/.test(second) && rest.length === 0) label = t('editor:field.question', { n: Number(second) + 1 });
  else if (inCard && head === 'levels' && second !== undefined && /^\d+$/.test(second) && rest.length === 0) label = t('editor:field.level', { n: Number(second) + 1 });
  else if (inCard && head === 'source' && second !== undefined && rest.length === 0 && has(`editor:field.source.${second}`)) label = t(`editor:field.source.${second}`);
  else {
    const group = inCard ? 'cardField' : 'deck';
    label = parts.length === 1 && has(`editor:field.${group}.${head}`) ? t(`editor:field.${group}.${head}`) : parts.join('.');
  }
  return lang ? t('editor:field.withLang', { field: label, lang: t(`editor:lang.${lang}`) }) : label;
}

/** Where the problem is: "Kaart 3, titel (Engels)", "Kaart 3", "naam (Nederlands)", or '' for the whole file. */
export function problemWhere(p: Problem): string {
  const inCard = p.card !== null;
  const label = fieldLabel(p.field, inCard);
  if (inCard) return label ? t('content.where', { card: p.card, field: label }) : t('editor:field.card', { card: p.card });
  return label ? t('content.whereFile', { field: label }) : '';
}

/** The limit a too-long or too-short text broke, when the field has one. */
function limitHint(p: Problem): string {
  const parts = p.field.split('.');
  const head = parts[0];
  const inCard = p.card !== null;
  if (p.code === 'too-long') {
    const max = inCard
      ? head === 'title' ? LIMITS.title : head === 'situation' ? LIMITS.situation : head === 'questions' ? LIMITS.question : head === 'source' && parts[1] === 'section' ? LIMITS.section : head === 'source' && parts[1] === 'lines' ? 80 : null
      : head === 'name' ? LIMITS.name : head === 'description' ? LIMITS.description : null;
    return max === null ? '' : t('editor:limit.max', { max });
  }
  if (p.code === 'too-short' && inCard && head === 'situation') return t('editor:limit.min', { min: LIMITS.situationMin });
  return '';
}

/** The whole message for one problem, in the current language. */
export function problemMessage(p: Problem): string {
  const where = problemWhere(p);
  const what = t(`content.problem.${p.code}`);
  const hint = limitHint(p);
  return `${where ? `${where}: ` : ''}${what}${hint ? ` ${hint}` : ''}`;
}
