/** Names as the editor shows them: a deck's or card's name with a fallback, and default texts in both languages. */
import { currentLang, t } from '../i18n/index.ts';
import type { Lang, Text } from '../core/types.ts';
import { type CardDraft, type TextDraft, cardLabel } from './draft.ts';

/** An editor text in both languages, for what ends up in a deck (its name, a copy's mark). */
export const both = (key: string): Text => ({ nl: t(key, { lng: 'nl' }), en: t(key, { lng: 'en' }) });

/** A new deck's name and description. */
export const deckDefaults = (): { name: Text; description: Text } => ({ name: both('editor:defaults.name'), description: both('editor:defaults.description') });

/** The deck's name in the coach's language, else in the other one, else "untitled". */
export function deckName(name: Text | TextDraft): string {
  const lang: Lang = currentLang();
  return name[lang].trim() || name[lang === 'nl' ? 'en' : 'nl'].trim() || t('editor:deck.untitled');
}

export const cardTitle = (card: CardDraft): string => cardLabel(card, currentLang()) ?? t('editor:cards.untitled');
