/**
 * Text widths in Helvetica (the PDF's standard font; Arial and Liberation Sans, which the canvas uses, have the
 * same widths), so the infographic wraps its lines once and the PNG and the PDF agree. Widths are the Adobe
 * font metrics in 1/1000 em for the printable ASCII range; an accented letter takes its base letter's width.
 */

// prettier-ignore
const REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space ! " # $ % & ' ( ) * + , - . /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0-9 : ; < = > ?
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ A-O
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P-Z [ \ ] ^ _
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` a-o
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p-z { | } ~
];
// prettier-ignore
const BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
  975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
  333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
  611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/** Widths of the typographic characters the texts use (regular, bold). */
const SPECIAL: Record<string, [number, number]> = {
  '‘': [222, 278], '’': [222, 278], '“': [333, 500], '”': [333, 500], '–': [556, 556], '—': [1000, 1000],
  '…': [1000, 1000], '•': [350, 350], '€': [556, 556], '·': [278, 278], 'ß': [611, 611], 'æ': [889, 889],
  'Æ': [1000, 1000], 'ø': [611, 611], 'Ø': [778, 778], 'œ': [944, 944], 'Œ': [1000, 1000], '×': [584, 584],
  '«': [556, 556], '»': [556, 556], '°': [400, 400], '©': [737, 737], '®': [737, 737], '→': [1000, 1000], '←': [1000, 1000],
};

export interface FontSpec {
  readonly size: number;
  readonly bold: boolean;
}

function charWidth(ch: string, bold: boolean): number {
  const code = ch.charCodeAt(0);
  const table = bold ? BOLD : REGULAR;
  if (code >= 32 && code <= 126) return table[code - 32] ?? 556;
  const special = SPECIAL[ch];
  if (special) return special[bold ? 1 : 0];
  if (ch === '\u00a0') return 278;
  // An accented Latin letter: its base letter (dotless i's accented forms are a little wider).
  const base = ch.normalize('NFD').charAt(0);
  if (base !== ch && base.charCodeAt(0) >= 32 && base.charCodeAt(0) <= 126) return 'iI'.includes(base) && code >= 0xcc ? 278 : (table[base.charCodeAt(0) - 32] ?? 556);
  return bold ? 611 : 556;
}

/** Width in points of `text` at `font`. */
export function textWidth(text: string, font: FontSpec): number {
  let units = 0;
  for (const ch of text) units += charWidth(ch, font.bold);
  return (units * font.size) / 1000;
}

/**
 * Breaks `text` into lines no wider than `width`, at spaces where it can (a word longer than a line is cut),
 * keeping hard line breaks; at most `maxLines`, the last one ending in "…" when text was left out.
 */
export function wrap(text: string, font: FontSpec, width: number, maxLines = Infinity): string[] {
  const lines: string[] = [];
  const fits = (s: string) => textWidth(s, font) <= width;
  const paragraphs = text.replace(/\r\n?/g, '\n').split('\n');
  let truncated = false;
  outer: for (const paragraph of paragraphs) {
    const words = paragraph.split(/[ \t\u00a0]+/).filter((w) => w.length > 0);
    let line = '';
    for (let word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line) {
        lines.push(line);
        if (lines.length >= maxLines) {
          truncated = true;
          break outer;
        }
        line = '';
      }
      // A word wider than the line: cut it into pieces that fit.
      while (!fits(word)) {
        let cut = 1;
        const chars = [...word];
        while (cut < chars.length && fits(chars.slice(0, cut + 1).join(''))) cut++;
        lines.push(chars.slice(0, cut).join(''));
        if (lines.length >= maxLines) {
          truncated = true;
          break outer;
        }
        word = chars.slice(cut).join('');
      }
      line = word;
    }
    if (!line) continue;
    if (lines.length >= maxLines) {
      truncated = true;
      break;
    }
    lines.push(line);
  }
  // Empty paragraphs leave no blank lines; a cut text ends with an ellipsis that still fits.
  if (truncated && lines.length > 0) {
    let last = lines[lines.length - 1] as string;
    while (last.length > 0 && !fits(`${last}…`)) last = [...last].slice(0, -1).join('');
    lines[lines.length - 1] = `${last.trimEnd()}…`;
  }
  return lines;
}
