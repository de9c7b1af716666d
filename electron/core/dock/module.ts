import type { DoorIo, ScanRecord } from '@shared/contract';
import type { DomainModule, ModuleDeps } from '../domain-module';

/** A scan that looks like a gate pass; anything else is for the station, not the dock. */
const GATE_PASS_SCAN = /^GP[0-9A-F]{12}(-\d{6})?$/i;
import type { ClientMutator } from '../sync/types';
import { DockService } from './dock-service';
import { DockSensors } from './sensors';
import { dockEntities } from './sync-entities';

/** The dock schedule: doors, carriers and appointments. */
export function createDockModule(deps: ModuleDeps): DomainModule {
  const { db, site, events } = deps;
  const dock = new DockService({
    db,
    siteId: site.id,
    // Read on each use: joining a tenant gives the site the tenant's zone.
    get timeZone() {
      return site.timeZone;
    },
    now: deps.now,
    onChanged: (dates) => {
      events.emit('dock.changed', { dates });
    },
  });

  const sensors = new DockSensors({
    db,
    events,
    logger: deps.logger,
    now: deps.now,
    dock,
    localContext: () => deps.localContext(),
    notAtDoorMin: notAtDoorMinutes(),
  });
  let stopListening: (() => void) | undefined;
  let ticker: ReturnType<typeof setInterval> | undefined;
  const handlers: DomainModule['handlers'] = {
    'dock.listDoors': (input) => dock.listDoors(input.includeInactive),
    'dock.createDoor': (input, ctx) => dock.createDoor(input, ctx),
    'dock.updateDoor': (input, ctx) => dock.updateDoor(input, ctx),
    'dock.setDoorActive': (input, ctx) => dock.setDoorActive(input, ctx),
    'dock.listCarriers': () => dock.listCarriers(),
    'dock.listAppointments': (input) => dock.listAppointments(input.date, input.includeCancelled),
    'dock.bookAppointment': (input, ctx) => dock.book(input, ctx),
    'dock.moveAppointment': (input, ctx) => dock.move(input, ctx),
    'dock.updateAppointment': (input, ctx) => dock.update(input, ctx),
    'dock.cancelAppointment': (input, ctx) => dock.cancel(input, ctx),
    'dock.findFreeSlot': (input) => dock.findFreeSlot(input),
    'dock.createSeries': (input, ctx) => dock.createSeries(input, ctx),
    'dock.editSeries': (input, ctx) => dock.editSeries(input, ctx),
    'dock.cancelSeries': (input, ctx) => dock.cancelSeries(input, ctx),
    'dock.getSeries': (input) => dock.getSeries(input.id),
    'dock.advanceStage': (input, ctx) => dock.advanceStage(input, ctx),
    'dock.listAlerts': (input) => sensors.list(input.includeAcknowledged),
    'dock.acknowledgeAlert': (input, ctx) => sensors.acknowledge(input.id, ctx),
    'dock.checkInByCode': (input, ctx) => dock.checkInByCode(input, ctx),
  };
  const mutators = Object.fromEntries(
    Object.entries(dock.mutators).map(([name, run]): [string, ClientMutator] => [name, (tx, args) => run(tx, args)]),
  );
  return {
    handlers,
    sync: {
      mutators,
      entities: dockEntities(site.id, deps.now),
      changed: () => events.emit('dock.changed', { dates: [] }),
    },
    answeredByWrite: [
      'dock.createDoor',
      'dock.updateDoor',
      'dock.setDoorActive',
      'dock.bookAppointment',
      'dock.moveAppointment',
      'dock.updateAppointment',
      'dock.cancelAppointment',
      'dock.createSeries',
      'dock.editSeries',
      'dock.cancelSeries',
      'dock.advanceStage',
      'dock.acknowledgeAlert',
    ],
    // A gate pass read by any scanner (serial, simulated or keyboard wedge) checks the truck in or out.
    start: async () => {
      // "Checked in but not at its door after N minutes" needs no event: look every half minute.
      ticker = setInterval(() => void sensors.checkNotAtDoor().catch(() => undefined), 30_000);
      ticker.unref?.();
      stopListening = events.subscribe((m) => {
        if (m.event === 'devices.door') {
          void sensors.onDoor(m.payload as DoorIo);
          return;
        }
        if (m.event !== 'devices.scan') return;
        const scan = m.payload as ScanRecord;
        if (!GATE_PASS_SCAN.test(scan.raw.trim())) return;
        dock.checkInByCode({ code: scan.raw, source: 'scan', by: scan.sourceName }, deps.localContext()).then(
          (r) => events.emit('dock.gateScan', { code: r.code, ok: true, reference: r.appointment.reference, stage: r.stage }),
          (err: unknown) =>
            events.emit('dock.gateScan', {
              code: scan.raw.trim().slice(0, 64),
              ok: false,
              message: err instanceof Error ? err.message : String(err),
            }),
        );
      });
    },
    close: async () => {
      if (ticker) clearInterval(ticker);
      stopListening?.();
      await sensors.settled();
    },
  };
}

/** `LOADSTAR_DOCK_NOT_AT_DOOR_MIN` (default 15): minutes from check-in to the "not at its door" alert. */
function notAtDoorMinutes(): number {
  const n = Number(process.env.LOADSTAR_DOCK_NOT_AT_DOOR_MIN ?? 15);
  return Number.isFinite(n) && n >= 1 && n <= 24 * 60 ? n : 15;
}
