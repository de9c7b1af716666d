import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { Appointment, Claim, ClaimView, Door, ReceiptView } from '@shared/contract';
import { atMinuteOfDay } from '@shared/domain/time';
import { pdfText } from '../pdf/pdf-text';
import { caller, ok, upload, useTestCore } from '../testing';
import { testPng } from './test-png';

const TZ = 'Europe/Stockholm';
const DAY = '2026-04-01';
const newCore = useTestCore();

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8]);
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0xff, 0xff, 0x00, 0x00]);

async function setup(today = '2026-04-01') {
  let now = atMinuteOfDay(today, 10 * 60, TZ);
  const core = await newCore({ timeZone: TZ, now: () => now });
  const call = caller(core);
  const must = ok(core);
  const door = await must<Door>('dock.createDoor', { name: 'Door 1', direction: 'inbound', opensAt: '00:00', closesAt: '24:00' });
  const appointment = await must<Appointment>('dock.bookAppointment', {
    doorId: door.id,
    carrierName: 'DSV Road',
    reference: 'ASN-4711',
    startAt: atMinuteOfDay(DAY, 11 * 60, TZ),
    durationMin: 60,
    loadType: 'palletized',
    pallets: 3,
  });
  return {
    core,
    call,
    must,
    appointment,
    setNow: (date: string) => {
      now = atMinuteOfDay(date, 10 * 60, TZ);
    },
  };
}

const objectsOf = async (core: { db: { all<T>(s: string): Promise<T[]> } }) =>
  (await core.db.all<{ id: string }>('SELECT id FROM files ORDER BY id')).map((r) => r.id);

const claimInput = {
  type: 'damage_concealed',
  carrierName: 'DSV Road',
  regime: 'cmr',
  country: 'SE',
  deliveredOn: DAY,
  shipmentRef: 'CMR 118822',
  currency: 'SEK',
  lines: [{ description: 'Glassware, 40 cartons', quantity: 40, unitValueMinor: 12_500 }],
};

