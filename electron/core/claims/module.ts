import type { DomainModule, ModuleDeps } from '../domain-module';
import type { DockPort } from '../dock/port';
import type { ClientMutator } from '../sync/types';
import { ClaimsService } from './claims-service';
import { claimsEntities } from './sync-entities';

/** Claims and receiving with evidence: from a damaged pallet at the dock to a paid claim. */
/** `dock` is the dock's port, wired by the kernel (claims reads appointments only through it). */
export function createClaimsModule(deps: ModuleDeps, dock: DockPort): DomainModule & { service: ClaimsService } {
  const { db, site, events } = deps;
  const service = new ClaimsService({
    db,
    files: deps.files,
    dock,
    // Read on each use: joining a tenant gives the site the tenant's zone.
    get timeZone() {
      return site.timeZone;
    },
    siteName: () => site.name,
    now: deps.now,
    onChanged: (change) => events.emit('claims.changed', change),
  });
  const handlers: DomainModule['handlers'] = {
    'claims.list': (input) => service.list(input),
    'claims.get': (input) => service.get(input.id),
    'claims.create': (input, ctx) => service.create(input, ctx),
    'claims.update': (input, ctx) => service.update(input, ctx),
    'claims.transition': (input, ctx) => service.transition(input, ctx),
    'claims.addNote': (input, ctx) => service.addNote(input, ctx),
    'claims.attach': (input, ctx) => service.attach(input, ctx),
    'claims.detach': (input, ctx) => service.detach(input, ctx),
    'claims.deadlinesDue': (input) => service.deadlinesDue(input.days),
    'claims.report': () => service.report(),
    'claims.packet': (input) => service.packet(input.id),
    'claims.exportAll': () => service.exportAll(),
    'claims.attachment': (input) => service.attachmentData(input.id, input.fileId),
    'claims.receiptFor': (input) => service.receiptFor(input.appointmentId),
    'claims.startReceiving': (input, ctx) => service.startReceiving(input, ctx),
    'claims.setExpected': (input, ctx) => service.setExpected(input, ctx),
    'claims.recordPallet': (input, ctx) => service.recordPallet(input, ctx),
    'claims.removePallet': (input, ctx) => service.removePallet(input, ctx),
    'claims.finishReceiving': (input, ctx) => service.finishReceiving(input, ctx),
  };
  const mutators = Object.fromEntries(
    Object.entries(service.mutators).map(([name, run]): [string, ClientMutator] => [name, (tx, args) => run(tx, args)]),
  );
  return {
    service,
    handlers,
    sync: {
      mutators,
      entities: claimsEntities(),
      changed: () => events.emit('claims.changed', { claimIds: [], receiptIds: [] }),
    },
    answeredByWrite: [
      'claims.create',
      'claims.update',
      'claims.transition',
      'claims.addNote',
      'claims.attach',
      'claims.detach',
      'claims.startReceiving',
      'claims.setExpected',
      'claims.recordPallet',
      'claims.removePallet',
      'claims.finishReceiving',
    ],
  };
}
