/**
 * SSCC numbering of pallet labels through the real router and core (SQLite in a temp folder),
 * printing to the Zebra simulator on a real TCP port.
 */
import { describe, expect, it } from 'vitest';
import type { BatchProgress, JobPage, Printer, SsccSettings } from '@shared/contract/devices';
import { gs1CheckDigit, hasValidCheckDigit } from '@shared/domain/gs1';
import type { Core } from '../../core';
import { caller, ok } from '../../testing';
import type { ZebraSim } from '../sim/zebra-sim';
import { useCoreWithSim } from './test-harness';

const coreWithSim = useCoreWithSim();

/** A core with a printer on the simulator (and the environment, for restarts). */
async function setup(options: { demo?: boolean } = {}) {
  const env = await coreWithSim();
  const core = await env.open(options);
  return { ...env, core };
}

async function addPrinter(core: Core, sim: ZebraSim): Promise<Printer> {
  return ok(core)<Printer>('devices.createPrinter', {
    name: 'Pallet printer',
    transport: { kind: 'tcp', host: '127.0.0.1', port: sim.address.port },
    labelWidthMm: 101.6,
    labelHeightMm: 152.4,
  });
}

const pallet = (fields: Record<string, string> = {}, copies = 1) => ({
  fields: { companyName: 'Loadstar DC', description: 'Mixed goods', ...fields },
  copies,
});

/** The SSCCs of a batch's labels in print order, read from the stored ZPL (the human-readable line). */
async function batchSsccs(core: Core, printerId: string, batchId: string): Promise<string[]> {
  const page = await ok(core)<JobPage>('devices.listJobs', { printerId, batchId, limit: 500 });
  const out: string[] = [];
  for (const job of [...page.jobs].reverse()) {
    const row = await core.db.get<{ zpl: string }>('SELECT zpl FROM print_jobs WHERE id = ?', [job.id]);
    const hr = /\^FD(\d{18})\^FS/.exec(row!.zpl);
    expect(hr, `job ${job.title} shows an 18-digit SSCC`).not.toBeNull();
    out.push(hr![1]!);
  }
  return out;
}

async function jobCount(core: Core): Promise<number> {
  return (await core.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM print_jobs'))!.n;
}

function waitForLabels(sim: ZebraSim, n: number): Promise<string[]> {
  const got: string[] = [];
  return new Promise((resolve) => {
    const onFormat = (zpl: string) => {
      got.push(zpl);
      if (got.length === n) {
        sim.off('format', onFormat);
        resolve(got);
      }
    };
    sim.on('format', onFormat);
  });
}

describe('SSCC settings', () => {
  it('starts unset and refuses unnumbered pallet labels with a clear message, queuing nothing', async () => {
    const { core, sim } = await setup();
    const printer = await addPrinter(core, sim);
    expect(await ok(core)<SsccSettings>('devices.ssccSettings', {})).toMatchObject({
      companyPrefix: null,
      nextSscc: null,
    });
    const r = await caller(core)('devices.print', {
      printerId: printer.id,
      template: 'sscc-pallet',
      items: [pallet()],
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/company prefix/) },
    });
    expect(await jobCount(core)).toBe(0);
  });

  it('validates the prefix and extension, and a refused change leaves everything stored as it was', async () => {
    const { core } = await setup();
    const call = caller(core);
    const saved = await ok(core)<SsccSettings>('devices.updateSsccSettings', {
      companyPrefix: '4012345',
      extension: 3,
    });
    expect(saved).toMatchObject({
      companyPrefix: '4012345',
      extension: 3,
      nextSerial: 0,
      maxSerial: 999_999_999,
      remaining: 1_000_000_000,
      nextSscc: `34012345000000000${gs1CheckDigit('34012345000000000')}`,
    });
    for (const bad of [
      { companyPrefix: '12345' },
      { companyPrefix: '1234567890123' },
      { companyPrefix: '40123x5' },
      { companyPrefix: '4012345', extension: 10 },
      { companyPrefix: '4012345', extension: -1 },
      { companyPrefix: '4012345', extension: 1.5 },
    ]) {
      const r = await call('devices.updateSsccSettings', bad);
      expect(r, JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    const operator = await core.router.dispatch(
      { id: 99, name: 'devices.updateSsccSettings', input: { companyPrefix: '7350000' } },
      { actor: 'op', role: 'operator' },
    );
    expect(operator).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ok(core)('devices.ssccSettings', {})).toEqual(saved);
    const audit = await ok(core)<Array<{ name: string }>>('audit.list', { limit: 50 });
    expect(audit.filter((a) => a.name === 'devices.updateSsccSettings')).toHaveLength(1);
    // The extension alone is kept when only the prefix changes.
    expect(
      await ok(core)<SsccSettings>('devices.updateSsccSettings', { companyPrefix: ' 735000012 ' }),
    ).toMatchObject({ companyPrefix: '735000012', extension: 3, maxSerial: 9_999_999 });
  });
});

