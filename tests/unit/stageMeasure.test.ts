/** The stage's smallest text (`data-min-text-px`): notes drawn once into a picture still count with their text. */
import { describe, expect, it } from 'vitest';
import { minTextPx, shownInPicture } from '../../src/scenes/measure.ts';

const text = (size: number, extra: Record<string, unknown> = {}) => ({ type: 'Text', text: 'Voorstel 1', style: { fontSize: `${size}px` }, visible: true, alpha: 1, ...extra });
const container = (list: object[], extra: Record<string, unknown> = {}) => ({ type: 'Container', list, visible: true, alpha: 1, ...extra });
const measure = (roots: object[], ratio = 1) => minTextPx(roots as never, ratio);

describe('the smallest text on the stage', () => {
  it('is the smallest visible text, at the canvas scale', () => {
    expect(measure([container([text(32), text(24)])], 1)).toBe(24);
    expect(measure([container([text(32), text(24)])], 0.5)).toBe(12);
  });

  it('leaves out a hidden text, but not one painted into a note picture', () => {
    const hidden = text(18, { visible: false });
    expect(measure([container([text(24), hidden])])).toBe(24);
    const painted = text(18, { visible: false });
    shownInPicture.add(painted);
    expect(measure([container([text(24), painted])])).toBe(18);
  });

  it('leaves out a painted text while its note is hidden (popping in over the table)', () => {
    const painted = text(18, { visible: false });
    shownInPicture.add(painted);
    expect(measure([container([text(24), container([painted], { visible: false })])])).toBe(24);
  });
});
