/**
 * The Markdown summary a team takes to the executive's visit: the top three in order with their dots and
 * sharpened asks, every proposal per card, and whatever a player typed shown as typed, never as markup.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeMarkdown, summaryMarkdown } from '../../src/core/markdown.ts';
import type { SessionEvent } from '../../src/core/events.ts';
import type { Level } from '../../src/core/types.ts';
import type { Settings } from '../../src/core/session.ts';
import { makeSession, summaryLabels as labels } from './fixtures.ts';
import { type Snap, advance, phase, send, start } from './play.ts';

const propose = (text: string, level: Level = 'team'): SessionEvent => ({ type: 'player.propose', text, level });
const dot = (id: string): SessionEvent => ({ type: 'player.dot', proposalId: id });
const done: SessionEvent = { type: 'player.voteDone' };
/** One voter's ballot: a dot per id listed (an id twice is two dots), then done. */
const ballot = (...ids: string[]): SessionEvent[] => [...ids.map(dot), done];

const TEXT = {
  a: 'Een vaste invaller voor de nacht',
  b: 'Schrap het dubbele formulier',
  c: 'Pauze buiten de afdeling',
  hidden: 'Iemand hier is gewoon lui',
  d: 'Zelfroosteren binnen een kader',
  e: 'Maandelijks intervisie',
  f: 'Een stille ruimte',
};
const ASK = 'Budget voor een tweede nachtdienst';

/**
 * Two cards, four players with three dots each (at most two per proposal).
 * Card 1: a 8, b 4, c 0 (and a hidden proposal). Card 2: d 6 (made under a twist card), e 3, f 3.
 * Top three: a (8), d (6), b (4).
 */
function playedSession(settings: Partial<Settings> = {}, texts: Partial<typeof TEXT> = {}): Snap {
  const t = { ...TEXT, ...texts };
  let s = start(makeSession({ checkIn: false, cardCount: 2, ...settings }));
  s = send(s, advance(), advance(), propose(t.a), propose(t.b, 'organisation'), propose(t.c, 'individual'), propose(t.hidden));
  s = send(s, { type: 'facilitator.hide', proposalId: 'p4' }, advance());
  expect(phase(s)).toBe('vote');
  for (let i = 0; i < 4; i++) s = send(s, ...ballot('p1', 'p1', 'p2'));
  expect(phase(s)).toBe('results');
  s = send(s, advance(), advance(), advance(), { type: 'player.drawTwist' }, propose(t.d, 'manager'), { type: 'player.dismissTwist' }, propose(t.e), propose(t.f), advance());
  s = send(s, ...ballot('p5', 'p5', 'p6'), ...ballot('p5', 'p5', 'p7'), ...ballot('p5', 'p6', 'p7'), ...ballot('p5', 'p6', 'p7'));
  expect(phase(s)).toBe('results');
  s = send(s, advance());
  expect(phase(s)).toBe('top-three');
  s = send(
    s,
    { type: 'team.sharpen', proposalId: 'p1', field: 'ask', text: ASK },
    { type: 'team.sharpen', proposalId: 'p5', field: 'ourselves', text: 'We proberen het drie maanden' },
    { type: 'team.sharpen', proposalId: 'p2', field: 'why', text: 'Het kost ons elke dienst een half uur' },
    advance(),
  );
  expect(phase(s)).toBe('summary');
  return s;
}

