/**
 * The results' texts made ahead while the team votes (steps.ts warmResults): the tap that ends the vote then
 * finds them made. Drawn with a stand-in painter that records which texts are asked for.
 */
import { describe, expect, it } from 'vitest';
import { drawNotes, warmResults, type Frame, type Painter } from '../../src/scenes/steps.ts';
import { stageFrame } from '../../src/scenes/layout.ts';
import type { ProposalView, ScreenView } from '../../src/core/view.ts';
import type { TableLabels } from '../../src/game/table.ts';

/** Anything Phaser would return: every method answers with itself, sizes are small numbers. */
const thing = (): unknown => {
  const target: Record<string, unknown> = { x: 0, y: 0, width: 60, height: 24, radius: 6, alpha: 1, displayOriginX: 0, displayOriginY: 0 };
  const proxy: unknown = new Proxy(target, { get: (t, key) => (key in t ? t[key as string] : () => proxy) });
  return proxy;
};

const key = (value: string, size: number, color: string, opts: object): string => JSON.stringify([value, size, color, opts]);

function recordingPainter(size: { w: number; h: number }): { painter: Painter; drawn: string[]; warmed: string[]; labels: string[] } {
  const drawn: string[] = [];
  const warmed: string[] = [];
  const labels: string[] = [];
  const painter = {
    scene: { add: new Proxy({}, { get: () => () => thing() }) },
    content: thing(),
    geo: stageFrame(size.w, size.h),
    animate: true,
    reveal: true,
    flip: false,
    twist: false,
    reuse: (_key: string, make: () => unknown) => make(),
    flyDots: () => true,
    popIn: () => false,
    sound: () => {},
    label: (_x: number, _y: number, value: string, size: number, color: string, opts: object = {}) => {
      labels.push(key(value, size, color, opts));
      return { image: thing(), set: () => {}, warm: () => {} };
    },
    text: (_x: number, _y: number, value: string, size: number, color = '#264653', opts: object = {}) => {
      drawn.push(key(value, size, color, opts));
      return thing();
    },
    warmText: ({ value, size, color, opts }: { value: string; size: number; color: string; opts: object }) => void warmed.push(key(value, size, color, opts)),
    warmLabel: (value: string, size: number, color: string, opts: object) => void warmed.push(key(value, size, color, opts)),
  };
  return { painter: painter as unknown as Painter, drawn, warmed, labels };
}

const IDEAS = ['Een vaste schrijfdag zonder telefoon', 'De bestuurder draait een nachtdienst mee', 'Rooster zelf maken binnen de spelregels van de afdeling, met een proef van vier weken en een evaluatie met het hele team'];
const LEVELS = ['team', 'individual', 'manager', 'organisation'] as const;

const proposals = (n: number): ProposalView[] =>
  Array.from({ length: n }, (_, i) => ({ id: `p${i}`, cardIndex: 0, text: `${IDEAS[i % IDEAS.length]} (${i + 1})`, level: LEVELS[i % 4] ?? 'team', twistId: i % 7 === 0 ? 'tw1' : null, hidden: false, merged: [], texts: [] }));

const labels: TableLabels = {
  progress: [],
  heading: '',
  sub: '',
  timer: '',
  timerFraction: 0,
  levelNames: {},
  playerNames: [],
  dotsWord: (n) => `${n} ${n === 1 ? 'stip' : 'stippen'}`,
  rankWord: (n) => `#${n}`,
  readAll: 'Alle teksten staan in het paneel',
};

const voteFrame = (all: ProposalView[]): Frame => ({ view: { phase: 'vote', proposals: all, results: null, ranked: null } as unknown as ScreenView, lang: 'nl', labels });

/** The results after the vote: `dots` per proposal, ranked most dots first. */
function resultsFrame(all: ProposalView[], dots: (i: number) => number): Frame {
  const results = Object.fromEntries(all.map((p, i) => [p.id, dots(i)]));
  const ranked = [...all].sort((a, b) => (results[b.id] ?? 0) - (results[a.id] ?? 0)).map((proposal, i) => ({ id: proposal.id, dots: results[proposal.id] ?? 0, rank: i + 1, proposal }));
  return { view: { phase: 'results', proposals: all, results, ranked } as unknown as ScreenView, lang: 'nl', labels };
}

const run = (jobs: (() => void)[]) => jobs.forEach((job) => job());

describe('the results made ahead during the vote', () => {
  for (const size of [
    { w: 1460, h: 1000 },
    { w: 760, h: 560 },
  ]) {
    it(`makes every text the results then draw, 30 proposals and all with dots (${size.w}×${size.h})`, () => {
      const all = proposals(30);
      const ahead = recordingPainter(size);
      run(warmResults(ahead.painter, voteFrame(all)));
      const after = recordingPainter(size);
      drawNotes(after.painter, resultsFrame(all, (i) => 1 + (i % 4)), after.painter.geo.body, true, () => false);
      // 12 notes, "+18 more" and "read all" (a long proposal is shortened).
      expect(after.drawn).toHaveLength(14);
      expect(after.drawn.filter((k) => !ahead.warmed.includes(k))).toEqual([]);
      // The counts start at 0 dots: that picture too.
      expect(after.labels.filter((k) => !ahead.warmed.includes(k))).toEqual([]);
    });
  }

  it('leaves hidden proposals out: they are not candidates', () => {
    const all = proposals(6).map((p, i) => ({ ...p, hidden: i === 2 }));
    const ahead = recordingPainter({ w: 1460, h: 1000 });
    run(warmResults(ahead.painter, voteFrame(all)));
    expect(ahead.warmed.some((k) => k.includes('(3)'))).toBe(false);
    expect(ahead.warmed.filter((k) => k.includes('(1)'))).toHaveLength(1);
  });

  it('makes nothing for a vote without candidates', () => {
    const ahead = recordingPainter({ w: 1460, h: 1000 });
    expect(warmResults(ahead.painter, voteFrame([]))).toEqual([]);
  });
});
