/**
 * The infographic as a PDF with an embedded font (Noto Sans, Latin subset in `assets/fonts/`), so every name
 * prints as typed: Şükrü, Łukasz, Nguyễn, Đorđe, Ő. pdf-lib embeds and subsets the font (through fontkit) and
 * writes the file; the page's drawing is the same content stream as the Helvetica writer's. Loaded lazily,
 * only when a PDF is exported. Runs in Node too (the tests pass the font bytes in).
 */
import { PDFDocument } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { PAGE, type Op } from './infographic.ts';
import { textWidth } from './metrics.ts';
import { type PdfInfo, type TextOp, color, contentStream, n } from './pdf.ts';

export interface PdfFonts {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
}

export async function writeEmbeddedPdf(ops: readonly Op[], info: PdfInfo, fonts: PdfFonts): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  // Ligatures off: "fi" stays two letters, so the text copies and searches as it was typed.
  const features = { liga: false, clig: false, dlig: false };
  const regular = await doc.embedFont(fonts.regular, { subset: true, features });
  const bold = await doc.embedFont(fonts.bold, { subset: true, features });
  const page = doc.addPage([PAGE.width, PAGE.height]);
  const names = { regular: page.node.newFontDictionary('NotoSans', regular.ref), bold: page.node.newFontDictionary('NotoSansBold', bold.ref) };

  const text = (op: TextOp, y: number): string => {
    const value = op.text.normalize('NFC');
    const font = op.bold ? bold : regular;
    // The layout measured Helvetica (as the PNG draws it); Noto Sans runs a little wider, so a line is
    // squeezed to the width the layout gave it and nothing runs past a margin or into its neighbour.
    const natural = font.widthOfTextAtSize(value, op.size);
    const planned = textWidth(value, { size: op.size, bold: op.bold });
    const squeeze = natural > planned && natural > 0 ? Math.max(70, (100 * planned) / natural) : 100;
    return `BT ${op.bold ? names.bold : names.regular} ${n(op.size)} Tf ${n(squeeze)} Tz ${color(op.color, false)} ${n(op.x)} ${n(y)} Td ${font.encodeText(value).toString()} Tj ET`;
  };
  const stream = doc.context.flateStream(contentStream(ops, text));
  page.node.addContentStream(doc.context.register(stream));

  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setLanguage(info.lang);
  doc.setProducer('Ruimte');
  doc.setCreator('Ruimte');
  doc.setCreationDate(info.at);
  doc.setModificationDate(info.at);
  return doc.save({ useObjectStreams: false });
}
