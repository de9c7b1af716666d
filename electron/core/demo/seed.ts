import { randomUUID } from 'node:crypto';
import demo from '../../../resources/demo/nordic-dc.json';
import type { Database } from '../db/database';
import { insertAppointment, carrierByName } from '../dock/appointments-repo';
import { insertDoor } from '../dock/doors-repo';
import type { DoorDirection, DoorEquipment, LoadType } from '@shared/contract';
import { atMinuteOfDay, isoDate, parseHhMm } from '@shared/domain/time';

export const DEMO_SITE = demo.site;

/**
 * Seeds the demo warehouse: doors, carriers and a day of appointments on the site's "today".
 * Runs once, on a data folder that has no doors yet; it is not a user change, so no outbox rows.
 */
export async function seedDemo(
  db: Database,
  siteId: string,
  timeZone: string,
  now: number,
): Promise<boolean> {
  const any = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM doors');
  if ((any?.n ?? 0) > 0) return false;
  const today = isoDate(now, timeZone);
  await db.write(async (tx) => {
    const doorIds = new Map<string, string>();
    for (const d of demo.doors) {
      const id = randomUUID();
      doorIds.set(d.name, id);
      await insertDoor(
        tx,
        siteId,
        {
          id,
          name: d.name,
          direction: d.direction as DoorDirection,
          equipment: d.equipment as DoorEquipment[],
          opensAt: parseHhMm(d.hours[0]!)!,
          closesAt: parseHhMm(d.hours[1]!)!,
          active: true,
        },
        now,
      );
    }
    for (const name of demo.carriers) await carrierByName(tx, name, randomUUID, now);
    for (const a of demo.appointments) {
      const carrier = await carrierByName(tx, a.carrier, randomUUID, now);
      const startAt = atMinuteOfDay(today, parseHhMm(a.start)!, timeZone);
      await insertAppointment(
        tx,
        {
          id: randomUUID(),
          doorId: doorIds.get(a.door)!,
          carrierId: carrier.id,
          carrierName: carrier.name,
          reference: a.reference,
          startAt,
          endAt: startAt + a.minutes * 60_000,
          loadType: a.loadType as LoadType,
          pallets: a.pallets,
          notes: a.notes ?? '',
          status: 'booked',
          cancelReason: null,
        },
        now,
      );
    }
    await tx.run("INSERT OR REPLACE INTO settings (key, value) VALUES ('demo', 'true')");
  });
  return true;
}
