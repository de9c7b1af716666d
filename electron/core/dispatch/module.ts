import type { DomainModule, ModuleDeps } from '../domain-module';
import type { DockPort } from '../dock/port';
import type { CallContext } from '../router';
import type { RoutingPort } from '../routing/port';
import type { ClientMutator } from '../sync/types';
import { DispatchEngine, type DispatchOptions } from './engine';
import { dispatchEntities } from './sync-entities';

export interface DispatchModuleOptions extends DispatchOptions {
  /** How often offers are checked for expiry (0: never by itself; tests call `dispatch.sweep`). */
  sweepEveryMs?: number;
}

/**
 * Dispatch operations: offers of routes and orders to drivers and carriers, automatic re-offers,
 * escalation, driver availability, cancelled routes and the operations board.
 */
export function createDispatchModule(
  deps: ModuleDeps,
  ports: { routing: RoutingPort; dock: DockPort; context: () => CallContext },
  options: DispatchModuleOptions = {},
): DomainModule & { engine: DispatchEngine } {
  const engine = new DispatchEngine({
    db: deps.db,
    routing: ports.routing,
    dock: ports.dock,
    now: deps.now,
    timeZone: () => deps.site.timeZone,
    onChanged: (dates) => deps.events.emit('dispatch.changed', { dates }),
    options,
  });
  let timer: ReturnType<typeof setInterval> | undefined;
  const every = options.sweepEveryMs ?? 5000;
  const sweep = () => {
    const ctx = ports.context();
    // Joined with nobody signed in, the workstation is read-only: whoever signs in next expires them.
    if (ctx.role === 'viewer') return;
    void engine.sweep(ctx).catch((err: unknown) => deps.logger.warn('dispatch sweep failed', { error: String(err) }));
  };
  const mutators = Object.fromEntries(
    Object.entries(engine.mutators).map(([name, run]): [string, ClientMutator] => [
      name,
      (tx, args) => (run as ClientMutator)(tx, args, ports.context()),
    ]),
  );
  return {
    engine,
    handlers: {
      'dispatch.board': (input) => engine.board(input),
      'dispatch.offers': (input) => engine.offers(input.jobId),
      'dispatch.setAvailability': (input, ctx) => engine.setAvailability(input, ctx),
      'dispatch.offer': (input, ctx) => engine.offer(input, ctx),
      'dispatch.accept': (input, ctx) => engine.accept(input, ctx),
      'dispatch.decline': (input, ctx) => engine.decline(input, ctx),
      'dispatch.sweep': (_input, ctx) => engine.sweep(ctx),
      'dispatch.cancelRoute': (input, ctx) => engine.cancelRoute(input, ctx),
    },
    // These answer exactly what their step's write returned: a retry after a crash gets it back.
    answeredByWrite: ['dispatch.setAvailability', 'dispatch.offer', 'dispatch.accept', 'dispatch.decline'],
    sync: {
      mutators,
      entities: dispatchEntities(),
      changed: () => deps.events.emit('dispatch.changed', { dates: [] }),
    },
    async start() {
      if (every > 0) {
        timer = setInterval(sweep, every);
        timer.unref();
      }
    },
    async close() {
      clearInterval(timer);
    },
  };
}
