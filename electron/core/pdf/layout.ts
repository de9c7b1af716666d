/**
 * A4 printouts with pdf-lib's standard Helvetica, shared by every domain that prints (route
 * sheets, load lists, claim packets): a writer that starts new pages as it fills, lines of cells
 * cut to their columns, and text the font can draw. Helvetica only encodes Windows-1252: other
 * characters are replaced by their unaccented form or "?", so any name can be printed.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { PdfDocument } from '@shared/contract';

export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = 40;
export const GREY = rgb(0.35, 0.35, 0.35);

/** Letters that have no Unicode decomposition to a Latin base letter. */
const BASE_LETTERS: Record<string, string> = {
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  ı: 'i',
  Ħ: 'H',
  ħ: 'h',
  Ŋ: 'N',
  ŋ: 'n',
  ſ: 's',
};

/** Text the font can draw: unencodable characters become their base letter, or "?". */
export function sanitizer(font: PDFFont): (text: string) => string {
  const ok = new Map<string, boolean>();
  const can = (ch: string) => {
    let v = ok.get(ch);
    if (v === undefined) {
      try {
        font.encodeText(ch);
        v = true;
      } catch {
        v = false;
      }
      ok.set(ch, v);
    }
    return v;
  };
  return (text) => {
    let out = '';
    for (const ch of text.replace(/[\r\n\t]+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '')) {
      if (can(ch)) out += ch;
      else {
        const base = BASE_LETTERS[ch] ?? ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
        out += base && [...base].every(can) ? base : '?';
      }
    }
    return out;
  };
}

export interface Writer {
  doc: PDFDocument;
  page: PDFPage;
  y: number;
  font: PDFFont;
  bold: PDFFont;
  clean: (s: string) => string;
}

export async function writer(title: string): Promise<Writer> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setProducer('Loadstar');
  doc.setCreator('Loadstar');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const w: Writer = { doc, page: doc.addPage(A4), y: A4[1] - MARGIN, font, bold, clean: sanitizer(font) };
  return w;
}

export function newPage(w: Writer): void {
  w.page = w.doc.addPage(A4);
  w.y = A4[1] - MARGIN;
}

/** Writes one line of cells at x positions, cutting each to its column width. */
export function line(
  w: Writer,
  cells: { x: number; width: number; text: string }[],
  opts: { size?: number; bold?: boolean; color?: ReturnType<typeof rgb> } = {},
): void {
  const size = opts.size ?? 9;
  if (w.y < MARGIN + size) newPage(w);
  const font = opts.bold ? w.bold : w.font;
  for (const c of cells) {
    let t = w.clean(c.text);
    while (t.length > 1 && font.widthOfTextAtSize(t, size) > c.width) t = t.slice(0, -2) + '…';
    if (font.widthOfTextAtSize(t, size) > c.width) t = '';
    w.page.drawText(t, { x: c.x, y: w.y - size, size, font, color: opts.color ?? rgb(0, 0, 0) });
  }
  w.y -= size + 4;
}

export const full = A4[0] - 2 * MARGIN;
export const text = (t: string, x = MARGIN, width = full) => ({ x, width, text: t });

export async function finish(w: Writer, fileName: string): Promise<PdfDocument> {
  const bytes = await w.doc.save();
  return { fileName, base64: Buffer.from(bytes).toString('base64'), pages: w.doc.getPageCount() };
}

