/**
 * A small TrueType reader: just what embedding a font in a PDF needs. The table directory, the metrics in
 * `head`, `hhea`, `maxp`, `hmtx`, `OS/2` and `post`, the PostScript name in `name`, and the character map
 * (`cmap` formats 4 and 12, Unicode subtables). No shaping: one character, one glyph.
 */

export interface TtfTable {
  readonly offset: number;
  readonly length: number;
}

export interface TtfFont {
  readonly bytes: Uint8Array;
  /** The tables by tag, each at its place in `bytes`. */
  readonly tables: ReadonlyMap<string, TtfTable>;
  readonly unitsPerEm: number;
  readonly numGlyphs: number;
  /** 0: `loca` holds offsets / 2 as 16 bits; 1: offsets as 32 bits. */
  readonly indexToLocFormat: number;
  /** xMin, yMin, xMax, yMax over all glyphs, in font units. */
  readonly bbox: readonly [number, number, number, number];
  readonly ascender: number;
  readonly descender: number;
  readonly capHeight: number;
  readonly weight: number;
  readonly italicAngle: number;
  readonly fixedPitch: boolean;
  /** The PostScript name (`name` id 6), or '' when the font has none. */
  readonly postScriptName: string;
  /** Unicode code point to glyph id, for every character the font maps (none without a `cmap`). */
  readonly cmap: ReadonlyMap<number, number>;
  /** Advance width of each glyph, in font units. */
  readonly advances: Uint16Array;
}

export class TtfError extends Error {}

/** Reads a TrueType font (`glyf` outlines); throws `TtfError` when the bytes are not one. */
export function readTtf(bytes: Uint8Array): TtfFont {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at);
  const i16 = (at: number) => view.getInt16(at);
  const u32 = (at: number) => view.getUint32(at);
  if (bytes.byteLength < 12) throw new TtfError('too short for a font');
  const version = u32(0);
  if (version !== 0x00010000 && version !== 0x74727565) throw new TtfError('not a TrueType font');

  const tables = new Map<string, TtfTable>();
  const count = u16(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    if (at + 16 > bytes.byteLength) throw new TtfError('table directory runs past the end');
    const tag = String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
    const offset = u32(at + 8);
    const length = u32(at + 12);
    if (offset + length > bytes.byteLength) throw new TtfError(`table ${tag} runs past the end`);
    tables.set(tag, { offset, length });
  }
  const table = (tag: string, minLength: number): number => {
    const t = tables.get(tag);
    if (!t || t.length < minLength) throw new TtfError(`missing table ${tag}`);
    return t.offset;
  };

  const head = table('head', 54);
  const hhea = table('hhea', 36);
  const maxp = table('maxp', 6);
  const hmtx = table('hmtx', 4);
  table('loca', 2);
  table('glyf', 0);
  const unitsPerEm = u16(head + 18);
  const numGlyphs = u16(maxp + 4);
  const numberOfHMetrics = u16(hhea + 34);
  if (unitsPerEm === 0 || numGlyphs === 0 || numberOfHMetrics === 0) throw new TtfError('empty font');
  if (tables.get('hmtx')!.length < numberOfHMetrics * 4) throw new TtfError('hmtx is too short');

  const advances = new Uint16Array(numGlyphs);
  for (let g = 0; g < numGlyphs; g++) advances[g] = u16(hmtx + Math.min(g, numberOfHMetrics - 1) * 4);

  const ascender = i16(hhea + 4);
  let capHeight = ascender;
  let weight = 400;
  const os2 = tables.get('OS/2');
  if (os2 && os2.length >= 6) weight = u16(os2.offset + 4);
  if (os2 && os2.length >= 90 && u16(os2.offset) >= 2) capHeight = i16(os2.offset + 88);
  const post = tables.get('post');
  const italicAngle = post && post.length >= 16 ? view.getInt32(post.offset + 4) / 65536 : 0;

  return {
    bytes,
    tables,
    unitsPerEm,
    numGlyphs,
    indexToLocFormat: i16(head + 50),
    bbox: [i16(head + 36), i16(head + 38), i16(head + 40), i16(head + 42)],
    ascender,
    descender: i16(hhea + 6),
    capHeight,
    weight,
    italicAngle,
    fixedPitch: post !== undefined && post.length >= 16 && u32(post.offset + 12) !== 0,
    postScriptName: readPostScriptName(view, tables.get('name')),
    cmap: tables.has('cmap') ? readCmap(view, table('cmap', 4), numGlyphs) : new Map(),
    advances,
  };
}

