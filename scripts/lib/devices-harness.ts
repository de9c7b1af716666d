/**
 * The real core device pieces wired to the simulators (database, print spooler, serial scanner
 * over the socat pty), for `npm run bench:devices`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Database } from '../../electron/core/db/database';
import { PrintSpooler } from '../../electron/core/devices/queue/print-spooler';
import { insertPrinter } from '../../electron/core/devices/queue/printers-repo';
import { SerialScanner } from '../../electron/core/devices/scanner/serial-scanner';
import { startDemoDevices, type DemoDevices } from '../../electron/core/devices/sim/demo-devices';

export interface DevicesHarness {
  db: Database;
  sims: DemoDevices;
  printerId: string;
  spooler: PrintSpooler;
  scanner: SerialScanner;
  close(): Promise<void>;
}

export async function startHarness(): Promise<DevicesHarness> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'loadstar-devices-'));
  const db = await Database.open(path.join(dir, 'data.db'));
  const sims = await startDemoDevices({ dir, doors: 1 });
  const printer = await db.write((tx) =>
    insertPrinter(tx, {
      name: 'Simulated ZD420',
      transport: sims.config.printer,
      dpi: 203,
      labelWidthMm: 101.6,
      labelHeightMm: 152.4,
      defaultTemplates: {},
    }),
  );
  const spooler = new PrintSpooler(db);
  await spooler.start();
  const scanner = new SerialScanner({ id: 'sim-scanner', path: sims.config.scannerPath, baudRate: 9600 });
  const connected = new Promise<void>((resolve) => {
    const off = scanner.on('status', (s) => {
      if (s.state === 'connected') {
        off();
        resolve();
      }
    });
  });
  scanner.start();
  await connected;
  return {
    db,
    sims,
    printerId: printer.id,
    spooler,
    scanner,
    async close() {
      await scanner.stop();
      await spooler.stop();
      await sims.stop();
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
