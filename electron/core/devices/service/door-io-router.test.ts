/**
 * Dock I/O configured and driven through the router, against the Modbus TCP dock simulator on a
 * real port: a module going away marks its doors offline, refuses commands, and recovers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DoorIo, IoModule } from '@shared/contract/devices';
import type { Door } from '@shared/contract/dock';
import { caller, ok, useTestCore } from '../../testing';
import { ModbusDockSim } from '../sim/modbus-dock-sim';

const startCore = useTestCore();
const sims: ModbusDockSim[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.stop();
});

async function until<T>(read: () => Promise<T>, test: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (test(v)) return v;
    if (Date.now() > deadline)
      throw new Error(`condition not met; last value ${JSON.stringify(v).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('dock I/O modules through the router', () => {
  it('wires a door, follows its inputs, survives the module going away and coming back', async () => {
    const sim = new ModbusDockSim({ doors: 2 });
    sims.push(sim);
    const { host, port } = await sim.start();
    const core = await startCore();
    const call = ok(core);
    const raw = caller(core);
    const door = await call<Door>('dock.createDoor', {
      name: 'Door 7',
      direction: 'both',
      opensAt: '00:00',
      closesAt: '24:00',
    });
    const module = await call<IoModule>('devices.createIoModule', {
      name: 'Dock IO A',
      transport: { kind: 'tcp', host, port },
      pollMs: 50,
    });
    expect(module).toMatchObject({
      transportLabel: `Modbus TCP ${host}:${port}`,
      doorIds: [],
      simulated: false,
    });
    const wired = await call<IoModule>('devices.wireDoor', {
      doorId: door.id,
      moduleId: module.id,
      unitId: 2,
    });
    expect(wired.doorIds).toEqual([door.id]);

    const ready = await until(
      () => call<DoorIo[]>('devices.listDoorIo', {}),
      (d) => d[0]?.health === 'ok',
    );
    expect(ready[0]).toMatchObject({ doorName: 'Door 7', moduleName: 'Dock IO A', simulated: false });
    sim.setInput(2, 'trailerPresent', true);
    await until(
      () => call<DoorIo[]>('devices.listDoorIo', {}),
      (d) => d[0]?.trailerPresent === true,
    );

    await sim.stop();
    const offline = await until(
      () => call<DoorIo[]>('devices.listDoorIo', {}),
      (d) => d[0]?.health === 'device_offline',
    );
    expect(offline[0]!.reason).toMatch(/Modbus TCP/);
    const refused = await raw('devices.setRestraint', { doorId: door.id, engage: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'device_offline' } });
    expect(await call('audit.list', { limit: 10, name: 'devices.setRestraint' })).toEqual([]);

    const back = new ModbusDockSim({ doors: 2, port });
    sims.push(back);
    await back.start();
    await until(
      () => call<DoorIo[]>('devices.listDoorIo', {}),
      (d) => d[0]?.health === 'ok',
    );
    const engaged = await call('devices.setRestraint', { doorId: door.id, engage: true });
    expect(engaged).toMatchObject({ overridden: false, door: { restraintEngaged: true } });
    expect(back.coil(2, 'restraintEngage')).toBe(true);
  });

  it('refuses bad module settings and wiring, changing nothing', async () => {
    const core = await startCore();
    const raw = caller(core);
    const call = ok(core);
    const bad = [
      { name: 'X', transport: { kind: 'tcp', host: 'bad host', port: 502 } },
      { name: 'X', transport: { kind: 'tcp', host: 'h', port: 0 } },
      { name: 'X', transport: { kind: 'rtu', path: 'ttyUSB0', baudRate: 19200 } },
      { name: 'X', transport: { kind: 'tcp', host: 'h', port: 502 }, pollMs: 10 },
      { name: '', transport: { kind: 'tcp', host: 'h', port: 502 } },
    ];
    for (const input of bad) {
      const r = await raw('devices.createIoModule', input);
      expect(r.ok ? 'accepted' : r.error.code, JSON.stringify(input)).toBe('invalid_input');
    }
    const module = await call<IoModule>('devices.createIoModule', {
      name: 'IO',
      transport: { kind: 'tcp', host: '127.0.0.1', port: 1502 },
    });
    expect(await raw('devices.wireDoor', { doorId: 'no-door', moduleId: module.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await raw('devices.wireDoor', { doorId: 'x', moduleId: module.id, unitId: 300 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await raw('devices.unwireDoor', { doorId: 'no-door' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect((await call<IoModule[]>('devices.listIoModules', {})).map((m) => m.doorIds)).toEqual([[]]);
    const names = (await call<Array<{ name: string }>>('audit.list', { limit: 50 })).map((m) => m.name);
    expect(names).toEqual(['devices.createIoModule']);
  });
});
