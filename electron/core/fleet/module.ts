import type { FleetSettings } from '@shared/contract';
import type { DomainModule, ModuleDeps } from '../domain-module';
import type { RoutingPort } from '../routing/port';
import type { ClientMutator } from '../sync/types';
import { AlertEngine } from './alerts/engine';
import { AlertsService } from './alerts/alerts-service';
import { change, type FleetContext } from './context';
import { DEMO_UID_PREFIX, seedFleetDemo } from './demo-seed';
import { FuelService } from './fuel/fuel-service';
import { HistoryService } from './history-service';
import { Ingestor } from './ingest/ingestor';
import { LivePublisher } from './live-publisher';
import { MaintenanceService } from './maintenance/maintenance-service';
import { Retention } from './retention';
import { RouteTracker } from './routes/route-tracker';
import { DEFAULT_FLEET_SETTINGS, readFleetSettings, writeFleetSettings } from './settings';
import { DemoFeed } from './sim/demo-feed';
import { Sources } from './sources';
import { insertAlert, type StoredAlert } from './store/alerts-repo';
import { dropOrphanedVehicleRows, fleetEntities } from './sync-entities';
import { TrackersService } from './trackers-service';
import { VehiclesService } from './vehicles-service';

export interface FleetModuleOptions {
  /** How often the live map gets a batch. */
  publishMs?: number;
  /** How often time-driven alerts (idle, offline, running late) are checked. */
  tickMs?: number;
  /** Overrides the stored listener port (tests: 0, a free port). */
  listenerPort?: number;
}

