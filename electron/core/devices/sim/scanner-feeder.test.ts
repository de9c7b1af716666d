import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { ScanEvent } from '@shared/domain/gs1';
import { SerialScanner } from '../scanner/serial-scanner';
import { ScannerFeeder } from './scanner-feeder';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

it('makes the simulated scanner in a data folder whose path has commas, colons and a bang', async () => {
  // socat reads `,` `:` `!` in an address as syntax; the folder is a real one an operator may pick.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'DC 1, Jönköping: hall!B-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const feeder = new ScannerFeeder(dir);
  await feeder.plug();
  cleanup.push(() => feeder.unplug());
  expect(feeder.hostPath.startsWith(dir)).toBe(true);
  const scanner = new SerialScanner({ id: 's', path: feeder.hostPath, baudRate: 9600, maxLength: 64 });
  const scanned = new Promise<ScanEvent>((resolve) => {
    const off = scanner.on('scan', (e) => {
      off();
      resolve(e);
    });
  });
  const connected = new Promise<void>((resolve) => {
    const off = scanner.on('status', (s) => {
      if (s.state === 'connected') {
        off();
        resolve();
      }
    });
  });
  scanner.start();
  cleanup.push(() => scanner.stop());
  await connected;
  await feeder.scan('EMP-000417');
  expect((await scanned).raw).toBe('EMP-000417');
});

it('refuses a pty name socat would read as syntax', () => {
  expect(() => new ScannerFeeder(os.tmpdir(), 'a,b')).toThrow(/letters, digits/);
});
