/** What every planning service is given, and the one way they write: change + outbox + event. */
import type { Database, Tx } from '../../db/database';
import { recordMutation } from '../../db/outbox';
import type { EventBus } from '../../event-bus';
import type { Logger } from '../../log';
import type { CallContext } from '../../router';

export interface PlanningContext {
  db: Database;
  siteId: string;
  timeZone: string;
  now: () => number;
  events: EventBus;
  logger: Logger;
  dataDir: string;
}

/**
 * Runs `work` in one write transaction together with its outbox row, then tells clients which
 * days changed. `args` is what sync replays: keep file contents and other bulk out of it.
 */
export async function change<T>(
  c: PlanningContext,
  mutation: { name: string; args: unknown; ctx: CallContext },
  dates: string[] | ((result: T) => string[]),
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const result = await c.db.write(async (tx) => {
    const value = await work(tx);
    await recordMutation(tx, {
      name: mutation.name,
      args: mutation.args,
      actor: mutation.ctx.actor,
      userId: mutation.ctx.userId,
      at: c.now(),
    });
    return value;
  });
  const touched = typeof dates === 'function' ? dates(result) : dates;
  c.events.emit('routes.changed', { dates: [...new Set(touched)] });
  return result;
}
