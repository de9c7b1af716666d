import { PDFDocument, StandardFonts } from 'pdf-lib';
import { expect, it } from 'vitest';
import type { Order, Plan, PlanRoute, PlanStop } from '@shared/contract';
import { pdfText } from '../../pdf/pdf-text';
import { loadList, sanitizer } from './pdf';

it('replaces what Helvetica cannot draw instead of failing the printout', async () => {
  const doc = await PDFDocument.create();
  const clean = sanitizer(await doc.embedFont(StandardFonts.Helvetica));
  // Nordic letters and typographic dashes are in the font's encoding and stay.
  expect(clean('Åkes Öl & Smörgås – 2–6 °C')).toBe('Åkes Öl & Smörgås – 2–6 °C');
  // Others fall back to the base letter, or "?".
  expect(clean('Łukasz Wiśniewski')).toBe('Lukasz Wisniewski');
  expect(clean('北京 🚚')).toBe('?? ?');
  expect(clean('line\nbreak\ttab\u0007')).toBe('line break tab');
});

it('load list: one list per trip, in loading order, without deliveries picked up on the way', async () => {
  const mkOrder = (id: string, extra: Partial<Order> = {}): Order => ({
    id,
    date: '2026-11-23',
    reference: id,
    customer: `Kund ${id}`,
    address: '',
    lat: 57.7,
    lon: 14.1,
    kind: 'delivery',
    serviceMin: 5,
    timeWindows: [],
    demand: { kg: 10 },
    skills: [],
    priority: 0,
    pairedOrderId: null,
    phone: '',
    notes: '',
    createdAt: 0,
    updatedAt: 0,
    ...extra,
  });
  const orders = [
    mkOrder('A1'),
    mkOrder('A2'),
    mkOrder('P', { kind: 'pickup', pairedOrderId: 'D' }),
    mkOrder('D', { pairedOrderId: 'P' }),
    mkOrder('B1'),
  ];
  const stop = (orderId: string | undefined, kind: PlanStop['kind'], seq?: number): PlanStop => ({
    kind,
    orderId,
    reference: orderId,
    customer: orderId && `Kund ${orderId}`,
    lat: 57.7,
    lon: 14.1,
    arrivalAt: 0,
    waitMin: 0,
    serviceStartAt: 0,
    serviceMin: 5,
    departAt: 0,
    driveMin: 1,
    legKm: 1,
    loadAfter: {},
    seq,
    locked: false,
    violations: [],
  });
  const route = {
    vehicleId: 'v',
    vehicleName: 'Van',
    driverId: 'd',
    driverName: 'Łukasz',
    stops: [
      stop('A1', 'delivery', 1),
      stop('P', 'pickup', 2),
      stop('A2', 'delivery', 3),
      stop('D', 'delivery', 4),
      stop(undefined, 'reload'),
      stop('B1', 'delivery', 5),
    ],
    peakLoad: { kg: 30 },
  } as unknown as PlanRoute;
  const doc = await loadList({
    plan: { date: '2026-11-23', routes: [route] } as unknown as Plan,
    orders: new Map(orders.map((o) => [o.id, o])),
    timeZone: 'Europe/Stockholm',
    siteName: 'DC',
    drivers: new Map(),
    vehicles: new Map(),
  });
  const text = pdfText(Buffer.from(doc.base64, 'base64'));
  const lines = text.split('\n');
  const at = (s: string) => lines.indexOf(s);
  expect(text).toContain('driver Lukasz');
  expect(at('Trip 1')).toBeGreaterThan(-1);
  expect(at('Trip 2')).toBeGreaterThan(at('Trip 1'));
  // Trip 1 is loaded A2 first, then A1 (last stop in first); D comes with the pickup, not from the depot.
  expect(at('A2')).toBeGreaterThan(at('Trip 1'));
  expect(at('A1')).toBeGreaterThan(at('A2'));
  expect(at('A1')).toBeLessThan(at('Trip 2'));
  expect(at('B1')).toBeGreaterThan(at('Trip 2'));
  expect(lines).not.toContain('D');
  expect(text).toContain('1 pickup(s) on the way');
});
