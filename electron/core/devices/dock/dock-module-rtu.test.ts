import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ServerSerial } from 'modbus-serial';
import { afterEach, expect, it } from 'vitest';
import { ScannerFeeder } from '../sim/scanner-feeder';
import { DockModule, type DoorIoState } from './dock-module';
import { defaultDoorMap } from './register-map';

// Modbus RTU over a socat pty pair, served by modbus-serial's own RTU server (the TCP tests use
// our independent simulator; this one checks the RTU framing path of the driver).
let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

it('polls a Modbus RTU module over a serial line and runs commands', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rtu-'));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const pty = new ScannerFeeder(dir, 'rtu');
  await pty.plug();
  cleanup.push(() => pty.unplug());
  const inputs = [true, false, true, true, true, false];
  const coils = [false, true, true, false, false, false];
  const server = new ServerSerial(
    {
      getDiscreteInput: (addr: number) => inputs[addr] ?? false,
      getCoil: (addr: number) => coils[addr] ?? false,
      getHoldingRegister: () => 0,
      getInputRegister: () => 0,
      setCoil: (addr: number, value: boolean) => {
        coils[addr] = value;
      },
      setRegister: () => undefined,
    },
    { path: pty.devicePath, baudRate: 9600, unitID: 1 },
  );
  cleanup.push(() => new Promise((resolve) => server.close(() => resolve())));
  await new Promise((resolve) => server.on('initialized', resolve));

  const dock = new DockModule(
    {
      id: 'rtu',
      name: 'RTU module',
      transport: { kind: 'rtu', path: pty.hostPath, baudRate: 9600 },
      pollMs: 20,
      doors: [{ doorId: 'D1', map: defaultDoorMap(1) }],
    },
    { timeoutMs: 10_000 },
  );
  const ok = new Promise<DoorIoState>((resolve) => dock.on('door', (s) => s.health === 'ok' && resolve(s)));
  dock.start();
  cleanup.push(() => dock.stop());
  expect(await ok).toMatchObject({ doorClosed: true, trailerPresent: true, restraintEngaged: true });
  await dock.command('D1', { kind: 'door', open: true }, 'ana');
  expect(coils[5]).toBe(true);
});
