import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api } from '../routing/planning/test-support';
import { useFleetCore } from './test/harness';

const start = useFleetCore();

describe('ids a client makes for new fleet rows', () => {
  it('refuses an id already taken with a conflict, and changes nothing', async () => {
    const { core } = await start();
    const { ok, fail } = api(core);
    const van = await ok('routes.createVehicle', { name: 'Van 1' });
    const anna = await ok('routes.createDriver', { name: 'Anna' });
    const id = randomUUID();
    await ok('fleet.assignDriver', { id, vehicleId: van.id, driverId: anna.id });
    // Found by fuzz:host: the same client id again was an internal error (a primary key clash).
    expect(await fail('fleet.assignDriver', { id, vehicleId: van.id, driverId: null })).toMatchObject({
      code: 'conflict',
      details: { reason: 'id_taken' },
    });
    expect(await ok('fleet.driverHistory', { vehicleId: van.id })).toHaveLength(1);
  });
});
