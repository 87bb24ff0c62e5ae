/**
 * Writing a PDF file from numbered objects, some of them binary streams (flate-compressed with the platform's
 * `CompressionStream`, which browsers and Node have). Objects are numbered from 1 in the order given.
 */

/** An object: its text, or a stream with its dictionary's entries (the writer adds `/Length`). */
export type PdfObject = string | { readonly dict: string; readonly data: Uint8Array };

/** zlib-wrapped deflate, as PDF's `/FlateDecode` reads it. */
export async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A flate-compressed stream object. */
export async function flateStream(data: Uint8Array | string, dict = ''): Promise<PdfObject> {
  const bytes = typeof data === 'string' ? latin1(data) : data;
  return { dict: `${dict ? `${dict} ` : ''}/Filter /FlateDecode`, data: await deflate(bytes) };
}

/** One byte per character (every character must be below 256). */
export function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/** A text string for the document information: ASCII as it is, anything else as UTF-16 with a byte-order mark. */
export function pdfText(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/** The whole file: header, objects, cross-reference table, trailer with `/Root 1 0 R` and the given info object. */
export function writePdfFile(objects: readonly PdfObject[], info: number): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = [];
  let length = 0;
  const push = (part: Uint8Array | string) => {
    const bytes = typeof part === 'string' ? latin1(part) : part;
    parts.push(bytes);
    length += bytes.length;
  };
  push('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n');
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(length);
    if (typeof object === 'string') {
      push(`${i + 1} 0 obj\n${object}\nendobj\n`);
      return;
    }
    push(`${i + 1} 0 obj\n<< ${object.dict} /Length ${object.data.length} >>\nstream\n`);
    push(object.data);
    push('\nendstream\nendobj\n');
  });
  const xref = length;
  let table = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) table += `${String(offset).padStart(10, '0')} 00000 n \n`;
  push(`${table}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${info} 0 R >>\nstartxref\n${xref}\n%%EOF\n`);

  const file = new Uint8Array(new ArrayBuffer(length));
  let at = 0;
  for (const part of parts) {
    file.set(part, at);
    at += part.length;
  }
  return file;
}
