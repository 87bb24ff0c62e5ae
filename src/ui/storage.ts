/**
 * Sessions on this device (localStorage: synchronous, so a save is done before the next tap is handled,
 * and a flat battery right after a vote loses nothing). Nothing leaves the device.
 */
import { type SavedSession, parseSave } from '../core/save.ts';
import type { Result } from '../core/result.ts';
import type { SaveProblem } from '../core/save.ts';

const PREFIX = 'ruimte.session.';
const DRAFTS = 'ruimte.drafts.';
const PREFS = 'ruimte.prefs';

export interface StoredEntry {
  readonly id: string;
  readonly raw: string;
  readonly parsed: Result<SavedSession, SaveProblem>;
}

export function listSessions(): StoredEntry[] {
  const out: StoredEntry[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    const raw = localStorage.getItem(key) ?? '';
    out.push({ id: key.slice(PREFIX.length), raw, parsed: parseSave(raw) });
  }
  const time = (e: StoredEntry) => (e.parsed.ok ? e.parsed.value.savedAt : Number.MAX_SAFE_INTEGER);
  return out.sort((a, b) => time(b) - time(a));
}

export function loadSession(id: string): StoredEntry | null {
  const raw = localStorage.getItem(PREFIX + id);
  return raw === null ? null : { id, raw, parsed: parseSave(raw) };
}

/** Returns false when the device refused (storage full or blocked): the caller tells the team. */
export function storeSession(id: string, save: SavedSession): boolean {
  try {
    localStorage.setItem(PREFIX + id, JSON.stringify(save));
    return true;
  } catch {
    return false;
  }
}

export function removeSession(id: string): void {
  localStorage.removeItem(PREFIX + id);
  localStorage.removeItem(DRAFTS + id);
}

/** Half-typed text (a proposal, a sharpened ask) survives a reload too. */
export function loadDrafts(id: string): Record<string, string> {
  try {
    const data: unknown = JSON.parse(localStorage.getItem(DRAFTS + id) ?? '{}');
    if (typeof data !== 'object' || data === null) return {};
    return Object.fromEntries(Object.entries(data).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  } catch {
    return {};
  }
}

export function storeDrafts(id: string, drafts: Record<string, string>): void {
  try {
    localStorage.setItem(DRAFTS + id, JSON.stringify(drafts));
  } catch {
    /* drafts are a convenience; the session itself reports failures */
  }
}

export interface Prefs {
  readonly muted: boolean;
  readonly lang: string | null;
}

export function loadPrefs(): Prefs {
  try {
    const data = JSON.parse(localStorage.getItem(PREFS) ?? '{}') as Partial<Prefs>;
    return { muted: data.muted === true, lang: typeof data.lang === 'string' ? data.lang : null };
  } catch {
    return { muted: false, lang: null };
  }
}

export function storePrefs(prefs: Prefs): void {
  try {
    localStorage.setItem(PREFS, JSON.stringify(prefs));
  } catch {
    /* preferences are optional */
  }
}
