/** The top three of a played session, copied into a round so the programme outlives the session's save. */
import { type SessionContext, topThreeDecision } from '../../core/session.ts';
import { THEMES, type Theme } from '../../core/types.ts';
import type { ActionItem, VisitAnswer } from './history.ts';

export const EMPTY_VISIT: VisitAnswer = { decision: null, note: '', owner: '', date: '', indicator: '', checkDate: '' };

const isTheme = (x: unknown): x is Theme => typeof x === 'string' && (THEMES as readonly string[]).includes(x);

export type SessionItems = { readonly kind: 'decided'; readonly items: ActionItem[] } | { readonly kind: 'tie' } | { readonly kind: 'empty' };

/**
 * The session's top three as action items; `previous` keeps what was already recorded about an item (the
 * executive's answer, nudges) when the session is read again.
 */
export function itemsFromSession(ctx: SessionContext, previous: readonly ActionItem[] = []): SessionItems {
  const decision = topThreeDecision(ctx);
  if (decision.kind === 'tie') return { kind: 'tie' };
  const items: ActionItem[] = [];
  for (const ranked of decision.ranking) {
    const proposal = ctx.proposals.find((p) => p.id === ranked.id);
    if (!proposal) continue;
    const card = ctx.cards[proposal.cardIndex];
    const sharpened = ctx.sharpened[ranked.id] ?? { ask: '', ourselves: '', why: '' };
    const before = previous.find((item) => item.id === ranked.id);
    items.push({
      id: ranked.id,
      rank: ranked.rank,
      dots: ranked.dots,
      text: proposal.text,
      level: proposal.level,
      ask: sharpened.ask,
      ourselves: sharpened.ourselves,
      why: sharpened.why,
      card: card ? { id: card.id, theme: isTheme(card.theme) ? card.theme : null, title: card.title, situation: card.situation } : null,
      visit: before?.visit ?? EMPTY_VISIT,
      nudges: before?.nudges ?? [],
      ownNudge: before?.ownNudge ?? '',
    });
  }
  return items.length === 0 ? { kind: 'empty' } : { kind: 'decided', items };
}
