/** A sync server (or two on one database) with a demo tenant and users of every role. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import type { Door, Role, SyncTenant } from '@shared/contract';
import { addUser, createDemoTenant } from '../src/admin/tenants';
import { startSyncServer, type RunningSyncServer } from '../src/server';
import { usePostgres } from './postgres';
import { workstation } from './sync-client';

export interface Fixture {
  servers: RunningSyncServer[];
  url: string;
  databaseUrl: string;
  tenant: SyncTenant;
  doors: Door[];
  passwords: Record<Role, { email: string; password: string }>;
  station(role?: Role, server?: number): ReturnType<typeof workstation>;
}

export function useSyncServer(options: { instances?: number; loginPerMinute?: number } = {}): Fixture {
  const pg = usePostgres();
  const f = { servers: [] } as unknown as Fixture;
  beforeAll(async () => {
    f.databaseUrl = await pg.database();
    for (let i = 0; i < (options.instances ?? 1); i++)
      f.servers.push(
        await startSyncServer({ databaseUrl: f.databaseUrl, loginPerMinute: options.loginPerMinute ?? 1000, log: () => undefined }),
      );
    f.url = f.servers[0]!.url;
    const { tenant, doors } = await createDemoTenant(f.servers[0]!.db, `demo-${randomUUID().slice(0, 6)}`);
    f.tenant = tenant;
    f.doors = doors;
    f.passwords = {} as Fixture['passwords'];
    for (const role of ['admin', 'dispatcher', 'operator', 'viewer'] as const) {
      const email = `${role}@test.loadstar`;
      const { password } = await addUser(f.servers[0]!.db, tenant.id, { email, name: `${role[0]!.toUpperCase()}${role.slice(1)} user`, role });
      f.passwords[role] = { email, password };
    }
    f.station = (role = 'operator', server = 0) =>
      workstation(f.servers[server]!.url, tenant.slug, f.passwords[role].email, f.passwords[role].password);
  }, 60_000);
  afterAll(async () => {
    for (const s of f.servers) await s.close();
  });
  return f;
}
