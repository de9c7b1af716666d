import type { DomainModule, ModuleDeps } from '../domain-module';
import type { Handlers } from '../router';
import type { OrdersForLabels } from '../routing/port';
import { DevicesRuntime, type DevicesTuning } from './service/devices-runtime';

type DevicesHandlers = Pick<Handlers, Extract<keyof Handlers, `devices.${string}` | `station.${string}`>>;

/** The devices domain's commands and background work (spoolers, polling, scanners, simulators). */
export function createDevicesModule(
  deps: ModuleDeps,
  orders: OrdersForLabels,
  tuning: DevicesTuning = {},
): DomainModule {
  const rt = new DevicesRuntime(deps, orders, tuning);
  const handlers: DevicesHandlers = {
    'devices.overview': () => rt.overview(),
    'devices.listTemplates': async () => rt.labels.templates(),

    'devices.listPrinters': (input) => rt.printers.list(input.includeInactive),
    'devices.createPrinter': (input, ctx) => rt.printers.create(input, ctx.actor),
    'devices.updatePrinter': ({ id, ...changes }, ctx) => rt.printers.update(id, changes, ctx.actor),
    'devices.setPrinterActive': (input, ctx) => rt.printers.setActive(input.id, input.active, ctx.actor),
    'devices.testPrinter': (input) => rt.printers.test(input.id),
    'devices.testPrint': (input, ctx) => rt.labels.testPrint(input.id, ctx.actor),
    'devices.print': (input, ctx) => rt.labels.print(input, ctx.actor),
    'devices.listJobs': (input) => rt.labels.jobs(input),
    'devices.getBatch': (input) => rt.spooler.batch(input.batchId),
    'devices.cancelJob': (input, ctx) => rt.spooler.cancel(input.jobId, ctx.actor),
    'devices.cancelBatch': (input, ctx) => rt.spooler.cancelBatch(input.batchId, ctx.actor),
    'devices.reprint': (input, ctx) => rt.spooler.reprint(input.jobId, ctx.actor),
    'devices.preview': (input) => rt.labels.preview(input),

    'devices.listScanners': (input) => rt.scanners.list(input.includeInactive),
    'devices.createScanner': (input, ctx) => rt.scanners.create(input, ctx.actor),
    'devices.updateScanner': ({ id, ...changes }, ctx) => rt.scanners.update(id, changes, ctx.actor),
    'devices.setScannerActive': (input, ctx) =>
      rt.scanners.update(input.id, { active: input.active }, ctx.actor),
    'devices.listSerialPorts': () => rt.scanners.ports(),
    'devices.recentScans': (input) => rt.scanners.recent(input.limit, input.source),
    'devices.submitScan': (input) => rt.scanners.submit(input.raw, input.source, 'Keyboard scanner'),
    'devices.wedgeSettings': () => rt.scanners.wedgeSettings(),
    'devices.updateWedgeSettings': (input, ctx) =>
      rt.scanners.updateWedgeSettings(definedOnly(input), ctx.actor),

    'devices.ssccSettings': () => rt.sscc.settings(),
    'devices.updateSsccSettings': (input, ctx) => rt.sscc.update(input, ctx.actor),

    'devices.listDoorIo': () => rt.doors.list(),
    'devices.listIoModules': () => rt.doors.listModules(),
    'devices.createIoModule': (input, ctx) => rt.doors.createModule(input, ctx.actor),
    'devices.wireDoor': (input, ctx) => rt.doors.wire(input, ctx.actor),
    'devices.unwireDoor': (input, ctx) => rt.doors.unwire(input.doorId, ctx.actor),
    'devices.setLights': (input, ctx) =>
      rt.doors.command(
        input.doorId,
        { kind: 'lights', inside: input.inside, outside: input.outside },
        ctx.actor,
      ),
    'devices.setRestraint': (input, ctx) =>
      rt.doors.command(input.doorId, { kind: 'restraint', engage: input.engage }, ctx.actor),
    'devices.setDoor': (input, ctx) =>
      rt.doors.command(input.doorId, { kind: 'door', open: input.open }, ctx.actor),
    'devices.setOverride': (input, ctx) =>
      rt.doors.setOverride(input.doorId, input.override, input.reason, ctx.actor),

    'devices.simulatePrinter': async (input) => {
      const state = await rt.sim().setPrinter(definedOnly(input));
      // Ask the printer now, so the status shown follows the switch at once.
      await rt.printers.refresh('sim-printer');
      return state;
    },
    'devices.simulateScan': async (input) => {
      await rt.sim().scan(input.data);
      return { written: true };
    },
    'devices.simulateDoorInput': async (input) => {
      rt.sim().setDoorInput(input.doorId, input.input, input.value);
      return rt.doors.refresh(input.doorId);
    },

    'station.scan': (input, ctx) => rt.station.scan(input, ctx.actor),
    'station.config': () => rt.station.config(),
    'station.setPrinter': (input, ctx) => rt.station.setPrinter(input.printerId, ctx.actor),
  };
  return { handlers, start: () => rt.start(), close: () => rt.close() };
}

/** Drops keys whose value is undefined (zod leaves optional keys present under exactOptionalPropertyTypes). */
function definedOnly<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
