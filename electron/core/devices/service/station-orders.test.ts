/**
 * Scan-to-print of ORDER barcodes through the real router and core: orders created with
 * `routes.createOrder`, scanned at the station, printed to the Zebra simulator over TCP.
 */
import { describe, expect, it } from 'vitest';
import type { Printer, StationScanResult } from '@shared/contract/devices';
import { isoDate } from '@shared/domain/time';
import type { Core } from '../../core';
import { ok } from '../../testing';
import { useCoreWithSim } from './test-harness';

const coreWithSim = useCoreWithSim();

const TZ = 'Europe/Stockholm';
const DAY = 86_400_000;

async function setup(options: { depotAddress?: string } = {}) {
  const { sim, open } = await coreWithSim();
  const core = await open({ timeZone: TZ });
  const call = ok(core);
  const printer = await call<Printer>('devices.createPrinter', {
    name: 'Station printer',
    transport: { kind: 'tcp', host: '127.0.0.1', port: sim.address.port },
    labelWidthMm: 101.6,
    labelHeightMm: 152.4,
  });
  await call('station.setPrinter', { printerId: printer.id });
  await call('routes.updateSettings', {
    depot: {
      name: 'Jönköping DC',
      address: options.depotAddress ?? 'Lagergatan 4, 553 02 Jönköping',
      lat: 57.7815,
      lon: 14.1562,
    },
  });
  return { core, sim, call, printer };
}

function order(fields: Record<string, unknown>) {
  return {
    date: isoDate(Date.now(), TZ),
    reference: 'ORD-1001',
    customer: 'Hemköp Centrum',
    address: 'Storgatan 12, 553 16 Jönköping',
    lat: 57.78,
    lon: 14.16,
    demand: { kg: 420, pallets: 2 },
    ...fields,
  };
}

async function jobZpl(core: Core, jobId: string): Promise<string> {
  const row = await core.db.get<{ zpl: string }>('SELECT zpl FROM print_jobs WHERE id = ?', [jobId]);
  return row!.zpl;
}

