/**
 * The infographic as a PDF with an embedded font (Noto Sans, Latin subset in `assets/fonts/`), so every name
 * prints as typed: Şükrü, Łukasz, Nguyễn, Đorđe, Ő. Our own TrueType embedder (`embeddedFont.ts`) writes the
 * fonts as subsets of the glyphs used; the page's drawing is the same content stream as the Helvetica
 * writer's, flate-compressed. Loaded lazily, only when a PDF is exported. Runs in Node too (the tests pass the
 * font bytes in).
 */
import { EmbeddedFont } from './embeddedFont.ts';
import { PAGE, type Op } from './infographic.ts';
import { textWidth } from './metrics.ts';
import { type PdfInfo, type TextOp, color, contentStream, n, pdfDate } from './pdf.ts';
import { type PdfObject, flateStream, pdfText, writePdfFile } from './pdfObjects.ts';
import { readTtf } from './ttf.ts';

export interface PdfFonts {
  readonly regular: Uint8Array;
}

/** Objects 1–5 are the document's; the font takes five from 6 on. */
const REGULAR = 6;
/** Bold is the regular font drawn with an outline of this share of its size (as word processors do): a second
 * font file would cost every visitor 34 KB for a few headings of an export. */
const BOLD_STROKE = 0.035;

export async function writeEmbeddedPdf(ops: readonly Op[], info: PdfInfo, fonts: PdfFonts): Promise<Uint8Array<ArrayBuffer>> {
  const regular = new EmbeddedFont(readTtf(fonts.regular));

  const text = (op: TextOp, y: number): string => {
    const value = op.text.normalize('NFC');
    const font = regular;
    // The layout measured Helvetica (as the PNG draws it); Noto Sans runs a little wider, so a line is
    // squeezed to the width the layout gave it and nothing runs past a margin or into its neighbour.
    const natural = font.widthOfTextAtSize(value, op.size);
    const planned = textWidth(value, { size: op.size, bold: op.bold });
    const squeeze = natural > planned && natural > 0 ? Math.max(70, (100 * planned) / natural) : 100;
    // Text render mode 2 fills and outlines the glyphs (bold); 0 fills only. The mode outlives a text object, so
    // every text sets its own.
    const weight = op.bold ? `${color(op.color, true)} ${n(op.size * BOLD_STROKE)} w 2 Tr` : '0 Tr';
    return `BT /F1 ${n(op.size)} Tf ${n(squeeze)} Tz ${color(op.color, false)} ${weight} ${n(op.x)} ${n(y)} Td ${font.encode(value)} Tj ET`;
  };
  const content = await flateStream(contentStream(ops, text));

  const date = `(${pdfDate(info.at)})`;
  const objects: PdfObject[] = [
    `<< /Type /Catalog /Pages 2 0 R /Lang ${pdfText(info.lang)} /ViewerPreferences << /DisplayDocTitle true >> >>`,
    `<< /Type /Pages /Kids [3 0 R] /Count 1 >>`,
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${n(PAGE.width)} ${n(PAGE.height)}] /Resources << /Font << /F1 ${REGULAR} 0 R >> >> /Contents 4 0 R >>`,
    content,
    `<< /Title ${pdfText(info.title)} /Producer (Ruimte) /Creator (Ruimte) /CreationDate ${date} /ModDate ${date} >>`,
    ...(await regular.objects(REGULAR)),
  ];
  return writePdfFile(objects, 5);
}
