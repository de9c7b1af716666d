/**
 * The fleet demo: the routing demo's five vehicles plus 35 tracked-only ones (one register), a
 * tracker each, a week of driving, drivers on them, geofences and rules, service items with some
 * due, and fuel logs with the cases a fleet manager meets (a partial fill, a missed one, a mistyped
 * odometer). Demo data, not user changes: no outbox rows, like the other demos.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import type { RoutingPort } from '../routing/port';
import type { Site } from '../site';
import { demoWeek } from './demo-history';
import { DEPOT, mulberry32 } from './sim/city';
import { saveGeofence, saveRule } from './store/alerts-repo';
import { insertPositions } from './store/positions-repo';
import { assign, insertMeterReading } from './store/register-repo';
import { saveStates, saveTracker } from './store/trackers-repo';

const SEEDED_KEY = 'fleet.demoSeeded';
export const DEMO_FLEET_SIZE = 40;
const DAY = 86_400_000;

/** Demo trackers' device ids start with this (the demo feed drives exactly those). */
export const DEMO_UID_PREFIX = 'demo-';

export function demoUid(i: number): string {
  return `${DEMO_UID_PREFIX}${String(i + 1).padStart(2, '0')}`;
}

export async function seedFleetDemo(
  db: Database,
  routing: RoutingPort,
  site: Site,
  now: number,
): Promise<boolean> {
  if (await db.get('SELECT 1 FROM settings WHERE key = ?', [SEEDED_KEY])) return false;
  const rnd = mulberry32(4711);
  await db.write(async (tx) => {
    const existing = await routing.vehicles(tx, false);
    const extra = Array.from({ length: Math.max(0, DEMO_FLEET_SIZE - existing.length) }, (_, i) => {
      const n = existing.length + i + 1;
      const kind = n % 4 === 0 ? 'Service car' : n % 3 === 0 ? 'Truck' : 'Van';
      return {
        name: `${kind} ${String(n).padStart(2, '0')}`,
        plate: `JKP ${300 + n}`,
        profile: (kind === 'Truck' ? 'truck' : kind === 'Van' ? 'van' : 'car') as 'truck' | 'van' | 'car',
        planning: false,
      };
    });
    const ids = [...existing.map((v) => v.id), ...(await routing.addDemoVehicles(tx, extra))];
    const drivers = await routing.drivers(tx);

    for (const [i, vehicleId] of ids.entries()) {
      await saveTracker(
        tx,
        site.id,
        { id: randomUUID(), uid: demoUid(i), name: '', vehicleId, enabled: true, createdAt: now },
        now,
      );
      const key = (await tx.get<{ key: number }>('SELECT key FROM fleet_trackers WHERE uid = ?', [
        demoUid(i),
      ]))!.key;
      const { rows, state } = demoWeek(key, 100 + i, now, site.timeZone);
      await insertPositions(tx, rows);
      await saveStates(tx, [[key, state]]);
      // Meters: an odometer reading at the start of the week; the tracked distance adds to it.
      const startKm = Math.round(20_000 + rnd() * 160_000);
      const weekAgo = now - 7 * DAY;
      await insertMeterReading(tx, {
        id: randomUUID(),
        vehicleId,
        at: weekAgo,
        odometerKm: startKm,
        engineHours: Math.round(startKm / 38),
        by: 'demo',
      });
      await seedMaintenance(tx, vehicleId, startKm, weekAgo, rnd);
      await seedFuel(tx, vehicleId, startKm, weekAgo, i, rnd);
      const driver = drivers[i];
      if (driver) {
        await assign(tx, {
          id: randomUUID(),
          vehicleId,
          driverId: driver.id,
          at: now - 30 * DAY,
          by: 'demo',
        });
        // One change of driver in the week, so the history shows one.
        if (i === 0 && drivers[5]) {
          await assign(tx, {
            id: randomUUID(),
            vehicleId,
            driverId: drivers[5].id,
            at: now - 3 * DAY,
            by: 'demo',
          });
          await assign(tx, {
            id: randomUUID(),
            vehicleId,
            driverId: driver.id,
            at: now - 2 * DAY,
            by: 'demo',
          });
        }
      }
    }

    const dc = {
      id: randomUUID(),
      name: 'Nordic DC Jönköping',
      shape: { kind: 'circle' as const, lat: DEPOT.lat, lon: DEPOT.lon, radiusM: 350 },
      color: '#2f7de1',
      createdAt: now,
      updatedAt: now,
    };
    const centre = {
      id: randomUUID(),
      name: 'City centre (30 zone)',
      shape: {
        kind: 'polygon' as const,
        points: [
          [57.7815, 14.145],
          [57.7815, 14.19],
          [57.765, 14.195],
          [57.762, 14.15],
        ] as [number, number][],
      },
      color: '#d9822b',
      createdAt: now,
      updatedAt: now,
    };
    await saveGeofence(tx, site.id, dc);
    await saveGeofence(tx, site.id, centre);
    const rule = (
      name: string,
      kind: 'enter' | 'exit' | 'speeding' | 'idle' | 'offline',
      extra: { geofenceId?: string; speedLimitKmh?: number; minutes?: number },
    ) =>
      saveRule(
        tx,
        site.id,
        {
          id: randomUUID(),
          name,
          kind,
          geofenceId: extra.geofenceId ?? null,
          speedLimitKmh: extra.speedLimitKmh ?? null,
          minutes: extra.minutes ?? null,
          vehicleIds: [],
          active: true,
        },
        now,
      );
    await rule('Back at the DC', 'enter', { geofenceId: dc.id });
    await rule('Left the DC', 'exit', { geofenceId: dc.id });
    await rule('Speeding in the city centre', 'speeding', { geofenceId: centre.id, speedLimitKmh: 50 });
    await rule('Speeding', 'speeding', { speedLimitKmh: 80 });
    await rule('Idle over 20 min', 'idle', { minutes: 20 });
    await rule('No position for 30 min', 'offline', { minutes: 30 });
    await tx.run('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)', [SEEDED_KEY, String(now)]);
  });
  return true;
}

