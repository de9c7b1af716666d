/**
 * Dispatch steps pushed to a real server on PostgreSQL: the shared rules run there on the
 * recorded decisions, a step that is no longer possible is refused to its author, and the roles
 * of the contract's commands guard each one.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useSyncServer } from './fixture';

const f = useSyncServer();
const T0 = Date.UTC(2031, 4, 6, 6);
const MIN = 60_000;

const driver = (name: string) => ({ kind: 'driver' as const, id: randomUUID(), name });
const newJob = (orderIds: string[]) => ({
  date: '2031-05-06',
  kind: 'route' as const,
  vehicleId: randomUUID(),
  label: 'Van 1',
  orderIds,
  zone: 'north' as const,
  depot: 'DC',
  startsAt: T0 + 60 * MIN,
});

describe('dispatch on the sync server', () => {
  it('applies offer, decline with the next offer and accept; a second accept is refused to its author', async () => {
    const a = await f.station('dispatcher');
    const b = await f.station('dispatcher');
    const [anna, bo] = [driver('Anna'), driver('Bo')];
    const jobId = randomUUID();
    const first = randomUUID();
    const second = randomUUID();
    const orders = [randomUUID(), randomUUID()];
    const r = await a.push([
      a.mutation('dispatch.setAvailability', { driverId: anna.id, state: 'available', at: T0 }),
      a.mutation('dispatch.offer', {
        jobId,
        at: T0,
        job: newJob(orders),
        next: { kind: 'offer', offerId: first, candidate: anna, expiresAt: T0 + 10 * MIN, addedMin: null },
      }),
      a.mutation('dispatch.decline', {
        offerId: first,
        reason: 'Sick',
        at: T0 + MIN,
        next: { kind: 'offer', offerId: second, candidate: bo, expiresAt: T0 + 11 * MIN, addedMin: 4.5 },
      }),
      a.mutation('dispatch.accept', { offerId: second, at: T0 + 2 * MIN }),
    ]);
    expect(r.body).toMatchObject({ lastMutationId: 4, rejections: [] });
    const rows = (await a.pull(0)).body.rows;
    const job = rows.find((x) => x.entity === 'dispatchJob' && x.id === jobId)!.data;
    expect(job).toMatchObject({ state: 'assigned', assignee: bo, failures: 1, orderIds: orders, tried: ['driver:' + anna.id, 'driver:' + bo.id] });
    expect(rows.find((x) => x.entity === 'dispatchOffer' && x.id === first)!.data).toMatchObject({ state: 'declined', reason: 'Sick' });
    expect(rows.find((x) => x.entity === 'driverStatus' && x.id === anna.id)!.data).toMatchObject({ state: 'available' });

    // Another workstation, offline meanwhile, had the same offer accepted: refused, nothing changed.
    const late = await b.push([b.mutation('dispatch.accept', { offerId: second, at: T0 + 3 * MIN })]);
    expect(late.body.rejections).toHaveLength(1);
    expect(late.body.rejections[0]).toMatchObject({ name: 'dispatch.accept', code: 'conflict', details: { reason: 'offer_accepted' } });
    // An expiry noticed by a second workstation after the first expired it is a no-op, not a refusal.
    const exp = await b.push([
      b.mutation('dispatch.expire', { offerId: first, at: T0 + 20 * MIN, next: { kind: 'escalate', reason: 'too_many_failures' } }),
    ]);
    expect(exp.body.rejections).toEqual([]);
    const again = (await a.pull(0)).body.rows.find((x) => x.entity === 'dispatchJob' && x.id === jobId)!.data;
    expect(again).toMatchObject({ state: 'assigned', assignee: bo });
  });

  it('cancels a route into another one, and refuses a cancellation whose orders do not match', async () => {
    const s = await f.station('dispatcher');
    const [j1, j2] = [randomUUID(), randomUUID()];
    const [o1, o2, o3] = [randomUUID(), randomUUID(), randomUUID()];
    const offer = (jobId: string, orderIds: string[]) =>
      s.mutation('dispatch.offer', {
        jobId,
        at: T0,
        job: newJob(orderIds),
        next: { kind: 'offer', offerId: randomUUID(), candidate: driver('X'), expiresAt: T0 + MIN, addedMin: null },
      });
    const bad = {
      jobId: j1,
      reason: 'Ill',
      at: T0 + MIN,
      moves: [{ orderId: o1, toJobId: j2, position: 0 }],
      unassigned: [],
    };
    const good = {
      ...bad,
      moves: [{ orderId: o1, toJobId: j2, position: 1 }],
      unassigned: [{ orderId: o2, jobId: randomUUID(), reasonCode: 'does_not_fit', message: 'No room', label: 'SO-2' }],
    };
    const r = await s.push([offer(j1, [o1, o2]), offer(j2, [o3]), s.mutation('dispatch.cancelRoute', bad), s.mutation('dispatch.cancelRoute', good)]);
    expect(r.body.rejections).toHaveLength(1);
    expect(r.body.rejections[0]).toMatchObject({ mutationId: 3, code: 'conflict', details: { reason: 'orders_changed' } });
    const rows = (await s.pull(0)).body.rows.filter((x) => x.entity === 'dispatchJob');
    const byId = new Map(rows.map((x) => [x.id, x.data]));
    expect(byId.get(j1)).toMatchObject({ state: 'cancelled', orderIds: [] });
    expect(byId.get(j2)).toMatchObject({ orderIds: [o3, o1] });
    expect(byId.get(good.unassigned[0]!.jobId)).toMatchObject({ state: 'unassigned', orderIds: [o2], reasonCode: 'does_not_fit' });
  });

  it('takes dispatch steps only from dispatchers and admins, per the contract', async () => {
    const op = await f.station('operator');
    const r = await op.push([op.mutation('dispatch.setAvailability', { driverId: randomUUID(), state: 'on_break', at: T0 })]);
    expect(r.body.rejections[0]).toMatchObject({ code: 'forbidden' });
  });
});
