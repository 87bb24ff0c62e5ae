/** Domain vocabulary shared by the core, the views and the content files. All JSON-safe. */

export const LANGS = ['nl', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** A player-facing text in every supported language. */
export type Text = Readonly<Record<Lang, string>>;

export const LEVELS = ['individual', 'team', 'manager', 'organisation'] as const;
/** IGLO: where a solution lies (Individu, Groep, Leidinggevende, Organisatie). */
export type Level = (typeof LEVELS)[number];

export const THEMES = [
  'administration',
  'roster',
  'emotional-load',
  'physical-load',
  'autonomy',
  'manager-support',
  'absence',
  'teamwork',
  'growth',
  'safety',
] as const;
export type Theme = (typeof THEMES)[number];

export const SECTORS = ['ggz', 'hospital', 'vvt', 'wzc', 'general', 'custom'] as const;
export type Sector = (typeof SECTORS)[number];

export const SEEDS = ['000', '001', '002', '003', '004', 'none'] as const;
export interface Source {
  readonly seed: (typeof SEEDS)[number];
  readonly section: string;
  readonly lines: string;
}

export interface ScenarioCard {
  readonly id: string;
  readonly theme: Theme;
  readonly title: Text;
  readonly situation: Text;
  readonly questions: readonly Text[];
  readonly levels: readonly Level[];
  readonly source: Source;
}

export interface ScenarioDeck {
  readonly format: 1;
  readonly kind: 'scenario-deck';
  readonly id: string;
  readonly sector: Sector;
  readonly name: Text;
  readonly description: Text;
  readonly cards: readonly ScenarioCard[];
}

export interface TwistCard {
  readonly id: string;
  readonly title: Text;
  readonly prompt: Text;
}

export interface CheckInCard {
  readonly id: string;
  /** Path under `assets/`. */
  readonly image: string;
  readonly prompt: Text;
  readonly alt: Text;
}

/** Player ids are stable seat ids (`p1`…); a null name is an anonymous seat shown as "Player 1". */
export interface Player {
  readonly id: string;
  readonly name: string | null;
}
