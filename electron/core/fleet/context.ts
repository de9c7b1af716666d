/** What every fleet service is given, and the one way they write: change + outbox + event. */
import { AppError } from '@shared/contract';
import type { Readable } from '../db/connection';
import type { Database, Tx } from '../db/database';
import { recordMutation } from '../db/outbox';
import type { EventBus } from '../event-bus';
import type { Logger } from '../log';
import type { CallContext } from '../router';
import type { RegisterVehicle, RoutingPort } from '../routing/port';

export interface FleetContext {
  db: Database;
  siteId: string;
  timeZone: string;
  now: () => number;
  events: EventBus;
  logger: Logger;
  routing: RoutingPort;
}

/**
 * Runs `work` in one write transaction together with its outbox row, then tells clients which
 * parts of the fleet changed. `args` is what a server replays: it carries every id and instant
 * the change creates.
 */
export async function change<T>(
  c: FleetContext,
  mutation: { name: string; args: unknown; ctx: CallContext },
  parts: string[],
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const result = await c.db
    .write(async (tx) => {
      const value = await work(tx);
      await recordMutation(tx, {
        name: mutation.name,
        args: mutation.args,
        actor: mutation.ctx.actor,
        userId: mutation.ctx.userId,
        at: c.now(),
      });
      return value;
    })
    .catch((err: unknown) => {
      // A client-made id (or another unique value) that is already taken: the caller's mistake,
      // said as such, not an internal error.
      if (
        (err as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT' &&
        /UNIQUE|PRIMARY KEY/.test(String(err))
      )
        throw new AppError(
          'conflict',
          'A record with this id already exists. Send it without an id, or with a new one.',
          {
            reason: 'id_taken',
          },
        );
      throw err;
    });
  // The sync module hears every `*.changed` event: it pushes the change and updates the count.
  c.events.emit('fleet.changed', { parts });
  return result;
}

/** The register's vehicle, or the refusal every fleet change gives when it is gone. */
export async function requireVehicle(
  c: FleetContext,
  db: Readable,
  id: string,
  field?: string,
): Promise<RegisterVehicle> {
  const v = await c.routing.vehicle(id, db);
  if (!v)
    throw new AppError(
      'not_found',
      'That vehicle no longer exists. Refresh the list.',
      field ? { field } : undefined,
    );
  return v;
}
