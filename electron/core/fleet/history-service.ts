/** Where vehicles are, where they were: the live snapshot, replay tracks and trips per day. */
import type { FleetSettings, LivePosition, LiveStatus, ReplayTrack, VehicleDay } from '@shared/contract';
import { decodeTrack } from '@shared/domain/fleet/track-codec';
import { detectTrips } from '@shared/domain/fleet/trips';
import { dayBounds } from '@shared/domain/time';
import type { FleetContext } from './context';
import type { Ingestor } from './ingest/ingestor';
import { packedTracks } from './store/positions-repo';
import { currentDrivers } from './store/register-repo';
import type { TrackState } from './store/trackers-repo';
import type { TrackersService } from './trackers-service';

/** Moving, idle (standing briefly or with the engine on), stopped (parked) or offline. */
export function liveStatus(s: TrackState, now: number, settings: FleetSettings): LiveStatus {
  if (now - s.t > settings.offlineMinutes * 60_000) return 'offline';
  if (s.moving) return 'moving';
  if (s.ignition !== null) return s.ignition ? 'idle' : 'stopped';
  return now - s.since < settings.trip.minParkingDurationS * 1000 ? 'idle' : 'stopped';
}

export class HistoryService {
  constructor(
    private readonly c: FleetContext,
    private readonly trackers: TrackersService,
    private readonly ingestor: Ingestor,
    private readonly settings: () => FleetSettings,
  ) {}

  async live(): Promise<LivePosition[]> {
    const [vehicles, drivers, current] = await Promise.all([
      this.c.routing.vehicles(),
      this.c.routing.drivers(),
      currentDrivers(this.c.db),
    ]);
    const byId = new Map(vehicles.map((v) => [v.id, v]));
    const driverNames = new Map(drivers.map((d) => [d.id, d.name]));
    const now = this.c.now();
    const settings = this.settings();
    return this.trackers.all().flatMap((t): LivePosition[] => {
      const s = this.ingestor.state(t.key);
      if (!s || !t.enabled) return [];
      const v = t.vehicleId ? byId.get(t.vehicleId) : undefined;
      const driverId = t.vehicleId ? current.get(t.vehicleId) : undefined;
      return [
        {
          trackerId: t.id,
          vehicleId: t.vehicleId,
          name: v?.name ?? (t.name || t.uid),
          plate: v?.plate ?? '',
          at: s.t,
          lat: s.lat,
          lon: s.lon,
          speedKmh: s.speed,
          course: s.course,
          accuracyM: s.acc,
          battery: s.batt,
          status: liveStatus(s, now, settings),
          since: s.since,
          driverName: driverId ? (driverNames.get(driverId) ?? null) : null,
        },
      ];
    });
  }

  async replay(vehicleIds: string[], from: number, to: number): Promise<ReplayTrack[]> {
    const vehicles = new Map((await this.c.routing.vehicles()).map((v) => [v.id, v]));
    const keys = vehicleIds.flatMap((id) => {
      const t = this.trackers.ofVehicle(id);
      return t ? [t.key] : [];
    });
    const packed = await packedTracks(this.c.db, keys, from, to);
    return vehicleIds.map((id) => {
      const t = this.trackers.ofVehicle(id);
      const v = vehicles.get(id);
      return {
        vehicleId: id,
        name: v?.name ?? '',
        plate: v?.plate ?? '',
        from,
        packed: t ? (packed.get(t.key) ?? '') : '',
      };
    });
  }

  /** Each vehicle's trips, stops and distance on a site-local day (trips are cut at midnight). */
  async trips(date: string, vehicleIds?: string[]): Promise<VehicleDay[]> {
    const { start, end } = dayBounds(date, this.c.timeZone);
    const wanted = vehicleIds ? new Set(vehicleIds) : null;
    const vehicles = (await this.c.routing.vehicles()).filter((v) => (wanted ? wanted.has(v.id) : v.active));
    const tracked = vehicles.flatMap((v) => {
      const t = this.trackers.ofVehicle(v.id);
      return t ? [{ v, key: t.key }] : [];
    });
    const packed = await packedTracks(
      this.c.db,
      tracked.map((x) => x.key),
      start,
      end,
    );
    const rules = this.settings().trip;
    return tracked.map(({ v, key }) => {
      const { trips, stops, distanceKm } = detectTrips(decodeTrack(packed.get(key) ?? '', start), rules);
      return {
        vehicleId: v.id,
        name: v.name,
        plate: v.plate,
        date,
        trips,
        stops,
        distanceKm,
        drivingMin: trips.reduce((s, t) => s + t.durationMin, 0),
        stoppedMin: stops.reduce((s, t) => s + t.durationMin, 0),
        maxSpeedKmh: trips.reduce((m, t) => Math.max(m, t.maxSpeedKmh), 0),
      };
    });
  }
}
