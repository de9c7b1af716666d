/**
 * Routes joined to fleet: today's dispatched routes followed live. A fix inside the arrival circle
 * of a stop marks it reached; leaving the circle marks it done. Every tick re-predicts the rest
 * and raises one "running late" alert per stop, while there is still time to call the customer.
 */
import { randomUUID } from 'node:crypto';
import type { FleetSettings, RouteLive } from '@shared/contract';
import { distanceM } from '@shared/domain/geo';
import { isoDate } from '@shared/domain/time';
import type { DispatchedRoute } from '../../routing/port';
import type { FleetContext } from '../context';
import type { Ingestor } from '../ingest/ingestor';
import type { StoredAlert } from '../store/alerts-repo';
import type { TrackerRow, TrackState } from '../store/trackers-repo';
import type { TrackersService } from '../trackers-service';
import { predictStops, type Visit } from './eta';

/** Leaving means being this much further out than the arrival radius (GPS wobble at the door). */
const LEAVE_FACTOR = 1.5;
const RELOAD_MS = 60_000;

interface DayVisits {
  date: string;
  byVehicle: Map<string, Map<string, Visit & { lateAlerted: boolean }>>;
}

export class RouteTracker {
  private routes: DispatchedRoute[] = [];
  private visits: DayVisits = { date: '', byVehicle: new Map() };
  private loadedAt = 0;
  private roadFactor = 1.3;

  constructor(
    private readonly c: FleetContext,
    private readonly trackers: TrackersService,
    private readonly ingestor: Ingestor,
    private readonly settings: () => FleetSettings,
    private readonly raise: (alert: StoredAlert) => void,
  ) {}

  /** The next refresh reloads the routes (route planning changed something). */
  invalidate(): void {
    this.loadedAt = -Infinity;
  }

  /** Reloads today's routes when the day turned, after `invalidate`, or once a minute. */
  async refresh(force = false): Promise<void> {
    const now = this.c.now();
    const date = isoDate(now, this.c.timeZone);
    if (!force && date === this.visits.date && now - this.loadedAt < RELOAD_MS) return;
    this.loadedAt = now;
    this.roadFactor = await this.c.routing.roadFactor();
    this.routes = await this.c.routing.dispatchedRoutes(date);
    if (date !== this.visits.date) this.visits = { date, byVehicle: await this.loadVisits(date) };
  }

  private async loadVisits(date: string): Promise<DayVisits['byVehicle']> {
    const rows = await this.c.db.all<{
      vehicle_id: string;
      order_id: string;
      arrived_at: number | null;
      departed_at: number | null;
      late_alerted: number;
    }>(
      'SELECT vehicle_id, order_id, arrived_at, departed_at, late_alerted FROM fleet_stop_visits WHERE date = ?',
      [date],
    );
    const out: DayVisits['byVehicle'] = new Map();
    for (const r of rows) {
      if (!out.has(r.vehicle_id)) out.set(r.vehicle_id, new Map());
      out.get(r.vehicle_id)!.set(r.order_id, {
        arrivedAt: r.arrived_at,
        departedAt: r.departed_at,
        lateAlerted: r.late_alerted === 1,
      });
    }
    return out;
  }

  private visitsOf(vehicleId: string) {
    let m = this.visits.byVehicle.get(vehicleId);
    if (!m) {
      m = new Map();
      this.visits.byVehicle.set(vehicleId, m);
    }
    return m;
  }

  onFix(tracker: TrackerRow, state: TrackState): void {
    if (!tracker.vehicleId) return;
    const route = this.routes.find((r) => r.vehicleId === tracker.vehicleId);
    if (!route) return;
    const radius = this.settings().arrivalRadiusM;
    const visits = this.visitsOf(tracker.vehicleId);
    for (const stop of route.stops) {
      const v = visits.get(stop.orderId) ?? { arrivedAt: null, departedAt: null, lateAlerted: false };
      if (v.departedAt) continue;
      const d = distanceM(state.lat, state.lon, stop.lat, stop.lon);
      if (!v.arrivedAt && d <= radius) v.arrivedAt = state.t;
      else if (v.arrivedAt && d > radius * LEAVE_FACTOR) v.departedAt = state.t;
      else continue;
      visits.set(stop.orderId, v);
      this.persist(tracker.vehicleId, stop.orderId, v);
    }
  }

