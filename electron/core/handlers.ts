import { listMutations } from './db/outbox';
import { DockService } from './dock/dock-service';
import type { DomainModule, ModuleDeps } from './domain-module';

/** The app-wide commands (info, audit, sync) and the dock schedule. */
export function createAppAndDockModule(deps: ModuleDeps): DomainModule {
  const { db, site, events } = deps;
  const syncStatus = async () => {
    const row = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM outbox WHERE pushed_at IS NULL');
    return { pending: row?.n ?? 0, endpoint: null, lastPushAt: null };
  };
  const dock = new DockService({
    db,
    siteId: site.id,
    timeZone: site.timeZone,
    now: deps.now,
    onChanged: (dates) => {
      events.emit('dock.changed', { dates });
      void syncStatus().then((s) => events.emit('sync.changed', s));
    },
  });

  const handlers: DomainModule['handlers'] = {
    'app.info': async (_input, ctx) => ({
      version: deps.version,
      siteName: site.name,
      timeZone: site.timeZone,
      demo: deps.demo,
      actor: ctx.actor,
      role: ctx.role,
    }),
    'audit.list': (input) => listMutations(db, input),
    'sync.status': syncStatus,
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
  };
  return { handlers };
}
