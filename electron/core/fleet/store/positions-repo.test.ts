import path from 'node:path';
import { expect, it } from 'vitest';
import { Database } from '../../db/database';
import { useTempDirs } from '../../testing';
import { encodeRow, insertPositions, packedTracks } from './positions-repo';
import { saveStates } from './trackers-repo';

const tempDir = useTempDirs();

it('a batch keeps its other trackers’ fixes when one tracker was deleted while it waited', async () => {
  const db = await Database.open(path.join(tempDir(), 'data.db'));
  await db.write(async (tx) => {
    await tx.run("INSERT INTO sites (id, name, time_zone, created_at) VALUES ('s', 'S', 'UTC', 0)");
    await tx.run(
      "INSERT INTO fleet_trackers (key, id, site_id, uid, created_at, updated_at) VALUES (1, 't1', 's', 'kept', 0, 0)",
    );
  });
  const row = (tracker: number, t: number) =>
    encodeRow({
      tracker,
      t,
      lat: 57.7,
      lon: 14.1,
      speedKmh: 30,
      course: null,
      altitudeM: null,
      accuracyM: 5,
      battery: null,
      odoM: 0,
      engS: 0,
    });
  const state = {
    t: 2000,
    lat: 57.7,
    lon: 14.1,
    speed: 30,
    course: null,
    acc: 5,
    batt: null,
    odo: 0,
    eng: 0,
    moving: true,
    since: 0,
    ignition: null,
  };
  const inserted = await db.write(async (tx) => {
    const n = await insertPositions(tx, [row(1, 1000), row(2, 1000), row(1, 2000), row(2, 2000)]);
    await saveStates(tx, [
      [1, state],
      [2, state],
    ]);
    return n;
  });
  expect(inserted).toBe(2);
  const tracks = await packedTracks(db, [1, 2], 0, 10_000);
  expect(tracks.get(1)!.split(',')).toHaveLength(10);
  expect(tracks.get(2)).toBe('');
  expect(await db.all('SELECT tracker FROM fleet_tracker_state')).toEqual([{ tracker: 1 }]);
  await db.close();
});
