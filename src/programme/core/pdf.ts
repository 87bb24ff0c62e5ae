/**
 * A minimal PDF 1.4 writer for the one-page infographic: the drawing operations as vector graphics and text in
 * the standard Helvetica fonts (no embedding), WinAnsi encoded. The export embeds Noto Sans instead
 * (`pdfEmbedded.ts`, which reuses this content stream); this writer is its fallback when the font cannot load.
 * Uncompressed and ASCII only apart from the binary marker, so byte offsets in the cross-reference table are
 * string offsets. A character WinAnsi cannot hold is written as "?" (the PNG shows it).
 */
import { PAGE, type Op, type RGB } from './infographic.ts';

/** WinAnsi (code page 1252) bytes 0x80–0x9F. */
const WIN_ANSI_EXTRA: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c,
  'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b,
  'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

/** A PDF literal string: WinAnsi bytes, with `\`, `(`, `)` escaped and everything outside ASCII as octal. */
export function pdfString(text: string): string {
  let out = '(';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0) ?? 63;
    let byte: number;
    if (ch === '\u00a0' || ch === '\t' || ch === '\n' || ch === '\r') byte = 32;
    else if (code >= 32 && code <= 126) byte = code;
    else if (code >= 0xa1 && code <= 0xff) byte = code;
    else byte = WIN_ANSI_EXTRA[ch] ?? 63;
    if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += `\\${String.fromCharCode(byte)}`;
    else if (byte >= 32 && byte <= 126) out += String.fromCharCode(byte);
    else out += `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return `${out})`;
}

export const n = (x: number): string => {
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
};
export const color = (c: RGB, stroke: boolean): string => `${c.map(n).join(' ')} ${stroke ? 'RG' : 'rg'}`;

/** Bézier circle: four quarter arcs. */
function circlePath(cx: number, cy: number, r: number): string {
  const k = 0.5523 * r;
  return [
    `${n(cx + r)} ${n(cy)} m`,
    `${n(cx + r)} ${n(cy + k)} ${n(cx + k)} ${n(cy + r)} ${n(cx)} ${n(cy + r)} c`,
    `${n(cx - k)} ${n(cy + r)} ${n(cx - r)} ${n(cy + k)} ${n(cx - r)} ${n(cy)} c`,
    `${n(cx - r)} ${n(cy - k)} ${n(cx - k)} ${n(cy - r)} ${n(cx)} ${n(cy - r)} c`,
    `${n(cx + k)} ${n(cy - r)} ${n(cx + r)} ${n(cy - k)} ${n(cx + r)} ${n(cy)} c`,
  ].join('\n');
}

export type TextOp = Extract<Op, { kind: 'text' }>;

/** A text operation in the standard Helvetica fonts (`/F1` regular, `/F2` bold), WinAnsi encoded. */
const helveticaText = (op: TextOp, y: number): string => `BT /${op.bold ? 'F2' : 'F1'} ${n(op.size)} Tf ${color(op.color, false)} ${n(op.x)} ${n(y)} Td ${pdfString(op.text)} Tj ET`;

/**
 * The page's content stream (PDF's origin is bottom left). `text` writes a text operation at the PDF's y; by
 * default in the standard Helvetica fonts, or in fonts the caller embedded.
 */
export function contentStream(ops: readonly Op[], text: (op: TextOp, y: number) => string = helveticaText): string {
  const H = PAGE.height;
  const out: string[] = ['1 J 1 j'];
  for (const op of ops) {
    switch (op.kind) {
      case 'text':
        out.push(text(op, H - op.y));
        break;
      case 'rect': {
        const rect = `${n(op.x)} ${n(H - op.y - op.h)} ${n(op.w)} ${n(op.h)} re`;
        if (op.fill) out.push(`${color(op.fill, false)} ${rect} f`);
        if (op.hatch) {
          // Diagonal lines clipped to the rectangle: the bar stays distinct when printed in grey.
          const lines: string[] = [];
          for (let d = -op.h; d < op.w; d += 4) lines.push(`${n(op.x + d)} ${n(H - op.y - op.h)} m ${n(op.x + d + op.h)} ${n(H - op.y)} l`);
          out.push(`q ${rect} W n 0 0 0 RG 0.6 w ${lines.join(' ')} S Q`);
        }
        if (op.stroke && op.lineWidth > 0) out.push(`${color(op.stroke, true)} ${n(op.lineWidth)} w ${rect} S`);
        break;
      }
      case 'line': {
        const [first, ...rest] = op.points;
        if (!first) break;
        out.push(`${color(op.color, true)} ${n(op.width)} w ${n(first[0])} ${n(H - first[1])} m ${rest.map(([x, y]) => `${n(x)} ${n(H - y)} l`).join(' ')} S`);
        break;
      }
      case 'circle': {
        const path = circlePath(op.cx, H - op.cy, op.r);
        if (op.fill) out.push(`${color(op.fill, false)} ${path} f`);
        if (op.stroke && op.lineWidth > 0) out.push(`${color(op.stroke, true)} ${n(op.lineWidth)} w ${path} S`);
        break;
      }
    }
  }
  return out.join('\n');
}

export interface PdfInfo {
  readonly title: string;
  readonly lang: string;
  /** Creation time, for the document information. */
  readonly at: Date;
}

export const pdfDate = (d: Date): string => {
  const p = (x: number) => String(x).padStart(2, '0');
  return `D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
};

/** The whole file as a string of byte values (every char < 256): write it out with `pdfBytes`. */
export function writePdf(ops: readonly Op[], info: PdfInfo): string {
  const content = contentStream(ops);
  const objects = [
    `<< /Type /Catalog /Pages 2 0 R /Lang ${pdfString(info.lang)} /ViewerPreferences << /DisplayDocTitle true >> >>`,
    `<< /Type /Pages /Kids [3 0 R] /Count 1 >>`,
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${n(PAGE.width)} ${n(PAGE.height)}] /Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>`,
    `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>`,
    `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    `<< /Title ${pdfString(info.title)} /Producer (Ruimte) /CreationDate (${pdfDate(info.at)}) >>`,
  ];
  let file = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(file.length);
    file += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = file.length;
  file += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) file += `${String(offset).padStart(10, '0')} 00000 n \n`;
  file += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 7 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return file;
}

/** The file's bytes (each character of `writePdf` is one byte). */
export function pdfBytes(file: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(new ArrayBuffer(file.length));
  for (let i = 0; i < file.length; i++) bytes[i] = file.charCodeAt(i) & 0xff;
  return bytes;
}