/** The glyph for a character, or 0 (`.notdef`) when the font has none. */
export const glyphOf = (font: TtfFont, codePoint: number): number => font.cmap.get(codePoint) ?? 0;

/** A glyph's advance in thousandths of the em, as PDF widths are given. */
export const advanceOf = (font: TtfFont, glyph: number): number => ((font.advances[glyph] ?? 0) * 1000) / font.unitsPerEm;

function readCmap(view: DataView, cmap: number, numGlyphs: number): Map<number, number> {
  const map = new Map<number, number>();
  const put = (code: number, glyph: number) => {
    if (glyph > 0 && glyph < numGlyphs && !map.has(code)) map.set(code, glyph);
  };
  const count = view.getUint16(cmap + 2);
  const subtables: { format: number; at: number }[] = [];
  for (let i = 0; i < count; i++) {
    const platform = view.getUint16(cmap + 4 + i * 8);
    const encoding = view.getUint16(cmap + 6 + i * 8);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const at = cmap + view.getUint32(cmap + 8 + i * 8);
    if (at + 4 > view.byteLength) continue;
    subtables.push({ format: view.getUint16(at), at });
  }
  // Format 12 (the whole of Unicode) first, where a font has it.
  subtables.sort((a, b) => b.format - a.format);
  for (const { format, at } of subtables) {
    if (format === 12) readFormat12(view, at, put);
    else if (format === 4) readFormat4(view, at, put);
  }
  return map;
}

function readFormat4(view: DataView, at: number, put: (code: number, glyph: number) => void): void {
  const segments = view.getUint16(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const end = view.getUint16(ends + s * 2);
    const start = view.getUint16(starts + s * 2);
    const delta = view.getUint16(deltas + s * 2);
    const rangeOffset = view.getUint16(rangeOffsets + s * 2);
    for (let code = start; code <= end && code !== 0xffff; code++) {
      if (rangeOffset === 0) {
        put(code, (code + delta) & 0xffff);
        continue;
      }
      const address = rangeOffsets + s * 2 + rangeOffset + (code - start) * 2;
      if (address + 2 > view.byteLength) break;
      const glyph = view.getUint16(address);
      if (glyph !== 0) put(code, (glyph + delta) & 0xffff);
    }
  }
}

function readFormat12(view: DataView, at: number, put: (code: number, glyph: number) => void): void {
  const groups = view.getUint32(at + 12);
  for (let g = 0; g < groups; g++) {
    const group = at + 16 + g * 12;
    if (group + 12 > view.byteLength) break;
    const start = view.getUint32(group);
    const end = Math.min(view.getUint32(group + 4), 0x10ffff);
    const glyph = view.getUint32(group + 8);
    for (let code = start; code <= end; code++) put(code, glyph + code - start);
  }
}

function readPostScriptName(view: DataView, name: TtfTable | undefined): string {
  if (!name || name.length < 6) return '';
  const count = view.getUint16(name.offset + 2);
  const storage = name.offset + view.getUint16(name.offset + 4);
  let found = '';
  for (let i = 0; i < count; i++) {
    const record = name.offset + 6 + i * 12;
    if (record + 12 > name.offset + name.length) break;
    const platform = view.getUint16(record);
    if (view.getUint16(record + 6) !== 6) continue;
    const length = view.getUint16(record + 8);
    const at = storage + view.getUint16(record + 10);
    if (at + length > view.byteLength) continue;
    let text = '';
    if (platform === 3 || platform === 0) for (let c = 0; c + 1 < length; c += 2) text += String.fromCharCode(view.getUint16(at + c));
    else for (let c = 0; c < length; c++) text += String.fromCharCode(view.getUint8(at + c));
    if (platform === 3 || !found) found = text;
  }
  // A PostScript name holds printable ASCII without PDF delimiters or spaces.
  return found.replace(/[^\x21-\x7e]|[()<>[\]{}/%#]/g, '');
}
