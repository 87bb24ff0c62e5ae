/**
 * The editor's working draft on the device: unsaved changes survive a reload under the key earlier versions
 * used, a saved (or untouched) draft leaves nothing behind, and a damaged one is passed over.
 */
import { describe, expect, it } from 'vitest';
import { newDraft } from '../../src/editor/draft.ts';
import { WORKING_DRAFT, loadWorkingDraft, storeWorkingDraft } from '../../src/editor/workingDraft.ts';
import { memoryStore } from '../../src/storage/index.ts';

const DEFAULTS = { name: { nl: 'Eigen kaartspel', en: 'Own deck' }, description: { nl: 'Onze kaarten.', en: 'Our cards.' } };

describe('the working draft on the device', () => {
  it('keeps unsaved changes under ruimte.editor.draft and gives them back', () => {
    const store = memoryStore();
    const draft = newDraft([], DEFAULTS);
    draft.cards[0]!.title.nl = 'Half getypt';
    draft.dirty = true;
    storeWorkingDraft(draft, store);
    expect(WORKING_DRAFT).toBe('ruimte.editor.draft');
    expect(store.list()).toEqual(['ruimte.editor.draft']);
    const back = loadWorkingDraft(store);
    expect(back?.dirty).toBe(true);
    expect(back?.cards[0]?.title.nl).toBe('Half getypt');
  });

  it('forgets the draft once nothing is unsaved', () => {
    const store = memoryStore();
    const draft = newDraft([], DEFAULTS);
    draft.dirty = true;
    storeWorkingDraft(draft, store);
    draft.dirty = false;
    storeWorkingDraft(draft, store);
    expect(store.list()).toEqual([]);
    expect(loadWorkingDraft(store)).toBeNull();
  });

  it('reads a draft stored by an earlier version, and passes over a damaged one', () => {
    const earlier = JSON.stringify({ id: 'team-noord', savedId: null, name: { nl: 'Noord', en: 'North' }, description: { nl: '', en: '' }, cards: [{ id: '', theme: 'roster', title: { nl: 'a', en: 'b' } }], dirty: true });
    expect(loadWorkingDraft(memoryStore({ 'ruimte.editor.draft': earlier }))).toMatchObject({ id: 'team-noord', name: { nl: 'Noord' }, dirty: true, cards: [{ theme: 'roster', title: { nl: 'a', en: 'b' } }] });
    expect(loadWorkingDraft(memoryStore({ 'ruimte.editor.draft': '{"id":"x",' }))).toBeNull();
  });

  it('gives every card its own key, also across drafts', () => {
    const keys = [newDraft([], DEFAULTS), newDraft([], DEFAULTS), loadWorkingDraft(memoryStore({ 'ruimte.editor.draft': '{"id":"aa","cards":[{},{}]}' }))!].flatMap((d) => d.cards.map((c) => c.key));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
