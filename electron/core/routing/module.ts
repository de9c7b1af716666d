import { AppError, type PdfDocument } from '@shared/contract';
import type { DomainModule, ModuleDeps } from '../domain-module';
import type { PlanningContext } from './planning/context';
import { seedRoutingDemo } from './planning/demo-seed';
import * as fleet from './planning/fleet-repo';
import { FleetService } from './planning/fleet-service';
import { ImportService } from './planning/import/import-service';
import { OrdersService } from './planning/orders-service';
import { Optimizer, type OptimizerOptions } from './planning/optimizer';
import type { PdfContext } from './planning/pdf';
import { PlanService } from './planning/plan-service';
import { WorkerEvaluator } from './planning/evaluator';
import { latestDispatched } from './planning/plans-repo';
import { readSettings } from './planning/settings';
import { TileService } from './planning/tiles';
import { createRoutingPort, type RoutingPort } from './port';
import { routingEntities } from './sync-entities';
import type { ClientMutator } from '../sync/types';

export interface RoutingModuleOptions {
  optimizer?: OptimizerOptions;
  tileFetchTimeoutMs?: number;
}

/** The routing domain: orders, fleet, import, optimisation, plans, printouts and map tiles. */
export function createRoutingModule(
  deps: ModuleDeps,
  options: RoutingModuleOptions = {},
): DomainModule & { port: RoutingPort } {
  const c: PlanningContext = {
    db: deps.db,
    siteId: deps.site.id,
    // Read on each use: joining a tenant gives the site the tenant's zone.
    get timeZone() {
      return deps.site.timeZone;
    },
    now: deps.now,
    events: deps.events,
    logger: deps.logger,
    dataDir: deps.dataDir,
  };
  const orders = new OrdersService(c);
  const fleetService = new FleetService(c);
  const imports = new ImportService(c, deps.files);
  const evaluator = new WorkerEvaluator(deps.logger);
  const plans = new PlanService(c, evaluator);
  const optimizer = new Optimizer(c, plans, options.optimizer);
  const tiles = new TileService({
    dataDir: deps.dataDir,
    logger: deps.logger,
    now: deps.now,
    fetchTimeoutMs: options.tileFetchTimeoutMs,
  });

  // pdf-lib is loaded on the first printout, not at every core start (a restart is faster).
  const pdfWriter = () => import('./planning/pdf');

  /** Printouts come from the latest dispatched version: what the drivers were given. */
  const printContext = async (date: string): Promise<PdfContext> => {
    const v = await latestDispatched(deps.db, deps.site.id, date);
    if (!v)
      throw new AppError(
        'conflict',
        `The plan for ${date} has not been dispatched yet. Dispatch it, then print.`,
      );
    const [orderList, drivers, vehicles] = await Promise.all([
      fleet.listOrders(deps.db, deps.site.id, date),
      fleet.listDrivers(deps.db, deps.site.id, date, true),
      fleet.listVehicles(deps.db, deps.site.id, date, true),
    ]);
    return {
      plan: v.plan,
      orders: new Map(orderList.map((o) => [o.id, o])),
      timeZone: deps.site.timeZone,
      siteName: deps.site.name,
      drivers: new Map(drivers.map((d) => [d.id, d])),
      vehicles: new Map(vehicles.map((x) => [x.id, x])),
    };
  };

  /** Plan changes wait for the day's optimisation (see Optimizer.assertIdle). */
  const idle =
    <I extends { date: string }, C, R>(fn: (input: I, ctx: C) => Promise<R>) =>
    async (input: I, ctx: C): Promise<R> => {
      optimizer.assertIdle(input.date);
      return fn(input, ctx);
    };

  const handlers: DomainModule['handlers'] = {
    'routes.getSettings': () => fleetService.settings(),
    'routes.updateSettings': async (input, ctx) => {
      const s = await fleetService.updateSettings(input, ctx);
      if (input.tileUrl !== undefined) tiles.resetOffline();
      return s;
    },
    'routes.listOrders': (input) => orders.list(input.date),
    'routes.createOrder': (input, ctx) => orders.create(input, ctx),
    'routes.updateOrder': (input, ctx) => orders.update(input, ctx),
    'routes.deleteOrder': (input, ctx) => orders.remove(input.id, ctx),
    'routes.importPreview': (input) => imports.preview(input),
    'routes.importCommit': (input, ctx) => imports.commit(input, ctx),
    'routes.listVehicles': (input) => fleetService.listVehicles(input.date, input.includeInactive),
    'routes.createVehicle': (input, ctx) => fleetService.createVehicle(input, ctx),
    'routes.updateVehicle': (input, ctx) => fleetService.updateVehicle(input, ctx),
    'routes.listDrivers': (input) => fleetService.listDrivers(input.date, input.includeInactive),
    'routes.createDriver': (input, ctx) => fleetService.createDriver(input, ctx),
    'routes.updateDriver': (input, ctx) => fleetService.updateDriver(input, ctx),
    'routes.setAvailability': (input, ctx) => fleetService.setAvailability(input, ctx),
    'routes.optimize': (input, ctx) => optimizer.start(input, ctx),
    'routes.cancelOptimize': async (input) => optimizer.cancel(input.runId),
    'routes.optimizeStatus': async (input) => optimizer.status(input.date),
    'routes.getPlan': (input) => plans.getPlan(input.date),
    'routes.evaluate': (input) => plans.evaluate(input),
    'routes.updatePlan': idle((input, ctx) => plans.update(input, ctx)),
    'routes.lockRoute': idle((input, ctx) => plans.lockRoute(input, ctx)),
    'routes.clearPlan': idle((input, ctx) => plans.clear(input.date, ctx)),
    'routes.savePlan': (input, ctx) => plans.save(input, ctx),
    'routes.listVersions': (input) => plans.listVersions(input.date),
    'routes.loadVersion': idle((input, ctx) => plans.loadVersion(input, ctx)),
    'routes.dispatch': idle((input, ctx) => plans.dispatch(input, ctx)),
    'routes.routeSheetPdf': async (input): Promise<PdfDocument> => {
      const pc = await printContext(input.date);
      if (input.driverId && !pc.plan.routes.some((r) => r.driverId === input.driverId && r.stops.length))
        throw new AppError('not_found', 'That driver has no route in the dispatched plan.');
      return (await pdfWriter()).routeSheets(pc, input.driverId);
    },
    'routes.loadListPdf': async (input) => (await pdfWriter()).loadList(await printContext(input.date)),
    'map.tile': async (input) => tiles.tile((await readSettings(deps.db)).tileUrl, input.z, input.x, input.y),
  };

  return {
    handlers,
    answeredByWrite: [
      'routes.createOrder',
      'routes.updateOrder',
      'routes.deleteOrder',
      'routes.createVehicle',
      'routes.updateVehicle',
      'routes.createDriver',
      'routes.updateDriver',
      'routes.setAvailability',
      'routes.updateSettings',
      'routes.savePlan',
      'routes.dispatch',
    ],
    sync: {
      mutators: Object.fromEntries(
        Object.entries(fleetService.mutators).map(([name, run]): [string, ClientMutator] => [
          name,
          (tx, args) => run(tx, args),
        ]),
      ),
      entities: routingEntities(deps.site.id, deps.now),
      changed: () => deps.events.emit('routes.changed', { dates: [] }),
    },
    /** What other domains may read of route planning (fleet tracking's vehicle register). */
    port: createRoutingPort(deps.db, deps.site.id, deps.site.timeZone, deps.now),
    async start() {
      if (deps.demo && (await seedRoutingDemo(deps.db, deps.site.id, deps.site.timeZone, deps.now())))
        deps.logger.info('seeded routing demo data');
    },
    close: async () => {
      await optimizer.close();
      await evaluator.close();
    },
  };
}