type Tx = Parameters<Parameters<Database['write']>[0]>[0];

async function seedMaintenance(
  tx: Tx,
  vehicleId: string,
  km: number,
  at: number,
  rnd: () => number,
): Promise<void> {
  const items = [
    { name: 'Oil and filter', everyKm: 15_000, everyDays: 365, everyHours: null },
    { name: 'Brake inspection', everyKm: 30_000, everyDays: null, everyHours: null },
    { name: 'Tachograph calibration', everyKm: null, everyDays: 730, everyHours: null },
    { name: 'Engine service', everyKm: null, everyDays: null, everyHours: 500 },
  ];
  const done: string[] = [];
  for (const it of items) {
    const id = randomUUID();
    // Last done a varying share of its interval ago: some are fine, some soon, a few overdue.
    const share = 0.2 + rnd() * 0.95;
    await tx.run(
      `INSERT INTO fleet_service_items (id, vehicle_id, name, every_km, every_hours, every_days, baseline_at, baseline_km, baseline_hours, notes, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)`,
      [
        id,
        vehicleId,
        it.name,
        it.everyKm,
        it.everyHours,
        it.everyDays,
        it.everyDays ? Math.round(at - share * it.everyDays * DAY) : at - 200 * DAY,
        it.everyKm ? Math.max(0, Math.round(km - share * it.everyKm)) : km - 9000,
        it.everyHours ? Math.max(0, Math.round(km / 38 - share * it.everyHours)) : null,
        at,
        at,
      ],
    );
    if (it.name === 'Oil and filter') done.push(id);
  }
  // One earlier visit in the history, with its cost.
  await tx.run(
    `INSERT INTO fleet_service_records (id, vehicle_id, done_at, odometer_km, engine_hours, item_ids, cost, vendor, notes, by, created_at)
     VALUES (?, ?, ?, ?, NULL, '[]', ?, 'Verkstad Jönköping AB', 'Wipers and bulbs', 'demo', ?)`,
    [randomUUID(), vehicleId, at - 60 * DAY, km - 4000, Math.round(800 + rnd() * 2400), at],
  );
}

async function seedFuel(
  tx: Tx,
  vehicleId: string,
  km: number,
  at: number,
  i: number,
  rnd: () => number,
): Promise<void> {
  const l100 = 8 + (i % 5) * 0.9;
  let odo = km - 6000;
  const fills = 12;
  for (let n = 0; n < fills; n++) {
    const distance = 420 + rnd() * 160;
    odo += distance;
    // A week or so apart, in working hours.
    const t =
      at - 90 * DAY + Math.round(((n + 1) * 85) / fills) * DAY + (7 + Math.floor(rnd() * 10)) * 3_600_000;
    const partial = i % 4 === 1 && n === 6;
    let litres = ((distance * l100) / 100) * (0.95 + rnd() * 0.1);
    if (partial) litres *= 0.4;
    // Vehicle 3 forgot to log fill 8 (its litres never show up); vehicle 5 mistyped an odometer.
    if (i === 2 && n === 8) continue;
    const typo = i === 4 && n === 10;
    await tx.run(
      `INSERT INTO fleet_fuel_entries (id, vehicle_id, at, odometer_km, litres, price_per_litre, full, missed_previous, station, notes, by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, '', 'demo', ?, ?)`,
      [
        randomUUID(),
        vehicleId,
        Math.round(t),
        Math.round(typo ? odo / 10 : odo),
        Math.round(litres * 100) / 100,
        Math.round((18.5 + rnd() * 2.5) * 100) / 100,
        partial ? 0 : 1,
        n % 2 ? 'Circle K Torsvik' : 'Preem Huskvarna',
        at,
        at,
      ],
    );
  }
}
