import type { CheckInCard, Player, ScenarioCard, TwistCard } from '../../src/core/types.ts';
import type { SummaryLabels } from '../../src/core/markdown.ts';
import { type SessionContext, type Settings, DEFAULT_TIMING, createSession } from '../../src/core/session.ts';

const t = (s: string) => ({ nl: `${s} (nl)`, en: `${s} (en)` });

export const card = (n: number): ScenarioCard => ({
  id: `test-${n}`,
  theme: 'roster',
  title: t(`Card ${n}`),
  situation: t(`Situation ${n}`),
  questions: [t(`Question ${n}a`), t(`Question ${n}b`)],
  levels: ['team'],
  source: { seed: 'none', section: 'test', lines: '' },
});

export const twist = (n: number): TwistCard => ({ id: `twist-${n}`, title: t(`Twist ${n}`), prompt: t(`Prompt ${n}`) });
export const checkIn = (n: number): CheckInCard => ({ id: `checkin-${n}`, image: `checkin/${n}.svg`, prompt: t(`Check-in ${n}`), alt: t('alt') });

export const players = (n: number): Player[] => Array.from({ length: n }, (_, i) => ({ id: `s${i + 1}`, name: i % 2 ? null : `Name ${i + 1}` }));

export function makeSession(overrides: Partial<Settings> = {}, seed = 42): SessionContext {
  const settings: Settings = {
    teamName: 'Team Test',
    playMode: 'one-screen',
    voteMode: 'dots',
    players: players(4),
    deckId: 'test',
    deckName: t('Test deck'),
    cardCount: 2,
    timing: DEFAULT_TIMING,
    dotsPerPlayer: 3,
    maxPerProposal: 2,
    checkIn: true,
    lang: 'nl',
    ...overrides,
  };
  return createSession({
    id: 'session-1',
    createdAt: 0,
    seed,
    settings,
    deckCards: Array.from({ length: 8 }, (_, i) => card(i + 1)),
    twists: Array.from({ length: 8 }, (_, i) => twist(i + 1)),
    checkInCards: Array.from({ length: 6 }, (_, i) => checkIn(i + 1)),
  });
}

/** The Markdown summary's labels in plain English, as the tests read them. */
export const summaryLabels: SummaryLabels = {
  title: 'Summary',
  date: 'Date',
  deck: 'Deck',
  players: 'Players',
  topThree: 'Top three',
  ask: 'Ask',
  ourselves: 'Ourselves',
  why: 'Why',
  fromScenario: 'From',
  dots: (n) => (n === 1 ? '1 dot' : `${n} dots`),
  allProposals: 'All proposals',
  noProposals: 'No proposals.',
  hidden: 'hidden',
  daring: 'daring',
  level: { individual: 'Individual', team: 'Team', manager: 'Manager', organisation: 'Organisation' },
  daringAward: 'Daring award',
};
