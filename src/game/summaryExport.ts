/** The session's summary as a Markdown file, with its headings in the language on screen. */
import type { SessionContext } from '../core/session.ts';
import { summaryMarkdown } from '../core/markdown.ts';
import { LEVELS } from '../core/types.ts';
import { currentLang, t } from '../i18n/index.ts';
import { download } from '../ui/dom.ts';

export function summaryFile(ctx: SessionContext, date: string): { readonly name: string; readonly text: string } {
  const text = summaryMarkdown(
    ctx,
    currentLang(),
    {
      title: t('summary.title'),
      date: t('summary.date'),
      deck: t('summary.deck'),
      players: t('summary.players'),
      topThree: t('topThree.title'),
      ask: t('topThree.ask'),
      ourselves: t('topThree.ourselves'),
      why: t('topThree.why'),
      fromScenario: t('topThree.from', { title: '' }).replace(/[:\s]+$/, ''),
      dots: (count) => t('results.dots', { count }),
      allProposals: t('summary.allProposals'),
      noProposals: t('summary.none'),
      hidden: t('summary.hidden'),
      daring: t('propose.daring'),
      level: Object.fromEntries(LEVELS.map((l) => [l, t(`level.${l}`)])) as Record<(typeof LEVELS)[number], string>,
      daringAward: t('topThree.daringAward'),
    },
    date,
  );
  const safeTeam = ctx.settings.teamName.replace(/[^\p{L}\p{N}-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'team';
  return { name: `ruimte-${safeTeam}-${date}.md`, text };
}

/** Downloads the summary of today. */
export function exportSummary(ctx: SessionContext): void {
  const file = summaryFile(ctx, new Date().toISOString().slice(0, 10));
  download(file.name, file.text, 'text/markdown;charset=utf-8');
}