async function jobCount(core: Core): Promise<number> {
  return (await core.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM print_jobs'))!.n;
}

describe('station order scans', () => {
  it('prints the shipping label of a scanned order reference with its customer, address and load', async () => {
    const { core, sim, call, printer } = await setup();
    await call('routes.createOrder', order({}));
    // The simulator decodes what it receives as latin1; the label is UTF-8 (^CI28).
    const arrived = new Promise<string>((resolve) =>
      sim.once('format', (zpl: string) => resolve(Buffer.from(zpl, 'latin1').toString('utf8'))),
    );
    const r = await call<StationScanResult>('station.scan', { raw: 'ord-1001' });
    expect(r).toMatchObject({
      ok: true,
      printed: { template: 'shipping', title: 'Shipping ORD-1001', printerId: printer.id },
    });
    expect(r.message).toMatch(/Shipping ORD-1001 → Station printer/);
    const zpl = await jobZpl(core, r.printed!.jobId);
    for (const text of [
      'Hemköp Centrum',
      'Storgatan 12',
      '553 16 Jönköping',
      'Order ORD-1001',
      '420 kg',
      '2 pallets',
      'My site',
      'Lagergatan 4',
    ])
      expect(zpl, text).toContain(text);
    expect(zpl).toContain('^FD>:ORD-1001^FS');
    // The label reaches the printer as stored.
    expect(await arrived).toContain('Hemköp Centrum');
  });

  it('finds the order from a GS1 customer order number (AI 400) or consignment number (AI 401)', async () => {
    const { core, call } = await setup();
    await call('routes.createOrder', order({ reference: 'PO778812', customer: 'ICA Maxi' }));
    await call('routes.createOrder', order({ reference: 'CONS-55', customer: 'Coop Forum' }));
    const byPo = await call<StationScanResult>('station.scan', { raw: ']C1400PO778812' });
    expect(byPo).toMatchObject({ ok: true, printed: { template: 'shipping', title: 'Shipping PO778812' } });
    expect(await jobZpl(core, byPo.printed!.jobId)).toContain('ICA Maxi');
    const byConsignment = await call<StationScanResult>('station.scan', { raw: ']C1401CONS-55' });
    expect(byConsignment).toMatchObject({ ok: true, printed: { title: 'Shipping CONS-55' } });
    expect(await jobZpl(core, byConsignment.printed!.jobId)).toContain('Coop Forum');

    const unknown = await call<StationScanResult>('station.scan', { raw: ']C1400PO000000' });
    expect(unknown).toMatchObject({
      ok: false,
      printed: null,
      reason: 'order_not_found',
      reasonValues: { code: 'PO000000', ai: '400' },
    });
    expect(unknown.message).toMatch(/Nothing to print: no order PO000000 \(AI 400\)/);
    expect(await jobCount(core)).toBe(2);
  });

  it('escapes ZPL control characters in the order data so they cannot end the label or fire commands', async () => {
    const { core, call } = await setup();
    await call(
      'routes.createOrder',
      order({ reference: 'ORD-66', customer: 'Evil^XZ~JR_Corp', address: 'Gatan 1^XA^FDx, 553 16 ~JA' }),
    );
    const r = await call<StationScanResult>('station.scan', { raw: 'ORD-66' });
    expect(r.ok).toBe(true);
    const zpl = await jobZpl(core, r.printed!.jobId);
    expect(zpl).toContain('Evil_5EXZ_7EJR_5FCorp');
    expect(zpl).toContain('Gatan 1_5EXA_5EFDx');
    expect(zpl).toContain('553 16 _7EJA');
    expect(zpl).not.toContain('~JR');
    expect(zpl).not.toContain('~JA');
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
    expect(zpl.match(/\^XA/g)).toHaveLength(1);
  });

  it('prefers today’s order when a reference recurs on other days, else the nearest coming day', async () => {
    const { core, call } = await setup();
    const day = (offset: number) => isoDate(Date.now() + offset * DAY, TZ);
    await call('routes.createOrder', order({ reference: 'WEEKLY-1', customer: 'Last week', date: day(-7) }));
    await call('routes.createOrder', order({ reference: 'WEEKLY-1', customer: 'In two days', date: day(2) }));
    await call('routes.createOrder', order({ reference: 'WEEKLY-1', customer: 'Tomorrow', date: day(1) }));
    let r = await call<StationScanResult>('station.scan', { raw: 'WEEKLY-1' });
    expect(await jobZpl(core, r.printed!.jobId)).toContain('Tomorrow');
    await call('routes.createOrder', order({ reference: 'WEEKLY-1', customer: 'Today', date: day(0) }));
    r = await call<StationScanResult>('station.scan', { raw: 'WEEKLY-1' });
    expect(await jobZpl(core, r.printed!.jobId)).toContain('Today');
    expect(await jobZpl(core, r.printed!.jobId)).toContain(`Delivery ${day(0)}`);
  });

  it('answers unknown references, orders without an address and a missing depot address with a reason', async () => {
    const { core, call } = await setup({ depotAddress: '' });
    const unknown = await call<StationScanResult>('station.scan', { raw: 'ORD-9999' });
    expect(unknown).toMatchObject({
      ok: false,
      printed: null,
      reason: 'unknown_code',
      reasonValues: { code: 'ORD-9999' },
    });
    expect(unknown.message).toMatch(
      /Nothing to print for "ORD-9999": not an SSCC, appointment or known order/,
    );

    await call('routes.createOrder', order({ reference: 'ORD-2' }));
    const noDepot = await call<StationScanResult>('station.scan', { raw: 'ORD-2' });
    expect(noDepot).toMatchObject({ ok: false, printed: null, reason: 'no_depot_address' });
    expect(noDepot.message).toMatch(/depot address in the route planning settings/);

    await call('routes.updateSettings', {
      depot: { name: 'DC', address: 'Lagergatan 4, Jönköping', lat: 57.7815, lon: 14.1562 },
    });
    await call('routes.createOrder', order({ reference: 'ORD-3', address: '' }));
    const noAddress = await call<StationScanResult>('station.scan', { raw: 'ORD-3' });
    expect(noAddress).toMatchObject({
      ok: false,
      printed: null,
      reason: 'order_no_address',
      reasonValues: { code: 'ORD-3' },
    });
    expect(noAddress.message).toMatch(/Order ORD-3 has no delivery address/);
    expect(await jobCount(core)).toBe(0);
  });

  it('shortens a long customer name to fit the label instead of refusing it', async () => {
    const { core, call } = await setup();
    const long = `Grossist ${'Å'.repeat(100)}`;
    await call(
      'routes.createOrder',
      order({ reference: 'ORD-LONG', customer: long, demand: { pallets: 1 } }),
    );
    const r = await call<StationScanResult>('station.scan', { raw: 'ORD-LONG' });
    expect(r.ok).toBe(true);
    const zpl = await jobZpl(core, r.printed!.jobId);
    expect(zpl).toContain(`${long.slice(0, 59)}…`);
    expect(zpl).toContain('1 pallet');
    expect(zpl).not.toContain(' kg');
  });
});
