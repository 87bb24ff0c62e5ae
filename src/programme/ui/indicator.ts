/**
 * An action's indicator as the follow-up reads it: "how will we know it worked?" and the day the team looks,
 * marked when that day has come (003 l.140-150: the action plan with indicators to follow progress).
 */
import { h } from '../../ui/dom.ts';
import { t } from '../../i18n/index.ts';
import type { VisitAnswer } from '../core/history.ts';
import { dayFromNow, formatDate } from './kit.ts';

/** True when the check date is today or has passed. */
export const checkDue = (visit: VisitAnswer, today = dayFromNow(0)): boolean => Boolean(visit.checkDate) && (visit.checkDate as string) <= today;

/** The indicator and its check date on one line; null when the team wrote neither. */
export function indicatorLine(visit: VisitAnswer, testid: string): HTMLElement | null {
  const indicator = visit.indicator?.trim() ?? '';
  const checkDate = visit.checkDate ?? '';
  if (!indicator && !checkDate) return null;
  const due = checkDue(visit);
  return h(
    'span',
    { class: `indicator small${due ? ' indicator--due' : ''}`, 'data-testid': testid, 'data-check-date': checkDate, 'data-due': String(due) },
    indicator ? h('span', { class: 'indicator__text' }, t('programme:indicator.how', { text: indicator })) : null,
    checkDate ? h('span', { class: 'indicator__date' }, t(due ? 'programme:indicator.due' : 'programme:indicator.check', { date: formatDate(checkDate) })) : null,
  );
}
