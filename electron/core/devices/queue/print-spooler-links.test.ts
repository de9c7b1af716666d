import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Database } from '../../db/database';
import { ZebraSim } from '../sim/zebra-sim';
import type { TransportConfig } from '../transport/transport';
import type { PrintJob } from './print-jobs-repo';
import type { PrinterRuntime } from './printer-worker';
import { PrintSpooler } from './print-spooler';
import { insertPrinter } from './printers-repo';

let dir: string;
let db: Database;
let spooler: PrintSpooler;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'spool-links-'));
  db = await Database.open(path.join(dir, 'data.db'));
  spooler = new PrintSpooler(db, {
    queryTimeoutMs: 200,
    timings: { holdPollMs: 30, backoffInitialMs: 20, backoffMaxMs: 100 },
  });
  await spooler.start();
});

afterEach(async () => {
  await spooler.stop();
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

async function printer(transport: TransportConfig): Promise<string> {
  const p = await db.write((tx) =>
    insertPrinter(tx, {
      name: 'P',
      transport,
      dpi: 300,
      labelWidthMm: 100,
      labelHeightMm: 50,
      defaultTemplates: {},
    }),
  );
  return p.id;
}

function settled(jobId: string): Promise<PrintJob> {
  return new Promise((resolve) => {
    const off = spooler.on('job', (j) => {
      if (j.id === jobId && !['queued', 'sending'].includes(j.state)) {
        off();
        resolve(j);
      }
    });
  });
}

const zpl = '^XA^FO10,10^FDhello^FS^XZ';

it('holds on what ~HQES reports when ~HS stays silent (newer firmware in an error state)', async () => {
  const sim = new ZebraSim({ jobDir: path.join(dir, 'jobs') });
  const { host, port } = await sim.start();
  try {
    await sim.set({ silentHsInError: true, headOpen: true });
    const printerId = await printer({ kind: 'tcp', host, port });
    const held = new Promise<PrinterRuntime>((resolve) =>
      spooler.on('printer', (r) => r.activity === 'held' && resolve(r)),
    );
    const job = await spooler.enqueue({ printerId, actor: 'a', title: 't', zpl });
    expect((await held).reason).toMatch(/head open/);
    expect(sim.labelsPrinted).toBe(0);
    const done = settled(job.id);
    await sim.set({ headOpen: false });
    expect((await done).state).toBe('printed');
  } finally {
    await sim.stop();
  }
});

it('prints to a USB character device without status queries', async () => {
  const file = path.join(dir, 'lp0');
  await writeFile(file, '');
  const printerId = await printer({ kind: 'device', path: file });
  const job = await spooler.enqueue({ printerId, actor: 'a', title: 't', zpl });
  expect((await settled(job.id)).state).toBe('printed');
  expect(await readFile(file, 'utf8')).toBe(zpl);
});

it('marks a job failed, with lp’s reason, when CUPS refuses it', async () => {
  const lp = path.join(dir, 'lp');
  await writeFile(
    lp,
    '#!/bin/sh\ncat > /dev/null\necho "lp: Unable to print: queue paused by admin" >&2\nexit 1\n',
  );
  await chmod(lp, 0o755);
  const printerId = await printer({ kind: 'cups', queue: 'zebra', lpCommand: lp });
  const job = await spooler.enqueue({ printerId, actor: 'a', title: 't', zpl });
  const done = await settled(job.id);
  expect(done).toMatchObject({ state: 'failed', reason: expect.stringMatching(/queue paused by admin/) });
  expect((await spooler.reprint(job.id, 'a')).reprintOf).toBe(job.id);
});
