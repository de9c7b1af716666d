/**
 * The claim packet a carrier's claims desk accepts: a cover letter in the claimant's language,
 * the claim summary, itemised lines, deadlines, evidence photos, the scan log from receiving,
 * the timeline with correspondence, and the attached PDF documents' own pages.
 */
import { PDFDocument } from 'pdf-lib';
import type { ClaimView, PdfDocument, Receipt } from '@shared/contract';
import { regimeById } from '@shared/domain/claims/regimes';
import { isoDate, minuteOfDay, formatHhMm } from '@shared/domain/time';
import { finish, full, GREY, line, MARGIN, newPage, text, writer } from '../pdf/layout';
import { fill, PACKET_TEXTS } from './packet-text';

export interface PacketInput {
  claim: ClaimView;
  receipt: Receipt | undefined;
  siteName: string;
  timeZone: string;
  /** An attachment's bytes; null when the file is no longer stored here. */
  file(fileId: string): Promise<Uint8Array | null>;
}

export async function claimPacket(input: PacketInput): Promise<PdfDocument> {
  const { claim, receipt, timeZone } = input;
  const T = PACKET_TEXTS[claim.language];
  const locale = claim.language === 'sv' ? 'sv-SE' : 'en-GB';
  const money = (minor: number) => {
    const f = new Intl.NumberFormat(locale, { style: 'currency', currency: claim.currency });
    const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
    return f.format(minor / 10 ** digits).replace(/[\u202f\u00a0]/g, ' ');
  };
  const day = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.parse(`${iso}T00:00:00Z`));
  const when = (ms: number) => `${day(isoDate(ms, timeZone))} ${formatHhMm(minuteOfDay(ms, timeZone))}`;
  const w = await writer(fill(T.title, { number: claim.number }));

  // Cover letter
  line(w, [text(input.siteName)], { size: 11, bold: true });
  line(w, [text(day(isoDate(Date.now(), timeZone)))], { size: 10, color: GREY });
  w.y -= 14;
  line(w, [text(fill(T.to, { carrier: claim.carrierName }))], { size: 11 });
  w.y -= 10;
  const type = T.type[claim.type];
  line(w, [text(fill(T.subject, { type, ref: claim.shipmentRef || claim.number }))], { size: 13, bold: true });
  w.y -= 6;
  paragraph(
    fill(T.letter, { type, delivered: day(claim.deliveredOn), amount: money(claim.claimedMinor) }),
    10,
  );
  if (receipt?.subjectToInspection) paragraph(T.letterSubject, 10);
  w.y -= 10;
  line(w, [text(T.regards)], { size: 10 });
  line(w, [text(claim.createdBy)], { size: 10 });
  w.y -= 16;

  // Summary
  heading(T.summary);
  const regime = regimeById(claim.regime);
  const facts: [string, string][] = [
    [T.number, claim.number],
    [T.status, T.statusName[claim.status]],
    [T.carrier, claim.carrierName],
    [T.shipment, claim.shipmentRef || '–'],
    [T.delivered, day(claim.deliveredOn)],
    [T.filed, claim.filedOn ? day(claim.filedOn) : '–'],
    [T.rules, regime?.name ?? claim.regime],
    [T.ssccs, claim.ssccs.join(', ') || '–'],
    [T.claimed, money(claim.claimedMinor)],
  ];
  for (const [k, v] of facts) line(w, [text(k, MARGIN, 150), text(v, MARGIN + 160, full - 160)], { size: 10 });
  if (claim.description) {
    w.y -= 4;
    line(w, [text(T.description)], { size: 10, bold: true });
    paragraph(claim.description, 10);
  }

  // Lines
  heading(T.lines);
  const cols = (a: string, b: string, c: string, d: string, e: string) => [
    text(a, MARGIN, 190),
    text(b, MARGIN + 195, 110),
    text(c, MARGIN + 310, 40),
    text(d, MARGIN + 355, 75),
    text(e, MARGIN + 435, full - 435),
  ];
  line(w, cols(T.goods, 'SSCC', T.qty, T.unit, T.amount), { size: 9, bold: true });
  for (const l of claim.lines)
    line(w, cols(l.description, l.sscc ?? '', String(l.quantity), money(l.unitValueMinor), money(l.claimedMinor)), { size: 9 });
  line(w, cols(T.total, '', '', '', money(claim.claimedMinor)), { size: 9, bold: true });

  // Deadlines
  heading(T.deadlines);
  for (const d of claim.deadlines)
    line(w, [text(T.deadline[d.key], MARGIN, 130), text(d.date ? day(d.date) : '–', MARGIN + 135, 90), text(d.source, MARGIN + 230, full - 230)], {
      size: 8,
    });

  // Evidence photos
  heading(T.evidence);
  const photos = claim.attachments.filter((a) => a.kind !== 'pdf');
  if (photos.length === 0) line(w, [text(T.noPhotos)], { size: 9, color: GREY });
  for (const a of photos) {
    const bytes = await input.file(a.fileId);
    const image = bytes ? await (a.kind === 'png' ? w.doc.embedPng(bytes) : w.doc.embedJpg(bytes)).catch(() => null) : null;
    if (!image) {
      line(w, [text(fill(T.documentUnreadable, { name: a.name }))], { size: 9, color: GREY });
      continue;
    }
    const scale = Math.min(1, full / image.width, 260 / image.height);
    const h = image.height * scale;
    if (w.y - h - 20 < MARGIN) newPage(w);
    w.page.drawImage(image, { x: MARGIN, y: w.y - h, width: image.width * scale, height: h });
    w.y -= h + 4;
    line(w, [text(`${a.name}${a.caption ? ` — ${a.caption}` : ''} (${when(a.addedAt)}, ${a.addedBy})`)], { size: 8, color: GREY });
    w.y -= 6;
  }

  // Scan log
  heading(T.scanLog);
  if (!receipt) line(w, [text(T.scanLogNone)], { size: 9, color: GREY });
  else {
    line(w, [text(fill(T.inspection, { value: receipt.subjectToInspection ? T.yes : T.no }))], { size: 9 });
    if (receipt.note) line(w, [text(receipt.note)], { size: 9 });
    const scol = (a: string, b: string, c: string, d: string, e: string) => [
      text(a, MARGIN, 95),
      text(b, MARGIN + 100, 115),
      text(c, MARGIN + 220, 60),
      text(d, MARGIN + 285, 150),
      text(e, MARGIN + 440, full - 440),
    ];
    line(w, scol(T.time, 'SSCC / GTIN', T.condition, T.note, T.by), { size: 8, bold: true });
    for (const p of receipt.pallets)
      line(w, scol(when(p.at), p.sscc ?? p.gtin ?? '', T.conditionName[p.condition], p.note, p.by), { size: 8 });
  }

  // Timeline and correspondence
  heading(T.timeline);
  for (const h of claim.history)
    line(w, [text(when(h.at), MARGIN, 110), text(`${T.statusName[h.to]} — ${h.by}${h.note ? `: ${h.note}` : ''}`, MARGIN + 115, full - 115)], {
      size: 9,
    });
  if (claim.notes.length) {
    heading(T.correspondence);
    for (const n of claim.notes) line(w, [text(when(n.at), MARGIN, 110), text(`${n.by}: ${n.text}`, MARGIN + 115, full - 115)], { size: 9 });
  }

  // Attached PDF documents: their own pages follow.
  const documents = claim.attachments.filter((a) => a.kind === 'pdf');
  if (documents.length) {
    heading(T.documents);
    for (const a of documents) {
      const bytes = await input.file(a.fileId);
      const source = bytes ? await PDFDocument.load(bytes, { ignoreEncryption: false }).catch(() => null) : null;
      if (!source) {
        line(w, [text(fill(T.documentUnreadable, { name: a.name }))], { size: 9, color: GREY });
        continue;
      }
      line(w, [text(a.name)], { size: 9 });
      const pages = await w.doc.copyPages(source, source.getPageIndices());
      for (const p of pages) w.doc.addPage(p);
    }
  }

  const total = w.doc.getPageCount();
  w.doc.getPages().forEach((p, i) => {
    p.drawText(w.clean(`${claim.number} · ${fill(T.page, { n: String(i + 1), total: String(total) })}`), {
      x: MARGIN,
      y: 18,
      size: 7,
      font: w.font,
      color: GREY,
    });
  });
  return finish(w, `${claim.number}.pdf`);

  function heading(title: string): void {
    w.y -= 10;
    if (w.y < MARGIN + 60) newPage(w);
    line(w, [text(title)], { size: 12, bold: true });
  }

  function paragraph(body: string, size: number): void {
    const words = w.clean(body).split(/\s+/);
    let current = '';
    for (const word of words) {
      const next = current ? `${current} ${word}` : word;
      if (w.font.widthOfTextAtSize(next, size) > full && current) {
        line(w, [text(current)], { size });
        current = word;
      } else current = next;
    }
    if (current) line(w, [text(current)], { size });
  }
}

