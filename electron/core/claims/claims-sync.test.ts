import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttentionItem, Claim, ClaimView } from '@shared/contract';
import { atMinuteOfDay } from '@shared/domain/time';
import { FaultProxy } from '../../../scripts/lib/fault-proxy';
import { useSyncServer } from '../../../server/test/fixture';
import { call, join, settled, waitForStatus } from '../sync/test-support';
import { useTestCore } from '../testing';

const f = useSyncServer();
const newCore = useTestCore();
const TZ = 'Europe/Stockholm';
const FAST = { periodicMs: 60_000, backoff: { initialMs: 50, maxMs: 200 } };
const proxies: FaultProxy[] = [];
afterEach(async () => {
  for (const p of proxies.splice(0)) await p.close();
});

async function station(role: 'operator' | 'dispatcher' = 'operator') {
  const proxy = new FaultProxy({ host: '127.0.0.1', port: f.servers[0]!.port });
  await proxy.start();
  proxies.push(proxy);
  const core = await newCore({ timeZone: TZ, now: () => atMinuteOfDay('2031-09-14', 600, TZ), sync: FAST });
  await join(core, proxy.url, { tenant: f.tenant.slug, ...f.passwords[role] });
  return Object.assign(core, { proxy });
}

const claimInput = {
  type: 'damage_apparent',
  carrierName: 'SAS Cargo',
  regime: 'montreal',
  country: 'SE',
  deliveredOn: '2031-09-12',
  shipmentRef: 'AWB 117-12345675',
  currency: 'EUR',
  lines: [{ description: 'Spare parts', quantity: 1, unitValueMinor: 98_000 }],
};

describe('claims through the sync server', () => {
  it('a claim made on one workstation reaches another, and the server refuses a transition the lifecycle forbids', async () => {
    const a = await station('dispatcher');
    const b = await station();
    const claim = await call<Claim>(a, 'claims.create', claimInput);
    await call(a, 'claims.transition', { id: claim.id, to: 'filed' });
    const s1 = await settled(a);
    await settled(b, s1.cursor);
    const onB = await call<ClaimView>(b, 'claims.get', { id: claim.id });
    expect(onB).toMatchObject({ number: claim.number, status: 'filed', claimedMinor: 98_000, filedOn: '2031-09-14' });
    expect(onB.history.map((h) => h.to)).toEqual(['draft', 'filed']);
    // The server holds the same record.
    const pgc = new pg.Client({ connectionString: f.databaseUrl });
    await pgc.connect();
    try {
      const row = await pgc.query<{ data: Claim }>("SELECT data FROM entities WHERE entity = 'claim' AND id = $1", [claim.id]);
      expect(row.rows[0]!.data).toMatchObject({ status: 'filed', carrierName: 'SAS Cargo', history: onB.history });
    } finally {
      await pgc.end();
    }

    // B, offline, acknowledges; meanwhile A records the carrier's denial. Denied cannot become
    // acknowledged: the server refuses B's change and B sees the denial.
    b.proxy.setDown(true);
    await call(b, 'claims.transition', { id: claim.id, to: 'acknowledged' });
    await waitForStatus(b, (s) => s.state === 'offline' && s.pending === 1);
    await call(a, 'claims.transition', { id: claim.id, to: 'denied', denialReason: 'late_notice' });
    const s2 = await settled(a);
    b.proxy.setDown(false);
    const sb = await settled(b, s2.cursor);
    expect(sb.attention).toBe(1);
    const [item] = await call<AttentionItem[]>(b, 'sync.listAttention', {});
    expect(item).toMatchObject({ kind: 'rejected', name: 'claims.transition', code: 'conflict' });
    expect(await call<ClaimView>(b, 'claims.get', { id: claim.id })).toMatchObject({
      status: 'denied',
      denial: { reason: 'late_notice' },
    });
  });
});
