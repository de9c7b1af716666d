import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/contract/errors';
import { Database } from '../../db/database';
import { listMutations } from '../../db/outbox';
import { ZebraSim } from '../sim/zebra-sim';
import type { BatchProgress, PrintJob } from './print-jobs-repo';
import { PrintSpooler } from './print-spooler';
import { insertPrinter } from './printers-repo';

let dir: string;
let db: Database;
let spooler: PrintSpooler;
const children: ChildProcess[] = [];
const sims: ZebraSim[] = [];
const fast = { holdPollMs: 30, backoffInitialMs: 20, backoffMaxMs: 100 };

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'spool-'));
  db = await Database.open(path.join(dir, 'data.db'));
  spooler = new PrintSpooler(db, { timings: fast });
});

afterEach(async () => {
  await spooler.stop();
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const s of sims.splice(0)) await s.stop();
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

async function addPrinter(port: number, name = 'Dock printer'): Promise<string> {
  const p = await db.write((tx) =>
    insertPrinter(tx, {
      name,
      transport: { kind: 'tcp', host: '127.0.0.1', port },
      dpi: 203,
      labelWidthMm: 100,
      labelHeightMm: 50,
      defaultTemplates: {},
    }),
  );
  return p.id;
}

const label = (n: number) => ({
  title: `Label ${n}`,
  zpl: `^XA^FO10,10^FH^FDLABEL-${String(n).padStart(3, '0')}^FS^XZ`,
});

function until<T>(subscribe: (cb: (v: T) => void) => () => void, test: (v: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const off = subscribe((v) => {
      if (test(v)) {
        off();
        resolve(v);
      }
    });
  });
}

async function startSim(options: Partial<ConstructorParameters<typeof ZebraSim>[0]> = {}): Promise<ZebraSim> {
  const sim = new ZebraSim({ jobDir: path.join(dir, 'jobs'), ...options });
  sims.push(sim);
  await sim.start();
  return sim;
}

