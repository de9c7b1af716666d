/**
 * Simulated-devices mode through the real core on the demo site: in-process simulators on real
 * ports and a socat pty, driven by the real drivers, every command through the router.
 */
import { readdir } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  DevicesOverview,
  DoorCommandResult,
  DoorIo,
  PrintJob,
  Printer,
  ScanRecord,
  StationScanResult,
} from '@shared/contract/devices';
import { buildSscc } from '@shared/domain/gs1';
import { startCore, type Core } from '../../core';
import { createLogger } from '../../log';
import { caller, ok, useTempDirs, useTestCore } from '../../testing';

const startTestCore = useTestCore();
const tempDir = useTempDirs();
const envBefore = { ...process.env };
afterEach(() => {
  process.env = { ...envBefore };
});

function waitForEvent<T>(core: Core, name: string, test: (p: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const off = core.events.subscribe((m) => {
      if (m.event === name && test(m.payload as T)) {
        off();
        resolve(m.payload as T);
      }
    });
  });
}

async function until<T>(read: () => Promise<T>, test: (v: T) => boolean, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (test(v)) return v;
    if (Date.now() > deadline)
      throw new Error(`condition not met; last value ${JSON.stringify(v).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function outbox(core: Core, name: string): Promise<Array<{ args: Record<string, unknown> }>> {
  return ok(core)('audit.list', { limit: 100, name });
}

describe('simulated-devices mode on the demo site', () => {
  it('says it is simulated and prints, scans and reads doors through the real drivers', async () => {
    const core = await startTestCore({ demo: true });
    const call = ok(core);
    const overview = await call<DevicesOverview>('devices.overview', {});
    expect(overview.simulated).toMatchObject({
      printer: { address: expect.stringMatching(/^127\.0\.0\.1:\d+$/) },
      dock: { doors: 4 },
      scanner: { path: expect.stringContaining('simulated-devices') },
      scannerProblem: null,
    });
    expect(overview.printers).toEqual([expect.objectContaining({ id: 'sim-printer', simulated: true })]);
    expect(overview.stationPrinterId).toBe('sim-printer');
    expect(overview.doors).toHaveLength(4);
    expect(overview.doors.every((d) => d.simulated && d.doorName.startsWith('Door'))).toBe(true);

    // The scanner connects to the pty, and a GS1 scan fed into it arrives parsed.
    await until(
      () => call<DevicesOverview>('devices.overview', {}),
      (o) => o.scanners[0]?.status.state === 'connected',
    );
    const sscc = buildSscc({ extension: 0, companyPrefix: '7350053', serial: 42 });
    if (!sscc.ok) throw new Error(sscc.reason);
    const scanned = waitForEvent<ScanRecord>(core, 'devices.scan');
    await call('devices.simulateScan', { data: `]C100${sscc.sscc}` });
    const scan = await scanned;
    expect(scan).toMatchObject({
      source: 'sim-scanner',
      symbology: 'gs1-128',
      ais: [{ ai: '00', value: sscc.sscc }],
    });
    expect((await call<ScanRecord[]>('devices.recentScans', { limit: 5 }))[0]!.id).toBe(scan.id);

    // The station turns that scan into the pallet label on the simulated printer.
    const printed = waitForEvent<PrintJob>(core, 'devices.job', (j) => j.state === 'printed');
    const station = await call<StationScanResult>('station.scan', { scanId: scan.id });
    expect(station).toMatchObject({
      ok: true,
      printed: { template: 'sscc-pallet', printerId: 'sim-printer' },
    });
    expect((await printed).id).toBe(station.printed!.jobId);
    // Two station screens answering the same scan print it once.
    const again = await call<StationScanResult>('station.scan', { scanId: scan.id });
    expect(again.printed!.jobId).toBe(station.printed!.jobId);
    const jobs = await call<{ jobs: PrintJob[] }>('devices.listJobs', { printerId: 'sim-printer' });
    expect(jobs.jobs).toHaveLength(1);
    const jobFiles = await readdir(overview.simulated!.printer!.jobDir);
    expect(jobFiles.length).toBe(1);
  });

  it('holds on a simulated paper out, shows why, and resumes by itself', async () => {
    const core = await startTestCore({ demo: true });
    const call = ok(core);
    await call('devices.simulatePrinter', { paperOut: true });
    const [held] = await call<Printer[]>('devices.listPrinters', {});
    expect(held!.runtime).toMatchObject({ activity: 'held', reason: expect.stringMatching(/paper out/) });
    const job = await call<PrintJob>('devices.testPrint', { id: 'sim-printer' });
    await new Promise((r) => setTimeout(r, 300));
    expect(
      (await call<{ jobs: PrintJob[] }>('devices.listJobs', { printerId: 'sim-printer' })).jobs[0],
    ).toMatchObject({
      id: job.id,
      state: 'queued',
    });
    const done = waitForEvent<PrintJob>(core, 'devices.job', (j) => j.id === job.id && j.state === 'printed');
    expect(await call('devices.simulatePrinter', { paperOut: false })).toMatchObject({ paperOut: false });
    await done;
  });

  it('station: an appointment reference prints its gate pass; unknown codes say why nothing printed', async () => {
    const core = await startTestCore({ demo: true });
    const call = ok(core);
    const gate = await call<StationScanResult>('station.scan', { raw: 'PO-48213' });
    expect(gate).toMatchObject({ ok: true, printed: { template: 'gate-pass' } });
    expect(gate.message).toMatch(/PO-48213.*Simulated Zebra/);
    const qr = await call<StationScanResult>('station.scan', { raw: ']Q1loadstar:appointment:APT-PO-48213' });
    expect(qr).toMatchObject({ ok: true, printed: { template: 'gate-pass' } });
    const unknown = await call<StationScanResult>('station.scan', { raw: 'NOT-A-THING' });
    expect(unknown).toMatchObject({
      ok: false,
      printed: null,
      message: expect.stringMatching(/Nothing to print/),
      reason: 'unknown_code',
      reasonValues: { code: 'NOT-A-THING' },
    });
    const badGs1 = await call<StationScanResult>('station.scan', { raw: ']C100123456789012345670' });
    expect(badGs1).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not valid GS1: .*check digit/),
      reason: 'invalid_barcode',
    });
    expect(await call<StationScanResult>('station.scan', { raw: 'APT-NOPE-1' })).toMatchObject({
      ok: false,
      reason: 'appointment_not_found',
      reasonValues: { code: 'APT-NOPE-1' },
    });
    // A printer switched off in Loadstar refuses with the printer's name to phrase it.
    await call('devices.setPrinterActive', { id: 'sim-printer', active: false });
    expect(await call<StationScanResult>('station.scan', { raw: 'PO-48213' })).toMatchObject({
      ok: false,
      reason: 'printer_unusable',
      reasonValues: { printer: 'Simulated Zebra ZD420' },
    });
    await call('devices.setPrinterActive', { id: 'sim-printer', active: true });
    await call('station.setPrinter', { printerId: null });
    // With one active printer the station still knows where to print; none chosen and two would not.
    expect((await call<StationScanResult>('station.scan', { raw: 'PO-48213' })).ok).toBe(true);
    const missing = await caller(core)('station.setPrinter', { printerId: 'nope' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await outbox(core, 'print.enqueue')).length).toBe(3);
  });

  it('dock doors: the interlock refuses unsafe commands and every override bypass is logged', async () => {
    const core = await startTestCore({ demo: true });
    const call = ok(core);
    const raw = caller(core);
    const [door] = await until(
      () => call<DoorIo[]>('devices.listDoorIo', {}),
      (d) => d[0]?.health === 'ok',
    );
    const doorId = door!.doorId;
    const refused = await raw('devices.setDoor', { doorId, open: true });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: expect.stringMatching(new RegExp(`^${door!.doorName}: .*restraint`)),
        details: { reason: 'restraint_not_engaged', doorId, door: door!.doorName },
      },
    });
    expect(await raw('devices.setLights', { doorId, inside: 'green', outside: 'red' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { reason: 'green_needs_restraint', door: door!.doorName } },
    });
    expect(await outbox(core, 'devices.setDoor')).toEqual([]);

    const engaged = await call<DoorCommandResult>('devices.setRestraint', { doorId, engage: true });
    expect(engaged).toMatchObject({ overridden: false, door: { restraintEngaged: true } });
    const opened = await call<DoorCommandResult>('devices.setDoor', { doorId, open: true });
    expect(opened.door).toMatchObject({ doorOpen: true, doorClosed: false });
    // The restraint may not be released with the door open… unless in override, which is logged.
    expect(await raw('devices.setRestraint', { doorId, engage: false })).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { reason: 'door_not_closed' } },
    });
    const overridden = await call<DoorIo>('devices.setOverride', {
      doorId,
      override: true,
      reason: 'stuck sensor',
    });
    expect(overridden.override).toBe(true);
    const bypass = await call<DoorCommandResult>('devices.setRestraint', { doorId, engage: false });
    expect(bypass.overridden).toBe(true);
    expect((await outbox(core, 'devices.setRestraint')).map((m) => m.args.overridden)).toEqual([true, false]);
    expect((await outbox(core, 'devices.setOverride'))[0]!.args).toMatchObject({
      override: true,
      reason: 'stuck sensor',
    });

    const trailer = await call<DoorIo>('devices.simulateDoorInput', {
      doorId,
      input: 'trailerPresent',
      value: true,
    });
    expect(trailer.trailerPresent).toBe(true);
    expect(await raw('devices.setDoor', { doorId: 'no-such-door', open: true })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(
      await core.router.dispatch(
        { id: 99, name: 'devices.setOverride', input: { doorId, override: false } },
        { actor: 'op', role: 'operator' },
      ),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('without socat only the scanner is missing, with the reason; printing still works', async () => {
    process.env.LOADSTAR_SOCAT = '/nonexistent/socat';
    const core = await startTestCore({ demo: true });
    const call = ok(core);
    const overview = await call<DevicesOverview>('devices.overview', {});
    expect(overview.simulated).toMatchObject({
      scanner: null,
      scannerProblem: expect.stringMatching(/socat/),
    });
    expect(overview.scanners[0]!.status).toMatchObject({
      state: 'unavailable',
      reason: expect.stringMatching(/socat/),
    });
    expect(await caller(core)('devices.simulateScan', { data: 'X' })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/socat/) },
    });
    const done = waitForEvent<PrintJob>(core, 'devices.job', (j) => j.state === 'printed');
    await call('devices.testPrint', { id: 'sim-printer' });
    await done;
  });

  it('keeps its history across a restart and points the sim rows at the new ports', async () => {
    const dataDir = tempDir();
    const open = () => startCore({ dataDir, demo: true, logger: createLogger(`${dataDir}/logs`) });
    const first = await open();
    const done = waitForEvent<PrintJob>(first, 'devices.job', (j) => j.state === 'printed');
    await ok(first)('devices.testPrint', { id: 'sim-printer' });
    await done;
    const port1 = (await ok(first)<DevicesOverview>('devices.overview', {})).simulated!.printer!.address;
    await first.close();
    const second = await open();
    try {
      const o = await ok(second)<DevicesOverview>('devices.overview', {});
      expect(o.printers.map((p) => p.id)).toEqual(['sim-printer']);
      expect(o.printers[0]!.transportLabel).toBe(`tcp ${o.simulated!.printer!.address}`);
      expect(o.simulated!.printer!.address).not.toBe('');
      expect(port1).toMatch(/:\d+$/);
      const history = await ok(second)<{ jobs: PrintJob[] }>('devices.listJobs', {
        printerId: 'sim-printer',
      });
      expect(history.jobs.map((j) => j.state)).toEqual(['printed']);
    } finally {
      await second.close();
    }
  });
});

describe('real-hardware mode', () => {
  it('refuses the simulator controls, and wedge scans join the one scan stream', async () => {
    const core = await startTestCore({ demo: false });
    const raw = caller(core);
    const call = ok(core);
    const overview = await call<DevicesOverview>('devices.overview', {});
    expect(overview).toMatchObject({ simulated: null, printers: [], scanners: [], doors: [] });
    expect(await raw('devices.simulatePrinter', { paperOut: true })).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/simulated-devices mode/) },
    });
    const pushed = waitForEvent<ScanRecord>(core, 'devices.scan');
    const scan = await call<ScanRecord>('devices.submitScan', {
      raw: '(01)09506000134352(17)260228(10)LOT7',
    });
    expect(scan).toMatchObject({ source: 'wedge', sourceName: 'Keyboard scanner', gs1Error: null });
    expect(scan.ais?.map((a) => a.ai)).toEqual(['01', '17', '10']);
    expect((await pushed).id).toBe(scan.id);
    const bad = await call<ScanRecord>('devices.submitScan', { raw: '(01)09506000134353' });
    expect(bad.gs1Error).toMatch(/check digit/);
    expect(await raw('devices.submitScan', { raw: 'x'.repeat(5000) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await raw('devices.submitScan', { raw: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect((await call<ScanRecord[]>('devices.recentScans', { source: 'wedge' })).map((s) => s.id)).toEqual([
      bad.id,
      scan.id,
    ]);
    // The station without a printer explains itself instead of failing.
    const station = await call<StationScanResult>('station.scan', { raw: 'ORDER-1' });
    expect(station).toMatchObject({
      ok: false,
      reason: 'no_printer',
      message: expect.stringMatching(/No station printer/),
    });
    expect(await raw('station.scan', { scanId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('configures a serial scanner on a pty, applies prefix and GS placeholder, and lists ports', async () => {
    const { ScannerFeeder } = await import('../sim/scanner-feeder');
    const feeder = new ScannerFeeder(tempDir());
    await feeder.plug();
    try {
      const core = await startTestCore({ demo: false });
      const call = ok(core);
      const created = await call('devices.createScanner', {
        name: 'Dock 1 scanner',
        path: feeder.hostPath,
        prefix: '#',
        gsPlaceholder: '<GS>',
      });
      expect(created).toMatchObject({ framing: 'cr', baudRate: 9600, prefix: '#', simulated: false });
      await until(
        () => call<Array<{ status: { state: string } }>>('devices.listScanners', {}),
        (s) => s[0]?.status.state === 'connected',
      );
      const rejected = waitForEvent<{ message: string }>(core, 'devices.scanRejected');
      await feeder.scan('no-prefix');
      expect((await rejected).message).toMatch(/prefix/);
      const scanned = waitForEvent<ScanRecord>(core, 'devices.scan');
      await feeder.scan('#]C10109506000134352<GS>10LOT7');
      const scan = await scanned;
      expect(scan).toMatchObject({ sourceName: 'Dock 1 scanner', raw: '0109506000134352\u001d10LOT7' });
      expect(scan.ais?.map((a) => a.value)).toEqual(['09506000134352', 'LOT7']);
      // Unplugged (socat killed) and plugged back: the scanner reconnects and scans flow again.
      const gone = waitForEvent<{ state: string }>(
        core,
        'devices.scannerStatus',
        (st) => st.state === 'disconnected',
      );
      await feeder.unplug();
      await gone;
      const back = waitForEvent<{ state: string }>(
        core,
        'devices.scannerStatus',
        (st) => st.state === 'connected',
      );
      await feeder.plug();
      await back;
      const again = waitForEvent<ScanRecord>(core, 'devices.scan');
      await feeder.scan('#AFTER-REPLUG');
      expect((await again).raw).toBe('AFTER-REPLUG');
      const ports = await call<Array<{ path: string; source: string }>>('devices.listSerialPorts', {});
      expect(Array.isArray(ports)).toBe(true);
      for (const p of ports) expect(['udev', 'dev-scan']).toContain(p.source);
      const bad = await caller(core)('devices.createScanner', { name: 'x', path: 'relative/path' });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect((await call<unknown[]>('devices.listScanners', {})).length).toBe(1);
    } finally {
      await feeder.unplug();
    }
  });
});
