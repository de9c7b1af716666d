/**
 * Setting up a tenant from the server side: its first users, and (for a trial) the demo
 * warehouse's doors and carriers, written with the same dock rules the workstations use.
 */
import { randomUUID } from 'node:crypto';
import type { Door, DoorDirection, DoorEquipment, Role, SyncTenant, SyncUser } from '@shared/contract';
import * as dock from '@shared/domain/dock/mutators';
import demo from '../../../resources/demo/nordic-dc.json';
import { createTenant, createUser } from '../auth/accounts';
import { newPassword } from '../auth/secrets';
import { inTenant, type Db } from '../db/pool';
import { pgDockStore } from '../mutators/dock';
import { EntityStore } from '../sync/entity-store';

/** Runs `work` as one server-side change of the tenant (its own version, authored by `by`). */
export async function serverChange<T>(
  db: Db,
  tenantId: string,
  by: string,
  work: (store: EntityStore) => Promise<T>,
): Promise<T> {
  return inTenant(db, tenantId, async (tx) => {
    const version = (
      await tx.query<{ v: number }>('UPDATE tenants SET version = version + 1 WHERE id = current_tenant() RETURNING version AS v')
    ).rows[0]!.v;
    return work(new EntityStore(tx, version, { clientId: '00000000-0000-0000-0000-000000000000', userId: by, name: by, at: Date.now() }));
  });
}

export async function addUser(
  db: Db,
  tenantId: string,
  u: { email: string; name: string; role: Role; password?: string },
): Promise<{ user: SyncUser; password: string }> {
  const password = u.password ?? newPassword();
  return { user: await createUser(db, tenantId, { ...u, password }), password };
}

/** The demo warehouse's doors and carriers (no appointments: those come from the workstations). */
export async function seedDemoDock(db: Db, tenant: SyncTenant): Promise<Door[]> {
  return serverChange(db, tenant.id, 'Loadstar demo', async (store) => {
    const s = pgDockStore(store);
    const env = { timeZone: tenant.timeZone, now: Date.now() };
    const doors: Door[] = [];
    for (const d of demo.doors) {
      doors.push(
        await dock.createDoor(s, env, {
          resultId: randomUUID(),
          name: d.name,
          direction: d.direction as DoorDirection,
          equipment: d.equipment as DoorEquipment[],
          opensAt: d.hours[0]!,
          closesAt: d.hours[1]!,
        }),
      );
    }
    for (const name of demo.carriers) await s.insertCarrier({ id: randomUUID(), name }, env.now);
    return doors;
  });
}

export async function createDemoTenant(db: Db, slug = 'demo') {
  const tenant = await createTenant(db, { slug, name: demo.site.name, timeZone: demo.site.timeZone });
  const doors = await seedDemoDock(db, tenant);
  const admin = await addUser(db, tenant.id, { email: 'admin@demo.loadstar', name: 'Demo admin', role: 'admin' });
  return { tenant, admin, doors };
}