/** Fleet tracking: position sources, the live map, replay, alerts, trips, maintenance and fuel. */
export function createFleetModule(
  deps: ModuleDeps,
  routing: RoutingPort,
  options: FleetModuleOptions = {},
): DomainModule {
  const c: FleetContext = {
    db: deps.db,
    siteId: deps.site.id,
    timeZone: deps.site.timeZone,
    now: deps.now,
    events: deps.events,
    logger: deps.logger,
    routing,
  };
  let settings: FleetSettings = structuredClone(DEFAULT_FLEET_SETTINGS);
  const current = (): FleetSettings =>
    options.listenerPort === undefined
      ? settings
      : { ...settings, listener: { ...settings.listener, port: options.listenerPort } };

  const trackers = new TrackersService(c, (key) => {
    ingestor.forget(key);
    engine.forget(key);
  });
  const raise = (alert: StoredAlert) =>
    ingestor.addSideWrite({
      write: (tx) => insertAlert(tx, alert),
      after: () =>
        void alerts
          .names()
          .then((n) => deps.events.emit('fleet.alert', n.describe(alert)))
          .catch(() => undefined),
    });
  const engine = new AlertEngine(deps.now, raise);
  const ingestor: Ingestor = new Ingestor({
    db: deps.db,
    logger: deps.logger,
    now: deps.now,
    settings: current,
    trackerByUid: (uid) => trackers.byDeviceId(uid),
    onUnknown: (fix, remote) => trackers.noteUnknown(fix, remote),
    onAccepted: (a) => {
      publisher.touched(a.tracker.key);
      engine.onFix(a.tracker, a.state, a.previous);
      routes.onFix(a.tracker, a.state);
    },
  });
  const publisher = new LivePublisher(deps.events, trackers, ingestor, current, deps.now);
  const routes = new RouteTracker(c, trackers, ingestor, current, raise);
  const reloadRules = async () => {
    engine.configure(await alerts.rules(), await alerts.geofences(), ingestor.allStates());
  };
  const alerts = new AlertsService(c, trackers, reloadRules);
  const vehicles = new VehiclesService(c, trackers, ingestor);
  const maintenance = new MaintenanceService(c, vehicles);
  const fuel = new FuelService(c);
  const history = new HistoryService(c, trackers, ingestor, current);
  const sources = new Sources({
    logger: deps.logger,
    now: deps.now,
    settings: current,
    submit: (fix, remote) => ingestor.submit(fix, remote),
    onRejected: () => void ingestor.counters.invalid++,
  });
  const retention = new Retention(
    deps.db,
    deps.logger,
    deps.now,
    () => trackers.all(),
    () => settings.retentionDays,
  );
  const timers: NodeJS.Timeout[] = [];
  const demoFeed = new DemoFeed(deps.now, (fix) => ingestor.submit(fix, 'demo'));
  let unsubscribe = () => undefined as unknown;

  const handlers: DomainModule['handlers'] = {
    'fleet.getSettings': async () => settings,
    'fleet.updateSettings': async (input, ctx) => {
      settings = await change(c, { name: 'fleet.updateSettings', args: input, ctx }, ['settings'], (tx) =>
        writeFleetSettings(tx, input),
      );
      await sources.apply();
      return settings;
    },
    'fleet.sourceStatus': async () => ({
      ...sources.status(),
      counters: { ...ingestor.counters },
      unknownDevices: trackers.unknownDevices(),
    }),
    'fleet.listTrackers': () => trackers.list(),
    'fleet.saveTracker': (input, ctx) => trackers.save(input, ctx),
    'fleet.deleteTracker': (input, ctx) => trackers.remove(input.id, ctx),
    'fleet.listVehicles': (input) => vehicles.list(input.includeInactive),
    'fleet.assignDriver': (input, ctx) => vehicles.assignDriver(input, ctx),
    'fleet.driverHistory': (input) => vehicles.history(input.vehicleId, input.limit),
    'fleet.recordMeter': (input, ctx) => vehicles.recordMeter(input, ctx),
    'fleet.live': () => history.live(),
    'fleet.replay': (input) => history.replay(input.vehicleIds, input.from, input.to),
    'fleet.trips': (input) => history.trips(input.date, input.vehicleIds),
    'fleet.listGeofences': () => alerts.geofences(),
    'fleet.saveGeofence': (input, ctx) => alerts.saveGeofence(input, ctx),
    'fleet.deleteGeofence': (input, ctx) => alerts.deleteGeofence(input.id, ctx),
    'fleet.listRules': () => alerts.rules(),
    'fleet.saveRule': (input, ctx) => alerts.saveRule(input, ctx),
    'fleet.deleteRule': (input, ctx) => alerts.deleteRule(input.id, ctx),
    'fleet.listAlerts': (input) => alerts.alerts(input),
    'fleet.acknowledgeAlerts': (input, ctx) => alerts.acknowledge(input, ctx),
    'fleet.listServiceItems': (input) => maintenance.items(input.vehicleId),
    'fleet.saveServiceItem': (input, ctx) => maintenance.saveItem(input, ctx),
    'fleet.deleteServiceItem': (input, ctx) => maintenance.deleteItem(input.id, ctx),
    'fleet.listServiceRecords': (input) => maintenance.records(input.vehicleId),
    'fleet.recordService': (input, ctx) => maintenance.record(input, ctx),
    'fleet.deleteServiceRecord': (input, ctx) => maintenance.deleteRecord(input.id, ctx),
    'fleet.listFuel': (input) => fuel.summary(input.vehicleId),
    'fleet.saveFuelEntry': (input, ctx) => fuel.save(input, ctx),
    'fleet.deleteFuelEntry': (input, ctx) => fuel.remove(input.id, ctx),
    'fleet.routeProgress': (input) => routes.progress(input.date),
  };

  const mutators = Object.fromEntries(
    Object.entries(alerts.mutators).map(([name, run]): [string, ClientMutator] => [name, (tx, args) => run(tx, args)]),
  );
  return {
    handlers,
    sync: {
      mutators,
      entities: fleetEntities(deps.site.id, deps.now),
      afterApply: dropOrphanedVehicleRows,
      changed: () => {
        // The register may have changed too (a tracker's vehicle gone), so trackers are read again.
        void Promise.all([reloadRules(), trackers.reload()]).catch((err: unknown) =>
          deps.logger.warn('reloading fleet after sync failed', { error: String(err) }),
        );
        deps.events.emit('fleet.changed', { parts: ['geofences', 'rules', 'vehicles'] });
      },
    },
    async start() {
      settings = await readFleetSettings(deps.db);
      if (deps.demo && (await seedFleetDemo(deps.db, routing, deps.site, deps.now())))
        deps.logger.info('seeded fleet demo data');
      await trackers.reload();
      await ingestor.load();
      await reloadRules();
      await routes.refresh(true);
      // A dispatch (or any plan change) is read again before the next follow-up.
      unsubscribe = deps.events.subscribe((m) => {
        if (m.event === 'routes.changed') routes.invalidate();
      });
      await sources.apply();
      timers.push(setInterval(() => publisher.publish(), options.publishMs ?? 1000));
      timers.push(
        setInterval(() => {
          engine.tick(trackers.all(), (k) => ingestor.state(k));
          void routes
            .refresh()
            .then(() => routes.tick())
            .catch((err: unknown) => deps.logger.warn('route follow-up failed', { error: String(err) }));
        }, options.tickMs ?? 15_000),
      );
      retention.start();
      if (deps.demo && process.env.LOADSTAR_SIMULATED_DEVICES !== '0') {
        const demoTrackers = trackers.all().filter((t) => t.uid.startsWith(DEMO_UID_PREFIX));
        demoFeed.start(demoTrackers, (k) => ingestor.state(k));
      }
    },
    async close() {
      unsubscribe();
      demoFeed.stop();
      for (const t of timers) clearInterval(t);
      retention.stop();
      await sources.close();
      await ingestor.close();
    },
  };
}
