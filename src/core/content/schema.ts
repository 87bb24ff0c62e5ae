/**
 * One schema for all content in `levels/` (and for a coach's own decks): used at load, on import and in tests.
 * Messages are problem codes, not prose: the view turns them into the reader's language (`content.problem.*`).
 */
import * as v from 'valibot';
import { PHASES } from '../phase.ts';
import { LEVELS, SECTORS, SEEDS, THEMES } from '../types.ts';

export const PROBLEM_CODES = [
  'not-json',
  'file-too-big',
  'wrong-kind',
  'wrong-format',
  'missing',
  'wrong-type',
  'empty',
  'too-long',
  'too-short',
  'markup',
  'bad-id',
  'duplicate-id',
  'question-count',
  'unknown-value',
  'duplicate-level',
  'too-few-cards',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export const LIMITS = {
  title: 80,
  situationMin: 80,
  situation: 600,
  question: 200,
  prompt: 200,
  text: 400,
  name: 80,
  description: 400,
  section: 200,
  note: 240,
  fileBytes: 2_000_000,
} as const;

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,63}$/;
/** Content is shown as text everywhere; tags in it are refused so nobody is surprised by what they see. */
const MARKUP = /[<>]/;

const plain = (max: number, min = 1) =>
  v.pipe(
    v.string('wrong-type'),
    v.check((s) => s.trim().length > 0, 'empty'),
    v.maxLength(max, 'too-long'),
    v.minLength(min, 'too-short'),
    v.check((s) => !MARKUP.test(s), 'markup'),
  );

const text = (max: number, min = 1) => v.object({ nl: plain(max, min), en: plain(max, min) }, 'wrong-type');
const id = v.pipe(v.string('wrong-type'), v.regex(ID_PATTERN, 'bad-id'));
const pick = <T extends readonly [string, ...string[]]>(values: T) => v.picklist(values, 'unknown-value');

const source = v.object(
  {
    seed: pick(SEEDS),
    section: plain(LIMITS.section),
    lines: v.pipe(v.string('wrong-type'), v.maxLength(80, 'too-long')),
  },
  'wrong-type',
);

const uniqueIds = <T extends { id: string }>() =>
  v.rawCheck<T[]>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const seen = new Set<string>();
    dataset.value.forEach((item, index) => {
      if (seen.has(item.id)) {
        addIssue({
          message: 'duplicate-id',
          path: [{ type: 'array', origin: 'value', input: dataset.value, key: index, value: item }, { type: 'object', origin: 'value', input: item, key: 'id', value: item.id }],
        });
      }
      seen.add(item.id);
    });
  });

/** A file's list of cards (or statements): at least one, each id once. */
const cardList = <S extends v.GenericSchema<unknown, { id: string }>>(item: S) =>
  v.pipe(v.array(item, 'wrong-type'), v.minLength(1, 'too-few-cards'), uniqueIds<v.InferOutput<S>>());

/** A content file: format 1 of its `kind`, with the entries of that kind. */
const contentFile = <const K extends string, const E extends v.ObjectEntries>(kind: K, entries: E) =>
  v.object({ format: v.literal(1, 'wrong-format'), kind: v.literal(kind, 'wrong-kind'), ...entries }, 'wrong-type');

export const scenarioCardSchema = v.object(
  {
    id,
    theme: pick(THEMES),
    title: text(LIMITS.title),
    situation: text(LIMITS.situation, LIMITS.situationMin),
    questions: v.pipe(v.array(text(LIMITS.question), 'wrong-type'), v.minLength(2, 'question-count'), v.maxLength(3, 'question-count')),
    levels: v.pipe(
      v.array(pick(LEVELS), 'wrong-type'),
      v.minLength(1, 'empty'),
      v.check((ls) => new Set(ls).size === ls.length, 'duplicate-level'),
    ),
    source,
  },
  'wrong-type',
);

export const deckSchema = contentFile('scenario-deck', {
  id,
  sector: pick(SECTORS),
  name: text(LIMITS.name),
  description: text(LIMITS.description),
  cards: cardList(scenarioCardSchema),
});

export const twistFileSchema = contentFile('twists', {
  // A twist names its source where a seed holds the idea (a team budget, the executive deciding on the spot).
  cards: cardList(v.object({ id, title: text(LIMITS.title), prompt: text(LIMITS.prompt), source: v.optional(source) }, 'wrong-type')),
});

export const checkInFileSchema = contentFile('check-ins', {
  cards: cardList(
    v.object(
      {
        id,
        image: v.pipe(v.string('wrong-type'), v.regex(/^[a-z0-9/_-]+\.svg$/, 'bad-id')),
        prompt: text(LIMITS.prompt),
        alt: text(LIMITS.prompt),
      },
      'wrong-type',
    ),
  ),
});

export const pollFileSchema = contentFile('poll', {
  statements: cardList(v.object({ id, theme: pick(THEMES), polarity: pick(['positive', 'negative'] as const), text: text(LIMITS.prompt), source }, 'wrong-type')),
});

export const INTERVENTION_FUNCTIONS = [
  'education',
  'persuasion',
  'incentivisation',
  'coercion',
  'training',
  'restriction',
  'environmental-restructuring',
  'modelling',
  'enablement',
] as const;

export const nudgeFileSchema = contentFile('nudges', {
  cards: cardList(v.object({ id, function: pick(INTERVENTION_FUNCTIONS), title: text(LIMITS.title), text: text(LIMITS.text), source }, 'wrong-type')),
});

/** The steps of a session the team leader's guide has notes for: every step of a session (`src/core/phase.ts`). */
export const GUIDE_STEPS = PHASES;
/** What a note tells the facilitator: something to say, a question to ask, or something to watch for. */
export const GUIDE_NOTE_KINDS = ['say', 'ask', 'watch'] as const;

const guideNote = v.object({ kind: pick(GUIDE_NOTE_KINDS), text: text(LIMITS.note), source }, 'wrong-type');

const guideStep = v.object(
  {
    id,
    step: pick(GUIDE_STEPS),
    title: text(LIMITS.title),
    notes: v.pipe(
      v.array(guideNote, 'wrong-type'),
      v.minLength(3, 'too-few-cards'),
      v.maxLength(9, 'too-long'),
      // Every step has at least one thing to say, one question to ask and one thing to watch for.
      v.check((notes) => GUIDE_NOTE_KINDS.every((kind) => notes.some((n) => n.kind === kind)), 'empty'),
    ),
  },
  'wrong-type',
);

/** Every step once: a guide without notes for a step would leave the facilitator alone at that step. */
const everyStepOnce = <T extends { step: string }>() =>
  v.rawCheck<T[]>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const steps = dataset.value.map((s) => s.step);
    dataset.value.forEach((item, index) => {
      if (steps.indexOf(item.step) !== index) {
        addIssue({
          message: 'duplicate-id',
          path: [{ type: 'array', origin: 'value', input: dataset.value, key: index, value: item }, { type: 'object', origin: 'value', input: item, key: 'step', value: item.step }],
        });
      }
    });
    if (GUIDE_STEPS.some((step) => !steps.includes(step))) addIssue({ message: 'too-few-cards' });
  });

export const guideFileSchema = contentFile('guide', {
  steps: v.pipe(v.array(guideStep, 'wrong-type'), v.minLength(1, 'too-few-cards'), uniqueIds(), everyStepOnce()),
});
