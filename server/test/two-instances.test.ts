import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { PokeMessage } from '@shared/contract';
import { atMinuteOfDay } from '@shared/domain/time';
import { useSyncServer } from './fixture';

const f = useSyncServer({ instances: 2 });
const at = (hhmm: number) => atMinuteOfDay('2031-06-10', hhmm, 'Europe/Stockholm');

const booking = (doorId: string, startAt: number) => ({
  resultId: randomUUID(),
  carrierId: randomUUID(),
  doorId,
  carrierName: 'Bring',
  reference: `R-${randomUUID().slice(0, 8)}`,
  startAt,
  durationMin: 60,
  loadType: 'palletized',
  pallets: 2,
  notes: '',
});

describe('two server instances on one database', () => {
  it('racing bookings of one slot: exactly one is applied, every other is refused, never a double booking', async () => {
    const stations = await Promise.all([0, 1, 0, 1, 0, 1].map((server) => f.station('operator', server)));
    const results = await Promise.all(
      stations.map((s, i) => s.push([s.mutation('dock.bookAppointment', booking(f.doors[6]!.id, at(8 * 60 + (i % 2) * 30)))])),
    );
    const applied = results.filter((r) => r.body.rejections.length === 0);
    expect(applied).toHaveLength(1);
    for (const r of results.filter((x) => x.body.rejections.length > 0))
      expect(r.body.rejections[0]).toMatchObject({ code: 'conflict' });
    const rows = (await stations[0]!.pull(0)).body.rows.filter(
      (r) => r.entity === 'appointment' && (r.data as { doorId: string }).doorId === f.doors[6]!.id,
    );
    expect(rows).toHaveLength(1);
  });

  it('the exclusion constraint itself refuses an overlapping row, even from two raw transactions at once', async () => {
    const connect = async () => {
      const c = new pg.Client({ connectionString: f.databaseUrl, options: '-c role=loadstar_app' });
      await c.connect();
      await c.query('BEGIN');
      await c.query(`SET LOCAL app.tenant_id = '${f.tenant.id}'`);
      return c;
    };
    const insert = (c: pg.Client, start: number) =>
      c.query(
        `INSERT INTO entities (tenant_id, entity, id, version, data) VALUES (current_tenant(), 'appointment', $1, 0, $2)`,
        [
          randomUUID(),
          { ...booking(f.doors[7]!.id, start), endAt: start + 3_600_000, status: 'booked', carrierId: randomUUID() },
        ],
      );
    const [c1, c2] = await Promise.all([connect(), connect()]);
    try {
      await insert(c1, at(9 * 60));
      // Waits for c1's outcome. The refusal may arrive while COMMIT is still being
      // awaited, so it is caught at once rather than left as an unhandled rejection.
      const second = insert(c2, at(9 * 60 + 30)).then(
        () => null,
        (e: unknown) => e,
      );
      await c1.query('COMMIT');
      expect(await second).toMatchObject({ code: '23P01' });
      await c2.query('ROLLBACK');
    } finally {
      await c1.end();
      await c2.end();
    }
  });

  it('a change through one instance pokes a workstation listening on the other (LISTEN/NOTIFY)', async () => {
    const listener = await f.station('viewer', 1);
    const writer = await f.station('operator', 0);
    const ws = new WebSocket(`${f.servers[1]!.url.replace('http', 'ws')}/v1/poke`, {
      headers: { authorization: `Bearer ${listener.token}` },
    });
    const messages: PokeMessage[] = [];
    const first = new Promise<void>((resolve) => ws.once('message', () => resolve()));
    ws.on('message', (d) => messages.push(JSON.parse(String(d)) as PokeMessage));
    await first;
    const startVersion = messages[0]!.version;
    const poked = new Promise<PokeMessage>((resolve) =>
      ws.on('message', (d) => {
        const m = JSON.parse(String(d)) as PokeMessage;
        if (m.version > startVersion) resolve(m);
      }),
    );
    const pushed = await writer.push([writer.mutation('dock.bookAppointment', booking(f.doors[8]!.id, at(10 * 60)))]);
    expect(pushed.body.rejections).toEqual([]);
    const poke = await poked;
    expect(poke.type).toBe('poke');
    const pulled = await listener.pull(startVersion);
    expect(pulled.body.rows.some((r) => r.entity === 'appointment')).toBe(true);
    ws.close();
  });

  it('closes a poke socket without a valid device token', async () => {
    const ws = new WebSocket(`${f.servers[0]!.url.replace('http', 'ws')}/v1/poke`, { headers: { authorization: 'Bearer nope' } });
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    expect(code).toBe(4401);
  });
});