describe('PrintSpooler against the Zebra simulator', () => {
  it('holds on paper out mid-batch and finishes every job once after it clears', async () => {
    const sim = await startSim({ paperOutAfterLabels: 5 });
    const received: string[] = [];
    sim.on('format', (zpl: string) => received.push(/LABEL-\d+/.exec(zpl)?.[0] ?? '?'));
    const printerId = await addPrinter(sim.address.port);
    const held = until<{ activity: string; reason: string | null }>(
      (cb) => spooler.on('printer', cb),
      (r) => r.activity === 'held',
    );
    await spooler.start();
    const batch = await spooler.enqueueBatch({
      printerId,
      title: 'Pallets',
      labels: Array.from({ length: 20 }, (_, i) => label(i + 1)),
      actor: 'ana',
    });

    expect((await held).reason).toMatch(/paper out/);
    const during = await spooler.batch(batch.batchId);
    expect(during.counts).toMatchObject({ printed: 5, queued: 15, sending: 0 });
    expect(received).toHaveLength(5);

    const done = until<BatchProgress>(
      (cb) => spooler.on('batch', cb),
      (b) => b.batchId === batch.batchId && b.done,
    );
    await sim.set({ paperOut: false, paused: false });
    expect((await done).counts).toMatchObject({ printed: 20, queued: 0, uncertain: 0, failed: 0 });
    expect(received).toEqual(Array.from({ length: 20 }, (_, i) => `LABEL-${String(i + 1).padStart(3, '0')}`));
    expect((await listMutations(db, { limit: 10 })).map((m) => m.name)).toEqual(['print.enqueueBatch']);
  });

  it('marks a job uncertain, not printed, when the printer process is killed mid-job, and never resends it', async () => {
    const jobsDir = path.join(dir, 'child-jobs');
    const entry = fileURLToPath(new URL('../sim/zebra-sim-main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', entry, '--dir', jobsDir, '--slow'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    const lines = createInterface({ input: child.stdout! });
    const events: Array<{ event: string; port?: number }> = [];
    const waitFor = (name: string) =>
      new Promise<{ port?: number }>((resolve) => {
        const found = events.find((e) => e.event === name);
        if (found) resolve(found);
        lines.on('line', (l) => {
          const e = JSON.parse(l) as { event: string; port?: number };
          events.push(e);
          if (e.event === name) resolve(e);
        });
      });
    const { port } = await waitFor('listening');
    const printerId = await addPrinter(port!);
    await spooler.start();
    const firstFormat = waitFor('format');
    const big = await spooler.enqueue({
      printerId,
      actor: 'ana',
      title: 'Big label',
      zpl: `^XA^FDfirst^FS^XZ^XA^FX${'0'.repeat(4_000_000)}^XZ`,
    });
    const next = await spooler.enqueue({ printerId, actor: 'ana', ...label(2) });
    await firstFormat;
    const uncertain = until<PrintJob>(
      (cb) => spooler.on('job', cb),
      (j) => j.id === big.id && j.state !== 'sending',
    );
    child.kill('SIGKILL');
    const settled = await uncertain;
    expect(settled.state).toBe('uncertain');
    expect(settled.reason).toMatch(/may or may not have printed/);
    expect(settled.reasonCode).toBe('connection_lost');
    // The printer is gone: the next job waits, the uncertain one is not retried.
    await until<{ activity: string }>(
      (cb) => spooler.on('printer', cb),
      (r) => r.activity === 'offline',
    );
    expect((await spooler.job(next.id)).state).toBe('queued');
    expect((await spooler.job(big.id)).attempts).toBe(1);

    const again = await spooler.reprint(big.id, 'ana');
    expect(again).toMatchObject({ reprintOf: big.id, state: 'queued' });
    expect(await readdir(jobsDir)).not.toContain('job-000001.zpl');
  });

  it('retries an offline printer with back-off and prints when it comes back', async () => {
    const sim = await startSim();
    await sim.set({ offline: true });
    const printerId = await addPrinter(sim.address.port);
    await spooler.start();
    const offline = until<{ activity: string; reason: string | null }>(
      (cb) => spooler.on('printer', cb),
      (r) => r.activity === 'offline',
    );
    const job = await spooler.enqueue({ printerId, actor: 'ana', ...label(1) });
    expect((await offline).reason).toMatch(/Cannot connect/);
    const printed = until<PrintJob>(
      (cb) => spooler.on('job', cb),
      (j) => j.id === job.id && j.state === 'printed',
    );
    await sim.set({ offline: false });
    expect((await printed).attempts).toBe(1);
  });

  it('cancels queued jobs and batches, reprints, and refuses what it cannot do', async () => {
    const sim = await startSim();
    await sim.set({ paused: true });
    const printerId = await addPrinter(sim.address.port);
    await spooler.start();
    const one = await spooler.enqueue({ printerId, actor: 'ana', ...label(1) });
    const batch = await spooler.enqueueBatch({
      printerId,
      title: 'B',
      labels: [label(2), label(3)],
      actor: 'ana',
    });
    expect(await spooler.cancel(one.id, 'bo')).toMatchObject({ state: 'cancelled', reasonCode: 'cancelled' });
    await expect(spooler.cancel(one.id, 'bo')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/already cancelled/),
    });
    expect((await spooler.cancelBatch(batch.batchId, 'bo')).counts).toMatchObject({
      cancelled: 2,
      queued: 0,
    });
    const names = (await listMutations(db, { limit: 10 })).map((m) => m.name);
    expect(names).toEqual(['print.cancelBatch', 'print.cancel', 'print.enqueueBatch', 'print.enqueue']);

    const re = await spooler.reprint(one.id, 'bo');
    expect(re.reprintOf).toBe(one.id);
    await expect(spooler.reprint(re.id, 'bo')).rejects.toMatchObject({ code: 'conflict' });
    await expect(spooler.cancel('no-such-job', 'bo')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('rejects bad input with a clear error and changes nothing', async () => {
    const sim = await startSim();
    const printerId = await addPrinter(sim.address.port);
    const before = await db.get<{ n: number }>(
      'SELECT (SELECT COUNT(*) FROM print_jobs) + (SELECT COUNT(*) FROM outbox) AS n',
    );
    await expect(spooler.enqueue({ printerId, actor: 'a', title: 'x', zpl: 'hello' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/\^XA/),
    });
    await expect(spooler.enqueue({ printerId: 'nope', actor: 'a', ...label(1) })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      spooler.enqueueBatch({
        printerId,
        actor: 'a',
        title: 'x',
        labels: [label(1), { title: 'bad', zpl: '^XA' }],
      }),
    ).rejects.toBeInstanceOf(AppError);
    await expect(
      db.write((tx) =>
        insertPrinter(tx, {
          name: 'x',
          transport: { kind: 'tcp', host: 'bad host!', port: 9100 },
          dpi: 203,
          labelWidthMm: 100,
          labelHeightMm: 50,
          defaultTemplates: {},
        }),
      ),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(addPrinter(sim.address.port)).rejects.toMatchObject({ code: 'conflict' });
    const after = await db.get<{ n: number }>(
      'SELECT (SELECT COUNT(*) FROM print_jobs) + (SELECT COUNT(*) FROM outbox) AS n',
    );
    expect(after).toEqual(before);
  });

  it('turns jobs left "sending" by a crash into uncertain on start', async () => {
    const sim = await startSim();
    const printerId = await addPrinter(sim.address.port);
    await db.write((tx) =>
      tx.run(
        `INSERT INTO print_jobs (id, printer_id, title, zpl, state, created_by, created_at, updated_at) VALUES ('j1', ?, 't', '^XA^XZ', 'sending', 'a', 1, 1)`,
        [printerId],
      ),
    );
    await spooler.start();
    expect(await spooler.job('j1')).toMatchObject({
      state: 'uncertain',
      reason: expect.stringMatching(/check the printer/),
      reasonCode: 'interrupted',
    });
    expect(sim.labelsPrinted).toBe(0);
  });
});