describe('SSCC allocation when printing pallet labels', () => {
  it('gives a batch consecutive SSCCs with valid check digits, one per pallet (copies share it)', async () => {
    const { core, sim } = await setup();
    const printer = await addPrinter(core, sim);
    await ok(core)('devices.updateSsccSettings', { companyPrefix: '4012345', extension: 3 });
    const arrived = waitForLabels(sim, 5);
    const batch = await ok(core)<BatchProgress>('devices.print', {
      printerId: printer.id,
      template: 'sscc-pallet',
      items: [
        pallet({ shipTo: 'Alpha' }, 2),
        pallet({ shipTo: 'Beta' }),
        // A pallet that already carries an SSCC keeps it and takes no serial.
        pallet({ sscc: '376104250021234569' }),
        pallet({ shipTo: 'Gamma' }),
      ],
    });
    expect(batch.total).toBe(5);
    const ssccs = await batchSsccs(core, printer.id, batch.batchId);
    const s0 = `34012345000000000${gs1CheckDigit('34012345000000000')}`;
    const s1 = `34012345000000001${gs1CheckDigit('34012345000000001')}`;
    const s2 = `34012345000000002${gs1CheckDigit('34012345000000002')}`;
    expect(ssccs).toEqual([s0, s0, s1, '376104250021234569', s2]);
    for (const s of ssccs) expect(hasValidCheckDigit(s)).toBe(true);
    // What reaches the printer: each SSCC in the text line, the barcode data and its (00) line.
    const printed = await arrived;
    const withSscc = (s: string) => printed.filter((zpl) => zpl.split(s).length - 1 >= 3).length;
    expect([s0, s1, s2].map(withSscc)).toEqual([2, 1, 1]);
    expect(await ok(core)<SsccSettings>('devices.ssccSettings', {})).toMatchObject({ nextSerial: 3 });
    const audit = await ok(core)<Array<{ name: string; args: unknown }>>('audit.list', { limit: 50 });
    expect(audit.find((a) => a.name === 'devices.allocateSscc')?.args).toMatchObject({
      first: s0,
      last: s2,
      count: 3,
    });
  });

  it('takes no serial when the batch is refused, and never reuses one after a restart', async () => {
    const { sim, open } = await coreWithSim();
    let core = await open();
    const printer = await addPrinter(core, sim);
    await ok(core)('devices.updateSsccSettings', { companyPrefix: '0614141', extension: 1 });
    const first = await ok(core)<BatchProgress>('devices.print', {
      printerId: printer.id,
      template: 'sscc-pallet',
      items: [pallet(), pallet()],
    });
    // The second label misses its required company name: the whole batch is refused.
    const refused = await caller(core)('devices.print', {
      printerId: printer.id,
      template: 'sscc-pallet',
      items: [pallet(), { fields: { companyName: '' }, copies: 1 }],
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await ok(core)<SsccSettings>('devices.ssccSettings', {})).toMatchObject({ nextSerial: 2 });
    const before = await batchSsccs(core, printer.id, first.batchId);
    await core.close();

    core = await open();
    const second = await ok(core)<BatchProgress>('devices.print', {
      printerId: printer.id,
      template: 'sscc-pallet',
      items: [pallet()],
    });
    const after = await batchSsccs(core, printer.id, second.batchId);
    expect(before.map((s) => s.slice(0, 17))).toEqual(['10614141000000000', '10614141000000001']);
    expect(after.map((s) => s.slice(0, 17))).toEqual(['10614141000000002']);
    expect(new Set([...before, ...after]).size).toBe(3);
  });

  it('refuses to run past the last serial of a prefix, and a used-up extension cannot be chosen again', async () => {
    const { core, sim } = await setup();
    const printer = await addPrinter(core, sim);
    const call = caller(core);
    const print = (n: number) =>
      call('devices.print', {
        printerId: printer.id,
        template: 'sscc-pallet',
        items: Array.from({ length: n }, () => pallet()),
      });
    // A 12-digit prefix leaves 4 digits: serials 0–9999. Stand in for 9998 pallets already numbered.
    await ok(core)('devices.updateSsccSettings', { companyPrefix: '401234567890', extension: 5 });
    await core.db.write((tx) =>
      tx.run(
        "INSERT INTO sscc_counters (company_prefix, extension, next_serial) VALUES ('401234567890', 5, 9998)",
      ),
    );
    expect(await ok(core)<SsccSettings>('devices.ssccSettings', {})).toMatchObject({
      nextSerial: 9998,
      maxSerial: 9999,
      remaining: 2,
    });

    const tooMany = await print(3);
    expect(tooMany).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: expect.stringMatching(/Only 2 of the 10000 SSCC serials are left, 3 needed/),
      },
    });
    expect(await jobCount(core)).toBe(0);

    const last = await print(2);
    expect(last.ok).toBe(true);
    const ssccs = await batchSsccs(core, printer.id, (last as { value: BatchProgress }).value.batchId);
    expect(ssccs.map((s) => s.slice(0, 17))).toEqual(['54012345678909998', '54012345678909999']);

    const none = await print(1);
    expect(none).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/All 10000/) },
    });
    expect(await jobCount(core)).toBe(2);
    expect(await ok(core)<SsccSettings>('devices.ssccSettings', {})).toMatchObject({
      remaining: 0,
      nextSscc: null,
    });

    // Choosing the used-up range again is refused; another extension digit starts its own range.
    await ok(core)('devices.updateSsccSettings', { companyPrefix: '401234567890', extension: 6 });
    const again = await call('devices.updateSsccSettings', { companyPrefix: '401234567890', extension: 5 });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await ok(core)<SsccSettings>('devices.ssccSettings', {})).toMatchObject({
      extension: 6,
      nextSerial: 0,
    });
    const fresh = await print(1);
    const [s] = await batchSsccs(core, printer.id, (fresh as { value: BatchProgress }).value.batchId);
    expect(s!.slice(0, 17)).toBe('64012345678900000');
  });

  it('previews an unnumbered pallet label with the next SSCC without taking it', async () => {
    const { core } = await setup();
    await ok(core)('devices.updateSsccSettings', { companyPrefix: '4012345', extension: 0 });
    const preview = await caller(core)('devices.preview', {
      template: 'sscc-pallet',
      fields: pallet().fields,
    });
    const next = `04012345000000000${gs1CheckDigit('04012345000000000')}`;
    expect(preview.ok).toBe(true);
    if (preview.ok) expect((preview.value as { zpl: string }).zpl).toContain(next);
    expect(await ok(core)<SsccSettings>('devices.ssccSettings', {})).toMatchObject({
      nextSerial: 0,
      nextSscc: next,
    });
  });
});

describe('demo mode', () => {
  it('seeds a demo company prefix, and a restart keeps the one a manager set', async () => {
    const { open } = await coreWithSim();
    let core = await open({ demo: true });
    expect(await ok(core)<SsccSettings>('devices.ssccSettings', {})).toMatchObject({
      companyPrefix: '0614141',
      extension: 0,
    });
    await ok(core)('devices.updateSsccSettings', { companyPrefix: '73500001', extension: 2 });
    await core.close();
    core = await open({ demo: true });
    expect(await ok(core)<SsccSettings>('devices.ssccSettings', {})).toMatchObject({
      companyPrefix: '73500001',
      extension: 2,
    });
  });
});
