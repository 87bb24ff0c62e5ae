/** Our TrueType reader and subsetter, read against the Noto Sans files the PDF embeds (values from fontTools). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EmbeddedFont } from '../../../src/programme/core/embeddedFont.ts';
import { TtfError, advanceOf, glyphOf, readTtf } from '../../../src/programme/core/ttf.ts';
import { subsetTtf } from '../../../src/programme/core/ttfSubset.ts';

const regularBytes = readFileSync(new URL('../../../assets/fonts/NotoSans-Regular-latin.ttf', import.meta.url));
const regular = readTtf(regularBytes);
const cp = (ch: string): number => ch.codePointAt(0)!;

/** Where each glyph's outline lies in a font written with long `loca` offsets. */
function outlineLengths(bytes: Uint8Array): number[] {
  const font = readTtf(bytes);
  const loca = font.tables.get('loca')!;
  const view = new DataView(bytes.buffer, bytes.byteOffset + loca.offset, loca.length);
  return Array.from({ length: font.numGlyphs }, (_, g) => view.getUint32((g + 1) * 4) - view.getUint32(g * 4));
}

/** A minimal font whose only character map is format 12: U+1F600–U+1F602 as glyphs 1–3. */
function format12Font(): Uint8Array {
  const tables: [string, number[]][] = [];
  const u16 = (x: number) => [(x >> 8) & 0xff, x & 0xff];
  const u32 = (x: number) => [...u16(x >>> 16), ...u16(x & 0xffff)];
  const head = new Array(54).fill(0);
  head.splice(18, 2, ...u16(2048));
  const hhea = new Array(36).fill(0);
  hhea.splice(34, 2, ...u16(4));
  const maxp = [...u32(0x5000), ...u16(4)];
  const hmtx = [0, 1, 2, 3].flatMap((g) => [...u16(1000 + g * 100), 0, 0]);
  const cmap = [...u16(0), ...u16(1), ...u16(3), ...u16(10), ...u32(12), ...u16(12), 0, 0, ...u32(28), ...u32(0), ...u32(1), ...u32(0x1f600), ...u32(0x1f602), ...u32(1)];
  tables.push(['cmap', cmap], ['glyf', []], ['head', head], ['hhea', hhea], ['hmtx', hmtx], ['loca', new Array(10).fill(0)], ['maxp', maxp]);
  const out: number[] = [...u32(0x00010000), ...u16(tables.length), 0, 0, 0, 0, 0, 0];
  let at = 12 + tables.length * 16;
  const body: number[] = [];
  for (const [tag, data] of tables) {
    out.push(...[...tag].map((c) => c.charCodeAt(0)), 0, 0, 0, 0, ...u32(at), ...u32(data.length));
    body.push(...data);
    at += data.length;
  }
  return new Uint8Array([...out, ...body]);
}

describe('the TrueType reader', () => {
  it('reads the metrics of Noto Sans Regular', () => {
    expect(regular.unitsPerEm).toBe(1000);
    expect(regular.numGlyphs).toBe(1036);
    expect([regular.ascender, regular.descender, regular.capHeight]).toEqual([1069, -293, 714]);
    expect(regular.weight).toBe(400);
    expect(regular.postScriptName).toBe('NotoSans-Regular');
  });

  it('finds the glyph and advance of known characters through the format 4 character map', () => {
    const known: [string, number, number][] = [['A', 34, 639], [' ', 1, 260], ['ễ', 439, 564], ['Ő', 271, 781], ['Ł', 256, 524], ['?', 32, 434]];
    for (const [ch, glyph, advance] of known) {
      expect(glyphOf(regular, cp(ch)), ch).toBe(glyph);
      expect(advanceOf(regular, glyph), ch).toBe(advance);
    }
    expect(regular.cmap.size).toBe(1008);
  });

  it('gives glyph 0 for a character the font lacks', () => {
    expect(glyphOf(regular, cp('日'))).toBe(0);
    expect(glyphOf(regular, cp('Ω'))).toBe(0);
  });

  it('reads a format 12 character map, beyond the Basic Multilingual Plane', () => {
    const font = readTtf(format12Font());
    expect([0x1f600, 0x1f601, 0x1f602, 0x1f603].map((code) => glyphOf(font, code))).toEqual([1, 2, 3, 0]);
    expect(advanceOf(font, 2)).toBeCloseTo((1200 * 1000) / 2048);
  });

  it('refuses bytes that are not a TrueType font', () => {
    expect(() => readTtf(new TextEncoder().encode('%PDF-1.7 not a font at all'))).toThrow(TtfError);
    expect(() => readTtf(regularBytes.subarray(0, 200))).toThrow(TtfError);
  });
});

describe('the subset a PDF embeds', () => {
  it('keeps the outlines of the glyphs used and of the parts of composites, and nothing else', () => {
    const full = outlineLengths(subsetTtf(regular, Array.from({ length: regular.numGlyphs }, (_, g) => g)));
    const used = [glyphOf(regular, cp('A')), glyphOf(regular, cp('Ő'))];
    const bytes = subsetTtf(regular, used);
    const lengths = outlineLengths(bytes);
    const o = glyphOf(regular, cp('O'));
    for (const g of [...used, o]) {
      expect(lengths[g], `glyph ${g}`).toBeGreaterThan(0);
      expect(lengths[g]).toBe(full[g]);
    }
    expect(lengths[0]).toBe(full[0]);
    expect(lengths[glyphOf(regular, cp('B'))]).toBe(0);
    expect(bytes.length).toBeLessThan(regularBytes.length / 4);

    const subset = readTtf(bytes);
    expect(subset.numGlyphs).toBe(regular.numGlyphs);
    expect(advanceOf(subset, 271)).toBe(781);
    expect(subset.tables.has('cmap')).toBe(false);
  });

  it('writes correct table checksums and the head checksum adjustment', () => {
    const bytes = subsetTtf(regular, [34]);
    let sum = 0;
    for (let i = 0; i < bytes.length; i += 4) sum = (sum + new DataView(bytes.buffer, bytes.byteOffset).getUint32(i)) >>> 0;
    expect(sum).toBe(0xb1b0afba);
  });
});

describe('text in the embedded font', () => {
  it('draws one glyph per character and measures the advances', () => {
    const font = new EmbeddedFont(regular);
    expect(font.glyphs('AŐ ễ')).toEqual([34, 271, 1, 439]);
    expect(font.encode('AŐ')).toBe('<0022010F>');
    expect(font.widthOfTextAtSize('AA', 10)).toBeCloseTo(12.78);
  });

  it('builds a missing character from its parts where it can, else draws "?", and never throws', () => {
    const font = new EmbeddedFont(regular);
    expect(font.glyphs('≠')).toEqual([glyphOf(regular, cp('=')), glyphOf(regular, 0x338)]);
    expect(font.glyphs('日本')).toEqual([32, 32]);
    expect(font.glyphs('a\tb')).toEqual(font.glyphs('a b'));
  });
});
