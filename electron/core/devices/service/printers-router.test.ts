/**
 * The printer commands through the real router and core (SQLite in a temp folder) against the
 * Zebra simulator on a real TCP port, configured as an operator would configure real hardware.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchProgress, JobPage, Printer, PrintJob } from '@shared/contract/devices';
import type { Core } from '../../core';
import { caller, ok, useTempDirs, useTestCore } from '../../testing';
import { ZebraSim } from '../sim/zebra-sim';

const startCore = useTestCore();
const tempDir = useTempDirs();
const sims: ZebraSim[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.stop();
});

async function startSim(options: Partial<ConstructorParameters<typeof ZebraSim>[0]> = {}): Promise<ZebraSim> {
  const sim = new ZebraSim({ jobDir: path.join(tempDir(), 'jobs'), ...options });
  sims.push(sim);
  await sim.start();
  return sim;
}

async function setup(options: Partial<ConstructorParameters<typeof ZebraSim>[0]> = {}) {
  const core = await startCore();
  const sim = await startSim(options);
  const call = ok(core);
  const printer = await call<Printer>('devices.createPrinter', {
    name: 'Dock printer',
    transport: { kind: 'tcp', host: '127.0.0.1', port: sim.address.port },
    labelWidthMm: 101.6,
    labelHeightMm: 50.8,
  });
  return { core, sim, call, raw: caller(core), printer };
}

function waitForEvent<T>(core: Core, name: string, test: (p: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const off = core.events.subscribe((m) => {
      if (m.event === name && test(m.payload as T)) {
        off();
        resolve(m.payload as T);
      }
    });
  });
}

async function outboxNames(core: Core): Promise<string[]> {
  const rows = await ok(core)<Array<{ name: string }>>('audit.list', { limit: 500 });
  return rows.map((r) => r.name).reverse();
}

describe('printer configuration', () => {
  it('creates, lists and updates a printer, recording each change in the outbox', async () => {
    const { core, call, printer } = await setup();
    expect(printer).toMatchObject({
      name: 'Dock printer',
      dpi: 203,
      defaultTemplates: {},
      active: true,
      simulated: false,
      pending: 0,
      transportLabel: expect.stringMatching(/^tcp 127\.0\.0\.1:\d+$/),
    });
    const updated = await call<Printer>('devices.updatePrinter', { id: printer.id, dpi: 300 });
    // Only the field sent changes.
    expect(updated).toMatchObject({
      dpi: 300,
      labelWidthMm: 101.6,
      labelHeightMm: 50.8,
      name: 'Dock printer',
    });
    expect((await call<Printer[]>('devices.listPrinters', {})).map((p) => p.dpi)).toEqual([300]);
    expect(await outboxNames(core)).toEqual(['devices.createPrinter', 'devices.updatePrinter']);
  });

  it('sends the next labels to the new address after the connection is changed', async () => {
    const { core, call, sim, printer } = await setup();
    const first = waitForEvent<PrintJob>(core, 'devices.job', (j) => j.state === 'printed');
    await call('devices.testPrint', { id: printer.id });
    await first;
    const other = await startSim();
    await call('devices.updatePrinter', {
      id: printer.id,
      transport: { kind: 'tcp', host: '127.0.0.1', port: other.address.port },
    });
    const second = waitForEvent<PrintJob>(core, 'devices.job', (j) => j.state === 'printed');
    await call('devices.testPrint', { id: printer.id });
    await second;
    expect([sim.labelsPrinted, other.labelsPrinted]).toEqual([1, 1]);
  });

  it('refuses bad settings with a clear error and stores nothing', async () => {
    const { core, raw, printer } = await setup();
    const before = await outboxNames(core);
    const bad = [
      {
        name: 'X',
        transport: { kind: 'tcp', host: '127.0.0.1', port: 70000 },
        labelWidthMm: 100,
        labelHeightMm: 50,
      },
      {
        name: 'X',
        transport: { kind: 'tcp', host: 'a b;rm', port: 9100 },
        labelWidthMm: 100,
        labelHeightMm: 50,
      },
      {
        name: 'X',
        transport: { kind: 'serial', path: '/dev/../etc/passwd', baudRate: 9600 },
        labelWidthMm: 100,
        labelHeightMm: 50,
      },
      {
        name: 'X',
        transport: { kind: 'serial', path: '/dev/ttyS0', baudRate: 1234 },
        labelWidthMm: 100,
        labelHeightMm: 50,
      },
      {
        name: 'X',
        transport: { kind: 'cups', queue: 'q; lp -d other' },
        labelWidthMm: 100,
        labelHeightMm: 50,
      },
      {
        name: 'X',
        transport: { kind: 'tcp', host: 'h', port: 9100 },
        dpi: 250,
        labelWidthMm: 100,
        labelHeightMm: 50,
      },
      { name: 'X', transport: { kind: 'tcp', host: 'h', port: 9100 }, labelWidthMm: 300, labelHeightMm: 50 },
      { name: '  ', transport: { kind: 'tcp', host: 'h', port: 9100 }, labelWidthMm: 100, labelHeightMm: 50 },
      {
        name: 'X',
        transport: { kind: 'device', path: '/home/ana/.bashrc' },
        labelWidthMm: 100,
        labelHeightMm: 50,
      },
    ];
    for (const input of bad) {
      const r = await raw('devices.createPrinter', input);
      expect(r.ok ? 'accepted' : r.error.code, JSON.stringify(input)).toBe('invalid_input');
    }
    const clash = await raw('devices.createPrinter', {
      name: 'dock PRINTER',
      transport: { kind: 'tcp', host: 'h', port: 9100 },
      labelWidthMm: 100,
      labelHeightMm: 50,
    });
    expect(clash).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/already exists/) },
    });
    const missing = await raw('devices.updatePrinter', { id: 'nope', dpi: 300 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const operator = await core.router.dispatch(
      { id: 1, name: 'devices.createPrinter', input: bad[0] },
      { actor: 'op', role: 'operator' },
    );
    expect(operator).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await outboxNames(core)).toEqual(before);
    expect((await ok(core)<Printer[]>('devices.listPrinters', {})).map((p) => p.id)).toEqual([printer.id]);
  });

  it('tests the connection: model and status, or why it cannot connect', async () => {
    const { call, sim, printer } = await setup();
    const good = await call('devices.testPrinter', { id: printer.id });
    expect(good).toMatchObject({
      ok: true,
      reachable: true,
      model: 'ZD420-203dpi ZPL',
      firmware: 'V93.20.15Z',
    });
    await sim.set({ headOpen: true });
    const head = await call('devices.testPrinter', { id: printer.id });
    expect(head).toMatchObject({ ok: false, reachable: true, message: expect.stringMatching(/head open/) });
    await sim.set({ offline: true });
    const off = await call('devices.testPrinter', { id: printer.id });
    expect(off).toMatchObject({ ok: false, reachable: false, model: null });
    // The live status follows what the test found.
    const [listed] = await call<Printer[]>('devices.listPrinters', {});
    expect(listed!.runtime.activity).toBe('offline');
  });
});

describe('printing through the router', () => {
  it('prints a template with copies as one batch; injection in every field stays data', async () => {
    const { core, call, sim, printer } = await setup();
    const arrived: string[] = [];
    sim.on('format', (zpl: string) => arrived.push(zpl));
    const evil = '^XZ~JR_5E^XA';
    const done = waitForEvent<BatchProgress>(core, 'devices.batch', (b) => b.done);
    const batch = await call<BatchProgress>('devices.print', {
      printerId: printer.id,
      template: 'shipping',
      items: [
        {
          copies: 2,
          fields: {
            shipFromName: evil,
            shipFromAddress: `${evil}\nline 2`,
            shipToName: evil,
            shipToAddress: evil,
            carrier: evil,
            service: evil,
            trackingNumber: 'TRK123',
            orderRef: evil,
            weight: evil,
            packageOf: evil,
          },
        },
        {
          fields: {
            shipFromName: 'A',
            shipFromAddress: 'B',
            shipToName: 'C',
            shipToAddress: 'D',
            carrier: 'E',
            trackingNumber: 'TRK124',
          },
        },
      ],
    });
    expect(batch).toMatchObject({ total: 3, counts: { queued: 3 } });
    expect((await done).counts).toMatchObject({ printed: 3, queued: 0, failed: 0, uncertain: 0 });
    expect(arrived).toHaveLength(3);
    // The printer saw three whole formats and no command: ~JR in the data never fired.
    expect(sim.commands.filter((c) => c === 'JR')).toEqual([]);
    for (const zpl of arrived) expect(zpl.match(/\^XA/g)).toHaveLength(1);
    expect(await outboxNames(core)).toContain('print.enqueueBatch');
  });

  it('refuses a label with missing or too long fields, or an unknown template, and queues nothing', async () => {
    const { core, raw, printer } = await setup();
    const before = await outboxNames(core);
    const missing = await raw('devices.print', {
      printerId: printer.id,
      template: 'door',
      items: [{ fields: { doorName: 'D1', barcode: 'D1' } }, { fields: { doorName: 'D2' } }],
    });
    expect(missing).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.stringMatching(/Label 2 of 2.*Door barcode is required/),
      },
    });
    const long = await raw('devices.print', {
      printerId: printer.id,
      template: 'door',
      items: [{ fields: { doorName: 'D'.repeat(13), barcode: 'X' } }],
    });
    expect(long).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/at most 12/) },
    });
    expect(
      await raw('devices.print', { printerId: printer.id, template: 'nope', items: [{ fields: {} }] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(
      await raw('devices.print', { printerId: 'nope', template: 'door', items: [{ fields: {} }] }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await raw('devices.print', { printerId: printer.id, template: 'door', items: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(
      await raw('devices.print', {
        printerId: printer.id,
        template: 'door',
        items: [{ fields: {}, copies: 501 }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const tooMany = await raw('devices.print', {
      printerId: printer.id,
      template: 'door',
      items: Array.from({ length: 11 }, () => ({ fields: { doorName: 'D', barcode: 'D' }, copies: 500 })),
    });
    expect(tooMany).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/at most 5000/) },
    });
    const page = await ok(core)<JobPage>('devices.listJobs', { printerId: printer.id });
    expect(page.jobs).toEqual([]);
    expect(await outboxNames(core)).toEqual(before);
  });

  it('holds a batch on paper out mid-way and finishes every label exactly once after it clears', async () => {
    const { core, call, sim, printer } = await setup({ paperOutAfterLabels: 4 });
    const received: string[] = [];
    sim.on('format', (zpl: string) => received.push(/\^FD>:(DOOR-\d+)/.exec(zpl)?.[1] ?? '?'));
    const held = waitForEvent<{ activity: string; reason: string | null }>(
      core,
      'devices.printerStatus',
      (r) => r.activity === 'held',
    );
    const done = waitForEvent<BatchProgress>(core, 'devices.batch', (b) => b.done);
    const items = Array.from({ length: 10 }, (_, i) => ({
      fields: { doorName: `D${i}`, barcode: `DOOR-${i}` },
    }));
    await call('devices.print', { printerId: printer.id, template: 'door', items });
    expect((await held).reason).toMatch(/paper out/);
    const mid = await call<JobPage>('devices.listJobs', { printerId: printer.id, states: ['queued'] });
    expect(mid.jobs.length).toBe(6);
    await sim.set({ paperOut: false, paused: false });
    expect((await done).counts).toMatchObject({ printed: 10, queued: 0, uncertain: 0, failed: 0 });
    expect(received).toEqual(items.map((i) => i.fields.barcode));
  });

  it('pages the history, cancels, reprints with a link, and refuses what it cannot do', async () => {
    const { core, call, raw, sim, printer } = await setup();
    await sim.set({ paused: true });
    const jobs: PrintJob[] = [];
    for (let i = 0; i < 5; i++) jobs.push(await call<PrintJob>('devices.testPrint', { id: printer.id }));
    const first = await call<JobPage>('devices.listJobs', { printerId: printer.id, limit: 2 });
    expect(first.jobs.map((j) => j.id)).toEqual([jobs[4]!.id, jobs[3]!.id]);
    const second = await call<JobPage>('devices.listJobs', {
      printerId: printer.id,
      limit: 2,
      beforeSeq: first.nextBeforeSeq!,
    });
    expect(second.jobs.map((j) => j.id)).toEqual([jobs[2]!.id, jobs[1]!.id]);
    const last = await call<JobPage>('devices.listJobs', {
      printerId: printer.id,
      limit: 2,
      beforeSeq: second.nextBeforeSeq!,
    });
    expect(last).toEqual({ jobs: [expect.objectContaining({ id: jobs[0]!.id })], nextBeforeSeq: null });

    const cancelled = await call<PrintJob>('devices.cancelJob', { jobId: jobs[4]!.id });
    expect(cancelled.state).toBe('cancelled');
    expect(await raw('devices.cancelJob', { jobId: jobs[4]!.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await raw('devices.reprint', { jobId: jobs[0]!.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/not finished printing/) },
    });
    expect(await raw('devices.setPrinterActive', { id: printer.id, active: false })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/4 label\(s\) waiting/) },
    });
    const reprint = await call<PrintJob>('devices.reprint', { jobId: jobs[4]!.id });
    expect(reprint).toMatchObject({ reprintOf: jobs[4]!.id, state: 'queued' });
    const allPrinted = waitForEvent<PrintJob>(
      core,
      'devices.job',
      (j) => j.id === reprint.id && j.state === 'printed',
    );
    await sim.set({ paused: false });
    await allPrinted;
    expect(sim.labelsPrinted).toBe(5);
    expect(await raw('devices.cancelJob', { jobId: 'missing' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const names = await outboxNames(core);
    expect(names.filter((n) => n === 'print.enqueue')).toHaveLength(5);
    expect(names).toContain('print.cancel');
    expect(names).toContain('print.reprint');
  });

  it('cancels what is left of a batch', async () => {
    const { call, sim, printer } = await setup();
    await sim.set({ paused: true });
    const batch = await call<BatchProgress>('devices.print', {
      printerId: printer.id,
      template: 'location',
      items: [{ fields: { location: 'A-01-01', barcode: 'A010101' }, copies: 20 }],
    });
    const after = await call<BatchProgress>('devices.cancelBatch', { batchId: batch.batchId });
    expect(after).toMatchObject({ done: true, counts: { cancelled: 20, queued: 0 } });
    expect(await call<BatchProgress>('devices.getBatch', { batchId: batch.batchId })).toEqual(after);
  });
});