  private persist(vehicleId: string, orderId: string, v: Visit & { lateAlerted: boolean }): void {
    const date = this.visits.date;
    this.ingestor.addSideWrite({
      write: (tx) =>
        tx
          .run(
            `INSERT INTO fleet_stop_visits (date, vehicle_id, order_id, arrived_at, departed_at, late_alerted) VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (date, vehicle_id, order_id) DO UPDATE SET arrived_at = excluded.arrived_at,
               departed_at = excluded.departed_at, late_alerted = excluded.late_alerted`,
            [date, vehicleId, orderId, v.arrivedAt, v.departedAt, v.lateAlerted ? 1 : 0],
          )
          .then(() => undefined),
      after: () => this.c.events.emit('fleet.changed', { parts: ['routes'] }),
    });
  }

  /** Re-predicts every route and raises "running late" once per stop. */
  tick(): void {
    for (const live of this.predict()) {
      const route = this.routes.find((r) => r.vehicleId === live.vehicleId)!;
      const tracker = this.trackers.ofVehicle(live.vehicleId);
      if (!tracker || !live.position) continue;
      const visits = this.visitsOf(live.vehicleId);
      for (const stop of live.stops) {
        if (!stop.late) continue;
        const v = visits.get(stop.orderId) ?? { arrivedAt: null, departedAt: null, lateAlerted: false };
        if (v.lateAlerted) continue;
        v.lateAlerted = true;
        visits.set(stop.orderId, v);
        this.persist(live.vehicleId, stop.orderId, v);
        const deadline = stop.windowEnd ?? stop.plannedAt;
        this.raise({
          id: randomUUID(),
          kind: 'late',
          ruleId: null,
          tracker: tracker.key,
          vehicleId: route.vehicleId,
          geofenceId: null,
          at: this.c.now(),
          lat: live.position.lat,
          lon: live.position.lon,
          value: Math.max(1, Math.round((stop.etaAt! - deadline) / 60_000)),
          reference: stop.reference,
        });
      }
    }
  }

  private predict(): RouteLive[] {
    const now = this.c.now();
    const s = this.settings();
    return this.routes.map((route) => {
      const tracker = this.trackers.ofVehicle(route.vehicleId);
      const state = tracker ? this.ingestor.state(tracker.key) : undefined;
      const position = state ? { at: state.t, lat: state.lat, lon: state.lon } : null;
      const stops = predictStops(route, this.visitsOf(route.vehicleId), position, now, {
        roadFactor: this.roadFactor,
        lateToleranceMin: s.lateToleranceMin,
      });
      return {
        vehicleId: route.vehicleId,
        vehicleName: route.vehicleName,
        driverName: route.driverName,
        trackerId: tracker?.id ?? null,
        position,
        path: route.path,
        stops,
        done: stops.filter((x) => x.state === 'done').length,
        lateCount: stops.filter((x) => x.late).length,
      };
    });
  }

  /** The routes of a day as they stand (today's live; another day's from its stored visits). */
  async progress(date: string): Promise<RouteLive[]> {
    await this.refresh();
    if (date === this.visits.date) return this.predict();
    const routes = await this.c.routing.dispatchedRoutes(date);
    const visits = await this.loadVisits(date);
    return routes.map((route) => {
      const stops = predictStops(route, visits.get(route.vehicleId) ?? new Map(), null, this.c.now(), {
        roadFactor: this.roadFactor,
        lateToleranceMin: this.settings().lateToleranceMin,
      });
      return {
        vehicleId: route.vehicleId,
        vehicleName: route.vehicleName,
        driverName: route.driverName,
        trackerId: this.trackers.ofVehicle(route.vehicleId)?.id ?? null,
        position: null,
        path: route.path,
        stops,
        done: stops.filter((x) => x.state === 'done').length,
        lateCount: 0,
      };
    });
  }
}
