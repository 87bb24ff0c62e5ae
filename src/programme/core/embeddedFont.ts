/**
 * A TrueType font embedded in a PDF as a composite font: Type0 with the Identity-H encoding over a
 * CIDFontType2 whose character ids are the glyph ids. Text is written as two-byte glyph ids; the font keeps
 * track of the glyphs a page used, so the file embeds only their outlines (`ttfSubset.ts`), their widths
 * (`/W`) and a ToUnicode map, so the text copies and searches as it was typed.
 *
 * One character, one glyph (no shaping, no ligatures, no kerning). A character the font lacks is drawn from
 * its canonical decomposition when the font has every part (a letter and combining accents), otherwise as
 * "?" (as the Helvetica writer does), or as `.notdef` in a font without "?".
 */
import { type TtfFont, advanceOf, glyphOf } from './ttf.ts';
import { subsetTtf } from './ttfSubset.ts';
import { type PdfObject, flateStream } from './pdfObjects.ts';

const hex4 = (x: number): string => x.toString(16).padStart(4, '0').toUpperCase();
const num = (x: number): string => String(Math.round(x * 1000) / 1000);

/** UTF-16BE in hex, as a ToUnicode map writes text. */
function utf16Hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += hex4(text.charCodeAt(i));
  return out;
}

export class EmbeddedFont {
  /** Glyph id to the text it stands for (the first one seen), for every glyph written so far. */
  private readonly used = new Map<number, string>();
  private readonly question: number;

  constructor(readonly font: TtfFont) {
    this.question = glyphOf(font, 0x3f);
  }

  /** The glyphs that draw `text` (NFC normalised; tabs and line breaks as spaces). */
  glyphs(text: string): number[] {
    const out: number[] = [];
    for (const ch of text.normalize('NFC')) {
      const plain = ch === '\t' || ch === '\n' || ch === '\r' ? ' ' : ch;
      const glyph = glyphOf(this.font, plain.codePointAt(0) ?? 0);
      if (glyph !== 0) {
        this.note(glyph, plain);
        out.push(glyph);
        continue;
      }
      const parts = [...plain.normalize('NFD')];
      const decomposed = parts.length > 1 ? parts.map((part) => glyphOf(this.font, part.codePointAt(0) ?? 0)) : [];
      if (decomposed.length > 0 && decomposed.every((g) => g !== 0)) {
        decomposed.forEach((g, i) => this.note(g, parts[i]!));
        out.push(...decomposed);
      } else if (this.question !== 0) {
        this.note(this.question, '?');
        out.push(this.question);
      } else out.push(0);
    }
    return out;
  }

  private note(glyph: number, text: string): void {
    if (!this.used.has(glyph)) this.used.set(glyph, text);
  }

  /** `text` as a PDF hex string of glyph ids, for `Tj`. */
  encode(text: string): string {
    return `<${this.glyphs(text).map(hex4).join('')}>`;
  }

  /** The width of `text` at `size` points (the sum of the glyphs' advances). */
  widthOfTextAtSize(text: string, size: number): number {
    let width = 0;
    for (const glyph of this.glyphs(text)) width += advanceOf(this.font, glyph);
    return (width * size) / 1000;
  }

  /**
   * The font's five objects, to be numbered from `first`: Type0 font (the one a page's resources name),
   * CIDFontType2, font descriptor, the subset font file and the ToUnicode map. Call once the page is written.
   */
  async objects(first: number): Promise<PdfObject[]> {
    const font = this.font;
    const glyphs = [...this.used.keys()].sort((a, b) => a - b);
    const name = `${subsetTag(glyphs)}+${font.postScriptName || 'Font'}`;
    const scale = 1000 / font.unitsPerEm;
    const ref = (i: number) => `${first + i} 0 R`;
    // Stem width from the weight: a guess, as the font does not record it; viewers use it only for hinting.
    const stemV = Math.round(10 + (220 * Math.max(0, font.weight - 50)) / 900);
    const flags = (font.fixedPitch ? 1 : 0) | 4 | (font.italicAngle !== 0 ? 64 : 0);
    return [
      `<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /Identity-H /DescendantFonts [${ref(1)}] /ToUnicode ${ref(4)} >>`,
      `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${ref(2)} /DW ${num(advanceOf(font, 0))} /W ${widths(font, glyphs)} /CIDToGIDMap /Identity >>`,
      `<< /Type /FontDescriptor /FontName /${name} /Flags ${flags} /FontBBox [${font.bbox.map((v) => num(v * scale)).join(' ')}] /ItalicAngle ${num(font.italicAngle)} /Ascent ${num(font.ascender * scale)} /Descent ${num(font.descender * scale)} /CapHeight ${num(font.capHeight * scale)} /StemV ${stemV} /FontFile2 ${ref(3)} >>`,
      await flateStream(subsetTtf(font, glyphs)),
      await flateStream(toUnicode(glyphs.map((g) => [g, this.used.get(g)!]))),
    ];
  }
}

/** `/W`: runs of consecutive glyph ids, each with its widths. */
function widths(font: TtfFont, glyphs: readonly number[]): string {
  const runs: string[] = [];
  let i = 0;
  while (i < glyphs.length) {
    const start = glyphs[i]!;
    const run: string[] = [];
    while (i < glyphs.length && glyphs[i] === start + run.length) run.push(num(advanceOf(font, glyphs[i++]!)));
    runs.push(`${start} [${run.join(' ')}]`);
  }
  return `[${runs.join(' ')}]`;
}

/** The ToUnicode CMap: each glyph id to the text it stands for. */
function toUnicode(entries: readonly (readonly [number, string])[]): string {
  const chunks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    chunks.push(`${chunk.length} beginbfchar\n${chunk.map(([g, text]) => `<${hex4(g)}> <${utf16Hex(text)}>`).join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...chunks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/** Six capital letters that name this subset (the same glyphs give the same tag). */
function subsetTag(glyphs: readonly number[]): string {
  let hash = 2166136261;
  for (const g of glyphs) hash = Math.imul(hash ^ g, 16777619) >>> 0;
  let tag = '';
  for (let i = 0; i < 6; i++) {
    tag += String.fromCharCode(65 + (hash % 26));
    hash = Math.floor(hash / 26) + (i + 1) * 7919;
  }
  return tag;
}
