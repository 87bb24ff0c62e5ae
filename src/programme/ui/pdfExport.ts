/**
 * The PDF export with the embedded Noto Sans subset: this module, our PDF and TrueType writers and the font
 * file are fetched only when a team exports a PDF (the infographic imports this module dynamically).
 */
import regularUrl from '../../../assets/fonts/NotoSans-Regular-latin.ttf?url';
import type { Op } from '../core/infographic.ts';
import type { PdfInfo } from '../core/pdf.ts';
import { writeEmbeddedPdf } from '../core/pdfEmbedded.ts';

async function fontBytes(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`font ${url}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export async function embeddedPdf(ops: readonly Op[], info: PdfInfo): Promise<Uint8Array> {
  return writeEmbeddedPdf(ops, info, { regular: await fontBytes(regularUrl) });
}
