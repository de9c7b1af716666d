import type { Queryable } from '../connection';

/** One site, door, carrier and booked appointment (`a1`), as every schema since 0001 has them. */
export async function seedOneAppointment(tx: Queryable): Promise<void> {
  await tx.run("INSERT INTO sites VALUES ('s1', 'Hamburg', 'Europe/Berlin', 1)");
  await tx.run(
    "INSERT INTO doors (id, site_id, name, direction, opens_at, closes_at, created_at, updated_at) VALUES ('d1', 's1', 'D1', 'both', 0, 1440, 1, 1)",
  );
  await tx.run("INSERT INTO carriers (id, name, created_at) VALUES ('c1', 'DHL', 1)");
  await tx.run(
    `INSERT INTO appointments (id, door_id, carrier_id, reference, start_at, end_at, load_type, pallets, created_at, updated_at)
     VALUES ('a1', 'd1', 'c1', 'PO-1', 1000, 2000, 'palletized', 3, 1, 1)`,
  );
}
