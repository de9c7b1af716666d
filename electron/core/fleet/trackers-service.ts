/** The allow-list of devices, in memory for every incoming fix and in the store for people. */
import { randomUUID } from 'node:crypto';
import { AppError, type ParsedInput, type Tracker, type UnknownDevice } from '@shared/contract';
import type { CallContext } from '../router';
import { change, requireVehicle, type FleetContext } from './context';
import type { RawFix } from './ingest/fix';
import * as repo from './store/trackers-repo';
import type { TrackerRow } from './store/trackers-repo';

const UNKNOWN_KEPT = 50;

export class TrackersService {
  private byUid = new Map<string, TrackerRow>();
  private byKey = new Map<number, TrackerRow>();
  private byVehicle = new Map<string, TrackerRow>();
  private readonly unknown = new Map<string, UnknownDevice>();

  constructor(
    private readonly c: FleetContext,
    /** Called after a tracker is deleted, with its key, so in-memory state can go too. */
    private readonly onDeleted: (key: number) => void = () => undefined,
  ) {}

  async reload(): Promise<void> {
    const all = await repo.listTrackers(this.c.db, this.c.siteId);
    this.byUid = new Map(all.map((t) => [t.uid, t]));
    this.byKey = new Map(all.map((t) => [t.key, t]));
    this.byVehicle = new Map(
      all.flatMap((t): [string, TrackerRow][] => (t.vehicleId ? [[t.vehicleId, t]] : [])),
    );
  }

  private remember(t: TrackerRow): void {
    const old = this.byKey.get(t.key);
    if (old) {
      this.byUid.delete(old.uid);
      if (old.vehicleId) this.byVehicle.delete(old.vehicleId);
    }
    this.byKey.set(t.key, t);
    this.byUid.set(t.uid, t);
    if (t.vehicleId) this.byVehicle.set(t.vehicleId, t);
  }

  byDeviceId(uid: string): TrackerRow | undefined {
    return this.byUid.get(uid);
  }

  byKeyOf(key: number): TrackerRow | undefined {
    return this.byKey.get(key);
  }

  ofVehicle(vehicleId: string): TrackerRow | undefined {
    return this.byVehicle.get(vehicleId);
  }

  all(): TrackerRow[] {
    return [...this.byKey.values()];
  }

  /** Remembers a refused device id so set-up can add it in one step. */
  noteUnknown(fix: RawFix, remote: string): void {
    const seen = this.unknown.get(fix.uid);
    this.unknown.set(fix.uid, {
      uid: fix.uid,
      source: fix.source,
      lastSeenAt: this.c.now(),
      count: (seen?.count ?? 0) + 1,
      remote,
    });
    if (this.unknown.size > UNKNOWN_KEPT) this.unknown.delete(this.unknown.keys().next().value!);
  }

  unknownDevices(): UnknownDevice[] {
    return [...this.unknown.values()]
      .filter((u) => !this.byUid.has(u.uid))
      .sort((a, b) => b.lastSeenAt - a.lastSeenAt);
  }

  async list(): Promise<Tracker[]> {
    return (await repo.listTrackers(this.c.db, this.c.siteId)).map(strip);
  }

  async save(input: ParsedInput<'fleet.saveTracker'>, ctx: CallContext): Promise<Tracker> {
    const id = input.id ?? randomUUID();
    const saved = await change(
      this.c,
      { name: 'fleet.saveTracker', args: { ...input, id }, ctx },
      ['trackers'],
      async (tx) => {
        const current = await repo.getTracker(tx, id);
        if (input.id && !current)
          throw new AppError('not_found', 'That tracker no longer exists. Refresh the list.');
        const sameUid = await repo.trackerBy(tx, 'uid', input.uid);
        if (sameUid && sameUid.id !== id)
          throw new AppError('conflict', `Device id ${input.uid} is already on the list.`, {
            field: 'uid',
            reason: 'uid_taken',
          });
        if (input.vehicleId) {
          const vehicle = await requireVehicle(this.c, tx, input.vehicleId, 'vehicleId');
          const other = await repo.trackerBy(tx, 'vehicle_id', input.vehicleId);
          if (other && other.id !== id)
            throw new AppError(
              'conflict',
              `${vehicle.name} already has tracker ${other.uid}. Remove it from that tracker first.`,
              {
                field: 'vehicleId',
                reason: 'vehicle_has_tracker',
              },
            );
        }
        const t: Tracker = {
          id,
          uid: input.uid,
          name: input.name,
          vehicleId: input.vehicleId,
          enabled: input.enabled,
          createdAt: current?.createdAt ?? this.c.now(),
        };
        await repo.saveTracker(tx, this.c.siteId, t, this.c.now());
        return t;
      },
    );
    // Only this tracker changed: swap it in rather than reread the whole list.
    const row = await repo.getTracker(this.c.db, saved.id);
    if (row) this.remember(row);
    return saved;
  }

  async remove(id: string, ctx: CallContext): Promise<{ id: string }> {
    const gone = await change(
      this.c,
      { name: 'fleet.deleteTracker', args: { id }, ctx },
      ['trackers', 'alerts'],
      async (tx) => {
        const t = await repo.getTracker(tx, id);
        if (!t) throw new AppError('not_found', 'That tracker no longer exists. Refresh the list.');
        await repo.deleteTracker(tx, t);
        return t;
      },
    );
    await this.reload();
    this.onDeleted(gone.key);
    return { id };
  }
}

function strip(t: TrackerRow): Tracker {
  const { key: _key, ...rest } = t;
  return rest;
}
