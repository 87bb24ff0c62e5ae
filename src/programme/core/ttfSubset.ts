/**
 * A TrueType subset for embedding in a PDF: the outlines of the glyphs a page uses (and the glyphs their
 * composites are built from), every other glyph left empty. Glyph ids stay as they are, so the PDF can map
 * character ids to glyph ids one to one (`/CIDToGIDMap /Identity`). Only the tables a PDF viewer reads from
 * an embedded TrueType font are written (no `cmap`: the PDF's text is glyph ids).
 */
import type { TtfFont } from './ttf.ts';

/** The tables a CIDFontType2 needs; those the font has are kept (hinting where present). */
const KEEP = ['cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'prep'];

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** Where each glyph's outline lies in `glyf` (start and end, relative to the table). */
function glyphLocations(font: TtfFont): Uint32Array {
  const { bytes, tables, numGlyphs, indexToLocFormat } = font;
  const loca = tables.get('loca')!;
  const view = new DataView(bytes.buffer, bytes.byteOffset + loca.offset, loca.length);
  const glyfLength = tables.get('glyf')!.length;
  const out = new Uint32Array(numGlyphs + 1);
  for (let g = 0; g <= numGlyphs; g++) {
    const at = indexToLocFormat === 0 ? g * 2 : g * 4;
    const value = at + (indexToLocFormat === 0 ? 2 : 4) > loca.length ? glyfLength : indexToLocFormat === 0 ? view.getUint16(at) * 2 : view.getUint32(at);
    out[g] = Math.min(Math.max(value, g > 0 ? out[g - 1]! : 0), glyfLength);
  }
  return out;
}

/** The glyphs a composite glyph is made of (none for a simple glyph). */
function components(glyf: DataView, start: number, end: number): number[] {
  if (end - start < 10 || glyf.getInt16(start) >= 0) return [];
  const out: number[] = [];
  let at = start + 10;
  for (;;) {
    if (at + 4 > end) break;
    const flags = glyf.getUint16(at);
    out.push(glyf.getUint16(at + 2));
    at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) at += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
    if (!(flags & MORE_COMPONENTS)) break;
  }
  return out;
}

function checksum(data: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) {
    const word = ((data[i] ?? 0) << 24) | ((data[i + 1] ?? 0) << 16) | ((data[i + 2] ?? 0) << 8) | (data[i + 3] ?? 0);
    sum = (sum + (word >>> 0)) >>> 0;
  }
  return sum;
}

/** A font file with the outlines of `used` (glyph 0, `.notdef`, is always kept). */
export function subsetTtf(font: TtfFont, used: Iterable<number>): Uint8Array {
  const { bytes, tables, numGlyphs } = font;
  const glyfTable = tables.get('glyf')!;
  const glyf = new DataView(bytes.buffer, bytes.byteOffset + glyfTable.offset, glyfTable.length);
  const locations = glyphLocations(font);

  const keep = new Set<number>();
  const pending = [0, ...used];
  while (pending.length > 0) {
    const g = pending.pop()!;
    if (g < 0 || g >= numGlyphs || keep.has(g)) continue;
    keep.add(g);
    pending.push(...components(glyf, locations[g]!, locations[g + 1]!));
  }

  // Outlines of the kept glyphs, each padded to four bytes; `loca` in the long format.
  let size = 0;
  for (const g of keep) size += (locations[g + 1]! - locations[g]! + 3) & ~3;
  const newGlyf = new Uint8Array(size);
  const newLoca = new Uint8Array((numGlyphs + 1) * 4);
  const locaView = new DataView(newLoca.buffer);
  let at = 0;
  for (let g = 0; g < numGlyphs; g++) {
    locaView.setUint32(g * 4, at);
    if (!keep.has(g)) continue;
    const start = locations[g]!;
    const end = locations[g + 1]!;
    newGlyf.set(bytes.subarray(glyfTable.offset + start, glyfTable.offset + end), at);
    at += (end - start + 3) & ~3;
  }
  locaView.setUint32(numGlyphs * 4, at);

  // A copy (a Node Buffer's `slice` would share the bytes), with no checksum yet and long offsets.
  const headTable = tables.get('head')!;
  const head = new Uint8Array(bytes.subarray(headTable.offset, headTable.offset + headTable.length));
  const headView = new DataView(head.buffer);
  headView.setUint32(8, 0);
  headView.setInt16(50, 1);

  const out = new Map<string, Uint8Array>();
  for (const tag of KEEP) {
    const t = tables.get(tag);
    if (!t) continue;
    out.set(tag, tag === 'glyf' ? newGlyf : tag === 'loca' ? newLoca : tag === 'head' ? head : bytes.subarray(t.offset, t.offset + t.length));
  }
  return writeFont(out);
}

/** An sfnt file from its tables (tags in order), with checksums and `head`'s checksum adjustment. */
function writeFont(tables: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const count = tags.length;
  const directory = 12 + count * 16;
  let size = directory;
  for (const tag of tags) size += (tables.get(tag)!.length + 3) & ~3;
  const file = new Uint8Array(size);
  const view = new DataView(file.buffer);
  const power = 2 ** Math.floor(Math.log2(count));
  view.setUint32(0, 0x00010000);
  view.setUint16(4, count);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, count * 16 - power * 16);
  let at = directory;
  let headAt = -1;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const entry = 12 + i * 16;
    for (let c = 0; c < 4; c++) file[entry + c] = tag.charCodeAt(c);
    view.setUint32(entry + 4, checksum(data));
    view.setUint32(entry + 8, at);
    view.setUint32(entry + 12, data.length);
    file.set(data, at);
    if (tag === 'head') headAt = at;
    at += (data.length + 3) & ~3;
  });
  if (headAt >= 0) view.setUint32(headAt + 8, (0xb1b0afba - checksum(file)) >>> 0);
  return file;
}