/** The lines of the section under the heading that starts with `heading`, up to the next heading of that level or above. */
function section(md: string, heading: string): string[] {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l.startsWith(heading));
  expect(start, `heading ${heading}`).toBeGreaterThanOrEqual(0);
  const level = heading.match(/^#+/)?.[0].length ?? 1;
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && (l.match(/^#+/)?.[0].length ?? 9) <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end).filter((l) => l.trim() !== '');
}

// A small model of how a CommonMark renderer reads inline text: backslash escapes of ASCII punctuation and
// character references. What a summary writes for a player's text must read back as exactly that text, and
// must leave nothing a renderer would treat as markup.
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
/** Characters that may start Markdown or HTML inline syntax, or a character reference. */
const ACTIVE = new Set('\\`*_{}[]()#+-.!|>~<&'.split(''));
const ENTITY = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/i;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

function readAsRendered(md: string): string {
  let out = '';
  for (let i = 0; i < md.length; ) {
    const entity = md.slice(i).match(ENTITY);
    if (md[i] === '\\' && ASCII_PUNCTUATION.test(md[i + 1] ?? '')) {
      out += md[i + 1];
      i += 2;
    } else if (entity) {
      const name = entity[1]!.toLowerCase();
      out += ENTITIES[name] ?? String.fromCodePoint(name.startsWith('#x') ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
      i += entity[0].length;
    } else {
      out += md[i];
      i++;
    }
  }
  return out;
}

/** Every character that could start markup is either backslash-escaped or part of the `&lt;` the escaper writes. */
function isInert(md: string): boolean {
  for (let i = 0; i < md.length; ) {
    if (md[i] === '\\' && ASCII_PUNCTUATION.test(md[i + 1] ?? '')) i += 2;
    else if (md.startsWith('&lt;', i)) i += 4;
    else if (ACTIVE.has(md[i]!)) return false;
    else i++;
  }
  return true;
}

describe('the Markdown summary', () => {
  const s = playedSession();
  const md = summaryMarkdown(s.context, 'nl', labels, '12 juni 2025');

  it('opens with the team, the date, the deck and the number of players', () => {
    const lines = md.split('\n');
    expect(lines[0]).toBe('# Summary: Team Test');
    expect(md).toContain('- Date: 12 juni 2025');
    expect(md).toContain(`- Deck: ${escapeMarkdown(s.context.settings.deckName.nl)}`);
    expect(md).toContain('- Players: 4');
  });

  it('lists the top three in rank order with their dots, level and scenario', () => {
    const items = section(md, '## Top three').filter((l) => /^\d+\. /.test(l));
    expect(items).toHaveLength(3);
    expect(items[0]).toMatch(/^1\. /);
    expect(items[0]).toContain(TEXT.a);
    expect(items[0]).toContain('8 dots');
    expect(items[0]).toContain('Team');
    expect(items[1]).toMatch(/^2\. /);
    expect(items[1]).toContain(TEXT.d);
    expect(items[1]).toContain('6 dots');
    expect(items[1]).toContain('Manager');
    expect(items[2]).toMatch(/^3\. /);
    expect(items[2]).toContain(TEXT.b);
    expect(items[2]).toContain('4 dots');
    // Nothing with fewer dots (c with none, e and f with three) made it in.
    for (const text of [TEXT.c, TEXT.e, TEXT.f]) expect(items.join('\n')).not.toContain(text);
  });

  it('gives each of the top three its sharpened text and scenario, under that proposal', () => {
    const lines = section(md, '## Top three');
    const at = (text: string) => lines.findIndex((l) => /^\d+\. /.test(l) && l.includes(text));
    const [first, second, third] = [at(TEXT.a), at(TEXT.d), at(TEXT.b)];
    const under = (from: number, to: number) => lines.slice(from + 1, to < 0 ? undefined : to);
    expect(under(first, second)).toContain(`   - Ask: ${ASK}`);
    expect(under(second, third)).toContain('   - Ourselves: We proberen het drie maanden');
    expect(under(third, -1)).toContain('   - Why: Het kost ons elke dienst een half uur');
    // Only what the team filled in: no empty "Ask:" lines for the others.
    expect(lines.filter((l) => l.includes('Ask:'))).toHaveLength(1);
    const card1 = escapeMarkdown(s.context.cards[0]!.title.nl);
    const card2 = escapeMarkdown(s.context.cards[1]!.title.nl);
    expect(under(first, second)).toContain(`   - From: ${card1}`);
    expect(under(second, third)).toContain(`   - From: ${card2}`);
  });

  it('names the daring award: the proposal made under a twist card with most dots', () => {
    expect(md).toContain(`**Daring award:** ${TEXT.d}`);
  });

  it('lists every proposal under its card, most dots first, with dots, level and daring', () => {
    const card1 = section(md, '### 1. ');
    const card2 = section(md, '### 2. ');
    expect(md).toContain(`### 1. ${escapeMarkdown(s.context.cards[0]!.title.nl)}`);
    expect(md).toContain(`### 2. ${escapeMarkdown(s.context.cards[1]!.title.nl)}`);
    expect(card1).toEqual([`- ${TEXT.a} (8 dots, Team)`, `- ${TEXT.b} (4 dots, Organisation)`, `- ${TEXT.c} (0 dots, Individual)`]);
    expect(card2[0]).toBe(`- ${TEXT.d} (6 dots, Manager · daring)`);
    expect(card2.slice(1).sort()).toEqual([`- ${TEXT.e} (3 dots, Team)`, `- ${TEXT.f} (3 dots, Team)`].sort());
  });

  it('leaves out a proposal the facilitator hid, as the summary screen does', () => {
    expect(md).not.toContain(TEXT.hidden);
  });

  it('writes the labels of the chosen language and the cards in that language', () => {
    const en = summaryMarkdown(s.context, 'en', labels, '12 June 2025');
    expect(en).toContain(`### 1. ${escapeMarkdown(s.context.cards[0]!.title.en)}`);
    expect(en).not.toContain(escapeMarkdown(s.context.cards[0]!.title.nl));
    expect(en).toContain(`- Deck: ${escapeMarkdown(s.context.settings.deckName.en)}`);
  });
});

describe('player text in the summary', () => {
  const typed = {
    team: '<img src=x onerror=alert(1)>',
    a: '**bold** idea',
    b: '# heading',
    c: '<script>alert("x")</script> & [link](http://evil.example) `code` _em_',
    d: '1. not a list > quote | table ~strike~',
    e: 'R&D: &lt;geen tag&gt; &amp; &#60;b&#62;',
  };
  const s = playedSession({ teamName: typed.team }, typed);
  const md = summaryMarkdown(s.context, 'nl', labels, '12 juni 2025');

  it('lets no raw < reach the output', () => {
    expect(md).not.toContain('<');
  });

  it('shows the team name as typed, not as an image tag', () => {
    const heading = md.split('\n')[0]!;
    expect(heading.startsWith('# Summary: ')).toBe(true);
    const name = heading.slice('# Summary: '.length);
    expect(isInert(name)).toBe(true);
    expect(readAsRendered(name)).toBe(typed.team);
  });

  it('shows every proposal as typed, not as bold, a heading, a link, code or a tag', () => {
    const lines = [...section(md, '### 1. '), ...section(md, '### 2. ')];
    const shown = lines.map((l) => l.match(/^- (.*) \(\d+ dots?, /)?.[1] ?? `unparsed: ${l}`);
    expect(shown).toHaveLength(6);
    for (const text of shown) expect(isInert(text), text).toBe(true);
    expect(shown.map(readAsRendered).sort()).toEqual([typed.a, typed.b, typed.c, typed.d, typed.e, TEXT.f].sort());
  });

  it('escapes the top three and the sharpened ask the same way', () => {
    const malicious = send(s, { type: 'team.sharpen', proposalId: 'p1', field: 'ask', text: '<b>meer</b> **geld** & [tijd](x)' });
    const out = summaryMarkdown(malicious.context, 'nl', labels, '12 juni 2025');
    expect(out).not.toContain('<');
    const ask = out.split('\n').find((l) => l.startsWith('   - Ask: '))!.slice('   - Ask: '.length);
    expect(isInert(ask)).toBe(true);
    expect(readAsRendered(ask)).toBe('<b>meer</b> **geld** & [tijd](x)');
    const first = section(out, '## Top three').find((l) => l.startsWith('1. '))!;
    const text = first.match(/^1\. \*\*(.*)\*\* \(/)?.[1] ?? '';
    expect(readAsRendered(text)).toBe(typed.a);
  });

  it('keeps a proposal typed over several lines on its own line', () => {
    const multi = playedSession({}, { a: 'alfa regel\n# bravo\r\ncharlie\rdelta' });
    const out = summaryMarkdown(multi.context, 'nl', labels, '');
    const line = section(out, '### 1. ').find((l) => l.includes('alfa'))!;
    expect(readAsRendered(line.match(/^- (.*) \(/)![1]!)).toBe('alfa regel # bravo charlie delta');
    // CommonMark ends a line at CR, LF or CRLF: every part must sit on the line where the proposal starts.
    const rendered = out.split(/\r\n|\r|\n/);
    for (const word of ['bravo', 'charlie', 'delta']) {
      const hits = rendered.filter((l) => l.includes(word));
      expect(hits.length, word).toBeGreaterThan(0);
      expect(hits.every((l) => l.includes('alfa')), word).toBe(true);
    }
  });
});

describe('an empty session', () => {
  it('says there are no proposals, for the top three and for every card', () => {
    let s = start(makeSession({ checkIn: false, cardCount: 2 }));
    s = send(s, advance(), advance(), advance(), advance(), advance(), advance(), advance(), advance());
    expect(phase(s)).toBe('top-three');
    const md = summaryMarkdown(s.context, 'en', labels, '');
    expect(section(md, '## Top three')).toEqual(['No proposals.']);
    expect(section(md, '### 1. ')).toEqual(['No proposals.']);
    expect(section(md, '### 2. ')).toEqual(['No proposals.']);
    expect(md).not.toContain('Daring award');
  });

  it('says so too when proposals were made but nobody could vote for them (all hidden)', () => {
    let s = start(makeSession({ checkIn: false, cardCount: 1 }));
    s = send(s, advance(), advance(), propose('weg ermee'), { type: 'facilitator.hide', proposalId: 'p1' }, advance(), advance());
    expect(phase(s)).toBe('top-three');
    const md = summaryMarkdown(s.context, 'en', labels, '');
    expect(section(md, '## Top three')).toEqual(['No proposals.']);
    expect(section(md, '### 1. ')).toEqual(['No proposals.']);
  });
});

describe('escaping', { timeout: 30_000 }, () => {
  it('turns any text into one inert line that reads back as the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab <>&;#*_`[]()!\\-.+|~{}\r\n\t1'.split(''), 'é', '😀'), maxLength: 40 }), (text) => {
        const out = escapeMarkdown(text);
        expect(out).not.toMatch(/[<\r\n]/);
        expect(isInert(out)).toBe(true);
        expect(readAsRendered(out)).toBe(text.replace(/\r\n|\r|\n/g, ' '));
      }),
      { numRuns: 1000 },
    );
  });
});
