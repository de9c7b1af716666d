import { describe, expect, it } from 'vitest';
import { useTestCore } from '../../testing';
import { api, DATE, order } from './test-support';

const start = useTestCore();

describe('orders for a day', () => {
  it('creates, lists, updates and deletes orders, each with an outbox mutation', async () => {
    const core = await start();
    const { ok } = api(core);
    const changed: string[][] = [];
    core.events.subscribe(
      (m) => m.event === 'routes.changed' && changed.push((m.payload as { dates: string[] }).dates),
    );
    const a = await ok(
      'routes.createOrder',
      order('SO-1', 57.78, 14.16, {
        timeWindows: [
          { from: '13:00', to: '16:00' },
          { from: '08:00', to: '10:00' },
        ],
        demand: { kg: 120, pallets: 1 },
        skills: ['cold_chain', 'cold_chain'],
        priority: 50,
      }),
    );
    expect(a).toMatchObject({
      date: DATE,
      reference: 'SO-1',
      kind: 'delivery',
      serviceMin: 10,
      // Sorted, as minutes after midnight.
      timeWindows: [
        { from: 480, to: 600 },
        { from: 780, to: 960 },
      ],
      demand: { kg: 120, pallets: 1 },
      skills: ['cold_chain'],
      pairedOrderId: null,
    });
    const b = await ok(
      'routes.createOrder',
      order('SO-2', 57.79, 14.2, { kind: 'pickup', pairedOrderId: a.id }),
    );
    expect(b.pairedOrderId).toBe(a.id);
    const list = await ok('routes.listOrders', { date: DATE });
    expect(list.map((o: { reference: string }) => o.reference)).toEqual(['SO-1', 'SO-2']);
    expect(list[0].pairedOrderId).toBe(b.id);
    expect(await ok('routes.listOrders', { date: '2026-11-24' })).toEqual([]);

    const moved = await ok('routes.updateOrder', { id: a.id, serviceMin: 25, date: '2026-11-24' });
    expect(moved).toMatchObject({ serviceMin: 25, date: '2026-11-24', pairedOrderId: null });
    // Moving to another day breaks the pair on both sides.
    expect((await ok('routes.listOrders', { date: DATE }))[0].pairedOrderId).toBeNull();
    await ok('routes.deleteOrder', { id: b.id });
    expect(await ok('routes.listOrders', { date: DATE })).toEqual([]);

    const audit = await ok('audit.list', { limit: 10 });
    expect(audit.map((m: { name: string }) => m.name)).toEqual([
      'routes.deleteOrder',
      'routes.updateOrder',
      'routes.createOrder',
      'routes.createOrder',
    ]);
    expect(changed).toContainEqual([DATE, '2026-11-24']);
  });

  it('refuses bad orders with clear errors and stores nothing', async () => {
    const core = await start();
    const { ok, fail } = api(core);
    await ok('routes.createOrder', order('SO-1', 57.78, 14.16));
    expect(await fail('routes.createOrder', order('so-1', 57.7, 14.1))).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('already an order SO-1'),
    });
    expect(
      await fail('routes.createOrder', order('SO-2', 57.7, 14.1, { demand: { crates: 3 } })),
    ).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('undeclared dimension crates'),
    });
    expect(
      await fail(
        'routes.createOrder',
        order('SO-3', 57.7, 14.1, { timeWindows: [{ from: '16:00', to: '09:00' }] }),
      ),
    ).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('end after it starts') });
    expect(await fail('routes.createOrder', order('SO-4', 0, 0))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('failed address lookup'),
    });
    expect((await fail('routes.createOrder', order('SO-5', 91, 14))).code).toBe('invalid_input');
    expect((await fail('routes.createOrder', { ...order('SO-6', 57, 14), demand: { kg: -1 } })).code).toBe(
      'invalid_input',
    );
    expect((await fail('routes.createOrder', { ...order('SO-7', 57, 14), date: '2026-13-01x' })).code).toBe(
      'invalid_input',
    );
    // Pairing two deliveries makes no sense.
    const other = await ok('routes.createOrder', order('SO-8', 57.7, 14.1));
    expect(
      await fail('routes.createOrder', order('SO-9', 57.7, 14.1, { pairedOrderId: other.id })),
    ).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('both deliveries'),
    });
    expect((await fail('routes.updateOrder', { id: 'missing', serviceMin: 3 })).code).toBe('not_found');
    expect(
      (await ok('routes.listOrders', { date: DATE })).map((o: { reference: string }) => o.reference),
    ).toEqual(['SO-1', 'SO-8']);
  });

  it('lets only planners change orders', async () => {
    const core = await start({ role: 'operator' });
    const { fail, ok } = api(core);
    expect((await fail('routes.createOrder', order('SO-1', 57.78, 14.16))).code).toBe('forbidden');
    expect(await ok('routes.listOrders', { date: DATE })).toEqual([]);
  });
});
