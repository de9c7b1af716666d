import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing';
import { Database } from '../database';
import { MIGRATIONS } from './index';

const tempDir = useTempDirs();

describe('migration 0001 init', () => {
  it('creates the dock schema from an empty file and enforces its rules', async () => {
    const db = await Database.open(join(tempDir(), 'm1.db'), { migrations: MIGRATIONS.slice(0, 1) });
    expect(await db.userVersion()).toBe(1);
    await db.write(async (tx) => {
      await tx.run("INSERT INTO sites VALUES ('s', 'Site', 'Europe/Stockholm', 0)");
      await tx.run(
        "INSERT INTO doors (id, site_id, name, direction, opens_at, closes_at, created_at, updated_at) VALUES ('d', 's', 'D1', 'inbound', 360, 1320, 0, 0)",
      );
      await tx.run("INSERT INTO carriers VALUES ('c', 'PostNord', 0)");
      await tx.run(
        "INSERT INTO appointments (id, door_id, carrier_id, reference, start_at, end_at, load_type, pallets, created_at, updated_at) VALUES ('a', 'd', 'c', 'PO1', 10, 20, 'palletized', 3, 0, 0)",
      );
    });
    // Foreign keys, CHECKs and unique names hold at the storage level too.
    await expect(
      db.write((tx) =>
        tx.run(
          "INSERT INTO appointments (id, door_id, carrier_id, reference, start_at, end_at, load_type, pallets, created_at, updated_at) VALUES ('b', 'nope', 'c', 'PO2', 10, 20, 'palletized', 3, 0, 0)",
        ),
      ),
    ).rejects.toThrow(/FOREIGN KEY/);
    await expect(
      db.write((tx) =>
        tx.run(
          "INSERT INTO doors (id, site_id, name, direction, opens_at, closes_at, created_at, updated_at) VALUES ('e', 's', 'd1', 'inbound', 600, 500, 0, 0)",
        ),
      ),
    ).rejects.toThrow(/CHECK|UNIQUE/);
    await expect(
      db.write((tx) => tx.run("INSERT INTO carriers VALUES ('c2', 'postnord', 0)")),
    ).rejects.toThrow(/UNIQUE/);
    await db.close();
  });
});
