/**
 * The session's record for the executive's visit as Markdown. Labels come in already translated, so the
 * core stays free of i18next; player text is escaped so it reads as written, not as Markdown.
 */
import type { Lang, Level } from './types.ts';
import type { Proposal, SessionContext } from './session.ts';
import { rankAll } from './ranking.ts';
import { sessionDots, topThreeDecision } from './session.ts';
import { MERGED_TEXTS_SEPARATOR, isShown, mergedGroups } from './proposal.ts';
import { scoreSession } from './scoring.ts';

export interface SummaryLabels {
  readonly title: string;
  readonly date: string;
  readonly deck: string;
  readonly players: string;
  readonly topThree: string;
  readonly ask: string;
  readonly ourselves: string;
  readonly why: string;
  readonly fromScenario: string;
  readonly dots: (count: number) => string;
  readonly allProposals: string;
  readonly noProposals: string;
  readonly hidden: string;
  readonly daring: string;
  readonly level: Readonly<Record<Level, string>>;
  readonly daringAward: string;
}

/**
 * Escapes what Markdown would otherwise interpret, including raw HTML and character references (`&amp;`
 * typed by a player shows as typed), and keeps the text on one line (CommonMark ends a line at CR too).
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n|\r|\n/g, ' ')
    .replace(/([\\`*_{}\[\]()#+\-.!|>~&])/g, '\\$1')
    .replace(/</g, '&lt;');
}

export { MERGED_TEXTS_SEPARATOR } from './proposal.ts';

export function summaryMarkdown(ctx: SessionContext, lang: Lang, labels: SummaryLabels, date: string): string {
  const dots = sessionDots(ctx);
  const groups = mergedGroups(ctx.proposals);
  // A merged proposal reads as all its texts, each escaped on its own.
  const textOf = (p: Proposal, strong = false): string =>
    (groups.get(p.id)?.texts ?? [p.text]).map((t) => (strong ? `**${escapeMarkdown(t)}**` : escapeMarkdown(t))).join(MERGED_TEXTS_SEPARATOR);
  const decision = topThreeDecision(ctx);
  const lines: string[] = [];
  lines.push(`# ${labels.title}: ${escapeMarkdown(ctx.settings.teamName)}`, '');
  lines.push(`- ${labels.date}: ${date}`);
  lines.push(`- ${labels.deck}: ${escapeMarkdown(ctx.settings.deckName[lang])}`);
  lines.push(`- ${labels.players}: ${ctx.settings.players.length}`, '');
  lines.push(`## ${labels.topThree}`, '');
  if (decision.kind === 'decided' && decision.ranking.length > 0) {
    for (const item of decision.ranking) {
      const p = ctx.proposals.find((x) => x.id === item.id);
      if (!p) continue;
      const s = ctx.sharpened[p.id];
      lines.push(`${item.rank}. ${textOf(p, true)} (${labels.dots(item.dots)}, ${labels.level[p.level]})`);
      lines.push(`   - ${labels.fromScenario}: ${escapeMarkdown(ctx.cards[p.cardIndex]?.title[lang] ?? '')}`);
      if (s?.ask) lines.push(`   - ${labels.ask}: ${escapeMarkdown(s.ask)}`);
      if (s?.ourselves) lines.push(`   - ${labels.ourselves}: ${escapeMarkdown(s.ourselves)}`);
      if (s?.why) lines.push(`   - ${labels.why}: ${escapeMarkdown(s.why)}`);
    }
  } else {
    lines.push(labels.noProposals);
  }
  const award = scoreSession(ctx).daringAward;
  if (award) lines.push('', `**${labels.daringAward}:** ${textOf(award)}`);
  lines.push('', `## ${labels.allProposals}`, '');
  ctx.cards.forEach((card, index) => {
    lines.push(`### ${index + 1}. ${escapeMarkdown(card.title[lang])}`, '');
    const ps = ctx.proposals.filter((p) => p.cardIndex === index && isShown(p));
    if (ps.length === 0) lines.push(labels.noProposals);
    const byId = new Map(ps.map((p) => [p.id, p]));
    for (const p of rankAll(ps.map((p) => p.id), dots).map((r) => byId.get(r.id) as Proposal)) {
      const daring = p.twistId ? ` · ${labels.daring}` : '';
      lines.push(`- ${textOf(p)} (${labels.dots(dots[p.id] ?? 0)}, ${labels.level[p.level]}${daring})`);
    }
    lines.push('');
  });
  return lines.join('\n');
}
