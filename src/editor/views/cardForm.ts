/** The card being edited: title, situation and questions in both languages, its theme and its IGLO levels. */
import { LIMITS } from '../../core/content/schema.ts';
import { LEVELS, THEMES, type Theme } from '../../core/types.ts';
import { t } from '../../i18n/index.ts';
import { h } from '../../ui/dom.ts';
import type { EditorActions } from '../actions.ts';
import { type CardDraft, MAX_QUESTIONS, MIN_QUESTIONS, OWN_SOURCE } from '../draft.ts';
import { cardTitle } from '../labels.ts';
import type { EditorSession } from '../session.ts';
import { inLang, langPair, textField } from './fields.ts';

export function cardForm(s: EditorSession, act: EditorActions): HTMLElement {
  const i = s.current;
  const card = s.draft.cards[i] as CardDraft;
  const at = `cards.${i}`;
  const k = card.key;
  const changed = act.changed;
  return h(
    'section',
    { class: 'card-form', 'aria-labelledby': 'card-heading' },
    h(
      'div',
      { class: 'card-form__head' },
      h('h3', { id: 'card-heading', tabindex: -1, 'data-key': `heading-${k}` }, t('editor:card.heading', { n: i + 1, total: s.draft.cards.length })),
      h(
        'button',
        {
          type: 'button',
          class: 'ghost danger',
          'data-testid': 'card-remove',
          'data-key': `remove-${k}`,
          'aria-label': t('editor:cards.remove', { n: i + 1, title: cardTitle(card) }),
          disabled: s.draft.cards.length <= 1,
          onclick: () => act.openDialog({ kind: 'remove-card', index: i, returnKey: null }),
        },
        `✕ ${t('editor:card.remove')}`,
      ),
    ),
    langPair((lang) =>
      textField({ path: `${at}.title.${lang}`, key: `${k}-title-${lang}`, testid: 'card-title', lang, label: inLang(t('editor:card.title'), lang), value: card.title[lang], max: LIMITS.title, set: (v) => (card.title[lang] = v), changed }),
    ),
    langPair((lang) =>
      textField({
        path: `${at}.situation.${lang}`,
        key: `${k}-situation-${lang}`,
        testid: 'card-situation',
        lang,
        label: inLang(t('editor:card.situation'), lang),
        value: card.situation[lang],
        max: LIMITS.situation,
        min: LIMITS.situationMin,
        rows: 5,
        set: (v) => (card.situation[lang] = v),
        changed,
      }),
    ),
    h('p', { class: 'muted small hint' }, t('editor:card.situationHint')),
    questions(card, at, act),
    h('div', { class: 'theme-levels' }, themeField(card, at, act), levelsField(card, at, act)),
    card.source && card.source.section !== OWN_SOURCE.section ? h('p', { class: 'muted small' }, t('editor:card.source', { section: card.source.section })) : null,
  );
}

function questions(card: CardDraft, at: string, act: EditorActions): HTMLElement {
  const k = card.key;
  return h(
    'fieldset',
    { class: 'editor-fieldset questions-edit', 'data-path': `${at}.questions` },
    h('legend', {}, t('editor:card.questions')),
    card.questions.map((q, qi) =>
      h(
        'div',
        { class: 'question-edit' },
        langPair((lang) =>
          textField({
            path: `${at}.questions.${qi}.${lang}`,
            key: `${k}-q${qi}-${lang}`,
            testid: 'card-question',
            lang,
            label: inLang(t('editor:card.question', { n: qi + 1 }), lang),
            value: q[lang],
            max: LIMITS.question,
            rows: 2,
            extra: { 'data-index': String(qi) },
            set: (v) => (q[lang] = v),
            changed: act.changed,
          }),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'ghost danger small-target',
            'data-testid': 'remove-question',
            'data-key': `${k}-remove-q${qi}`,
            disabled: card.questions.length <= MIN_QUESTIONS,
            onclick: () => act.removeQuestion(qi),
          },
          t('editor:card.removeQuestion', { n: qi + 1 }),
        ),
      ),
    ),
    h(
      'button',
      { type: 'button', 'data-testid': 'add-question', 'data-key': 'add-question', disabled: card.questions.length >= MAX_QUESTIONS, onclick: () => act.addQuestion() },
      `+ ${t('editor:card.addQuestion')}`,
    ),
  );
}

function themeField(card: CardDraft, at: string, act: EditorActions): HTMLElement {
  return h(
    'label',
    { class: 'field' },
    h('span', {}, t('editor:card.theme')),
    h(
      'select',
      {
        'data-testid': 'card-theme',
        'data-key': `${card.key}-theme`,
        'data-path': `${at}.theme`,
        onchange: (e: Event) => {
          const v = (e.target as HTMLSelectElement).value;
          card.theme = (THEMES as readonly string[]).includes(v) ? (v as Theme) : '';
          act.changed();
        },
      },
      h('option', { value: '', selected: card.theme === '' }, t('editor:card.chooseTheme')),
      THEMES.map((theme) => h('option', { value: theme, selected: card.theme === theme }, t(`theme.${theme}`))),
    ),
  );
}

function levelsField(card: CardDraft, at: string, act: EditorActions): HTMLElement {
  return h(
    'fieldset',
    { class: 'editor-fieldset levels-edit', 'data-path': `${at}.levels` },
    h('legend', {}, t('editor:card.levels')),
    h(
      'div',
      { class: 'levels-edit__options' },
      LEVELS.map((level) =>
        h(
          'label',
          { class: 'check' },
          h('input', {
            type: 'checkbox',
            'data-testid': 'card-level',
            'data-level': level,
            'data-key': `${card.key}-level-${level}`,
            checked: card.levels.includes(level),
            onchange: (e: Event) => {
              const on = (e.target as HTMLInputElement).checked;
              card.levels = LEVELS.filter((l) => (l === level ? on : card.levels.includes(l)));
              act.changed();
            },
          }),
          h('span', {}, t(`level.${level}`)),
        ),
      ),
    ),
  );
}