describe('receiving with evidence', () => {
  it('scans pallets at an appointment, marks a damaged one with a photo and opens a claim with it attached', async () => {
    const { core, must, appointment } = await setup();
    const started = await must<ReceiptView>('claims.startReceiving', {
      appointmentId: appointment.id,
      expected: [
        { sscc: '373500001000000018', description: 'Glassware' },
        { sscc: '373500001000000025', description: 'Glassware' },
        { sscc: '373500001000000032', description: 'Glassware' },
      ],
    });
    expect(started).toMatchObject({ reference: 'ASN-4711', carrierName: 'DSV Road', status: 'open' });
    const photo = await upload(core, 'crushed.png', PNG);
    await must('claims.recordPallet', { receiptId: started.id, sscc: '373500001000000018', condition: 'ok' });
    const r = await must<ReceiptView>('claims.recordPallet', {
      receiptId: started.id,
      sscc: '373500001000000025',
      condition: 'damaged',
      note: 'Corner crushed, wrap torn',
      photos: [photo.id],
    });
    expect(r.balance).toMatchObject({ damaged: 1, short: 1, over: 0, exceptions: 2 });
    const done = await must<ReceiptView>('claims.finishReceiving', { receiptId: r.id, subjectToInspection: true, note: 'Driver signed with remark' });
    expect(done).toMatchObject({ status: 'finished', subjectToInspection: true });
    // The same appointment cannot be received twice.
    const again = await caller(core)('claims.startReceiving', { appointmentId: appointment.id });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'already_receiving' } } });

    const claim = await must<Claim>('claims.create', { ...claimInput, type: 'damage_apparent', receiptId: r.id });
    expect(claim.ssccs).toEqual(['373500001000000025']);
    expect(claim.attachments).toMatchObject([{ fileId: photo.id, name: 'crushed.png', kind: 'png' }]);
    expect(claim.appointmentId).toBe(appointment.id);
    const receipt = await must<ReceiptView>('claims.receiptFor', { appointmentId: appointment.id });
    expect(receipt.claimIds).toEqual([claim.id]);
    const refs = await core.db.all<{ owner: string }>('SELECT owner FROM file_refs WHERE file_id = ? ORDER BY owner', [photo.id]);
    expect(refs.map((x) => x.owner)).toEqual([`claim:${claim.id}:${photo.id}`, `receipt:${r.id}:${photo.id}`]);
  });

  it('refuses receiving a cancelled or unknown appointment, and a pallet with nothing scanned', async () => {
    const { call, must, appointment } = await setup();
    expect(await call('claims.startReceiving', { appointmentId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const r = await must<ReceiptView>('claims.startReceiving', { appointmentId: appointment.id });
    expect(await call('claims.recordPallet', { receiptId: r.id, condition: 'damaged' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { reason: 'nothing_scanned' } },
    });
    expect(await call('claims.recordPallet', { receiptId: r.id, sscc: '12345', condition: 'ok' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    await must('dock.cancelAppointment', { id: appointment.id, reason: 'Truck broke down' });
    expect(await call('claims.startReceiving', { appointmentId: appointment.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { reason: 'appointment_cancelled' } },
    });
  });
});

describe('claims', () => {
  it('runs draft → filed → denied → appealed → approved → paid → closed, each step recorded with who and when', async () => {
    const { core, must, setNow } = await setup();
    const claim = await must<Claim>('claims.create', claimInput);
    expect(claim).toMatchObject({ status: 'draft', claimedMinor: 500_000, number: expect.stringMatching(/^CLM-[0-9A-F]{8}$/) });
    const photo = await upload(core, 'label.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]));
    await must('claims.attach', { id: claim.id, fileId: photo.id, caption: 'Label' });
    await must('claims.transition', { id: claim.id, to: 'filed', on: '2026-04-03' });
    setNow('2026-05-04');
    await must('claims.transition', { id: claim.id, to: 'denied', denialReason: 'insufficient_packaging', note: 'Carton too thin' });
    await must('claims.addNote', { id: claim.id, direction: 'received', text: 'Denial letter from DSV claims desk' });
    await must('claims.transition', { id: claim.id, to: 'appealed', note: 'Cartons met the shipper packaging spec; test report attached.' });
    await must('claims.transition', { id: claim.id, to: 'approved' });
    setNow('2026-06-02');
    await must('claims.transition', { id: claim.id, to: 'paid', amountMinor: 500_000 });
    await must('claims.transition', { id: claim.id, to: 'closed' });
    const view = await must<ClaimView>('claims.get', { id: claim.id });
    expect(view.history.map((h) => [h.from, h.to])).toEqual([
      [null, 'draft'],
      ['draft', 'filed'],
      ['filed', 'denied'],
      ['denied', 'appealed'],
      ['appealed', 'approved'],
      ['approved', 'paid'],
      ['paid', 'closed'],
    ]);
    expect(view.history.every((h) => h.by === core.localContext.actor && h.at > 0)).toBe(true);
    expect(view).toMatchObject({
      filedOn: '2026-04-03',
      denial: { reason: 'insufficient_packaging', on: '2026-05-04' },
      paidMinor: 500_000,
      next: [],
      notes: [{ direction: 'received' }],
    });
    const names = await core.db.all<{ name: string }>("SELECT name FROM outbox WHERE name LIKE 'claims.%' ORDER BY seq");
    expect(names.map((n) => n.name)).toEqual([
      'claims.create',
      'claims.attach',
      'claims.transition',
      'claims.transition',
      'claims.addNote',
      'claims.transition',
      'claims.transition',
      'claims.transition',
      'claims.transition',
    ]);
    const report = await must<{ carrierName: string; recoveryRate: number; averageDaysToPayment: number; open: number }[]>(
      'claims.report',
      {},
    );
    expect(report).toEqual([
      expect.objectContaining({ carrierName: 'DSV Road', open: 0, recoveryRate: 1, averageDaysToPayment: 60 }),
    ]);
  });

  it('shows every deadline with days left, lists this week\'s, and warns before filing past the notice deadline', async () => {
    const { call, must, setNow } = await setup();
    const claim = await must<Claim>('claims.create', claimInput);
    let view = await must<ClaimView>('claims.get', { id: claim.id });
    // Concealed damage, CMR, delivered Wed 1 April 2026 in Sweden: Easter makes it the 11th.
    expect(view.deadlines.map((d) => [d.key, d.date, d.daysLeft])).toEqual([
      ['notice', '2026-04-11', 10],
      ['limitation', '2027-04-01', 365],
    ]);
    expect(view.lateNotice).toBeNull();
    setNow('2026-04-06');
    const due = await must<{ claim: { id: string }; deadline: { key: string; daysLeft: number } }[]>('claims.deadlinesDue', { days: 7 });
    expect(due).toMatchObject([{ claim: { id: claim.id }, deadline: { key: 'notice', daysLeft: 5 } }]);
    setNow('2026-04-14');
    view = await must<ClaimView>('claims.get', { id: claim.id });
    expect(view.lateNotice).toMatchObject({ key: 'notice', date: '2026-04-11' });
    const late = await call('claims.transition', { id: claim.id, to: 'filed' });
    expect(late).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'late_notice' } } });
    expect((await must<ClaimView>('claims.get', { id: claim.id })).status).toBe('draft');
    await must('claims.transition', { id: claim.id, to: 'filed', acceptLateNotice: true });
  });

  it('refuses disguised and oversize attachments with a clear error and keeps nothing', async () => {
    const { core, call, must } = await setup();
    const claim = await must<Claim>('claims.create', claimInput);
    const exe = await upload(core, 'damage-photo.png', EXE);
    const disguised = await call('claims.attach', { id: claim.id, fileId: exe.id });
    expect(disguised).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { reason: 'file_kind' } } });
    expect(!disguised.ok && disguised.error.message).toContain('damage-photo.png is not a photo (PNG, JPEG) or PDF');
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PNG);
    const huge = await upload(core, 'huge.png', big);
    const oversize = await call('claims.attach', { id: claim.id, fileId: huge.id });
    expect(oversize).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { reason: 'file_too_large' } } });
    expect(!oversize.ok && oversize.error.message).toContain('at most 10 MB');
    // Nothing stored: neither file row nor object, and the claim is unchanged.
    expect(await objectsOf(core)).toEqual([]);
    const objects = join(core.db.file, '..', 'files', 'objects');
    expect(existsSync(objects) ? readdirSync(objects, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()) : []).toEqual([]);
    expect((await must<ClaimView>('claims.get', { id: claim.id })).attachments).toEqual([]);
    // A pallet photo must be a photo too.
    const { appointment } = { appointment: (await core.db.get<{ id: string }>('SELECT id FROM appointments'))! };
    const r = await must<ReceiptView>('claims.startReceiving', { appointmentId: appointment.id });
    const pdf = await upload(core, 'note.pdf', '%PDF-1.4 not a photo');
    const notPhoto = await call('claims.recordPallet', { receiptId: r.id, sscc: '373500001000000018', condition: 'damaged', photos: [pdf.id] });
    expect(notPhoto).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { reason: 'file_kind' } } });
    expect((await must<ReceiptView>('claims.receiptFor', { appointmentId: appointment.id })).pallets).toEqual([]);
  });

  it('refuses bad input: unknown regime or country, an edit after filing, a claim that does not exist', async () => {
    const { call, must } = await setup();
    expect(await call('claims.create', { ...claimInput, regime: 'teleport' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { reason: 'unknown_regime' } },
    });
    expect(await call('claims.create', { ...claimInput, country: 'XX' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', details: { reason: 'unknown_country' } },
    });
    expect(await call('claims.create', { ...claimInput, lines: [{ description: 'x', quantity: 0, unitValueMinor: 1 }] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await call('claims.get', { id: 'missing' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const claim = await must<Claim>('claims.create', claimInput);
    await must('claims.transition', { id: claim.id, to: 'filed' });
    expect(await call('claims.update', { id: claim.id, carrierName: 'Someone else' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { reason: 'not_draft' } },
    });
    expect(await call('claims.transition', { id: claim.id, to: 'paid', amountMinor: 1 })).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { reason: 'transition_not_allowed' } },
    });
    expect(await call('claims.list', {})).toMatchObject({ ok: true, value: [{ id: claim.id, status: 'filed' }] });
  });
});

describe('the claim packet', () => {
  it('has the cover letter in the claim language, lines, deadlines, photos, the scan log, the timeline and the attached PDF', async () => {
    const { core, must, appointment } = await setup();
    const r = await must<ReceiptView>('claims.startReceiving', { appointmentId: appointment.id });
    const photo = await upload(core, 'crushed-corner.png', testPng(120, 80, [200, 120, 40]));
    await must('claims.recordPallet', { receiptId: r.id, sscc: '373500001000000025', condition: 'damaged', note: 'Corner crushed', photos: [photo.id] });
    await must('claims.finishReceiving', { receiptId: r.id, subjectToInspection: true, note: 'Signed with remark' });
    const claim = await must<Claim>('claims.create', { ...claimInput, type: 'damage_apparent', language: 'sv', receiptId: r.id });
    const doc = await PDFDocument.create();
    doc.addPage([300, 300]).drawText('Delivery note 4711');
    const pdf = await upload(core, 'delivery-note.pdf', await doc.save());
    await must('claims.attach', { id: claim.id, fileId: pdf.id });
    await must('claims.transition', { id: claim.id, to: 'filed', acceptLateNotice: true });
    const packet = await must<{ fileName: string; base64: string; pages: number }>('claims.packet', { id: claim.id });
    expect(packet.fileName).toBe(`${claim.number}.pdf`);
    const bytes = Buffer.from(packet.base64, 'base64');
    const text = pdfText(bytes);
    for (const expected of [
      'Reklamation avseende synlig skada',
      'Härmed reklamerar vi synlig skada',
      'Godset togs emot med förbehåll för kontroll',
      'Specifikation',
      'Glassware, 40 cartons',
      '373500001000000025',
      'Skanningslogg från godsmottagningen',
      'Corner crushed',
      'crushed-corner.png',
      'Händelser',
      'inskickad',
      'delivery-note.pdf',
      'Delivery note 4711',
    ])
      expect(text).toContain(expected);
    const loaded = await PDFDocument.load(bytes);
    expect(loaded.getPageCount()).toBe(packet.pages);
    expect(packet.pages).toBeGreaterThanOrEqual(2);
    // The photo is in the packet as an image.
    expect(bytes.toString('latin1')).toMatch(/\/Subtype\s*\/Image/);
  });
});
