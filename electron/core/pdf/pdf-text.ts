/** For tests: the text a pdf-lib document drew, read back from its (deflated) content streams. */
import { unzlibSync } from 'fflate';

/** The text drawn on each page, read back from the PDF's (deflated) content streams. */
export function pdfText(bytes: Uint8Array): string {
  const raw = Buffer.from(bytes).toString('latin1');
  let out = '';
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = Buffer.from(unzlibSync(Buffer.from(m[1]!, 'latin1'))).toString('latin1');
    } catch {
      continue;
    }
    for (const t of content.matchAll(/<([0-9A-Fa-f]*)> Tj/g))
      out += Buffer.from(t[1]!, 'hex').toString('latin1') + '\n';
  }
  return out;
}

