/**
 * The routing demo: the Jönköping DC as depot, five vehicles, six drivers (five already on a
 * vehicle) and a day of ~40 orders on the site's "today". Runs once per data folder with demo
 * data; like the dock demo it is not a user change, so it writes no outbox rows.
 */
import { randomUUID } from 'node:crypto';
import demo from '../../../../resources/demo/routing-jonkoping.json';
import type { Database } from '../../db/database';
import type { Driver, Order, Vehicle, VehicleProfile } from '@shared/contract';
import { isoDate, parseHhMm } from '@shared/domain/time';
import * as repo from './fleet-repo';
import { putDraft } from './plans-repo';
import { writeSettings } from './settings';

const SEEDED_KEY = 'routes.demoSeeded';

export async function seedRoutingDemo(
  db: Database,
  siteId: string,
  timeZone: string,
  now: number,
): Promise<boolean> {
  const done = await db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [SEEDED_KEY]);
  if (done) return false;
  const date = isoDate(now, timeZone);
  await db.write(async (tx) => {
    await writeSettings(tx, { depot: demo.depot });
    const vehicleIds = new Map<string, string>();
    for (const v of demo.vehicles) {
      const vehicle: Vehicle = {
        id: randomUUID(),
        name: v.name,
        plate: v.plate,
        profile: v.profile as VehicleProfile,
        capacity: v.capacity,
        skills: v.skills,
        shiftStart: parseHhMm(v.shiftStart)!,
        shiftEnd: parseHhMm(v.shiftEnd)!,
        breakWindow: { from: parseHhMm(v.breakWindow.from)!, to: parseHhMm(v.breakWindow.to)! },
        breakMin: v.breakMin,
        maxDurationMin: null,
        maxDistanceKm: null,
        fixedCost: v.fixedCost,
        costPerKm: v.costPerKm,
        costPerHour: v.costPerHour,
        maxTrips: v.maxTrips ?? 1,
        reloadMin: v.reloadMin ?? 0,
        active: true,
        planning: true,
        available: true,
      };
      vehicleIds.set(v.name, vehicle.id);
      await repo.saveVehicle(tx, siteId, vehicle, now);
    }
    const crews: { vehicleId: string; driverId: string }[] = [];
    for (const d of demo.drivers) {
      const driver: Driver = {
        id: randomUUID(),
        name: d.name,
        phone: d.phone,
        skills: d.skills,
        active: true,
        available: true,
      };
      await repo.saveDriver(tx, siteId, driver, now);
      const vehicleId = d.vehicle ? vehicleIds.get(d.vehicle) : undefined;
      if (vehicleId) crews.push({ vehicleId, driverId: driver.id });
    }
    const byRef = new Map<string, Order>();
    for (const o of demo.orders) {
      const order: Order = {
        id: randomUUID(),
        date,
        reference: o.reference,
        customer: o.customer,
        address: o.address,
        lat: o.lat,
        lon: o.lon,
        kind: o.kind === 'pickup' ? 'pickup' : 'delivery',
        serviceMin: o.serviceMin,
        timeWindows: (o.timeWindows ?? []).map((w) => ({ from: parseHhMm(w.from)!, to: parseHhMm(w.to)! })),
        demand: Object.fromEntries(
          Object.entries(o.demand).filter((e): e is [string, number] => e[1] !== undefined),
        ),
        skills: o.skills ?? [],
        priority: o.priority ?? 0,
        pairedOrderId: null,
        phone: o.phone ?? '',
        notes: o.notes ?? '',
        createdAt: now,
        updatedAt: now,
      };
      await repo.insertOrder(tx, siteId, order);
      byRef.set(order.reference, order);
    }
    for (const o of demo.orders) {
      if (!o.pairReference) continue;
      await repo.setPairing(tx, byRef.get(o.reference)!.id, byRef.get(o.pairReference)!.id, now);
    }
    await putDraft(tx, siteId, {
      date,
      revision: 1,
      routes: crews.map((c) => ({ ...c, orderIds: [], locked: false, lockedStops: 0 })),
      reasons: {},
      version: null,
      modified: false,
      updatedAt: now,
    });
    await tx.run('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)', [SEEDED_KEY, date]);
  });
  return true;
}
