/** The stage's layout maths: text sizes meet the room's targets and 30 proposals fit without overlap. */
import { describe, expect, it } from 'vitest';
import { GLYPH_WIDTH, LINE, fitToLines, noteGrid, overlaps, podium, proposeAreas, shorten, stageFrame, type Rect } from '../../src/scenes/layout.ts';

// The stage's size (CSS px) at each screen size, as measured in the game layout (panel and top bar taken off).
const SIZES = [
  { screen: '1920×1080', w: 1460, h: 1001, min: 32 },
  { screen: '1280×720', w: 972, h: 652, min: 22 },
  { screen: '1024×768', w: 724, h: 702, min: 18 },
  { screen: '768×1024', w: 768, h: 491, min: 18 },
];

const inside = (r: Rect, area: Rect): boolean => r.x >= area.x - 0.01 && r.y >= area.y - 0.01 && r.x + r.w <= area.x + area.w + 0.01 && r.y + r.h <= area.y + area.h + 0.01;

describe('stage layout', () => {
  for (const size of SIZES) {
    describe(size.screen, () => {
      const frame = stageFrame(size.w, size.h);

      it(`draws no text under ${size.min} px`, () => {
        expect(frame.type.small).toBeGreaterThanOrEqual(size.min);
        expect(frame.type.body).toBeGreaterThanOrEqual(frame.type.small);
      });

      for (const [label, extra] of [['propose', 0], ['results', 1]] as const) {
        it(`${label}: 30 proposals fit in the stage, none overlapping, each with readable text`, () => {
          const area = label === 'propose' ? proposeAreas(frame.body, 30, frame.type).notes : frame.body;
          const grid = noteGrid(area, 30, frame.type, extra);
          expect(grid.cells).toHaveLength(30);
          expect(grid.font).toBeGreaterThanOrEqual(size.min);
          expect(grid.lines).toBeGreaterThanOrEqual(1);
          expect(grid.chars).toBeGreaterThanOrEqual(8);
          for (const [i, a] of grid.cells.entries()) {
            expect(inside(a, frame.body)).toBe(true);
            // The text, its lines and the dots' line fit in the note.
            expect(grid.pad * 2 + (grid.lines + extra) * grid.font * LINE).toBeLessThanOrEqual(a.h + 0.01);
            expect(Math.floor((a.w - grid.pad * 2) / (grid.font * GLYPH_WIDTH)) * grid.lines).toBeGreaterThanOrEqual(grid.chars);
            for (const b of grid.cells.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
          }
        });
      }

      it('the podium places stay apart and on the stage', () => {
        const spots = podium(frame.body, frame.type);
        expect(spots).toHaveLength(3);
        for (const s of spots) expect(inside(s, frame.body)).toBe(true);
        expect(overlaps(spots[0]!, spots[1]!) || overlaps(spots[0]!, spots[2]!) || overlaps(spots[1]!, spots[2]!)).toBe(false);
      });

      it('the heading and the clock do not run into the content', () => {
        expect(frame.heading.y + frame.heading.h).toBeLessThanOrEqual(frame.body.y);
        expect(frame.timer.y + frame.timer.r).toBeLessThanOrEqual(frame.body.y);
        expect(frame.progress.right).toBeLessThan(frame.timer.x - frame.timer.r);
      });
    });
  }

  it('a few proposals get larger text than a full table', () => {
    const frame = stageFrame(1460, 1001);
    const few = noteGrid(proposeAreas(frame.body, 4, frame.type).notes, 4, frame.type);
    const many = noteGrid(proposeAreas(frame.body, 30, frame.type).notes, 30, frame.type);
    expect(few.font).toBeGreaterThan(many.font);
    expect(few.chars).toBeGreaterThan(many.chars);
  });

  it('shortens at a word boundary with an ellipsis, and leaves short text alone', () => {
    expect(shorten('Een vaste schrijfdag', 40)).toBe('Een vaste schrijfdag');
    const s = shorten('Overdracht op papier in plaats van in het systeem', 24);
    expect(s.length).toBeLessThanOrEqual(24);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toBe('Overdracht op papier…');
  });
});

describe('fitToLines', () => {
  // A stand-in for Phaser's wrap: greedy lines of at most `width` characters, a longer word broken by characters.
  const wrapAt = (width: number) => (value: string): string[] => {
    const lines: string[] = [];
    let line = '';
    for (let word of value.split(' ').filter(Boolean)) {
      while (word.length > width) {
        if (line) lines.push(line), (line = '');
        lines.push(word.slice(0, width));
        word = word.slice(width);
      }
      if (!line) line = word;
      else if (line.length + 1 + word.length <= width) line += ` ${word}`;
      else lines.push(line), (line = word);
    }
    if (line) lines.push(line);
    return lines;
  };

  it('leaves a text that fits as it is', () => {
    expect(fitToLines('Rooster zelf maken', 2, wrapAt(10))).toBe('Rooster zelf maken');
  });

  it('ends a cut text with an ellipsis on its last visible line', () => {
    const wrap = wrapAt(10);
    const fitted = fitToLines('▲ Een vaste schrijfdag zonder telefoon', 2, wrap);
    expect(fitted.endsWith('…')).toBe(true);
    expect(wrap(fitted).length).toBeLessThanOrEqual(2);
    expect('▲ Een vaste schrijfdag zonder telefoon'.startsWith(fitted.slice(0, -1))).toBe(true);
  });

  it('cuts a single word longer than the lines by characters', () => {
    const wrap = wrapAt(6);
    const fitted = fitToLines('Vergaderingen', 1, wrap);
    expect(fitted).toBe('Verga…');
    expect(wrap(fitted)).toHaveLength(1);
  });

  it('keeps the start of a long word rather than only the level mark', () => {
    const fitted = fitToLines('▲ Overdracht op papier', 2, wrapAt(10));
    expect(fitted).toMatch(/^▲ Overdra/);
    expect(fitted.endsWith('…')).toBe(true);
  });

  it('drops punctuation before the ellipsis', () => {
    expect(fitToLines('Minder vergaderen, meer zorg aan bed', 1, wrapAt(18))).toBe('Minder vergaderen…');
  });
});
