/** The guide's shapes, apart from its loader so the parser can name them without an import circle. */
import type { Source, Text } from '../types.ts';
import type { GUIDE_NOTE_KINDS, GUIDE_STEPS } from './schema.ts';

export type GuideStepId = (typeof GUIDE_STEPS)[number];
export type GuideNoteKind = (typeof GUIDE_NOTE_KINDS)[number];

export interface GuideNote {
  readonly kind: GuideNoteKind;
  readonly text: Text;
  readonly source: Source;
}

export interface GuideStep {
  readonly id: string;
  readonly step: GuideStepId;
  readonly title: Text;
  readonly notes: readonly GuideNote[];
}

export interface Guide {
  readonly format: 1;
  readonly kind: 'guide';
  readonly steps: readonly GuideStep[];
}
