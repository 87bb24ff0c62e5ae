/**
 * The team leader's guide on the facilitator's side: for the step at hand, the notes of `levels/guide.json`
 * (what to say, what to ask, what to watch for) in the current language, in a collapsible box whose open or
 * closed state the device remembers. Part of the facilitator's panel, never of the stage the room sees.
 */
import { h } from './dom.ts';
import { t, currentLang } from '../i18n/index.ts';
import type { Phase } from '../core/phase.ts';
import { type Guide, guideStep, loadGuide } from '../core/content/guide.ts';
import { loadGuideOpen, storeGuideOpen } from './storage.ts';

/** The guide once loaded (null when it could not be read); loaded on first use, in its own small chunk. */
let loaded: Guide | null | undefined;
let loading: Promise<Guide | null> | null = null;

function fill(box: HTMLDetailsElement, guide: Guide | null, phase: Phase): void {
  const step = guide ? guideStep(guide, phase) : null;
  if (!step || step.notes.length === 0) {
    box.hidden = true;
    return;
  }
  const lang = currentLang();
  box.append(
    h(
      'ul',
      { class: 'guide__notes' },
      step.notes.map((note) =>
        h('li', { class: `guide-note guide-note--${note.kind}`, 'data-testid': 'guide-note', 'data-kind': note.kind }, h('strong', { class: 'guide-note__kind' }, `${t(`guide.kind.${note.kind}`)}: `), note.text[lang]),
      ),
    ),
  );
  const summary = box.querySelector('summary');
  if (summary) summary.textContent = `${t('guide.title')} · ${step.title[lang]}`;
}

/** The guide box for a step: filled at once when the guide is loaded, else as soon as it is. */
export function guidePanel(phase: Phase): HTMLElement {
  const box = h(
    'details',
    { class: 'guide no-print', 'data-testid': 'guide', open: loadGuideOpen(), ontoggle: (e: Event) => storeGuideOpen((e.currentTarget as HTMLDetailsElement).open) },
    h('summary', { class: 'guide__title', 'data-testid': 'guide-toggle', 'data-key': 'guide' }, t('guide.title')),
  );
  if (loaded !== undefined) fill(box, loaded, phase);
  else {
    loading ??= loadGuide().catch(() => null);
    void loading.then((guide) => {
      loaded = guide;
      fill(box, guide, phase);
    });
  }
  return box;
}
