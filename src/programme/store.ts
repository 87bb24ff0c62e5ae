/**
 * The programme history in localStorage: one key, written synchronously after every change. A stored history
 * that cannot be read is never overwritten: the screen offers its raw text and a deliberate fresh start.
 */
import { type History, type HistoryProblem, emptyHistory, parseHistory, serializeHistory } from './core/history.ts';

const KEY = 'ruimte.programme.history';
const PENDING = 'ruimte.programme.pending';

export type LoadedHistory = { readonly kind: 'ok'; readonly history: History } | { readonly kind: 'damaged'; readonly raw: string; readonly problem: HistoryProblem };

export function loadHistory(now = Date.now()): LoadedHistory {
  let raw: string | null = null;
  try {
    raw = localStorage.getItem(KEY);
  } catch {
    raw = null;
  }
  if (raw === null) return { kind: 'ok', history: emptyHistory(now) };
  const parsed = parseHistory(raw);
  return parsed.ok ? { kind: 'ok', history: parsed.value } : { kind: 'damaged', raw, problem: parsed.error };
}

/** False when the device refused (storage full or blocked): the caller tells the team. */
export function storeHistory(history: History): boolean {
  try {
    localStorage.setItem(KEY, serializeHistory(history));
    return true;
  } catch {
    return false;
  }
}

export function removeStoredHistory(): void {
  localStorage.removeItem(KEY);
}

/** The round that is waiting for the session the team is about to play (set by "Play the game"). */
export interface PendingLink {
  readonly programmeId: string;
  readonly round: number;
  readonly at: number;
}

export function setPending(link: PendingLink): void {
  try {
    localStorage.setItem(PENDING, JSON.stringify(link));
  } catch {
    /* only a convenience: the visit screen lets the team choose the round too */
  }
}

export function getPending(): PendingLink | null {
  try {
    const data = JSON.parse(localStorage.getItem(PENDING) ?? 'null') as Partial<PendingLink> | null;
    if (!data || typeof data.programmeId !== 'string' || typeof data.round !== 'number' || typeof data.at !== 'number') return null;
    return { programmeId: data.programmeId, round: data.round, at: data.at };
  } catch {
    return null;
  }
}

export function clearPending(): void {
  try {
    localStorage.removeItem(PENDING);
  } catch {
    /* nothing to do */
  }
}
