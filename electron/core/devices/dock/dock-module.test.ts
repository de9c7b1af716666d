import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModbusDockSim } from '../sim/modbus-dock-sim';
import { DockModule, type DoorIoState } from './dock-module';
import { defaultDoorMap } from './register-map';

let sim: ModbusDockSim;
let dock: DockModule;

function until(test: (s: DoorIoState) => boolean): Promise<DoorIoState> {
  return new Promise((resolve) => {
    const off = dock.on('door', (s) => {
      if (test(s)) {
        off();
        resolve(s);
      }
    });
  });
}

/** Polls a condition on the simulator (no wall-clock assertion: the test timeout is the limit). */
async function eventually(test: () => boolean): Promise<void> {
  while (!test()) await new Promise((r) => setTimeout(r, 5));
}

beforeEach(async () => {
  sim = new ModbusDockSim({ doors: 2 });
  const { host, port } = await sim.start();
  dock = new DockModule(
    {
      id: 'io-1',
      name: 'Dock IO 1',
      transport: { kind: 'tcp', host, port },
      pollMs: 20,
      doors: [
        { doorId: 'D01', map: defaultDoorMap(1) },
        { doorId: 'D02', map: defaultDoorMap(2) },
      ],
    },
    // Generous: a loaded machine answers slowly; "gone" is a refused connection, not a timeout.
    { timeoutMs: 10_000, backoffMaxMs: 100 },
  );
  const ready = until((s) => s.doorId === 'D01' && s.health === 'ok');
  dock.start();
  await ready;
});

afterEach(async () => {
  await dock.stop();
  await sim.stop();
});

describe('DockModule against the Modbus dock simulator', () => {
  it('reports input changes as door events', async () => {
    expect(dock.door('D01')).toMatchObject({
      doorClosed: true,
      trailerPresent: false,
      levelerStored: true,
      health: 'ok',
    });
    const arrived = until((s) => s.doorId === 'D02' && s.trailerPresent);
    sim.setInput(2, 'trailerPresent', true);
    expect((await arrived).doorId).toBe('D02');
  });

  it('refuses to open the door without the restraint and changes nothing', async () => {
    await expect(dock.command('D01', { kind: 'door', open: true }, 'ana')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/engage the restraint first/),
    });
    await expect(
      dock.command('D01', { kind: 'lights', inside: 'green', outside: 'red' }, 'ana'),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(sim.input(1, 'doorOpen')).toBe(false);
    expect(sim.coil(1, 'insideGreen')).toBe(false);
    expect(sim.violations).toEqual([]);
  });

  it('engaging the restraint switches the lights and allows the door to open', async () => {
    sim.setInput(1, 'trailerPresent', true);
    await dock.command('D01', { kind: 'restraint', engage: true }, 'ana');
    await until((s) => s.doorId === 'D01' && s.lights.insideGreen);
    expect(sim.coil(1, 'outsideRed')).toBe(true);
    expect(await dock.command('D01', { kind: 'door', open: true }, 'ana')).toEqual({ overridden: false });
    expect(sim.input(1, 'doorOpen')).toBe(true);
    await expect(dock.command('D01', { kind: 'restraint', engage: false }, 'ana')).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(sim.violations).toEqual([]);
  });

  it('lets override mode bypass the rule and reports it for the log', async () => {
    sim.setMode(1, true);
    await until((s) => s.doorId === 'D01' && s.override);
    const logged: boolean[] = [];
    dock.on('command', (c) => logged.push(c.overridden));
    expect(await dock.command('D01', { kind: 'door', open: true }, 'supervisor')).toEqual({
      overridden: true,
    });
    expect(logged).toEqual([true]);
    expect(sim.input(1, 'doorOpen')).toBe(true);
  });

  it('turns an inside green without restraint back to red, whoever set it', async () => {
    sim.units.get(1)!.coils[0] = true;
    await eventually(() => !sim.coil(1, 'insideGreen'));
    expect(sim.coil(1, 'insideRed')).toBe(true);
    expect(dock.door('D01').lights.insideGreen).toBe(false);
  });

  it('marks its doors offline when the module goes away and recovers by itself', async () => {
    const offline = until((s) => s.doorId === 'D02' && s.health === 'device_offline');
    await sim.stop();
    expect((await offline).reason).toMatch(/Modbus TCP/);
    await expect(
      dock.command('D01', { kind: 'lights', inside: 'red', outside: 'green' }, 'ana'),
    ).rejects.toMatchObject({ code: 'device_offline' });
    const back = until((s) => s.doorId === 'D02' && s.health === 'ok');
    await sim.start();
    await back;
    expect(dock.door('D01').health).toBe('ok');
  });
});

describe('DockModule with a wrong register map', () => {
  it('reports the Modbus exception on that door only', async () => {
    const bad = new DockModule({
      id: 'io-2',
      name: 'Dock IO 2',
      transport: sim.address.port
        ? { kind: 'tcp', ...sim.address }
        : { kind: 'tcp', host: '127.0.0.1', port: 1 },
      pollMs: 20,
      doors: [
        { doorId: 'D01', map: defaultDoorMap(1) },
        { doorId: 'D09', map: defaultDoorMap(1, 100) },
      ],
    });
    const events: DoorIoState[] = [];
    bad.on('door', (s) => events.push(s));
    const seen = new Promise<void>((resolve) => bad.on('door', (s) => s.doorId === 'D09' && resolve()));
    bad.start();
    await seen;
    await bad.stop();
    expect(events.find((e) => e.doorId === 'D09')).toMatchObject({
      health: 'device_error',
      reason: expect.stringMatching(/exception 2, illegal data address.*register map/),
    });
    expect(events.find((e) => e.doorId === 'D01')?.health).toBe('ok');
    expect(
      () =>
        new DockModule({
          id: 'x',
          name: 'x',
          transport: { kind: 'tcp', host: 'h', port: 1 },
          pollMs: 20,
          doors: [{ doorId: 'D', map: { ...defaultDoorMap(), unitId: 999 } }],
        }),
    ).toThrow(/unit id/);
  });
});
