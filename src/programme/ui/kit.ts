/** Small labelled controls for the programme screens. Text only via textContent (the `h` builder). */
import { h } from '../../ui/dom.ts';
import { currentLang, t } from '../../i18n/index.ts';

type Extra = Record<string, string | number | boolean | null | undefined | EventListener>;

export function button(testid: string, label: string, onClick: () => void, extra: Extra = {}): HTMLButtonElement {
  return h('button', { type: 'button', 'data-testid': testid, 'data-key': extra['data-key'] ?? testid, onclick: () => onClick(), ...extra }, label);
}

/** A control with its visible label; `hint` is tied to it with aria-describedby. */
export function field(label: string, control: HTMLElement, hint?: string, className = 'field'): HTMLElement {
  const hintId = hint ? `hint-${Math.random().toString(36).slice(2, 9)}` : null;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('label', { class: className }, h('span', {}, label), control, hint ? h('small', { id: hintId, class: 'muted' }, hint) : null);
}

export function select(testid: string, key: string, options: readonly { value: string; label: string }[], value: string, onChange: (value: string) => void, extra: Extra = {}): HTMLSelectElement {
  return h(
    'select',
    { 'data-testid': testid, 'data-key': key, onchange: (e: Event) => onChange((e.target as HTMLSelectElement).value), ...extra },
    ...options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.label)),
  );
}

export const locale = (): string => (currentLang() === 'nl' ? 'nl-NL' : 'en-GB');

/** A date for people: from a timestamp or a `YYYY-MM-DD` day. */
export function formatDate(value: number | string): string {
  if (typeof value === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!m) return value;
    return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).toLocaleDateString(locale(), { day: 'numeric', month: 'long', year: 'numeric' });
  }
  return new Date(value).toLocaleDateString(locale(), { day: 'numeric', month: 'long', year: 'numeric' });
}

/** Today plus `days` as `YYYY-MM-DD` in local time. */
export function dayFromNow(days: number, now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Downloads bytes or text as a file (an object URL that is revoked afterwards). */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 5000);
}

/** A file name from a team name: letters, digits and dashes only. */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return s || 'team';
}

/** Where a programme is: "round 2 of 4". */
export const roundOf = (programme: { readonly roundCount: number }, no: number): string => t('programme:common.roundOf', { n: no, total: programme.roundCount });

/** The team and the round, as a page's eyebrow line. */
export const teamAndRound = (programme: { readonly teamName: string; readonly roundCount: number }, no: number): string => `${programme.teamName} · ${roundOf(programme, no)}`;
