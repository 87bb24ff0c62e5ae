/** The card as the game's scenario panel shows it, in the language the coach picks for the preview. */
import { LANGS, type Lang } from '../../core/types.ts';
import { t } from '../../i18n/index.ts';
import { h } from '../../ui/dom.ts';
import type { EditorActions } from '../actions.ts';
import type { CardDraft } from '../draft.ts';
import type { EditorSession } from '../session.ts';

export function preview(s: EditorSession, act: EditorActions): HTMLElement {
  return h(
    'section',
    { class: 'card-preview', 'aria-labelledby': 'preview-heading' },
    h(
      'div',
      { class: 'card-preview__head' },
      h('h3', { id: 'preview-heading' }, t('editor:preview.heading')),
      h(
        'div',
        { class: 'segmented', role: 'radiogroup', 'aria-label': t('editor:preview.lang') },
        LANGS.map((lang) =>
          h(
            'label',
            { class: 'segmented__option' },
            h('input', {
              type: 'radio',
              name: 'preview-lang',
              value: lang,
              'data-testid': 'preview-lang',
              'data-key': `preview-${lang}`,
              checked: s.previewLang === lang,
              onchange: () => act.previewIn(lang),
            }),
            h('span', { lang }, t(`editor:lang.${lang}`)),
          ),
        ),
      ),
    ),
    previewFrame(s),
  );
}

/** The card itself, in the preview's language (not the coach's). */
export function previewFrame(s: EditorSession): HTMLElement {
  const lng: Lang = s.previewLang;
  const card = s.draft.cards[s.current] as CardDraft;
  const questions = card.questions.filter((q) => q[lng].trim() !== '');
  return h(
    'div',
    { class: 'card-preview__frame', lang: lng, 'data-live': 'preview', 'data-testid': 'card-preview' },
    h(
      'article',
      { class: 'scenario' },
      h('p', { class: 'eyebrow' }, `${t('card.count', { lng, n: s.current + 1, total: s.draft.cards.length })}${card.theme ? ` · ${t(`theme.${card.theme}`, { lng })}` : ''}`),
      h('h4', { class: 'scenario__title' }, card.title[lng] || '…'),
      h('p', { class: 'scenario__situation' }, card.situation[lng] || '…'),
      h('h5', { class: 'small-heading' }, t('card.questions', { lng })),
      questions.length ? h('ol', { class: 'questions' }, questions.map((q) => h('li', {}, q[lng]))) : h('p', { class: 'muted' }, '…'),
      card.levels.length ? h('p', { class: 'muted small' }, t('card.levels', { lng, levels: card.levels.map((l) => t(`level.${l}`, { lng })).join(', ') })) : null,
    ),
  );
}
